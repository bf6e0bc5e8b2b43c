import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedPortal } from '../driverEmbedded.ts';
import type { SamlSettings } from '../sso/contract.ts';
import { TestBrowser, csrfTokenOf } from '../testing/testBrowser.ts';
import { STANDARD_ACCOUNT, startTestPortal } from '../testing/testPortal.ts';

const SAML: SamlSettings = {
  protocol: 'saml',
  vendor: 'entra',
  idpEntityId: 'https://sts.windows.net/t/',
  idpSsoUrl: 'http://127.0.0.1:9/saml2',
  idpCertificates: ['not a certificate'],
  requireSignedResponse: false,
  requireSignedAssertion: true,
  allowedClockSkewSeconds: 120,
  allowIdpInitiated: false,
  warnings: [],
};

let clock = Date.parse('2030-01-01T00:00:00Z');
let target: EmbeddedPortal;

beforeAll(async () => {
  target = await startTestPortal({ now: () => new Date(clock), timings: { supportGrantMs: 60_000 } });
  await target.createSupportStaff({ name: 'Sam Support', email: 'sam@ooma.example', password: 'support-password-1' });
});

afterAll(async () => {
  await target.close();
});

async function supportBrowser(): Promise<TestBrowser> {
  const browser = new TestBrowser(target.url);
  const login = await browser.submit('/support', '/support/login', { email: 'sam@ooma.example', password: 'support-password-1' });
  expect(login.headers.get('location')).toBe('/support');
  return browser;
}

describe('support console', () => {
  it('support staff log in separately: a seat session is not a support session', async () => {
    const account = await target.createAccount({ ...STANDARD_ACCOUNT, name: 'Separate' });
    const browser = new TestBrowser(target.url);
    await browser.submit('/login/password', '/login/password', {
      email: 'ada@contoso.example',
      password: 'admin-password-1',
      account: String(account.accountId),
    });
    expect(await (await browser.get('/support')).text()).toContain('<button type="submit">Log in to support</button>');
    const wrong = await browser.submit('/support', '/support/login', { email: 'ada@contoso.example', password: 'admin-password-1' });
    expect(wrong.status).toBe(401);
  });

  it('finds an account, requires a ticket and reason, and turns SSO off keeping the configuration — all in the customer audit log', async () => {
    const account = await target.createAccount({ ...STANDARD_ACCOUNT, name: 'Locked out Inc' });
    target.portal.db.ssoConfigs.save(account.accountId, SAML, 'Ada Admin', clock);
    target.portal.db.ssoConfigs.setEnabled(account.accountId, true);
    const browser = await supportBrowser();

    const search = await (await browser.get('/support?q=locked')).text();
    expect(search).toContain(`<a href="/support/accounts/${account.accountId}" aria-label="Open Locked out Inc">Open</a>`);
    const gate = await (await browser.get(`/support/accounts/${account.accountId}`)).text();
    expect(gate).toContain('<h1>Access account "Locked out Inc"</h1>');

    const noTicket = await browser.submit(`/support/accounts/${account.accountId}`, `/support/accounts/${account.accountId}/access`, {
      ticket: '',
      reason: 'Customer locked out after enabling SSO',
    });
    expect(noTicket.status).toBe(422);
    expect(await noTicket.text()).toContain('access without a ticket is not allowed.');

    await browser.submit(`/support/accounts/${account.accountId}`, `/support/accounts/${account.accountId}/access`, {
      ticket: 'OE-4711',
      reason: 'Customer locked out after enabling SSO',
    });
    const view = await (await browser.get(`/support/accounts/${account.accountId}`)).text();
    expect(view).toContain('SSO is <strong>enabled</strong>.');
    expect(view).toContain('<th scope="row">IdP entity ID</th><td>https://sts.windows.net/t/</td>');

    const off = await browser.submit(`/support/accounts/${account.accountId}`, `/support/accounts/${account.accountId}/sso/disable`, {});
    expect(off.headers.get('location')).toBe(`/support/accounts/${account.accountId}?notice=sso-disabled`);
    const status = target.portal.db.ssoConfigs.status(account.accountId);
    expect(status.enabled).toBe(false);
    expect(status.current?.settings).toEqual(SAML);

    const events = target.portal.db.audit.listByAccount(account.accountId);
    expect(events.slice(0, 2).map((e) => [e.action, e.actor.label])).toEqual([
      ['support.sso.disabled', 'Ooma support: Sam Support <sam@ooma.example> (ticket OE-4711)'],
      ['support.access.granted', 'Ooma support: Sam Support <sam@ooma.example> (ticket OE-4711)'],
    ]);

    const admin = new TestBrowser(target.url);
    await admin.submit('/login/password', '/login/password', {
      email: 'ada@contoso.example',
      password: 'admin-password-1',
      account: String(account.accountId),
    });
    const log = await (await admin.get('/account/audit-log')).text();
    expect(log).toContain(
      '<td>Ooma support: Sam Support &lt;sam@ooma.example&gt; (ticket OE-4711)</td><td><code>support.sso.disabled</code></td>',
    );
  });

  it('access expires: after the grant time the account is closed again and SSO cannot be turned off', async () => {
    const account = await target.createAccount({ ...STANDARD_ACCOUNT, name: 'Expiring' });
    target.portal.db.ssoConfigs.save(account.accountId, SAML, 'Ada Admin', clock);
    target.portal.db.ssoConfigs.setEnabled(account.accountId, true);
    const browser = await supportBrowser();
    await browser.submit(`/support/accounts/${account.accountId}`, `/support/accounts/${account.accountId}/access`, {
      ticket: 'OE-1',
      reason: 'Checking the seat email audit',
    });
    const page = await (await browser.get(`/support/accounts/${account.accountId}`)).text();
    const token = csrfTokenOf(page, `/support/accounts/${account.accountId}/sso/disable`);
    clock += 60_000;
    expect(await (await browser.get(`/support/accounts/${account.accountId}`)).text()).toContain('<h1>Access account "Expiring"</h1>');
    const refused = await browser.post(`/support/accounts/${account.accountId}/sso/disable`, { _csrf: token });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Your access to this account has expired');
    expect(target.portal.db.ssoConfigs.isEnabled(account.accountId)).toBe(true);
  });

  it('the seat-audit JSON is readable by support only with a live grant', async () => {
    const account = await target.createAccount({ ...STANDARD_ACCOUNT, name: 'Audit JSON' });
    const browser = await supportBrowser();
    expect((await browser.get(`/api/accounts/${account.accountId}/seat-audit`)).status).toBe(403);
    await browser.submit(`/support/accounts/${account.accountId}`, `/support/accounts/${account.accountId}/access`, {
      ticket: 'OE-2',
      reason: 'Verifying seat emails before enable',
    });
    const json = (await (await browser.get(`/api/accounts/${account.accountId}/seat-audit`)).json()) as {
      accountId: number;
      ssoDomains: string[];
    };
    expect(json).toMatchObject({ accountId: account.accountId, ssoDomains: ['contoso.example'] });
  });
});
