// The control API as the suites use it (through IdpControlClient): 4xx answers with a stable
// code, a message that says what to change and the valid choices; one-shot faults; reset; and
// tenant isolation. The server keeps serving after every bad call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdpServer, type IdpServer } from '../server.ts';
import { postedResponse, signIn, TestBrowser } from '../saml/testing/browser.ts';
import { SAML_PERSONAS } from '../personas/index.ts';
import { certificateEnd } from '../keys.ts';
import { IdpControlClient, IdpControlError, TEST_USER_PASSWORD } from './client.ts';

let server: IdpServer;
beforeAll(async () => {
  server = await startIdpServer();
});
afterAll(async () => {
  await server.close();
});

const SP = { entityId: 'http://127.0.0.1:4000/sso/acme', acsUrls: ['http://127.0.0.1:4000/sso/acme/saml/acs'] };
const entra = SAML_PERSONAS.find((p) => p.id === 'entra-saml')!;

async function raw(method: string, path: string, body?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${server.controlUrl}${path}`, {
    method,
    ...(body !== undefined ? { body, headers: { 'content-type': 'application/json' } } : {}),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** One IdP-initiated Entra login through the login page; returns the decoded response XML. */
async function entraLogin(idp: IdpControlClient, browser = new TestBrowser()): Promise<string> {
  const page = await browser.request(idp.samlUrls('entra-saml').idpInitiatedUrl);
  const done = page.html.includes('id="saml-post"')
    ? page
    : await signIn(browser, entra, page, (await idp.userByRole('ordinary')).email, TEST_USER_PASSWORD);
  const posted = postedResponse(done);
  if (!posted) throw new Error(`no SAML response posted:\n${done.html}`);
  return Buffer.from(posted.samlResponse, 'base64').toString('utf8');
}

describe('tenants', () => {
  it('creates a tenant with its vendor ids and the URLs of all eight personas', async () => {
    const idp = await IdpControlClient.createTenant(server.controlUrl, { key: 'tenant-urls', domain: 'acme.example' });
    expect(idp.info.key).toBe('tenant-urls');
    expect(idp.info.domain).toBe('acme.example');
    expect(Object.keys(idp.info.personas).sort()).toEqual([
      'auth0-oidc',
      'auth0-saml',
      'entra-oidc',
      'entra-saml',
      'google-oidc',
      'google-saml',
      'okta-oidc',
      'okta-saml',
    ]);
    expect(idp.samlUrls('entra-saml').entityId).toBe(`https://sts.windows.net/${idp.info.ids.tid}/`);
    expect(idp.samlUrls('okta-saml').entityId).toBe(`http://www.okta.com/${idp.info.ids.exk}`);
    expect(idp.oidcUrls('auth0-oidc').issuer).toBe(`${server.url}/auth0/${idp.info.ids.tenant}/`);
    expect(idp.oidcUrls('auth0-oidc').discoveryUrl).toBe(`${server.url}/auth0/${idp.info.ids.tenant}/.well-known/openid-configuration`);
    expect((await idp.users()).map((u) => u.email)).toContain('bob.user@acme.example');
    expect(JSON.stringify(await idp.users())).not.toContain(TEST_USER_PASSWORD);
  });

  it('keeps tenants apart: faults, keys, users and request logs', async () => {
    const a = await IdpControlClient.createTenant(server.controlUrl);
    const b = await IdpControlClient.createTenant(server.controlUrl);
    await a.registerSamlApp('entra-saml', SP);
    await b.registerSamlApp('entra-saml', SP);
    await a.use('saml.audience-mismatch');
    expect(await b.activeFaults()).toEqual([]);
    expect(await entraLogin(b)).toContain(`<Audience>${SP.entityId}</Audience>`);
    expect(await entraLogin(a)).not.toContain(`<Audience>${SP.entityId}</Audience>`);
    expect((await a.signingCertificates('entra-saml')).current.fingerprint256).not.toBe(
      (await b.signingCertificates('entra-saml')).current.fingerprint256,
    );
    await a.updateUser((await a.userByRole('ordinary')).id, { disabled: true });
    expect((await b.userByRole('ordinary')).disabled).toBe(false);
    expect((await b.requests()).every((entry) => entry.path.includes(b.info.ids.tid) || entry.path.startsWith('http'))).toBe(true);
  });
});

