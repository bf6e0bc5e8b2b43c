// The SSO lifecycle through the portal's HTTP surface, with SAML responses signed in the test:
// save the configuration in the IdP and SSO section, Test SSO, enable, SP- and IdP-initiated
// login, and refusals (error page + reason + audit event, no session).
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestKeyPair, type TestKeyPair } from '../../lib/index.ts';
import type { EmbeddedPortal, ProvisionedAccount } from '../driverEmbedded.ts';
import { samlResponseXml, toBase64, type SamlResponseOptions } from '../sso/testing/samlResponseFixture.ts';
import { TestBrowser } from '../testing/testBrowser.ts';
import { STANDARD_ACCOUNT, startTestPortal } from '../testing/testPortal.ts';

const IDP_ENTITY_ID = 'https://sts.windows.net/0b0c5f4a-1111-4222-8333-944445555666/';
const IDP_SSO_URL = 'https://login.microsoftonline.com/0b0c5f4a-1111-4222-8333-944445555666/saml2';

let target: EmbeddedPortal;
let idpKey: TestKeyPair;

beforeAll(async () => {
  target = await startTestPortal();
  idpKey = generateTestKeyPair({ commonName: 'Entra signing (TEST ONLY)' });
});

afterAll(async () => {
  await target.close();
});

async function adminOf(account: ProvisionedAccount): Promise<TestBrowser> {
  const browser = new TestBrowser(target.url);
  await browser.submit('/login/password', '/login/password', {
    email: 'ada@contoso.example',
    password: 'admin-password-1',
    account: String(account.accountId),
  });
  return browser;
}

function ssoForm(fields: Record<string, string>): FormData {
  const form = new FormData();
  const defaults = {
    protocol: 'saml',
    vendor: 'entra',
    allowedClockSkewSeconds: '120',
    metadataSource: 'manual',
    idpEntityId: IDP_ENTITY_ID,
    idpSsoUrl: IDP_SSO_URL,
    idpCertificate: idpKey.certificatePem,
    requireSignedAssertion: 'on',
  };
  for (const [name, value] of Object.entries({ ...defaults, ...fields })) form.set(name, value);
  return form;
}

async function configuredAccount(
  name: string,
  fields: Record<string, string> = {},
): Promise<{ account: ProvisionedAccount; admin: TestBrowser }> {
  const account = await target.createAccount({ ...STANDARD_ACCOUNT, name });
  const admin = await adminOf(account);
  const saved = await admin.submit('/account', '/account/sso', ssoForm(fields));
  expect(saved.headers.get('location')).toBe('/account?notice=sso-saved#idp-links');
  return { account, admin };
}

/** The AuthnRequest ID of a redirect to the IdP (HTTP-Redirect binding: deflate + base64). */
function requestIdOf(location: string | null): string {
  const request = new URL(location ?? '').searchParams.get('SAMLRequest') ?? '';
  const xml = inflateRawSync(Buffer.from(request, 'base64')).toString('utf8');
  return /\sID="([^"]+)"/.exec(xml)?.[1] ?? '';
}

function responseFor(account: ProvisionedAccount, overrides: Partial<SamlResponseOptions>): string {
  return toBase64(
    samlResponseXml({
      signer: idpKey,
      now: new Date(),
      issuer: IDP_ENTITY_ID,
      audience: account.urls.sp.entityId,
      destination: account.urls.sp.acsUrl,
      recipient: account.urls.sp.acsUrl,
      nameId: 'ada@contoso.example',
      ...overrides,
    }),
  );
}

async function enable(admin: TestBrowser): Promise<void> {
  const confirm = await admin.submit('/account', '/account/sso/enable', {});
  expect(confirm.status).toBe(200);
  expect((await admin.submit('/account', '/account/sso/enable', { confirm: 'yes' })).status).toBe(303);
}

