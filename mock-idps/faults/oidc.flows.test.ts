// Proofs for the OIDC faults that happen in the live flow (discovery, redirect URI, client
// authentication, authorization response, userinfo, code replay), against the running persona
// over loopback HTTP, judged by openid-client as the RP: refused for the stated reason, and for
// single-check faults accepted once that one check is relaxed. RP-driver faults (native PKCE,
// return URLs) are proven on the artefact the driver produces.
import * as client from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReasonCode } from '../../lib/index.ts';
import type { OidcFaultEffect } from '../oidc/effects.ts';
import { HttpBrowser, type Landing } from '../oidc/httpBrowser.ts';
import { signIn, startOidcTestServer, type OidcTestServer } from '../oidc/testServer.ts';
import { OIDC_PERSONAS } from '../personas/index.ts';
import type { PersonaId } from '../types.ts';
import { OFF_SITE_RETURN_PATHS } from './redirectSafety.ts';
import { oidcFaults } from './oidc.ts';

type Seam = OidcFaultEffect['seam'];
const FLOW_SEAMS: readonly Seam[] = ['discovery', 'registration', 'client-auth', 'authorization', 'userinfo', 'code'];

/** How a correct RP (openid-client) names what went wrong, in the harness's reason codes. */
function reasonOf(error: unknown): ReasonCode | 'unrecognised' {
  if (error instanceof client.AuthorizationResponseError) return 'oidc-idp-error';
  if (error instanceof client.ResponseBodyError) return 'oidc-token-error';
  if (!(error instanceof client.ClientError)) return 'unrecognised';
  // openid-client wraps oauth4webapi's error; the wrapped message names the failed check.
  const detail = `${error.message} / ${error.cause instanceof Error ? error.cause.message : ''}`;
  if (error.code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED' && /metadata issuer/.test(detail)) return 'oidc-discovery-mismatch';
  if (error.code === 'OAUTH_INVALID_RESPONSE' && /"state" response parameter/.test(detail)) return 'oidc-state-mismatch';
  if (error.code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED' && /"sub" property/.test(detail)) return 'oidc-userinfo-sub-mismatch';
  return 'unrecognised';
}

async function refusal(promise: Promise<unknown>): Promise<ReasonCode | 'unrecognised' | 'accepted'> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    return reasonOf(error);
  }
}

const insecure = { execute: [client.allowInsecureRequests] };

interface Login {
  readonly landing: Landing;
  readonly verifier: string;
  readonly state: string;
  readonly nonce: string;
}

async function startLogin(
  server: OidcTestServer,
  config: client.Configuration,
  browser = new HttpBrowser(),
  email = 'bob.user@example.com',
): Promise<Login> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const redirectUri = server.app.redirectUris[0]!;
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile email',
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const landing = await signIn(browser, await browser.navigate(url, redirectUri), server.persona, redirectUri, email);
  return { landing, verifier, state, nonce };
}

function discover(server: OidcTestServer): Promise<client.Configuration> {
  return client.discovery(
    new URL(server.issuer),
    server.app.clientId,
    undefined,
    client.ClientSecretPost(server.app.clientSecret),
    insecure,
  );
}

function exchange(config: client.Configuration, login: Login, checks: Partial<client.AuthorizationCodeGrantChecks> = {}) {
  return client.authorizationCodeGrant(config, login.landing.url, {
    pkceCodeVerifier: login.verifier,
    expectedNonce: login.nonce,
    expectedState: login.state,
    ...checks,
  });
}

// What the vendor shows on its own page when it refuses to redirect back.
const REDIRECT_MISMATCH_TEXT: Readonly<Record<PersonaId, string>> = {
  'entra-oidc': 'AADSTS50011',
  'okta-oidc': 'must be a Login redirect URI',
  'google-oidc': 'Error 400: redirect_uri_mismatch',
  'auth0-oidc': 'Callback URL mismatch.',
  'entra-saml': '',
  'okta-saml': '',
  'google-saml': '',
  'auth0-saml': '',
};

const flowFaults = oidcFaults.filter((fault) => FLOW_SEAMS.includes(fault.effect.seam));