describe('faults', () => {
  it('a once-fault shapes exactly one response; a lasting fault stays until reset', async () => {
    const idp = await IdpControlClient.createTenant(server.controlUrl);
    await idp.registerSamlApp('entra-saml', SP);
    await idp.use('saml.audience-mismatch', { once: true });
    await idp.use('saml.sha1-signature');
    const browser = new TestBrowser();
    const first = await entraLogin(idp, browser);
    expect(first).not.toContain(`<Audience>${SP.entityId}</Audience>`);
    expect(first).toContain('xmldsig#rsa-sha1');
    expect((await idp.activeFaults()).map((f) => f.id)).toEqual(['saml.sha1-signature']);
    const second = await entraLogin(idp, browser);
    expect(second).toContain(`<Audience>${SP.entityId}</Audience>`);
    expect(second).toContain('xmldsig#rsa-sha1');
    await idp.reset();
    expect(await idp.activeFaults()).toEqual([]);
    expect(await entraLogin(idp, browser)).toContain('xmldsig-more#rsa-sha256');
  });

  it('a fault can be limited to one persona', async () => {
    const idp = await IdpControlClient.createTenant(server.controlUrl);
    await expect(idp.use('saml.upn-not-email', { persona: 'okta-saml' })).rejects.toMatchObject({
      status: 400,
      error: 'fault-not-for-persona',
      validChoices: ['entra-saml'],
    });
    expect(await idp.use('saml.audience-mismatch', { persona: 'okta-saml' })).toEqual([
      { id: 'saml.audience-mismatch', once: false, persona: 'okta-saml' },
    ]);
  });

  it('the IdP clock shift moves IssueInstant; reset() puts it back', async () => {
    const idp = await IdpControlClient.createTenant(server.controlUrl);
    await idp.registerSamlApp('entra-saml', SP);
    await idp.shiftClock(-7200);
    const xml = await entraLogin(idp);
    const issued = Date.parse(/IssueInstant="([^"]+)"/.exec(xml)![1]!);
    expect(Date.now() - issued).toBeGreaterThan(7100_000);
    await idp.reset();
    expect((await idp.refresh()).clockOffsetSeconds).toBe(0);
  });
});

describe('keys', () => {
  it('rotate keeps the old certificate as previous; expire keeps the key with a past NotAfter', async () => {
    const idp = await IdpControlClient.createTenant(server.controlUrl);
    const before = await idp.signingCertificates('okta-saml');
    const rotated = await idp.rotateSigningKey('okta-saml');
    expect(rotated.previous?.fingerprint256).toBe(before.current.fingerprint256);
    expect(rotated.current.fingerprint256).not.toBe(before.current.fingerprint256);
    // Okta's lifetime: 10 years and one minute.
    expect(new Date(rotated.current.notAfter)).toEqual(certificateEnd(new Date(rotated.current.notBefore), { years: 10, minutes: 1 }));
    const expired = await idp.expireSigningKey('okta-saml');
    expect(Date.parse(expired.current.notAfter)).toBeLessThan(Date.now());
    expect(JSON.stringify(expired)).not.toContain('PRIVATE KEY');
  });

  it("metadata and JWKS redirects: 302 to the loopback URL given (the JWKS answers on that URL's host), until the tenant is reset; other hosts are refused", async () => {
    const idp = await IdpControlClient.createTenant(server.controlUrl);
    const metadataUrl = idp.samlUrls('okta-saml').metadataUrl;
    const discovery = (await (await fetch(idp.oidcUrls('okta-oidc').discoveryUrl)).json()) as { jwks_uri: string };
    const elsewhere = discovery.jwks_uri.replace('//127.0.0.1:', '//localhost:');
    await idp.redirectSamlMetadata('http://127.0.0.1:9/moved.xml');
    await idp.redirectOidcJwks(elsewhere);
    const metadata = await fetch(metadataUrl, { redirect: 'manual' });
    expect([metadata.status, metadata.headers.get('location')]).toEqual([302, 'http://127.0.0.1:9/moved.xml']);
    const jwks = await fetch(discovery.jwks_uri, { redirect: 'manual' });
    expect([jwks.status, jwks.headers.get('location')]).toEqual([302, elsewhere]);
    expect(((await (await fetch(elsewhere, { redirect: 'manual' })).json()) as { keys: unknown[] }).keys.length).toBeGreaterThan(0);
    await expect(idp.redirectOidcJwks('https://attacker.example/keys')).rejects.toThrow(
      /JWKS redirect: "to" must be an absolute http\(s\) URL on this machine/,
    );
    await idp.resetTenant();
    expect((await fetch(discovery.jwks_uri, { redirect: 'manual' })).status).toBe(200);
    expect((await fetch(metadataUrl, { redirect: 'manual' })).status).toBe(200);
  });
});

describe('request log', () => {
  it('records what the IdP received and issued, filterable by time and kind', async () => {
    const idp = await IdpControlClient.createTenant(server.controlUrl);
    await idp.registerSamlApp('entra-saml', SP);
    const mark = await idp.mark();
    const startedAt = new Date(Date.now() - 1).toISOString();
    await entraLogin(idp);
    const kinds = (await idp.requests({ after: mark })).map((e) => e.kind);
    expect(kinds).toEqual(['saml.idp-initiated', 'saml.login', 'saml.login', 'saml.login', 'saml.response-issued']);
    expect((await idp.requests({ since: startedAt })).map((e) => e.kind)).toEqual(kinds);
    expect(await idp.requests({ after: await idp.mark() })).toEqual([]);
    expect((await idp.requests({ kind: 'saml.response' })).length).toBe(1);
  });
});