describe('IdP and SSO section', () => {
  it('shows the SP values to register at the IdP before the first save, in generic words', async () => {
    const account = await target.createAccount({ ...STANDARD_ACCOUNT, name: 'Before save' });
    const admin = await adminOf(account);
    const page = await (await admin.get('/account')).text();
    expect(page).toContain('<h3 id="idp-links">Values to register at your IdP</h3>');
    for (const value of [account.urls.sp.entityId, account.urls.sp.acsUrl, account.urls.sp.oidcRedirectUri])
      expect(page).toContain(`value="${value}"`);
  });

  it('shows the links for the vendor after saving, and keeps the old configuration when a save fails', async () => {
    const { account, admin } = await configuredAccount('Links');
    const page = await (await admin.get('/account')).text();
    expect(page).toContain(
      `<label for="idp-link-0">Identifier (Entity ID)</label>\n<input id="idp-link-0" name="idp-link-0" type="text" value="${account.urls.sp.entityId}"`,
    );
    expect(page).toContain(`value="${account.urls.sp.acsUrl}"`);
    const failed = await admin.submit('/account', '/account/sso', ssoForm({ idpSsoUrl: 'not a url', allowedClockSkewSeconds: '9999' }));
    expect(failed.status).toBe(422);
    const errorPage = await failed.text();
    expect(errorPage).toContain('The configuration was not saved (the saved configuration is unchanged):');
    expect(errorPage).toMatch(
      /<input id="idpSsoUrl" name="idpSsoUrl" type="url" value="not a url" aria-describedby="idpSsoUrl-error" aria-invalid="true">/,
    );
    expect(target.portal.db.ssoConfigs.current(account.accountId)?.version).toBe(1);
  });

  it('warns before enabling a configuration that never passed Test SSO', async () => {
    const { admin } = await configuredAccount('Warn');
    const confirm = await (await admin.submit('/account', '/account/sso/enable', {})).text();
    expect(confirm).toContain('Configuration version 1 has never passed Test SSO.');
    expect(confirm).toContain('Enable SSO anyway</button>');
  });
});

