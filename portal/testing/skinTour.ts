// A tour of every page and endpoint a harness meets, driven through the portal's HTTP surface in
// the words of its skin (paths, field names, query parameters): login steps, home, account
// parameters with a saved SAML and an OIDC configuration, Test SSO passed and failed, the enable
// confirmation with and without warnings, seats, the audit log, the support console, SAML and OIDC
// refusals, the native app endpoints, the JSON APIs and the provisioning API. Every response is
// kept (status, headers, body) for the skin tests to inspect.
import { inflateRawSync } from 'node:zlib';
import type { ProvisionedAccount } from '../../lib/index.ts';
import { generateTestKeyPair, type TestKeyPair } from '../../lib/index.ts';
import type { EmbeddedPortal } from '../driverEmbedded.ts';
import { s256 } from '../native/pkce.ts';
import { skinNamed } from '../skin/index.ts';
import { pathFor, type PortalSkin, type SkinName } from '../skin/types.ts';
import { clearDiscoveryCache } from '../sso/oidcDiscovery.ts';
import { startTestOidcProvider, type TestOidcProvider } from '../sso/testing/oidcProviderFixture.ts';
import { samlResponseXml, toBase64, type SamlResponseOptions } from '../sso/testing/samlResponseFixture.ts';
import { TestBrowser } from './testBrowser.ts';
import { startTestPortal } from './testPortal.ts';

export interface Capture {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

export interface SkinTour {
  readonly skin: PortalSkin;
  readonly captures: readonly Capture[];
  /** The capture of this name (throws when the tour took no such step). */
  page(name: string): Capture;
  readonly accounts: { readonly clean: ProvisionedAccount; readonly messy: ProvisionedAccount; readonly oidc: ProvisionedAccount };
}

const IDP_ENTITY = 'https://idp.example/tenant-7';
const IDP_SSO_URL = 'http://127.0.0.1:9/idp/saml2';
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const DESKTOP_REDIRECT = 'http://127.0.0.1:53682/cb';
const STAFF = { name: 'Sam Support', email: 'sam@ooma.example', password: 'support-password-1' };
const ADMIN = { name: 'Ada Admin', email: 'ada@contoso.example', role: 'admin', password: 'admin-password-1' } as const;
const USER = { name: 'Uma User', email: 'uma@contoso.example', role: 'user', password: 'user-password-1' } as const;

/** The AuthnRequest ID of a redirect to the IdP (HTTP-Redirect binding: deflate + base64). */
function requestIdOf(location: string | null): string {
  const request = new URL(location ?? '').searchParams.get('SAMLRequest') ?? '';
  return /\sID="([^"]+)"/.exec(inflateRawSync(Buffer.from(request, 'base64')).toString('utf8'))?.[1] ?? '';
}

/** Run the tour on a fresh portal of this skin (closed afterwards). */
export async function tourPortal(skinName: SkinName): Promise<SkinTour> {
  const skin = skinNamed(skinName);
  const target = await startTestPortal({ skin: skinName });
  const idp = await startTestOidcProvider({ now: new Date() });
  try {
    return await tour(skin, target, idp);
  } finally {
    await idp.close();
    await target.close();
  }
}

