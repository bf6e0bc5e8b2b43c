// End to end, per persona: a real authorization code + PKCE flow against the running engine,
// driven by openid-client over loopback HTTP, with the vendor's login pages filled by label.
import * as client from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeProtectedHeader } from 'jose';
import { OIDC_PERSONAS } from '../personas/index.ts';
import { INSECURE, startDiscoveredServer } from './testing/discoveredServer.ts';
import { parseForms } from '../../lib/index.ts';
import { HttpBrowser } from './httpBrowser.ts';
import { decodeUnverified } from './jwtMutator.ts';
import { endpointBase } from './discovery.ts';
import { loginForm } from '../personas/index.ts';
import { signIn, startOidcTestServer, type OidcTestServer } from './testServer.ts';

const EXPECTED_SUB: Readonly<Record<string, RegExp>> = {
  'entra-oidc': /^[\w-]{43}$/,
  'okta-oidc': /^00u[0-9A-Za-z]{17}$/,
  'google-oidc': /^\d{21}$/,
  'auth0-oidc': /^auth0\|[0-9a-f]{24}$/,
};

describe.each(OIDC_PERSONAS.map((persona) => persona.id))('%s engine', (personaId) => {
  let server: OidcTestServer;
  let config: client.Configuration;
  let redirectUri: string;

  beforeAll(async () => {
    ({ server, config, redirectUri } = await startDiscoveredServer(personaId));
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.tenant.resetFaults();
    server.tenant.clearRequestLog();
  });

  async function authorize(browser: HttpBrowser, extra: Record<string, string> = {}) {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile email',
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      ...extra,
    });
    return {
      landing: await browser.navigate(url, redirectUri),
      checks: { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce },
    };
  }

  it('serves discovery with the vendor issuer and endpoint shapes', async () => {
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(server.issuer);
    expect(metadata.issuer.endsWith('/')).toBe(personaId === 'auth0-oidc');
    const base = server.issuer.replace(/\/$/, '');
    // Under the issuer; Entra's beside it (/{tid}/oauth2/v2.0/…, the issuer being /{tid}/v2.0).
    const published = personaId === 'entra-oidc' ? base.replace(/\/v2\.0$/, '') : base;
    expect(endpointBase(server.persona, server.issuer)).toBe(published);
    expect(metadata.authorization_endpoint).toBe(published + server.persona.endpoints.authorization);
    expect(metadata.token_endpoint).toBe(published + server.persona.endpoints.token);
    expect(metadata.userinfo_endpoint).toBe(published + server.persona.endpoints.userinfo);
    expect(metadata.jwks_uri).toBe(published + server.persona.endpoints.jwks);
    expect(metadata.id_token_signing_alg_values_supported).toContain('RS256');
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['client_secret_basic', 'client_secret_post']));
    expect(metadata).not.toHaveProperty('authorization_response_iss_parameter_supported');
    // The engine answers with the vendor's document (its fields in the vendor's order), not oidc-provider's.
    const raw = (await (await fetch(`${base}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(Object.keys(raw)).toEqual(server.persona.discovery.map(([field]) => field));
  });

  it('logs in with code + PKCE and returns the vendor-shaped claims; userinfo agrees', async () => {
    const browser = new HttpBrowser();
    const { landing, checks } = await authorize(browser);
    const callback = await signIn(browser, landing, server.persona, redirectUri, 'bob.user@example.com');
    expect(callback.reachedRedirectUri).toBe(true);
    expect(callback.url.searchParams.has('iss')).toBe(false);
    const tokens = await client.authorizationCodeGrant(config, callback.url, checks);
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({
      iss: server.issuer,
      aud: server.app.clientId,
      email: 'bob.user@example.com',
      name: 'Bob User',
      nonce: checks.expectedNonce,
    });
    expect(claims.sub).toMatch(EXPECTED_SUB[personaId]!);
    expect(Object.keys(decodeUnverified(tokens.id_token!).payload)).toEqual(
      server.persona.idToken.claims
        .filter((spec) => spec.requiresScope === undefined || ['openid', 'profile', 'email'].includes(spec.requiresScope))
        .map((spec) => spec.name),
    );
    const jwks = (await (await fetch(config.serverMetadata().jwks_uri!)).json()) as { keys: Array<{ kid: string; kty: string }> };
    // The signing key first; Google's set holds a second key, which never signs.
    expect(jwks.keys[0]?.kid).toBe(decodeProtectedHeader(tokens.id_token!).kid);
    expect(jwks.keys).toHaveLength(server.persona.jwks.secondKey === 'never-signs' ? 2 : 1);
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    expect(userinfo).toMatchObject({ sub: claims.sub, email: 'bob.user@example.com' });
    expect(server.tenant.requestLog.map((entry) => entry.kind)).toEqual(
      expect.arrayContaining(['oidc.authorize', 'oidc.login', 'oidc.token', 'oidc.jwks', 'oidc.userinfo']),
    );
  });

  it('accepts client_secret_post as well as client_secret_basic', async () => {
    const post = await client.discovery(
      new URL(server.issuer),
      server.app.clientId,
      undefined,
      client.ClientSecretPost(server.app.clientSecret),
      INSECURE,
    );
    const browser = new HttpBrowser();
    const { landing, checks } = await authorize(browser);
    const callback = await signIn(browser, landing, server.persona, redirectUri, 'alice.admin@example.com');
    expect((await client.authorizationCodeGrant(post, callback.url, checks)).claims()?.email).toBe('alice.admin@example.com');
  });

  it('keeps an IdP session: the second login in the same browser is a redirect chain', async () => {
    const browser = new HttpBrowser();
    const first = await authorize(browser);
    await signIn(browser, first.landing, server.persona, redirectUri, 'bob.user@example.com');
    const second = await authorize(browser);
    expect(second.landing.reachedRedirectUri).toBe(true);
    expect(second.landing.hops.every((hop) => hop.status >= 300 && hop.status < 400)).toBe(true);
    expect((await client.authorizationCodeGrant(config, second.landing.url, second.checks)).claims()?.email).toBe('bob.user@example.com');
    expect(browser.cookieNames()).toContain(server.persona.sessionCookie);
  });

  it('forgets IdP sessions when the tenant is reset', async () => {
    const browser = new HttpBrowser();
    await signIn(browser, (await authorize(browser)).landing, server.persona, redirectUri, 'bob.user@example.com');
    const app = server.tenant.oidcApp(server.persona.id)!;
    server.tenant.reset();
    server.tenant.registerApp(server.persona.id, { oidc: app });
    expect((await authorize(browser)).landing.reachedRedirectUri).toBe(false);
  });

  it('shows the vendor login page with accessible labels', async () => {
    const { landing } = await authorize(new HttpBrowser());
    const form = loginForm(server.persona.loginFlow);
    expect(landing.status).toBe(200);
    const [login] = parseForms(landing.html);
    expect([...(login?.labels.keys() ?? [])]).toEqual(
      form.steps === 1 ? [form.identifierLabel, form.passwordLabel] : [form.identifierLabel],
    );
    expect(landing.html).toContain(`<h1>${form.heading}</h1>`);
    expect(landing.html).not.toContain(server.app.clientSecret);
  });

  it('refuses a wrong password on the same page, with the vendor message', async () => {
    const browser = new HttpBrowser();
    const page = await signIn(
      browser,
      (await authorize(browser)).landing,
      server.persona,
      redirectUri,
      'bob.user@example.com',
      'not-the-password',
    );
    expect(page.reachedRedirectUri).toBe(false);
    expect(page.status).toBe(200);
    expect(page.html).toContain(
      `role="alert" class="alert">${loginForm(server.persona.loginFlow).wrongCredentials.replace(/'/g, '&#39;')}`,
    );
    expect(server.tenant.requestLog.map((entry) => entry.kind)).not.toContain('oidc.token');
  });

  it.each([
    ['frank.disabled@example.com', 'userDisabled'],
    ['erin.unassigned@example.com', 'userNotAssigned'],
  ] as const)('refuses %s the way the vendor does (%s)', async (email, which) => {
    const browser = new HttpBrowser();
    const { landing, checks } = await authorize(browser);
    const result = await signIn(browser, landing, server.persona, redirectUri, email);
    const error = server.persona.errors[which];
    if (error.httpStatus === 302) {
      expect(result.reachedRedirectUri).toBe(true);
      expect(Object.fromEntries(result.url.searchParams)).toMatchObject({
        error: error.code,
        error_description: error.message,
        state: checks.expectedState,
      });
      await expect(client.authorizationCodeGrant(config, result.url, checks)).rejects.toBeInstanceOf(client.AuthorizationResponseError);
    } else {
      expect(result.reachedRedirectUri).toBe(false);
      expect(result.status).toBe(error.httpStatus);
      expect(result.html).toContain(error.code);
    }
    expect(server.tenant.requestLog.map((entry) => entry.kind)).not.toContain('oidc.token');
  });

  it('applies a one-shot fault to one login only', async () => {
    server.tenant.useFault({ id: 'oidc.nonce-invalid', once: true });
    const first = new HttpBrowser();
    const a = await authorize(first);
    const callbackA = await signIn(first, a.landing, server.persona, redirectUri, 'bob.user@example.com');
    // openid-client checks the nonce: the faulted token is refused.
    await expect(client.authorizationCodeGrant(config, callbackA.url, a.checks)).rejects.toMatchObject({
      code: 'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
    });
    const second = new HttpBrowser();
    const b = await authorize(second);
    const tokensB = await client.authorizationCodeGrant(
      config,
      (await signIn(second, b.landing, server.persona, redirectUri, 'bob.user@example.com')).url,
      b.checks,
    );
    expect(tokensB.claims()?.nonce).toBe(b.checks.expectedNonce);
    expect(server.tenant.faults).toEqual([]);
  });

  async function loginTokens(): Promise<{ idToken: string; kids: string[] }> {
    const browser = new HttpBrowser();
    const { landing, checks } = await authorize(browser);
    const tokens = await client.authorizationCodeGrant(
      config,
      (await signIn(browser, landing, server.persona, redirectUri, 'bob.user@example.com')).url,
      checks,
    );
    return { idToken: tokens.id_token!, kids: await publishedKids() };
  }

  async function publishedKids(): Promise<string[]> {
    const jwks = (await (await fetch(config.serverMetadata().jwks_uri!)).json()) as { keys: Array<{ kid: string }> };
    return jwks.keys.map((key) => key.kid);
  }

  it('rotates the signing key once per activation of oidc.jwks-rotated; the JWKS keeps the previous key', async () => {
    const [before] = await publishedKids();
    server.tenant.useFault({ id: 'oidc.jwks-rotated', once: false });
    const first = await loginTokens();
    const rotated = decodeProtectedHeader(first.idToken).kid;
    expect(rotated).not.toBe(before);
    expect(first.kids).toEqual([rotated, before]);
    const second = await loginTokens();
    expect(decodeProtectedHeader(second.idToken).kid).toBe(rotated);
  });

  it('publishes another RSA key from the moment the tenant is told to, through fault resets (the IdP still signs with its own)', async () => {
    const before = await publishedKids();
    server.tenant.changeJwks('extra-rsa-key');
    try {
      const during = await publishedKids();
      expect(during).toHaveLength(before.length + 1);
      const { idToken } = await loginTokens();
      expect(decodeProtectedHeader(idToken).kid, 'the IdP still signs with its own key').toBe(before[0]);
      server.tenant.resetFaults();
      expect(await publishedKids()).toEqual(during);
    } finally {
      server.tenant.withdrawJwksChange('extra-rsa-key');
    }
    expect(await publishedKids()).toEqual(before);
  });

  it('keeps publishing the extra key a consumed one-shot fault needed, until faults are reset', async () => {
    server.tenant.useFault({ id: 'oidc.kid-absent-multiple-keys', once: true });
    const { idToken, kids } = await loginTokens();
    expect(decodeProtectedHeader(idToken)).not.toHaveProperty('kid');
    const extra = kids.at(-1);
    expect(kids.length).toBeGreaterThanOrEqual(2);
    expect(await publishedKids()).toContain(extra);
    server.tenant.resetFaults();
    expect(await publishedKids()).not.toContain(extra);
  });

  it('answers bad input with clear 4xx, never a stack trace', async () => {
    const base = server.issuer.replace(/\/$/, '');
    const garbage = await fetch(base + server.persona.endpoints.token, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=authorization_code&code=%%%',
    });
    expect(garbage.status).toBeGreaterThanOrEqual(400);
    expect(garbage.status).toBeLessThan(500);
    expect(await garbage.text()).not.toMatch(/at .*\.js:\d+/);

    const unknownClient = await new HttpBrowser().navigate(
      `${base}${server.persona.endpoints.authorization}?client_id=nobody&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(redirectUri)}`,
      redirectUri,
    );
    expect(unknownClient.status).toBe(400);
    expect(unknownClient.html).toContain('no app with this client_id is registered');

    // The authorization endpoint answers GET only (oidc-provider's default, and the vendors' documented use).
    const posted = await fetch(base + server.persona.endpoints.authorization, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `client_id=${server.app.clientId}&response_type=code&scope=openid`,
    });
    expect(posted.status).toBeGreaterThanOrEqual(400);
    expect(posted.status).toBeLessThan(500);

    const lost = await fetch(`${base}${loginPrefix(server)}/does-not-exist`);
    expect(lost.status).toBe(400);
    expect(await lost.text()).toContain('Start the login again from the application');

    const nowhere = await fetch(`${base}/no/such/endpoint`);
    expect(nowhere.status).toBe(404);
    expect(await nowhere.text()).toContain('.well-known/openid-configuration');
  });
});