describe('Test SSO, enable, login', () => {
  it('Test SSO logs nobody in, records the pass, and enabling then sends seats through the IdP', async () => {
    const { account, admin } = await configuredAccount('Lifecycle');
    const started = await admin.submit('/account', '/account/sso/test', {});
    expect(started.status).toBe(303);
    expect(started.headers.get('location')?.startsWith(`${IDP_SSO_URL}?SAMLRequest=`)).toBe(true);
    const tested = await admin.post(`/sso/${account.accountId}/saml/acs`, {
      SAMLResponse: responseFor(account, { inResponseTo: requestIdOf(started.headers.get('location')) }),
    });
    expect(tested.status).toBe(200);
    const result = await tested.text();
    expect(result).toContain('Test SSO passed for configuration version 1: the IdP identity matches the seat of Ada Admin.');
    expect(target.portal.db.ssoConfigs.status(account.accountId)).toMatchObject({ enabled: false, currentVersionPassed: true });

    const confirm = await (await admin.submit('/account', '/account/sso/enable', {})).text();
    expect(confirm).not.toContain('never passed Test SSO');
    await enable(admin);

    const user = new TestBrowser(target.url);
    const emailStep = await user.submit('/login', '/login', { email: 'ada@contoso.example', account: String(account.accountId) });
    expect(emailStep.headers.get('location')).toBe(`/sso/${account.accountId}/start`);
    const toIdp = await user.get(emailStep.headers.get('location') ?? '');
    const login = await user.post(`/sso/${account.accountId}/saml/acs`, {
      SAMLResponse: responseFor(account, { inResponseTo: requestIdOf(toIdp.headers.get('location')) }),
    });
    expect(login.headers.get('location')).toBe('/home');
    expect(await (await user.get('/home')).text()).toContain('with single sign-on.');
    expect(target.portal.db.audit.listByAccount(account.accountId)[0]).toMatchObject({ action: 'sso.login.succeeded' });
  });

  it.each([
    ['an assertion for another SP', { audience: 'https://other-sp.example/metadata' }, 'saml-audience-mismatch'],
    ['an email without a seat', { nameId: 'nobody@contoso.example' }, 'no-seat-for-email'],
  ])('refuses %s: error page with the reason, audit event, no session', async (_case, overrides, reason) => {
    const { account, admin } = await configuredAccount(`Refuse ${reason}`);
    await enable(admin);
    const user = new TestBrowser(target.url);
    const toIdp = await user.get(`/sso/${account.accountId}/start`);
    const refused = await user.post(`/sso/${account.accountId}/saml/acs`, {
      SAMLResponse: responseFor(account, { inResponseTo: requestIdOf(toIdp.headers.get('location')), ...overrides }),
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-oe-reason')).toBe(reason);
    expect(await refused.text()).toContain(`<code data-reason="${reason}">${reason}</code>`);
    expect(user.cookies.has('oe_session')).toBe(false);
    expect(target.portal.db.sessions.countSeatSessions(account.accountId, Date.now())).toBe(1);
    expect(target.portal.db.audit.listByAccount(account.accountId)[0]).toMatchObject({ action: 'sso.login.refused', reason });
  });

  it('IdP-initiated login: refused unless allowed, and an off-site RelayState is never followed', async () => {
    const { account, admin } = await configuredAccount('IdP-initiated');
    await enable(admin);
    const unsolicited = await new TestBrowser(target.url).post(`/sso/${account.accountId}/saml/acs`, {
      SAMLResponse: responseFor(account, {}),
    });
    expect(unsolicited.headers.get('x-oe-reason')).toBe('saml-unsolicited-not-allowed');

    await admin.submit('/account', '/account/sso', ssoForm({ allowIdpInitiated: 'on' }));
    const allowed = await new TestBrowser(target.url).post(`/sso/${account.accountId}/saml/acs`, {
      SAMLResponse: responseFor(account, {}),
      RelayState: 'https://evil.example/phish',
    });
    expect(allowed.headers.get('location')).toBe('/home');
  });

  it('refuses a post without SAMLResponse, and SAML for an account without SSO', async () => {
    const account = await target.createAccount({ ...STANDARD_ACCOUNT, name: 'No SSO' });
    const browser = new TestBrowser(target.url);
    const empty = await browser.post(`/sso/${account.accountId}/saml/acs`, { RelayState: '/home' });
    expect([empty.status, empty.headers.get('x-oe-reason')]).toEqual([400, 'saml-malformed']);
    const notConfigured = await browser.post(`/sso/${account.accountId}/saml/acs`, { SAMLResponse: 'PHg+' });
    expect([notConfigured.status, notConfigured.headers.get('x-oe-reason')]).toEqual([403, 'sso-not-configured']);
    expect((await browser.get(`/sso/999999/start`)).status).toBe(404);
  });

  it('refuses garbage instead of a SAMLResponse with saml-malformed, not an error 500', async () => {
    const { account, admin } = await configuredAccount('Garbage');
    await enable(admin);
    const user = new TestBrowser(target.url);
    await user.get(`/sso/${account.accountId}/start`);
    const refused = await user.post(`/sso/${account.accountId}/saml/acs`, { SAMLResponse: '%%% not base64 <xml' });
    expect(refused.status).toBeLessThan(500);
    expect(refused.headers.get('x-oe-reason')).toBe('saml-malformed');
  });

  it('a native app login goes through SSO when the account has it enabled, and returns to the app', async () => {
    const { account, admin } = await configuredAccount('Native through SSO');
    await enable(admin);
    const browser = new TestBrowser(target.url);
    const authorize = `/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: 'oe-desktop', redirect_uri: 'http://127.0.0.1:50505/cb', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', state: 's' }).toString()}`;
    const resume = (await browser.get(authorize)).headers.get('location') ?? '';
    const toLogin = (await browser.get(resume)).headers.get('location') ?? '';
    const emailStep = await browser.submit(toLogin, '/login', {
      email: 'uma@contoso.example',
      account: String(account.accountId),
      return_to: resume,
    });
    const toIdp = await browser.get(emailStep.headers.get('location') ?? '');
    const acs = await browser.post(`/sso/${account.accountId}/saml/acs`, {
      SAMLResponse: responseFor(account, { nameId: 'uma@contoso.example', inResponseTo: requestIdOf(toIdp.headers.get('location')) }),
    });
    expect(acs.headers.get('location')).toBe(resume);
    const toApp = new URL((await browser.get(resume)).headers.get('location') ?? '');
    expect(`${toApp.origin}${toApp.pathname}`).toBe('http://127.0.0.1:50505/cb');
    expect(toApp.searchParams.get('code')).toMatch(/^[\w-]{43}$/);
  });

  it('serves the SP metadata at the entity ID', async () => {
    const { account } = await configuredAccount('Metadata');
    const response = await fetch(account.urls.sp.metadataUrl);
    expect(response.headers.get('content-type')).toBe('application/samlmetadata+xml; charset=utf-8');
    const xml = await response.text();
    expect(xml).toContain(`entityID="${account.urls.sp.entityId}"`);
    expect(xml).toContain(`Location="${account.urls.sp.acsUrl}"`);
  });
});
