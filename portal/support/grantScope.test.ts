// A support grant opens one account: what support's grant on account A does on account B, in the
// correct portal and with the two defect switches of the rule (the page and the SSO-off action).
import { afterEach, describe, expect, it } from 'vitest';
import type { EmbeddedPortal } from '../driverEmbedded.ts';
import type { SamlSettings } from '../sso/contract.ts';
import { TestBrowser, csrfTokenOf } from '../testing/testBrowser.ts';
import { STANDARD_ACCOUNT, startTestPortal } from '../testing/testPortal.ts';

const SAML: SamlSettings = {
  protocol: 'saml',
  vendor: 'okta',
  idpEntityId: 'http://www.okta.com/exk1',
  idpSsoUrl: 'http://127.0.0.1:9/sso',
  idpCertificates: ['PEM'],
  requireSignedResponse: true,
  requireSignedAssertion: true,
  allowedClockSkewSeconds: 120,
  allowIdpInitiated: false,
  warnings: [],
};

let target: EmbeddedPortal | undefined;

afterEach(async () => {
  await target?.close();
  target = undefined;
});

/** Support holds a grant on A; B has SSO on. Answers B's page and the SSO-off post for B with support's own token. */
async function grantOnAThenB(defects: readonly string[] = []): Promise<{ pageShowsB: boolean; offStatus: number; bEnabled: boolean }> {
  target = await startTestPortal({ defects });
  await target.createSupportStaff({ name: 'Sam Support', email: 'sam@ooma.example', password: 'support-password-1' });
  const a = await target.createAccount({ ...STANDARD_ACCOUNT, name: 'Account A' });
  const b = await target.createAccount({
    ...STANDARD_ACCOUNT,
    name: 'Account B',
    seats: STANDARD_ACCOUNT.seats.map((seat) => ({ ...seat, email: seat.email.replace('contoso', 'fabrikam') })),
    ssoDomains: ['fabrikam.example'],
  });
  target.portal.db.ssoConfigs.save(b.accountId, SAML, 'Ada Admin', Date.now());
  target.portal.db.ssoConfigs.setEnabled(b.accountId, true);
  const support = new TestBrowser(target.url);
  await support.submit('/support', '/support/login', { email: 'sam@ooma.example', password: 'support-password-1' });
  await support.submit(`/support/accounts/${a.accountId}`, `/support/accounts/${a.accountId}/access`, {
    ticket: 'OE-1',
    reason: 'Customer locked out after enabling SSO',
  });
  // One token per support session, on every form of it (the log-out form is on every page).
  const token = csrfTokenOf(await (await support.get(`/support/accounts/${a.accountId}`)).text(), '/support/logout');
  const pageOfB = await (await support.get(`/support/accounts/${b.accountId}`)).text();
  const off = await support.post(`/support/accounts/${b.accountId}/sso/disable`, { _csrf: token });
  return {
    pageShowsB: pageOfB.includes('SSO email domains: fabrikam.example'),
    offStatus: off.status,
    bEnabled: target.portal.db.ssoConfigs.isEnabled(b.accountId),
  };
}

describe('a support grant on one account', () => {
  it('opens nothing of another: its page asks for a ticket, its SSO stays on', async () => {
    expect(await grantOnAThenB()).toEqual({ pageShowsB: false, offStatus: 403, bEnabled: true });
  });

  // One portal per test (each hashes seven passwords): two in one test ran past the timeout on a loaded machine.
  it("support-grant-any-account opens the other account's page and action", async () => {
    expect(await grantOnAThenB(['support-grant-any-account'])).toEqual({ pageShowsB: true, offStatus: 303, bEnabled: false });
  });

  it('support-action-grant-any-account opens its action only', async () => {
    expect(await grantOnAThenB(['support-action-grant-any-account'])).toEqual({ pageShowsB: false, offStatus: 303, bEnabled: false });
  });
});
