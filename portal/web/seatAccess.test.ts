// A seat disabled while logged in loses its web session and its apps' tokens at once — by the
// harness's seat change as by the admin's edit — and what the two defect switches keep alive.
import { afterEach, describe, expect, it } from 'vitest';
import { sha256 } from '../auth/tokens.ts';
import type { EmbeddedPortal } from '../driverEmbedded.ts';
import { TestBrowser } from '../testing/testBrowser.ts';
import { STANDARD_ACCOUNT, startTestPortal } from '../testing/testPortal.ts';

const APP_TOKEN = 'app-access-token-of-uma-0123456789';
let target: EmbeddedPortal | undefined;

afterEach(async () => {
  await target?.close();
  target = undefined;
});

/** Uma logged in on the web and holding an app token; then her seat is disabled through the harness API. What still works? */
async function afterDisabling(defects: readonly string[]): Promise<{ patch: number; web: number; sessions: number; userinfo: number }> {
  target = await startTestPortal({ defects });
  const account = await target.createAccount(STANDARD_ACCOUNT);
  const uma = account.seats.find((seat) => seat.email === 'uma@contoso.example');
  if (!uma) throw new Error('no seat for Uma');
  const browser = new TestBrowser(target.url);
  await browser.loginWithPassword('uma@contoso.example', 'user-password-1');
  target.portal.db.native.putToken(sha256(APP_TOKEN), {
    codeHash: 'code-hash',
    clientId: 'oe-desktop',
    seatId: uma.id,
    expiresAt: Date.now() + 3_600_000,
  });
  const patch = await fetch(`${target.url}/_harness/accounts/${account.accountId}/seats/${uma.id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${target.harnessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ disabled: true }),
  });
  const state = (await (
    await fetch(`${target.url}/_harness/accounts/${account.accountId}`, { headers: { authorization: `Bearer ${target.harnessToken}` } })
  ).json()) as { seatSessions: number };
  return {
    patch: patch.status,
    web: (await browser.get('/home')).status,
    sessions: state.seatSessions,
    userinfo: (await fetch(account.urls.native.userinfo, { headers: { authorization: `Bearer ${APP_TOKEN}` } })).status,
  };
}

describe('disabling a seat through the harness API', () => {
  it('ends its web session and revokes its app token', async () => {
    expect(await afterDisabling([])).toEqual({ patch: 200, web: 303, sessions: 0, userinfo: 401 });
  });

  it('disabled-seat-app-tokens-live keeps the app token; disabled-seat-checked-at-login-only keeps both', async () => {
    expect(await afterDisabling(['disabled-seat-app-tokens-live'])).toEqual({ patch: 200, web: 303, sessions: 0, userinfo: 200 });
    await target?.close();
    target = undefined;
    expect(await afterDisabling(['disabled-seat-checked-at-login-only'])).toEqual({ patch: 200, web: 200, sessions: 1, userinfo: 200 });
  });

  it('refuses a seat of another account and a body other than { disabled }', async () => {
    target = await startTestPortal();
    const a = await target.createAccount(STANDARD_ACCOUNT);
    const b = await target.createAccount({
      name: 'B',
      ssoDomains: ['b.example'],
      seats: [{ name: 'Bo', email: 'bo@b.example', role: 'admin', password: 'admin-password-2' }],
    });
    const patch = (accountId: number, seatId: number, body: unknown) =>
      fetch(`${target?.url ?? ''}/_harness/accounts/${accountId}/seats/${seatId}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${target?.harnessToken ?? ''}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const bo = b.seats[0];
    if (!bo) throw new Error('no seat for Bo');
    expect((await patch(a.accountId, bo.id, { disabled: true })).status).toBe(404);
    expect((await patch(b.accountId, bo.id, { disabled: 'yes' })).status).toBe(400);
    expect((await patch(b.accountId, bo.id, { disabled: true, role: 'user' })).status).toBe(400);
  });
});
