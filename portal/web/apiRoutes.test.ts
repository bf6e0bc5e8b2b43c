// The JSON exports of an account are read by its own admins (and support with a grant, and the
// harness) only; api-account-unchecked lets an admin of any account read them.
import { afterEach, describe, expect, it } from 'vitest';
import type { EmbeddedPortal } from '../driverEmbedded.ts';
import { TestBrowser } from '../testing/testBrowser.ts';
import { STANDARD_ACCOUNT, startTestPortal } from '../testing/testPortal.ts';

let target: EmbeddedPortal | undefined;

afterEach(async () => {
  await target?.close();
  target = undefined;
});

/** Status of A's admin reading A's and B's audit log export, and A's user reading A's. */
async function statuses(defects: readonly string[]): Promise<{ own: number; other: number; user: number }> {
  target = await startTestPortal({ defects });
  const a = await target.createAccount(STANDARD_ACCOUNT);
  const b = await target.createAccount({
    name: 'Fabrikam',
    ssoDomains: ['fabrikam.example'],
    seats: [{ name: 'Bo', email: 'bo@fabrikam.example', role: 'admin', password: 'admin-password-2' }],
  });
  const admin = new TestBrowser(target.url);
  await admin.loginWithPassword('ada@contoso.example', 'admin-password-1');
  const user = new TestBrowser(target.url);
  await user.loginWithPassword('uma@contoso.example', 'user-password-1');
  return {
    own: (await admin.get(`/api/accounts/${a.accountId}/audit-log`)).status,
    other: (await admin.get(`/api/accounts/${b.accountId}/audit-log`)).status,
    user: (await user.get(`/api/accounts/${a.accountId}/audit-log`)).status,
  };
}

describe('the audit log export of an account', () => {
  it('is read by an admin of that account only', async () => {
    expect(await statuses([])).toEqual({ own: 200, other: 403, user: 403 });
  });

  it('api-account-unchecked: an admin of another account reads it; a user seat still does not', async () => {
    expect(await statuses(['api-account-unchecked'])).toEqual({ own: 200, other: 200, user: 403 });
  });
});
