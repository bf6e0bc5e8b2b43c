// OIDC in the IdP and SSO section (secret never rendered back, kept when left empty, Test SSO
// through the callback) and the seat email audit (IdP export upload, JSON, enable warnings).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedPortal, ProvisionedAccount } from '../driverEmbedded.ts';
import { clearDiscoveryCache } from '../sso/oidcDiscovery.ts';
import { startTestOidcProvider, type TestOidcProvider } from '../sso/testing/oidcProviderFixture.ts';
import { TestBrowser } from '../testing/testBrowser.ts';
import { STANDARD_ACCOUNT, startTestPortal } from '../testing/testPortal.ts';

let target: EmbeddedPortal;
let idp: TestOidcProvider;

beforeAll(async () => {
  target = await startTestPortal();
  idp = await startTestOidcProvider({ now: new Date() });
  idp.claims = { email: 'ada@contoso.example' };
});

afterAll(async () => {
  await idp.close();
  await target.close();
});

async function admin(
  name: string,
  seats:
    | typeof STANDARD_ACCOUNT.seats
    | readonly { name: string; email: string; role: 'admin' | 'user'; password?: string }[] = STANDARD_ACCOUNT.seats,
): Promise<{ account: ProvisionedAccount; browser: TestBrowser }> {
  const account = await target.createAccount({ name, ssoDomains: ['contoso.example'], seats });
  const browser = new TestBrowser(target.url);
  await browser.submit('/login/password', '/login/password', {
    email: 'ada@contoso.example',
    password: 'admin-password-1',
    account: String(account.accountId),
  });
  return { account, browser };
}

function oidcForm(fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  const values = {
    protocol: 'oidc',
    vendor: 'okta',
    allowedClockSkewSeconds: '120',
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    scopes: 'openid email profile',
    ...fields,
  };
  for (const [name, value] of Object.entries(values)) form.set(name, value);
  return form;
}

describe('OIDC configuration', () => {
  it('never renders the client secret back, and keeps it when the field is left empty', async () => {
    const { account, browser } = await admin('OIDC secret');
    expect((await browser.submit('/account', '/account/sso', oidcForm())).status).toBe(303);
    const page = await (await browser.get('/account')).text();
    expect(page).not.toContain(idp.clientSecret);
    expect(page).toContain('<p class="hint" id="clientSecret-hint">saved — enter a new one to replace it</p>');
    expect(page).toContain('<label for="idp-link-0">Sign-in redirect URIs</label>');
    expect((await browser.submit('/account', '/account/sso', oidcForm({ clientSecret: '', scopes: 'openid email' }))).status).toBe(303);
    const settings = target.portal.db.ssoConfigs.current(account.accountId)?.settings;
    expect(settings?.protocol === 'oidc' && [settings.clientSecret, settings.scopes]).toEqual([idp.clientSecret, 'openid email']);
    const audit = JSON.stringify(target.portal.db.audit.listByAccount(account.accountId));
    expect(audit).not.toContain(idp.clientSecret);
  });

  it('Test SSO runs code + PKCE through the callback and shows the identity received', async () => {
    const { account, browser } = await admin('OIDC test');
    await browser.submit('/account', '/account/sso', oidcForm());
    const started = await browser.submit('/account', '/account/sso/test', {});
    const callback = idp.authorize(started.headers.get('location') ?? '');
    expect(idp.lastAuthorize?.params.get('code_challenge_method')).toBe('S256');
    expect(`${callback.origin}${callback.pathname}`).toBe(account.urls.sp.oidcRedirectUri);
    const result = await browser.get(`${callback.pathname}${callback.search}`);
    const page = await result.text();
    expect(page).toContain('Test SSO passed for configuration version 1: the IdP identity matches the seat of Ada Admin.');
    expect(page).toContain('<tr><th scope="row">Email</th><td>ada@contoso.example</td></tr>');
    expect(target.portal.db.ssoConfigs.status(account.accountId).currentVersionPassed).toBe(true);
  });

  it('refuses to start a login when the IdP cannot be reached, with the reason code (oidc-idp-unreachable) and an audit event', async () => {
    const gone = await startTestOidcProvider({ now: new Date() });
    const { account, browser } = await admin('OIDC IdP gone');
    expect(
      (
        await browser.submit(
          '/account',
          '/account/sso',
          oidcForm({ issuer: gone.issuer, clientId: gone.clientId, clientSecret: gone.clientSecret }),
        )
      ).status,
    ).toBe(303);
    await gone.close();
    clearDiscoveryCache();
    const started = await browser.submit('/account', '/account/sso/test', {});
    expect([started.status, started.headers.get('x-oe-reason')]).toEqual([502, 'oidc-idp-unreachable']);
    const page = await started.text();
    expect(page).toContain('<code data-reason="oidc-idp-unreachable">oidc-idp-unreachable</code>');
    expect(page).toContain(gone.issuer);
    const event = target.portal.db.audit.listByAccount(account.accountId).find((entry) => entry.action === 'sso.test.failed');
    expect([event?.reason, event?.actor.kind]).toEqual(['oidc-idp-unreachable', 'system']);
  });

  it('refuses a callback that no login of this browser started (oidc-state-mismatch)', async () => {
    const { account, browser } = await admin('OIDC state');
    await browser.submit('/account', '/account/sso', oidcForm());
    const stranger = await new TestBrowser(target.url).get(`/sso/${account.accountId}/oidc/callback?code=x&state=y`);
    expect([stranger.status, stranger.headers.get('x-oe-reason')]).toEqual([403, 'oidc-state-mismatch']);
  });

  it('shows the issuer error next to the field when discovery fails, and saves nothing', async () => {
    const { account, browser } = await admin('OIDC bad issuer');
    const response = await browser.submit('/account', '/account/sso', oidcForm({ issuer: `${idp.issuer}/wrong-tenant` }));
    expect(response.status).toBe(422);
    expect(await response.text()).toMatch(/<p class="field-error" id="issuer-error">[^<]+<\/p>/);
    expect(target.portal.db.ssoConfigs.current(account.accountId)).toBeUndefined();
  });
});

