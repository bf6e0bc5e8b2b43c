// The guards of the account actions — the anti-forgery token and the admin role — and what the
// reference portal's defect switches for them let through, on the SSO disable action.
import { afterEach, describe, expect, it } from 'vitest';
import type { EmbeddedPortal } from '../driverEmbedded.ts';
import { TestBrowser, csrfTokenOf } from '../testing/testBrowser.ts';
import { STANDARD_ACCOUNT, startTestPortal } from '../testing/testPortal.ts';

const DISABLE = '/account/sso/disable';
let target: EmbeddedPortal | undefined;

afterEach(async () => {
  await target?.close();
  target = undefined;
});

/** A portal with these switches, an admin and a user logged in, and each one's token for its own forms. */
async function loggedIn(defects: readonly string[] = []) {
  target = await startTestPortal({ defects });
  await target.createAccount(STANDARD_ACCOUNT);
  const admin = new TestBrowser(target.url);
  await admin.loginWithPassword('ada@contoso.example', 'admin-password-1');
  const user = new TestBrowser(target.url);
  await user.loginWithPassword('uma@contoso.example', 'user-password-1');
  // One token per session, on every form of it (the log-out form is on every page).
  const adminToken = csrfTokenOf(await (await admin.get('/account')).text(), '/logout');
  const userToken = csrfTokenOf(await (await user.get('/home')).text(), '/logout');
  const other = new TestBrowser(target.url);
  await other.loginWithPassword('ada@contoso.example', 'admin-password-1');
  const otherSessionToken = csrfTokenOf(await (await other.get('/account')).text(), '/logout');
  return { admin, user, adminToken, userToken, otherSessionToken };
}

describe('the SSO disable action', () => {
  it("takes the admin's post with this session's token only", async () => {
    const { admin, adminToken, otherSessionToken } = await loggedIn();
    expect((await admin.post(DISABLE, {})).status).toBe(403);
    expect((await admin.post(DISABLE, { _csrf: '' })).status).toBe(403);
    expect((await admin.post(DISABLE, { _csrf: otherSessionToken })).status).toBe(403);
    expect((await admin.post(DISABLE, { _csrf: adminToken })).status).toBe(303);
  });

  it('refuses a user seat, even with a valid token of its own session', async () => {
    const { user, userToken } = await loggedIn();
    expect((await user.post(DISABLE, { _csrf: userToken })).status).toBe(403);
  });

  it("csrf-skip takes any post; csrf-when-present one without the field; csrf-token-format-only another session's token", async () => {
    expect((await (await loggedIn(['csrf-skip'])).admin.post(DISABLE, { _csrf: 'x' })).status).toBe(303);
    await target?.close();
    const whenPresent = await loggedIn(['csrf-when-present']);
    expect((await whenPresent.admin.post(DISABLE, {})).status).toBe(303);
    expect((await whenPresent.admin.post(DISABLE, { _csrf: whenPresent.otherSessionToken })).status).toBe(403);
    await target?.close();
    const formatOnly = await loggedIn(['csrf-token-format-only']);
    expect((await formatOnly.admin.post(DISABLE, { _csrf: formatOnly.otherSessionToken })).status).toBe(303);
    expect((await formatOnly.admin.post(DISABLE, {})).status).toBe(403);
  });

  it('admin-role-unchecked and sso-switch-role-unchecked let the user seat post it; only the first opens the settings page', async () => {
    const off = await loggedIn(['admin-role-unchecked']);
    expect((await off.user.post(DISABLE, { _csrf: off.userToken })).status).toBe(303);
    expect((await off.user.get('/account')).status).toBe(200);
    await target?.close();
    const partial = await loggedIn(['sso-switch-role-unchecked']);
    expect((await partial.user.post(DISABLE, { _csrf: partial.userToken })).status).toBe(303);
    expect((await partial.user.get('/account')).status).toBe(403);
  });
});

describe('partial anti-forgery: one route, or one console, without the check', () => {
  it('csrf-skip-settings-save: the settings save takes a post without a token (it gets to validation); Disable still refuses one', async () => {
    const correct = await loggedIn();
    expect((await correct.admin.post('/account/sso', {})).status).toBe(403);
    await target?.close();
    const { admin } = await loggedIn(['csrf-skip-settings-save']);
    expect((await admin.post('/account/sso', {})).status).toBe(422);
    expect((await admin.post(DISABLE, {})).status).toBe(403);
  });

  it("csrf-skip-support-console: support's access request goes through without a token; the seats' actions still refuse one", async () => {
    for (const [defects, status] of [
      [[], 403],
      [['csrf-skip-support-console'], 303],
    ] as const) {
      const { admin } = await loggedIn(defects);
      await target?.createSupportStaff({ name: 'Sam Support', email: 'sam@ooma.example', password: 'support-password-1' });
      const support = new TestBrowser(target?.url ?? '');
      await support.submit('/support', '/support/login', { email: 'sam@ooma.example', password: 'support-password-1' });
      expect((await support.post('/support/accounts/1/access', { ticket: 'OE-1', reason: 'Customer locked out' })).status).toBe(status);
      expect((await admin.post(DISABLE, {})).status).toBe(403);
      await target?.close();
      target = undefined;
    }
  });
});