function loginPrefix(server: OidcTestServer): string {
  return { entra: '/login', okta: '/signin', google: '/v3/signin', auth0: '/u/login' }[server.persona.vendor];
}

describe('Google account chooser', () => {
  let server: OidcTestServer;
  beforeAll(async () => {
    server = await startOidcTestServer('google-oidc');
  });
  afterAll(async () => {
    await server.close();
  });

  it('starts with "Email or phone" on a fresh browser; prompt=select_account offers only the accounts signed in here', async () => {
    const config = await client.discovery(
      new URL(server.issuer),
      server.app.clientId,
      undefined,
      client.ClientSecretPost(server.app.clientSecret),
      INSECURE,
    );
    const redirectUri = server.app.redirectUris[0]!;
    const browser = new HttpBrowser();
    const start = (prompt?: string) =>
      browser.navigate(
        client.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: 'openid email', ...(prompt ? { prompt } : {}) }),
        redirectUri,
      );
    const fresh = await start('select_account');
    expect(fresh.html).toContain('<h1>Sign in</h1>');
    expect([...(parseForms(fresh.html)[0]?.labels.keys() ?? [])]).toEqual(['Email or phone']);
    await signIn(browser, fresh, server.persona, redirectUri, 'bob.user@example.com');
    const chooser = await start('select_account');
    expect(chooser.html).toContain('<h1>Choose an account</h1>');
    expect(parseForms(chooser.html).flatMap((form) => form.buttons.map((button) => button.text))).toEqual([
      'bob.user@example.com',
      'Use another account',
    ]);
    // The account this browser is signed in with: no password asked.
    const done = await browser.submit(chooser, 'bob.user@example.com', {}, redirectUri);
    expect(done.reachedRedirectUri).toBe(true);
    expect(done.url.searchParams.has('code')).toBe(true);
  });
});

describe("Google's JWKS told to publish one key (control API: jwks/signing-key-only)", () => {
  let server: OidcTestServer;
  beforeAll(async () => {
    server = await startOidcTestServer('google-oidc');
  });
  afterAll(async () => {
    await server.close();
  });

  const publishedKids = async (): Promise<string[]> => {
    const discovery = (await (await fetch(`${server.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`)).json()) as {
      jwks_uri: string;
    };
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: { kid: string }[] };
    return jwks.keys.map((key) => key.kid);
  };

  it('publishes the signing key alone from then on, through fault resets, until the tenant is reset', async () => {
    const vendorShaped = await publishedKids();
    expect(vendorShaped).toHaveLength(2);
    server.tenant.changeJwks('signing-key-only');
    expect(await publishedKids()).toEqual(vendorShaped.slice(0, 1));
    server.tenant.resetFaults();
    expect(await publishedKids()).toEqual(vendorShaped.slice(0, 1));
    server.tenant.reset();
    expect(await publishedKids()).toHaveLength(2);
  });
});