describe.each(OIDC_PERSONAS.map((persona) => persona.id))('%s flow faults', (personaId) => {
  let server: OidcTestServer;
  beforeAll(async () => {
    server = await startOidcTestServer(personaId);
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.tenant.resetFaults();
    server.tenant.clearRequestLog();
  });

  const use = (fault: (typeof oidcFaults)[number]): void => server.tenant.useFault({ id: fault.id, once: false });
  const forPersona = flowFaults.filter((fault) => fault.personas.includes(personaId));
  const byEffect = (predicate: (effect: OidcFaultEffect) => boolean): typeof forPersona =>
    forPersona.filter((fault) => predicate(fault.effect));

  it.each(byEffect((effect) => effect.seam === 'discovery').map((fault) => [fault.id, fault] as const))(
    '%s: discovery is refused, accepted when only the discovery issuer check is relaxed',
    async (_id, fault) => {
      use(fault);
      expect(await refusal(discover(server))).toBe(fault.reason);
      // Relaxed: trust the document's endpoints but keep the configured issuer for the tokens.
      const document = (await (
        await fetch(`${server.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`)
      ).json()) as client.ServerMetadata;
      expect(document.issuer).not.toBe(server.issuer);
      const config = new client.Configuration(
        { ...document, issuer: server.issuer },
        server.app.clientId,
        undefined,
        client.ClientSecretPost(server.app.clientSecret),
      );
      client.allowInsecureRequests(config);
      const tokens = await exchange(config, await startLogin(server, config));
      expect(tokens.claims()?.email).toBe('bob.user@example.com');
    },
  );

  it.each(byEffect((effect) => effect.seam === 'registration').map((fault) => [fault.id, fault] as const))(
    '%s: the vendor page refuses the redirect URI and never redirects back',
    async (_id, fault) => {
      const config = await discover(server);
      use(fault);
      const { landing } = await startLogin(server, config);
      expect(landing.reachedRedirectUri).toBe(false);
      expect(landing.status).toBe(400);
      expect(landing.html).toContain(REDIRECT_MISMATCH_TEXT[personaId]);
      expect(server.tenant.requestLog.map((entry) => entry.kind)).not.toContain('oidc.login');
      server.tenant.resetFaults();
      expect((await startLogin(server, config)).landing.reachedRedirectUri).toBe(true);
    },
  );

  it.each(byEffect((effect) => effect.seam === 'client-auth').map((fault) => [fault.id, fault] as const))(
    '%s: the token endpoint answers the vendor invalid_client',
    async (_id, fault) => {
      const config = await discover(server);
      const login = await startLogin(server, config);
      use(fault);
      const error = await exchange(config, login).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(reasonOf(error)).toBe(fault.reason);
      expect(error).toBeInstanceOf(client.ResponseBodyError);
      const body = error as client.ResponseBodyError;
      const vendorError =
        server.persona.errors[
          fault.effect.seam === 'client-auth' && fault.effect.failure === 'secret-expired' ? 'clientSecretExpired' : 'invalidClient'
        ];
      expect(body.status).toBe(401);
      expect(body.error).toBe(vendorError.code);
      expect(body.error_description).toBe(vendorError.message.replace('{clientId}', server.app.clientId));
      if (personaId === 'entra-oidc') expect(body.error_description).toMatch(/^AADSTS70002(15|22): /);
    },
  );

  it.each(
    byEffect((effect) => effect.seam === 'authorization' && effect.outcome === 'user-not-assigned').map(
      (fault) => [fault.id, fault] as const,
    ),
  )('%s: the vendor refuses the user the way it does', async (_id, fault) => {
    const config = await discover(server);
    use(fault);
    const login = await startLogin(server, config);
    const vendorError = server.persona.errors.userNotAssigned;
    if (vendorError.httpStatus === 302) {
      expect(login.landing.reachedRedirectUri).toBe(true);
      expect(login.landing.url.searchParams.get('error')).toBe('access_denied');
      expect(login.landing.url.searchParams.get('error_description')).toBe(vendorError.message);
      expect(await refusal(exchange(config, login))).toBe(fault.reason);
    } else {
      expect(login.landing.reachedRedirectUri).toBe(false);
      expect(login.landing.status).toBe(vendorError.httpStatus);
      expect(login.landing.html).toContain(vendorError.code);
    }
    expect(server.tenant.requestLog.map((entry) => entry.kind)).not.toContain('oidc.token');
  });

  it.each(
    byEffect((effect) => effect.seam === 'authorization' && effect.outcome === 'state-altered').map((fault) => [fault.id, fault] as const),
  )('%s: refused for state, accepted when only the state check is skipped', async (_id, fault) => {
    const config = await discover(server);
    use(fault);
    const login = await startLogin(server, config);
    expect(await refusal(exchange(config, login))).toBe(fault.reason);
    expect(server.tenant.requestLog.map((entry) => entry.kind)).not.toContain('oidc.token');
    const tokens = await exchange(config, login, { expectedState: client.skipStateCheck });
    expect(tokens.claims()?.email).toBe('bob.user@example.com');
  });

  it.each(byEffect((effect) => effect.seam === 'userinfo').map((fault) => [fault.id, fault] as const))(
    '%s: refused for sub, accepted when only the subject check is skipped',
    async (_id, fault) => {
      const config = await discover(server);
      const tokens = await exchange(config, await startLogin(server, config));
      use(fault);
      const sub = tokens.claims()!.sub;
      expect(await refusal(client.fetchUserInfo(config, tokens.access_token, sub))).toBe(fault.reason);
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, client.skipSubjectCheck);
      expect(userinfo.sub).not.toBe(sub);
      expect(userinfo.email).toBe('bob.user@example.com');
    },
  );

  it.each(byEffect((effect) => effect.seam === 'code').map((fault) => [fault.id, fault] as const))(
    '%s: the IdP lets the code be redeemed twice; the RP refuses the replayed callback',
    async (_id, fault) => {
      const config = await discover(server);
      const redeemTwice = async (): Promise<number> => {
        const login = await startLogin(server, config);
        await exchange(config, login);
        const code = login.landing.url.searchParams.get('code')!;
        const response = await fetch(config.serverMetadata().token_endpoint!, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code,
            redirect_uri: server.app.redirectUris[0]!,
            code_verifier: login.verifier,
            client_id: server.app.clientId,
            client_secret: server.app.clientSecret,
          }),
        });
        await response.body?.cancel();
        return response.status;
      };
      expect(await redeemTwice()).toBe(400);
      use(fault);
      expect(await redeemTwice()).toBe(200);
      const login = await startLogin(server, config);
      await exchange(config, login);
      // The replayed callback reaches an RP that already consumed this state.
      expect(await refusal(client.authorizationCodeGrant(config, login.landing.url, { pkceCodeVerifier: login.verifier }))).toBe(
        fault.reason,
      );
    },
  );
});