describe('seat email audit', () => {
  const seats = [
    { name: 'Ada Admin', email: 'ada@contoso.example', role: 'admin', password: 'admin-password-1' },
    { name: 'Out of domain', email: 'odd@elsewhere.example', role: 'user' },
  ] as const;

  it('reports findings on the page and as JSON, reads the IdP export, and warns before enabling', async () => {
    const { account, browser } = await admin('Audit', seats);
    const upload = new FormData();
    upload.set(
      'idpUsersFile',
      new File(['Email,Display name\nada@contoso.example,Ada\nnew@contoso.example,New\n'], 'users.csv', { type: 'text/csv' }),
    );
    expect((await browser.submit('/account', '/account/sso/idp-users', upload)).headers.get('location')).toBe(
      '/account?notice=idp-users-saved#seat-audit',
    );

    const json = (await (await browser.get(`/api/accounts/${account.accountId}/seat-audit`)).json()) as {
      blocking: number;
      findings: { kind: string; email: string }[];
    };
    expect(json.findings.map((f) => [f.kind, f.email])).toEqual([
      ['domain-not-sso', 'odd@elsewhere.example'],
      ['missing-from-idp', 'odd@elsewhere.example'],
      ['idp-user-without-seat', 'new@contoso.example'],
    ]);
    expect(json.blocking).toBe(2);
    expect(await (await browser.get('/account')).text()).toContain('3 problems found, 2 blocking.');

    await browser.submit('/account', '/account/sso', oidcForm());
    const confirm = await (await browser.submit('/account', '/account/sso/enable', {})).text();
    expect(confirm).toContain('<li>Seat email audit: odd@elsewhere.example: ');
  });

  it('says what is wrong with an IdP export that has no email column, and keeps the previous one', async () => {
    const { account, browser } = await admin('Audit bad export', seats);
    const upload = new FormData();
    upload.set('idpUsersFile', new File(['Name,Team\nAda,Ops\n'], 'users.csv', { type: 'text/csv' }));
    const response = await browser.submit('/account', '/account/sso/idp-users', upload);
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('No email column in the user export');
    expect(target.portal.db.idpUsers.get(account.accountId)).toBeUndefined();
  });

  it('the JSON needs an admin of the account', async () => {
    const { account } = await admin('Audit access', seats);
    const anonymous = await fetch(`${target.url}/api/accounts/${account.accountId}/seat-audit`);
    expect(anonymous.status).toBe(401);
    const { browser: otherAdmin } = await admin('Other account');
    expect((await otherAdmin.get(`/api/accounts/${account.accountId}/seat-audit`)).status).toBe(403);
  });
});
