// A saved client secret is write-only: the admin's IdP and SSO page and the support console's
// account page never carry it — and what the two defect switches of the rule change about that.
import { afterEach, describe, expect, it } from 'vitest';
import type { EmbeddedPortal } from '../driverEmbedded.ts';
import type { OidcSettings } from '../sso/contract.ts';
import { TestBrowser } from '../testing/testBrowser.ts';
import { STANDARD_ACCOUNT, startTestPortal } from '../testing/testPortal.ts';

const SECRET = 'test-only-client-secret-5f1d2c';
const OIDC: OidcSettings = {
  protocol: 'oidc',
  vendor: 'entra',
  issuer: 'https://login.microsoftonline.com/t/v2.0',
  clientId: 'client-1',
  clientSecret: SECRET,
  scopes: 'openid email profile',
  emailClaim: 'email',
  allowedClockSkewSeconds: 120,
  warnings: [],
};

let target: EmbeddedPortal | undefined;

afterEach(async () => {
  await target?.close();
  target = undefined;
});

/** Whether the admin's page and support's page of an account with a saved OIDC secret carry it. */
async function pagesCarrySecret(defects: readonly string[]): Promise<{ admin: boolean; support: boolean }> {
  target = await startTestPortal({ defects });
  await target.createSupportStaff({ name: 'Sam Support', email: 'sam@ooma.example', password: 'support-password-1' });
  const account = await target.createAccount(STANDARD_ACCOUNT);
  target.portal.db.ssoConfigs.save(account.accountId, OIDC, 'Ada Admin', Date.now());
  const admin = new TestBrowser(target.url);
  await admin.loginWithPassword('ada@contoso.example', 'admin-password-1');
  const support = new TestBrowser(target.url);
  await support.submit('/support', '/support/login', { email: 'sam@ooma.example', password: 'support-password-1' });
  await support.submit(`/support/accounts/${account.accountId}`, `/support/accounts/${account.accountId}/access`, {
    ticket: 'OE-1',
    reason: 'Customer asks why OIDC fails',
  });
  return {
    admin: (await (await admin.get('/account')).text()).includes(SECRET),
    support: (await (await support.get(`/support/accounts/${account.accountId}`)).text()).includes(SECRET),
  };
}

describe('a saved client secret', () => {
  it('is on no page', async () => {
    expect(await pagesCarrySecret([])).toEqual({ admin: false, support: false });
  });

  it('client-secret-shown shows it on both; client-secret-shown-to-support in the support console only', async () => {
    expect(await pagesCarrySecret(['client-secret-shown'])).toEqual({ admin: true, support: true });
    await target?.close();
    expect(await pagesCarrySecret(['client-secret-shown-to-support'])).toEqual({ admin: false, support: true });
  });
});