describe('RP-driver faults: the artefact the driver sends is what the fault claims', () => {
  const driverFaults = oidcFaults.filter((fault) => fault.effect.seam === 'rp-driver');

  it('every driver action is covered here', () => {
    expect([...new Set(driverFaults.map((fault) => (fault.effect.seam === 'rp-driver' ? fault.effect.action : '')))].sort()).toEqual([
      'external-return-url',
      'pkce-verifier-missing',
      'pkce-verifier-wrong',
      'redirect-uri-external',
      'return-path',
    ]);
  });

  it.each(Object.entries(OFF_SITE_RETURN_PATHS))('the return path %s (%j) is one a browser resolves to another host', (_slug, path) => {
    // What the catalog claims of each value: resolved against a portal page (WHATWG URL, as browsers do), it leaves the portal.
    const portal = new URL('http://127.0.0.1:4200/some/page');
    const resolved = new URL(path, portal);
    const normalised = new URL(`http://127.0.0.1:4200${resolved.pathname}`);
    // Either the path itself leaves, or a portal that resolves it and redirects to its pathname does (//host…).
    expect(resolved.origin !== portal.origin || normalised.pathname.startsWith('//') || resolved.pathname.startsWith('/%2f%2f')).toBe(true);
  });

  it('oidc.pkce-verifier-wrong: the verifier does not hash to the challenge (RFC 7636 §4.6)', async () => {
    const verifier = client.randomPKCECodeVerifier();
    const challenge = await client.calculatePKCECodeChallenge(verifier);
    expect(await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier())).not.toBe(challenge);
    expect(await client.calculatePKCECodeChallenge(verifier)).toBe(challenge);
  });

  it('oidc.pkce-verifier-missing: without a verifier there is nothing to hash to the challenge (RFC 7636 §4.6)', async () => {
    await expect(client.calculatePKCECodeChallenge('')).rejects.toMatchObject({
      code: 'ERR_INVALID_ARG_VALUE',
      message: 'codeVerifier must not be empty',
    });
  });

  it.each([
    ['https://attacker.example/cb', false],
    ['http://localhost:5123/cb', false],
    ['http://127.0.0.1:5123/cb', true],
    ['com.ooma.enterprise:/oauth2redirect', true],
  ])('oidc.open-redirect-redirect-uri: RFC 8252 allows %s → %s', (uri, allowed) => {
    // RFC 8252 §7.3 (loopback IP literal, any port) and §7.1 (private-use reverse-DNS scheme).
    const url = new URL(uri);
    const loopback = url.protocol === 'http:' && url.hostname === '127.0.0.1';
    const privateUse = url.protocol === 'com.ooma.enterprise:';
    expect(loopback || privateUse).toBe(allowed);
  });

  it.each([
    ['https://attacker.example/after-login', false],
    ['//attacker.example/after-login', false],
    ['/account/seats', true],
  ])('oidc.open-redirect-return-url: %s stays on the portal → %s', (returnUrl, sameSite) => {
    const portal = new URL('http://127.0.0.1:4200/');
    expect(new URL(returnUrl, portal).origin === portal.origin).toBe(sameSite);
  });
});