describe('bad input gets a 4xx that names the problem and the valid choices', () => {
  it.each([
    ['unknown fault', 'POST', '/tenants/demo/faults', '{"id":"saml.no-such-fault"}', 400, 'unknown-fault', 'saml.audience-mismatch'],
    ['missing fault id', 'POST', '/tenants/demo/faults', '{}', 400, 'unknown-fault', 'Valid fault ids'],
    ['seat fault at the IdP', 'POST', '/tenants/demo/faults', '{"id":"seat.duplicate-email"}', 400, 'fault-not-switchable', 'portal side'],
    [
      'unknown persona',
      'PUT',
      '/tenants/demo/apps/ping-saml',
      '{"entityId":"x","acsUrls":["http://127.0.0.1/acs"]}',
      400,
      'unknown-persona',
      'entra-saml',
    ],
    ['unknown JWKS change', 'POST', '/tenants/demo/jwks/extra-key', '', 400, 'unknown-jwks-change', 'signing-key-only'],
    ['malformed JSON', 'POST', '/tenants/demo/faults', '{"id": ', 400, 'malformed-json', 'not valid JSON'],
    ['JSON that is not an object', 'POST', '/tenants', '[1,2]', 400, 'malformed-json', 'JSON object'],
    [
      'unknown field',
      'POST',
      '/tenants/demo/faults',
      '{"id":"saml.audience-mismatch","onse":true}',
      400,
      'unknown-field',
      'Valid fields: id, once, persona',
    ],
    [
      'once not a boolean',
      'POST',
      '/tenants/demo/faults',
      '{"id":"saml.audience-mismatch","once":"yes"}',
      400,
      'invalid-field',
      'true or false',
    ],
    [
      'ACS that is not a URL',
      'PUT',
      '/tenants/demo/apps/entra-saml',
      '{"entityId":"x","acsUrls":["not a url"]}',
      400,
      'invalid-field',
      'absolute URLs',
    ],
    [
      'missing entity ID',
      'PUT',
      '/tenants/demo/apps/entra-saml',
      '{"acsUrls":["http://127.0.0.1/acs"]}',
      400,
      'missing-field',
      '"entityId" is required',
    ],
    ['clock out of range', 'PUT', '/tenants/demo/clock', '{"offsetSeconds":"soon"}', 400, 'invalid-field', 'offsetSeconds'],
    ['bad tenant key', 'POST', '/tenants', '{"key":"Not Valid!"}', 400, 'tenant-key-invalid', 'lower-case letters'],
    ['duplicate tenant', 'POST', '/tenants', '{"key":"demo"}', 409, 'tenant-exists', 'already exists'],
    ['unknown tenant', 'GET', '/tenants/nope', undefined, 404, 'unknown-tenant', 'POST /_control/tenants'],
    ['unknown user', 'PATCH', '/tenants/demo/users/u-nobody', '{"disabled":true}', 404, 'unknown-user', 'u-bob.user'],
    ['bad since', 'GET', '/tenants/demo/requests?since=yesterday', undefined, 400, 'invalid-field', 'ISO date-time'],
    ['bad mark', 'GET', '/tenants/demo/requests?after=soon', undefined, 400, 'invalid-field', 'requests/mark'],
    ['unknown endpoint', 'GET', '/nothing-here', undefined, 404, 'unknown-endpoint', 'GET /_control/'],
    ['wrong method', 'PATCH', '/tenants', '{}', 405, 'method-not-allowed', 'GET or POST'],
  ])('%s', async (_name, method, path, body, status, error, mentions) => {
    const response = await raw(method, path, body);
    expect(response.status).toBe(status);
    expect(response.json.error).toBe(error);
    expect(`${String(response.json.message)} ${JSON.stringify(response.json.validChoices ?? [])}`).toContain(mentions);
    expect((await raw('GET', '/tenants')).status).toBe(200);
  });

  it('the typed client raises IdpControlError with the code and the choices', async () => {
    const idp = await IdpControlClient.forTenant(server.controlUrl, 'demo');
    // @ts-expect-error -- an id the catalog does not have: the compiler refuses it, and so does the server.
    const error = await idp.use('saml.nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdpControlError);
    expect(error).toMatchObject({ status: 400, error: 'unknown-fault' });
    expect((error as IdpControlError).validChoices).toContain('saml.xsw1');
  });

  it('an unknown IdP path is a 404 that says where the personas live', async () => {
    const response = await fetch(`${server.url}/ping/whatever`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('/entra/, /okta/, /google/ or /auth0/');
  });
});