async function tour(skin: PortalSkin, target: EmbeddedPortal, idp: TestOidcProvider): Promise<SkinTour> {
  const { paths: P, fields: F, query: Q } = skin;
  const C = F.sso;
  const captures: Capture[] = [];
  const key: TestKeyPair = generateTestKeyPair({ commonName: 'Skin tour IdP signing (TEST ONLY)' });
  const other: TestKeyPair = generateTestKeyPair({ commonName: 'Another app (TEST ONLY)' });
  idp.claims = { email: ADMIN.email };

  const keep = async (name: string, method: string, path: string, response: Response): Promise<Capture> => {
    const capture: Capture = { name, method, path, status: response.status, headers: response.headers, body: await response.text() };
    captures.push(capture);
    return capture;
  };
  const get = async (browser: TestBrowser, name: string, path: string): Promise<Capture> =>
    keep(name, 'GET', path, await browser.get(path));
  const post = async (browser: TestBrowser, name: string, path: string, fields: Record<string, string>): Promise<Capture> =>
    keep(name, 'POST', path, await browser.post(path, fields));
  const submit = async (
    browser: TestBrowser,
    name: string,
    page: string,
    action: string,
    fields: Record<string, string> | FormData,
  ): Promise<Capture> => keep(name, 'POST', action, await browser.submit(page, action, fields));
  const harness = async (name: string, method: string, path: string, body?: unknown): Promise<Capture> =>
    keep(
      name,
      method,
      path,
      await fetch(`${target.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${target.harnessToken}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
  const location = (capture: Capture): string => capture.headers.get('location') ?? '';
  const browser = (): TestBrowser => new TestBrowser(target.url, skin);
  const signedIn = async (seat: { email: string; password: string }, accountId: number): Promise<TestBrowser> => {
    const b = browser();
    await b.submit(`${P.passwordLogin}?${Q.account}=${accountId}`, P.passwordLogin, {
      [F.email]: seat.email,
      [F.password]: seat.password,
      [Q.account]: String(accountId),
    });
    return b;
  };
  const samlForm = (extra: Record<string, string> = {}): FormData => {
    const form = new FormData();
    const values: Record<string, string> = {
      [C.protocol]: 'saml',
      [C.vendor]: 'okta',
      [C.allowedClockSkewSeconds]: '120',
      [C.metadataSource]: 'manual',
      [C.idpEntityId]: IDP_ENTITY,
      [C.idpSsoUrl]: IDP_SSO_URL,
      [C.idpCertificate]: key.certificatePem,
      [C.requireSignedAssertion]: '1',
      ...extra,
    };
    for (const [name, value] of Object.entries(values)) form.set(name, value);
    return form;
  };
  const oidcForm = (): FormData => {
    const form = new FormData();
    const values: Record<string, string> = {
      [C.protocol]: 'oidc',
      [C.vendor]: 'google',
      [C.allowedClockSkewSeconds]: '120',
      [C.issuer]: idp.issuer,
      [C.clientId]: idp.clientId,
      [C.clientSecret]: idp.clientSecret,
      [C.scopes]: 'openid email profile',
    };
    for (const [name, value] of Object.entries(values)) form.set(name, value);
    return form;
  };
  const samlResponse = (account: ProvisionedAccount, overrides: Partial<SamlResponseOptions>): string =>
    toBase64(
      samlResponseXml({
        signer: key,
        now: new Date(),
        issuer: IDP_ENTITY,
        audience: account.urls.sp.entityId,
        destination: account.urls.sp.acsUrl,
        recipient: account.urls.sp.acsUrl,
        nameId: ADMIN.email,
        ...overrides,
      }),
    );
  const acsPath = (account: ProvisionedAccount): string => new URL(account.urls.sp.acsUrl).pathname;

  await target.createSupportStaff(STAFF);
  const clean = await target.createAccount({ name: 'Contoso', ssoDomains: ['contoso.example'], seats: [ADMIN, USER] });
  const messy = await target.createAccount({
    name: 'Messy Ltd',
    ssoDomains: ['contoso.example'],
    seats: [ADMIN, USER, { name: 'Odd', email: 'odd@elsewhere.example', role: 'user' }],
  });
  const oidc = await target.createAccount({
    name: 'Oidc Co',
    ssoDomains: ['oidc.example'],
    seats: [{ name: 'Olga Owner', email: ADMIN.email, role: 'admin', password: 'oidc-admin-password-1' }],
  });
  await harness('harness-health', 'GET', '/_harness/health');

  // Login, password step, account chooser, home.
  const anon = browser();
  await get(anon, 'root', P.root);
  await get(anon, 'login', P.login);
  await submit(anon, 'login-bad-email', P.login, P.login, { [F.email]: 'not-an-email' });
  await submit(anon, 'login-chooser', P.login, P.login, { [F.email]: ADMIN.email });
  const emailStep = await submit(anon, 'login-email-step', P.login, P.login, {
    [F.email]: USER.email,
    [Q.account]: String(clean.accountId),
  });
  await get(anon, 'password-step', location(emailStep));
  await get(anon, 'password-step-direct', `${P.passwordLogin}?${Q.email}=${encodeURIComponent(USER.email)}`);
  await submit(anon, 'password-wrong', P.passwordLogin, P.passwordLogin, {
    [F.email]: USER.email,
    [F.password]: 'wrong-password',
    [Q.account]: String(clean.accountId),
  });
  await keep('csrf-refused', 'POST', P.login, await anon.post(P.login, { [F.email]: USER.email }));
  await get(anon, 'not-found', '/no/such/page');
  await get(anon, 'home-signed-out', P.home);
  const user = await signedIn(USER, clean.accountId);
  await get(user, 'home-user', P.home);
  await get(user, 'admins-only', P.settings);

  // Account parameters: SAML saved, seat audit, Test SSO passed and failed, enable with and without warnings.
  const admin = await signedIn(ADMIN, clean.accountId);
  await get(admin, 'home-admin', P.home);
  await get(admin, 'settings-empty', P.settings);
  await submit(admin, 'test-unconfigured', P.settings, P.ssoTest, {});
  await submit(admin, 'profile-invalid', P.settings, P.settingsProfile, { [F.accountName]: '', [F.ssoDomains]: 'not a domain' });
  await submit(admin, 'sso-invalid', P.settings, P.ssoSave, samlForm({ [C.idpSsoUrl]: 'not a url', [C.allowedClockSkewSeconds]: '9999' }));
  const saved = await submit(admin, 'sso-saved', P.settings, P.ssoSave, samlForm());
  await get(admin, 'settings-saml', location(saved));
  const testStart = await submit(admin, 'test-start', P.settings, P.ssoTest, {});
  await post(admin, 'test-passed', acsPath(clean), {
    SAMLResponse: samlResponse(clean, { inResponseTo: requestIdOf(location(testStart)) }),
  });
  const testAgain = await submit(admin, 'test-start-2', P.settings, P.ssoTest, {});
  await post(admin, 'test-failed', acsPath(clean), {
    SAMLResponse: samlResponse(clean, { audience: 'https://another-sp.example/metadata', inResponseTo: requestIdOf(location(testAgain)) }),
  });
  await get(admin, 'settings-tested', P.settings);
  await submit(admin, 'enable-confirm', P.settings, P.ssoEnable, {});
  const enabled = await submit(admin, 'enable-yes', P.settings, P.ssoEnable, { [F.confirm]: 'yes' });
  await get(admin, 'settings-enabled', location(enabled));

  const messyAdmin = await signedIn(ADMIN, messy.accountId);
  const upload = new FormData();
  upload.set(F.idpUsersFile, new File([`Email\n${ADMIN.email}\nnew.person@contoso.example\n`], 'people.csv', { type: 'text/csv' }));
  const uploaded = await submit(messyAdmin, 'idp-export', P.settings, P.idpUsers, upload);
  await get(messyAdmin, 'settings-seat-audit', location(uploaded));
  await submit(messyAdmin, 'enable-unconfigured', P.settings, P.ssoEnable, {});
  await submit(messyAdmin, 'sso-saved-messy', P.settings, P.ssoSave, samlForm());
  await submit(messyAdmin, 'enable-confirm-warnings', P.settings, P.ssoEnable, {});

  // Logins once SSO is required: password refused, SP-initiated SAML refused then accepted.
  await submit(browser(), 'sso-required', P.passwordLogin, P.passwordLogin, {
    [F.email]: USER.email,
    [F.password]: USER.password,
    [Q.account]: String(clean.accountId),
  });
  const seat = browser();
  const toSso = await submit(seat, 'login-to-sso', P.login, P.login, { [F.email]: USER.email, [Q.account]: String(clean.accountId) });
  const toIdp = await get(seat, 'sso-start', location(toSso));
  await post(seat, 'saml-refused', acsPath(clean), {
    SAMLResponse: samlResponse(clean, { signer: other, nameId: USER.email, inResponseTo: requestIdOf(location(toIdp)) }),
  });
  const toIdpAgain = await get(seat, 'sso-start-2', new URL(clean.urls.sp.signOnUrl).pathname);
  const accepted = await post(seat, 'saml-accepted', acsPath(clean), {
    SAMLResponse: samlResponse(clean, { nameId: USER.email, inResponseTo: requestIdOf(location(toIdpAgain)) }),
  });
  await get(seat, 'home-sso', location(accepted));
  await get(seat, 'sp-metadata', new URL(clean.urls.sp.metadataUrl).pathname);
  await post(browser(), 'acs-without-response', acsPath(clean), { RelayState: P.home });
  await get(browser(), 'sso-unknown-account', pathFor(P.sp.signOn, { accountId: 999_999 }));
  await get(browser(), 'sso-not-enabled', new URL(messy.urls.sp.signOnUrl).pathname);

  // OIDC: saved through the form, Test SSO through the callback, a callback nobody started.
  const oidcAdmin = await signedIn({ email: ADMIN.email, password: 'oidc-admin-password-1' }, oidc.accountId);
  await submit(oidcAdmin, 'oidc-saved', P.settings, P.ssoSave, oidcForm());
  await get(oidcAdmin, 'settings-oidc', P.settings);
  const oidcStart = await submit(oidcAdmin, 'oidc-test-start', P.settings, P.ssoTest, {});
  const callback = idp.authorize(location(oidcStart));
  await get(oidcAdmin, 'oidc-test-passed', `${callback.pathname}${callback.search}`);
  await get(browser(), 'oidc-refused', `${new URL(oidc.urls.sp.oidcRedirectUri).pathname}?code=x&state=y`);
  const gone = await startTestOidcProvider({ now: new Date() });
  const goneForm = oidcForm();
  goneForm.set(C.issuer, gone.issuer);
  goneForm.set(C.clientId, gone.clientId);
  goneForm.set(C.clientSecret, gone.clientSecret);
  await submit(oidcAdmin, 'oidc-saved-gone', P.settings, P.ssoSave, goneForm);
  await gone.close();
  clearDiscoveryCache();
  await submit(oidcAdmin, 'oidc-unreachable', P.settings, P.ssoTest, {});

  // Seats and the audit log.
  await get(admin, 'seats', P.seats);
  await submit(admin, 'seat-add-invalid', P.seats, P.seats, {
    [F.seatName]: 'Cy',
    [F.seatEmail]: 'not-an-email',
    [F.seatRole]: 'user',
    [F.seatPassword]: '',
  });
  const added = await submit(admin, 'seat-added', P.seats, P.seats, {
    [F.seatName]: 'Cy',
    [F.seatEmail]: 'cy@contoso.example',
    [F.seatRole]: 'user',
    [F.seatPassword]: '',
  });
  await get(admin, 'seats-notice', location(added));
  const seatPath = pathFor(P.seat, { seatId: clean.seats[1]?.id ?? 0 });
  await get(admin, 'seat-edit', seatPath);
  await submit(admin, 'seat-edit-invalid', seatPath, seatPath, { [F.seatName]: '', [F.seatEmail]: USER.email, [F.seatRole]: 'user' });
  await get(admin, 'seat-unknown', pathFor(P.seat, { seatId: 999_999 }));
  const roster = new FormData();
  roster.set(F.seatsCsv, 'name,email,role\nBad,bad,owner\n');
  await submit(admin, 'seat-import-invalid', P.seats, P.seatsImport, roster);
  await get(admin, 'seats-csv', P.seatsCsv);
  await get(admin, 'audit-log', P.auditLog);

  // JSON APIs.
  await get(admin, 'api-forbidden', pathFor(P.apiSeatAudit, { accountId: messy.accountId }));
  await get(messyAdmin, 'api-seat-audit-messy', pathFor(P.apiSeatAudit, { accountId: messy.accountId }));
  await get(admin, 'api-audit-log', pathFor(P.apiAuditLog, { accountId: clean.accountId }));
  await get(browser(), 'api-unauthorized', pathFor(P.apiAuditLog, { accountId: clean.accountId }));
  await get(browser(), 'api-not-found', `${pathFor(P.apiAuditLog, { accountId: clean.accountId })}/nothing`);

  // Support console: login, search, ticket gate, the account, SSO turned off.
  const staff = browser();
  await get(staff, 'support-login', P.support);
  await submit(staff, 'support-login-wrong', P.support, P.supportLogin, { [F.supportEmail]: STAFF.email, [F.supportPassword]: 'wrong' });
  await submit(staff, 'support-login-ok', P.support, P.supportLogin, {
    [F.supportEmail]: STAFF.email,
    [F.supportPassword]: STAFF.password,
  });
  await get(staff, 'support-search', `${P.support}?${Q.search}=contoso`);
  await get(staff, 'support-search-none', `${P.support}?${Q.search}=nothing-matches-this`);
  const supportAccount = pathFor(P.supportAccount, { accountId: clean.accountId });
  await get(staff, 'support-gate', supportAccount);
  await submit(staff, 'support-access-invalid', supportAccount, pathFor(P.supportAccess, { accountId: clean.accountId }), {
    [F.ticket]: '',
    [F.reason]: 'short',
  });
  await submit(staff, 'support-access', supportAccount, pathFor(P.supportAccess, { accountId: clean.accountId }), {
    [F.ticket]: 'CASE-4711',
    [F.reason]: 'Customer locked out after requiring SSO',
  });
  await get(staff, 'support-account', supportAccount);
  await get(staff, 'api-audit-log-support', pathFor(P.apiAuditLog, { accountId: clean.accountId }));
  const off = await submit(staff, 'support-sso-off', supportAccount, pathFor(P.supportSsoDisable, { accountId: clean.accountId }), {});
  await get(staff, 'support-account-off', location(off));
  await get(staff, 'support-unknown', pathFor(P.supportAccount, { accountId: 999_999 }));

  // Native apps: refusals, a full login, token and userinfo, token errors.
  const { desktop } = skin.nativeClients;
  const authorize = (params: Record<string, string>): string =>
    `${P.native.authorize}?${new URLSearchParams({ response_type: 'code', client_id: desktop.clientId, redirect_uri: DESKTOP_REDIRECT, code_challenge: s256(VERIFIER), code_challenge_method: 'S256', state: 'st-1', ...params }).toString()}`;
  await get(browser(), 'native-redirect-refused', authorize({ redirect_uri: 'https://evil.example/cb' }));
  await get(browser(), 'native-unknown-app', authorize({ client_id: 'someone-else' }));
  await get(browser(), 'native-pkce-refused', authorize({ code_challenge: '' }));
  await get(browser(), 'native-request-unknown', `${P.native.resume}?${Q.request}=unknown`);
  const app = browser();
  const resume = location(await get(app, 'native-authorize', authorize({})));
  await get(app, 'native-resume-signed-out', resume);
  await submit(app, 'native-login', P.passwordLogin, P.passwordLogin, {
    [F.email]: USER.email,
    [F.password]: USER.password,
    [Q.account]: String(clean.accountId),
    [Q.returnTo]: resume,
  });
  const code = new URL(location(await get(app, 'native-code', resume))).searchParams.get('code') ?? '';
  const token = (name: string, fields: Record<string, string>): Promise<Capture> =>
    fetch(`${target.url}${P.native.token}`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: desktop.clientId,
        redirect_uri: DESKTOP_REDIRECT,
        code_verifier: VERIFIER,
        ...fields,
      }),
    }).then((response) => keep(name, 'POST', P.native.token, response));
  const issued = await token('token-issued', { code });
  await token('token-replayed', { code });
  await token('token-unknown-client', { code, client_id: 'someone-else' });
  await token('token-wrong-grant', { code, grant_type: 'password' });
  const accessToken = (JSON.parse(issued.body) as { access_token?: string }).access_token ?? '';
  await keep(
    'userinfo-revoked',
    'GET',
    P.native.userinfo,
    await fetch(`${target.url}${P.native.userinfo}`, { headers: { authorization: `Bearer ${accessToken}` } }),
  );
  await keep('userinfo-anonymous', 'GET', P.native.userinfo, await fetch(`${target.url}${P.native.userinfo}`));
  const app2 = await signedIn(USER, messy.accountId);
  const codeFor = async (step: string): Promise<string> => {
    const resumed = location(await get(app2, `${step}-authorize`, authorize({})));
    return new URL(location(await get(app2, `${step}-code`, resumed))).searchParams.get('code') ?? '';
  };
  await token('token-bad-verifier', { code: await codeFor('native-2'), code_verifier: `${VERIFIER.slice(0, -1)}x` });
  const issued2 = await token('token-issued-2', { code: await codeFor('native-3') });
  await keep(
    'userinfo',
    'GET',
    P.native.userinfo,
    await fetch(`${target.url}${P.native.userinfo}`, {
      headers: { authorization: `Bearer ${(JSON.parse(issued2.body) as { access_token?: string }).access_token ?? ''}` },
    }),
  );

  // Log out, the stylesheet, and the provisioning API's view of it all.
  await submit(admin, 'logout', P.home, P.logout, {});
  await get(browser(), 'stylesheet', P.stylesheet);
  await harness('harness-account', 'GET', `/_harness/accounts/${clean.accountId}`);
  await harness('harness-account-messy', 'GET', `/_harness/accounts/${messy.accountId}`);
  await harness('harness-account-oidc', 'GET', `/_harness/accounts/${oidc.accountId}`);
  await harness('harness-sso-put', 'PUT', `/_harness/accounts/${messy.accountId}/sso`, {
    protocol: 'oidc',
    vendor: 'google',
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: 'x',
    enabled: false,
  });

  return {
    skin,
    captures,
    page(name: string): Capture {
      const capture = captures.find((c) => c.name === name);
      if (!capture) throw new Error(`The skin tour has no step "${name}"`);
      return capture;
    },
    accounts: { clean, messy, oidc },
  };
}
