import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReasonCode } from '../../lib/index.ts';
import { DEFECTS, parseDefects } from '../defects.ts';
import type { DefectId } from '../defects.ts';
import type { OidcSettings, SsoResult } from './contract.ts';
import { validateIdToken } from './idToken.ts';
import { clearJwksCache } from './jwks.ts';
import { clearDiscoveryCache } from './oidcDiscovery.ts';
import { completeOidcLogin, OidcStartError, startOidcLogin } from './oidcLogin.ts';
import { spEndpointsFor } from './spEndpoints.ts';
import { newSigningKey, startTestOidcProvider } from './testing/oidcProviderFixture.ts';
import type { SigningKey, TestOidcProvider } from './testing/oidcProviderFixture.ts';

const NOW = new Date('2026-06-01T12:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const sp = spEndpointsFor('http://127.0.0.1:8080', 7);

let provider: TestOidcProvider;
let unpublished: SigningKey;
let ecKey: SigningKey;
let secondKey: SigningKey;

beforeAll(async () => {
  provider = await startTestOidcProvider({ now: NOW });
  unpublished = newSigningKey('key-1');
  ecKey = newSigningKey('ec-1', 'ec');
  secondKey = newSigningKey('key-2');
});
afterAll(async () => provider.close());

let originalKey: SigningKey;
function reset(): void {
  originalKey ??= provider.published[0] as SigningKey;
  provider.published = [originalKey];
  provider.discovery = {};
  provider.claims = {};
  provider.signWith = {};
  provider.tokenAnswer = undefined;
  provider.userinfo = undefined;
  provider.server.requests.length = 0;
  clearDiscoveryCache();
  clearJwksCache();
}
beforeEach(reset);

function settingsFor(overrides: Partial<OidcSettings> = {}): OidcSettings {
  return {
    protocol: 'oidc',
    vendor: 'okta',
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    scopes: 'openid email profile',
    emailClaim: 'email',
    allowedClockSkewSeconds: 120,
    warnings: [],
    ...overrides,
  };
}

interface Case {
  readonly name: string;
  readonly arrange?: () => void;
  readonly settings?: Partial<OidcSettings>;
  readonly callback?: (callback: URL) => void;
  readonly reason: ReasonCode;
  readonly detail?: string | RegExp;
  /**
   * The defect switches that make the portal accept this artefact (the rule's off switch, and its partial bugs that this artefact exposes).
   */
  readonly acceptedWith?: DefectId | readonly DefectId[];
}

const switchesOf = (c: Case): readonly DefectId[] =>
  c.acceptedWith === undefined ? [] : typeof c.acceptedWith === 'string' ? [c.acceptedWith] : c.acceptedWith;
const swapCase = (text: string): string =>
  [...text].map((char) => (char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase())).join('');

async function login(c: Pick<Case, 'arrange' | 'settings' | 'callback'> = {}, defects: readonly string[] = []): Promise<SsoResult> {
  c.arrange?.();
  const settings = settingsFor(c.settings);
  const { url, pending } = await startOidcLogin(settings, sp);
  const callback = provider.authorize(url);
  c.callback?.(callback);
  return completeOidcLogin(settings, sp, callback, pending, { clock: () => NOW, defects: parseDefects(defects) });
}

const requested = (path: string): number => provider.server.requests.filter((r) => r.endsWith(` ${path}`)).length;

const CASES: Case[] = [
  {
    name: 'an IdP error (user not assigned)',
    callback: (u) => {
      u.search = `?error=access_denied&error_description=${encodeURIComponent('User is not assigned to the client application.')}&state=${u.searchParams.get('state') ?? ''}`;
    },
    reason: 'oidc-idp-error',
    detail: 'The IdP answered error=access_denied: "User is not assigned to the client application.".',
  },
  {
    name: 'a callback with neither code nor error',
    callback: (u) => u.searchParams.delete('code'),
    reason: 'oidc-idp-error',
    detail: 'The callback carries neither an authorization code nor an error.',
  },
  {
    name: 'a state from another session',
    callback: (u) => u.searchParams.set('state', 'attacker-state'),
    reason: 'oidc-state-mismatch',
    detail: 'The callback state is not the state of the login this browser started.',
    acceptedWith: 'oidc-skip-state',
  },
  {
    name: 'no state',
    callback: (u) => u.searchParams.delete('state'),
    reason: 'oidc-state-mismatch',
    detail: 'The callback has no state parameter.',
    acceptedWith: 'oidc-skip-state',
  },
  {
    name: 'the state in other letter case',
    callback: (u) => u.searchParams.set('state', swapCase(u.searchParams.get('state') ?? '')),
    reason: 'oidc-state-mismatch',
    acceptedWith: ['oidc-skip-state', 'oidc-state-case-insensitive'],
  },
  {
    name: 'a wrong client secret',
    settings: { clientSecret: 'expired-secret' },
    reason: 'oidc-token-error',
    detail: 'The token endpoint answered invalid_client: "Client authentication failed." (HTTP 401).',
  },
  {
    name: 'a token response without id_token',
    arrange: () => {
      provider.tokenAnswer = { status: 200, body: { access_token: 'at-x', token_type: 'Bearer' } };
    },
    reason: 'oidc-token-error',
    detail:
      'The token endpoint returned no id_token: check that the application is an OpenID Connect app and the "openid" scope is granted.',
  },
  {
    name: 'an ID token from another issuer (Okta org vs /oauth2/default)',
    arrange: () => {
      provider.claims = { iss: `${provider.issuer}/oauth2/default` };
    },
    reason: 'oidc-issuer-mismatch',
    detail: `The ID token iss is "${'${issuer}'}/oauth2/default"; this account expects "${'${issuer}'}".`,
    acceptedWith: 'oidc-skip-issuer',
  },
  {
    name: 'an iss with a trailing slash added',
    arrange: () => {
      provider.claims = { iss: `${provider.issuer}/` };
    },
    reason: 'oidc-issuer-mismatch',
    acceptedWith: ['oidc-skip-issuer', 'oidc-issuer-trailing-slash-ignored'],
  },
  {
    name: 'an ID token without iss',
    arrange: () => {
      provider.claims = { iss: undefined };
    },
    reason: 'oidc-issuer-mismatch',
    acceptedWith: 'oidc-skip-issuer',
  },
  {
    name: 'an ID token for another client',
    arrange: () => {
      provider.claims = { aud: 'another-client' };
    },
    reason: 'oidc-audience-mismatch',
    detail: 'The ID token aud is "another-client"; this account\'s client ID is "portal-client".',
    acceptedWith: 'oidc-skip-audience',
  },
  {
    name: 'several audiences without azp',
    arrange: () => {
      provider.claims = { aud: ['portal-client', 'other'] };
    },
    reason: 'oidc-audience-mismatch',
    detail:
      'The ID token is also meant for "other", which this account does not trust (OIDC core §3.1.3.7 step 3), and has no azp claim naming the client it was issued to.',
    acceptedWith: ['oidc-skip-audience', 'oidc-audience-includes'],
  },
  // §3.1.3.7 step 3: an audience the client does not trust is refused even when azp names the client.
  {
    name: 'several audiences with azp naming this client',
    arrange: () => {
      provider.claims = { aud: ['portal-client', 'other-client'], azp: 'portal-client' };
    },
    reason: 'oidc-audience-mismatch',
    detail: 'The ID token is also meant for "other-client", which this account does not trust (OIDC core §3.1.3.7 step 3).',
    acceptedWith: ['oidc-skip-audience', 'oidc-audience-includes'],
  },
  {
    name: 'azp naming another client',
    arrange: () => {
      provider.claims = { aud: 'portal-client', azp: 'other' };
    },
    reason: 'oidc-audience-mismatch',
    detail: 'The ID token azp is "other"; this account\'s client ID is "portal-client".',
    acceptedWith: ['oidc-skip-audience', 'oidc-azp-only-with-several-audiences'],
  },
  {
    name: 'no aud',
    arrange: () => {
      provider.claims = { aud: undefined };
    },
    reason: 'oidc-audience-mismatch',
    detail: 'The ID token has no aud claim.',
    acceptedWith: 'oidc-skip-audience',
  },
  {
    name: 'alg none',
    arrange: () => {
      provider.signWith = { alg: 'none', kid: null };
    },
    reason: 'oidc-alg-not-allowed',
    detail: 'The ID token is signed with none; this account accepts RS256 only.',
    acceptedWith: 'oidc-accept-any-alg',
  },
  {
    name: 'HS256 keyed with the client secret (Auth0 misconfiguration)',
    arrange: () => {
      provider.signWith = { alg: 'HS256', key: new TextEncoder().encode(provider.clientSecret), kid: null };
    },
    reason: 'oidc-alg-not-allowed',
    detail:
      'The ID token is signed with HS256; this account accepts RS256 only (HS256 means the IdP signs with the client secret: Auth0 → Advanced settings → OAuth → JsonWebToken Signature Algorithm → RS256).',
    acceptedWith: 'oidc-accept-any-alg',
  },
  {
    name: 'HS256 keyed with the IdP public key (algorithm confusion)',
    arrange: () => {
      provider.signWith = { alg: 'HS256', key: new TextEncoder().encode(originalKey.publicKeyPem), kid: originalKey.kid };
    },
    reason: 'oidc-alg-not-allowed',
    acceptedWith: 'oidc-accept-any-alg',
  },
  {
    name: 'ES256 from a published EC key',
    arrange: () => {
      provider.published = [originalKey, ecKey];
      provider.signWith = { alg: 'ES256', key: ecKey };
    },
    reason: 'oidc-alg-not-allowed',
    detail: 'The ID token is signed with ES256; this account accepts RS256 only.',
    acceptedWith: 'oidc-accept-any-alg',
  },
  {
    name: 'a signature by an unpublished key with a published kid',
    arrange: () => {
      provider.signWith = { key: unpublished };
    },
    reason: 'oidc-signature-invalid',
    detail: 'The ID token signature does not verify with the IdP key "key-1": the token was altered or signed by another key.',
  },
  {
    name: 'an unknown kid',
    arrange: () => {
      provider.signWith = { key: secondKey };
    },
    reason: 'oidc-signature-invalid',
    detail:
      'The ID token was signed with key "key-2", which the IdP does not publish in its JWKS (fetched again once to pick up a rotation).',
  },
  {
    name: 'no kid while several keys are published',
    arrange: () => {
      provider.published = [originalKey, secondKey];
      provider.signWith = { kid: null };
    },
    reason: 'oidc-signature-invalid',
    detail: 'The ID token header has no kid and the IdP publishes 2 RSA signing keys, so the key cannot be chosen.',
  },
  {
    name: 'a token that is not a JWS',
    arrange: () => {
      provider.tokenAnswer = { status: 200, body: { access_token: 'at-x', token_type: 'Bearer', id_token: 'garbage' } };
    },
    reason: 'oidc-signature-invalid',
    detail: 'The ID token is not a JWS compact serialization (three base64url parts).',
  },
  {
    name: 'no sub',
    arrange: () => {
      provider.claims = { sub: undefined };
    },
    reason: 'oidc-claim-missing',
    detail: 'The ID token lacks sub (OIDC core §2 requires sub, iat and exp; times are numbers of seconds).',
  },
  {
    name: 'no iat',
    arrange: () => {
      provider.claims = { iat: undefined };
    },
    reason: 'oidc-claim-missing',
    detail: 'The ID token lacks iat (OIDC core §2 requires sub, iat and exp; times are numbers of seconds).',
  },
  {
    name: 'no exp',
    arrange: () => {
      provider.claims = { exp: undefined };
    },
    reason: 'oidc-claim-missing',
    detail: 'The ID token lacks exp (OIDC core §2 requires sub, iat and exp; times are numbers of seconds).',
  },
  {
    name: 'an expired ID token',
    arrange: () => {
      provider.claims = { iat: NOW_S - 3900, exp: NOW_S - 300 };
    },
    reason: 'oidc-expired',
    detail: 'The ID token expired at 2026-06-01T11:55:00.000Z (now 2026-06-01T12:00:00.000Z, allowed skew 120 s).',
  },
  {
    name: 'expired 150 s ago: beyond the 120 s skew, within twice it',
    arrange: () => {
      provider.claims = { iat: NOW_S - 3750, exp: NOW_S - 150 };
    },
    reason: 'oidc-expired',
    acceptedWith: 'oidc-skew-doubled',
  },
  {
    name: 'an ID token issued in the future',
    arrange: () => {
      provider.claims = { iat: NOW_S + 600, exp: NOW_S + 4200 };
    },
    reason: 'oidc-expired',
    detail: 'The ID token was issued at 2026-06-01T12:10:00.000Z, in the future (now 2026-06-01T12:00:00.000Z, allowed skew 120 s).',
  },
  {
    name: 'no nonce',
    arrange: () => {
      provider.claims = { nonce: undefined };
    },
    reason: 'oidc-nonce-mismatch',
    detail: 'The ID token has no nonce, but this login sent one.',
    acceptedWith: ['oidc-skip-nonce', 'oidc-nonce-when-present'],
  },
  {
    name: 'an empty nonce',
    arrange: () => {
      provider.claims = { nonce: '' };
    },
    reason: 'oidc-nonce-mismatch',
    acceptedWith: ['oidc-skip-nonce', 'oidc-nonce-when-present'],
  },
  {
    name: 'the nonce of another login',
    arrange: () => {
      provider.claims = { nonce: 'another-nonce' };
    },
    reason: 'oidc-nonce-mismatch',
    detail: 'The ID token nonce is not the nonce of this login.',
    acceptedWith: 'oidc-skip-nonce',
  },
  {
    name: 'an at_hash of another access token',
    arrange: () => {
      provider.claims = { at_hash: 'AAAAAAAAAAAAAAAAAAAAAA' };
    },
    reason: 'oidc-hash-mismatch',
    detail: 'The ID token at_hash does not match the access token it came with.',
  },
  {
    name: 'a c_hash of another code',
    arrange: () => {
      provider.claims = { c_hash: 'AAAAAAAAAAAAAAAAAAAAAA' };
    },
    reason: 'oidc-hash-mismatch',
    detail: 'The ID token c_hash does not match the authorization code.',
  },
  {
    name: 'userinfo about another user',
    arrange: () => {
      provider.claims = { email: undefined };
      provider.userinfo = { sub: 'someone-else', email: 'mallory@corp.example' };
    },
    reason: 'oidc-userinfo-sub-mismatch',
    detail: 'Userinfo describes sub "someone-else", the ID token sub "user-0001".',
  },
  {
    name: 'no email claim anywhere (Entra default)',
    settings: { vendor: 'entra' },
    arrange: () => {
      provider.claims = { email: undefined, email_verified: undefined, preferred_username: 'alice@corp.example' };
    },
    reason: 'email-missing',
    detail:
      /^Neither the ID token nor userinfo carries the claim "email"\. Claims received: sub, iss, aud, iat, exp, nonce, at_hash, preferred_username\. Entra ID sends email only as an optional claim/,
  },
  {
    name: 'a guest UPN as preferred_username',
    settings: { vendor: 'entra', emailClaim: 'preferred_username' },
    arrange: () => {
      provider.claims = { preferred_username: 'alice_contoso.com#EXT#@fabrikam.onmicrosoft.com' };
    },
    reason: 'email-missing',
    detail:
      'The claim "preferred_username" holds an Entra guest UPN (alice_contoso.com#EXT#@fabrikam.onmicrosoft.com), which is not the user\'s email. Use the email claim (optional claim "email") instead.',
  },
  {
    name: 'email_verified false',
    arrange: () => {
      provider.claims = { email_verified: false };
    },
    reason: 'email-unverified',
    detail: 'The IdP marks alice@corp.example as not verified (email_verified=false).',
    acceptedWith: 'oidc-skip-email-verified',
  },
  {
    name: 'email_verified "false" (a string)',
    arrange: () => {
      provider.claims = { email_verified: 'false' };
    },
    reason: 'email-unverified',
    acceptedWith: ['oidc-skip-email-verified', 'oidc-email-verified-boolean-only'],
  },
  {
    name: 'a Google account outside the hosted domain',
    settings: { vendor: 'google', hostedDomain: 'corp.example' },
    arrange: () => {
      provider.claims = { hd: 'gmail.com' };
    },
    reason: 'hosted-domain-mismatch',
    detail: 'The Google account alice@corp.example belongs to the Workspace domain "gmail.com"; this account requires "corp.example".',
  },
  {
    name: 'an hd that ends with the hosted domain',
    settings: { vendor: 'google', hostedDomain: 'corp.example' },
    arrange: () => {
      provider.claims = { hd: 'evilcorp.example' };
    },
    reason: 'hosted-domain-mismatch',
    acceptedWith: 'oidc-hd-suffix',
  },
  {
    name: 'a consumer Google account (no hd)',
    settings: { vendor: 'google', hostedDomain: 'corp.example' },
    reason: 'hosted-domain-mismatch',
    detail: 'The Google account alice@corp.example is not part of any Workspace (no hd claim); this account requires "corp.example".',
  },
];

function expandIssuer(detail: string | RegExp | undefined): string | RegExp | undefined {
  return typeof detail === 'string' ? detail.replaceAll('${issuer}', provider.issuer) : detail;
}

describe('completeOidcLogin refuses each bad artefact with its exact reason, and nothing further happens', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const result = await login(c);
    expect(result).toMatchObject({ ok: false, reason: c.reason });
    const detail = expandIssuer(c.detail);
    if (!result.ok && detail !== undefined) {
      if (typeof detail === 'string') expect(result.detail).toBe(detail);
      else expect(result.detail).toMatch(detail);
    }
    if (c.reason !== 'oidc-userinfo-sub-mismatch' && c.reason !== 'email-missing') expect(requested('/userinfo')).toBe(0);
  });
});

describe('each OIDC defect switch accepts exactly its artefact', () => {
  const withDefect = CASES.flatMap((c) => switchesOf(c).map((defect) => [defect, c.name, c] as const));

  it.each(withDefect)('%s accepts %s', async (defect, _name, c) => {
    expect(await login(c, [defect])).toMatchObject({ ok: true });
  });

  const oidcDefects = (Object.keys(DEFECTS) as DefectId[]).filter((id) => id.startsWith('oidc-'));
  it.each(oidcDefects)('%s leaves every other check in place', async (defect) => {
    for (const c of CASES.filter((row) => !switchesOf(row).includes(defect))) {
      reset();
      const result = await login(c, [defect]);
      expect({ name: c.name, reason: result.ok ? 'accepted' : result.reason }).toEqual({ name: c.name, reason: c.reason });
    }
  });

  it('every OIDC defect switch has an artefact it accepts', () => {
    expect(new Set(withDefect.map(([defect]) => defect))).toEqual(new Set(oidcDefects));
  });
});

describe('completeOidcLogin accepts valid logins', () => {
  it('returns the identity from the ID token, after a PKCE code exchange, without calling userinfo', async () => {
    const result = await login();
    expect(result).toEqual({
      ok: true,
      identity: {
        email: 'alice@corp.example',
        subject: 'user-0001',
        issuer: provider.issuer,
        emailSource: 'ID token claim email',
        attributes: {
          iss: provider.issuer,
          sub: 'user-0001',
          aud: 'portal-client',
          iat: String(NOW_S),
          exp: String(NOW_S + 3600),
          email: 'alice@corp.example',
          email_verified: 'true',
        },
        warnings: [],
      },
    });
    expect(requested('/userinfo')).toBe(0);
    expect(requested('/token')).toBe(1);
  });

  it('sends code + PKCE S256 + state + nonce to the authorization endpoint', async () => {
    const settings = settingsFor();
    const { url, pending } = await startOidcLogin(settings, sp);
    const params = new URL(url).searchParams;
    expect(url.startsWith(`${provider.server.url}/authorize?`)).toBe(true);
    expect(Object.fromEntries(params)).toMatchObject({
      client_id: 'portal-client',
      redirect_uri: sp.oidcRedirectUri,
      response_type: 'code',
      scope: 'openid email profile',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge_method: 'S256',
    });
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pending.codeVerifier).not.toBe(params.get('code_challenge'));
    expect(url).not.toContain(provider.clientSecret);
  });

  it('reads the email from userinfo when the ID token has none (Entra with the email optional claim on userinfo only)', async () => {
    const result = await login({
      settings: { vendor: 'entra' },
      arrange: () => {
        provider.claims = { email: undefined, email_verified: undefined };
        provider.userinfo = { sub: 'user-0001', email: 'alice@corp.example' };
      },
    });
    expect(result.ok && [result.identity.email, result.identity.emailSource]).toEqual(['alice@corp.example', 'userinfo claim email']);
    expect(requested('/userinfo')).toBe(1);
  });

  it('takes the email from preferred_username when configured', async () => {
    const result = await login({
      settings: { vendor: 'entra', emailClaim: 'preferred_username' },
      arrange: () => {
        provider.claims = { email: undefined, preferred_username: 'alice@corp.example' };
      },
    });
    expect(result.ok && result.identity.emailSource).toBe('ID token claim preferred_username');
  });

  it("accepts Google's legacy issuer accounts.google.com for the Google preset only (documented decision)", async () => {
    provider.claims = { iss: 'accounts.google.com', nonce: 'nonce-1' };
    const token = await provider.mintIdToken();
    const google = settingsFor({ vendor: 'google', issuer: 'https://accounts.google.com' });
    const check = {
      token,
      jwksUri: `${provider.server.url}/jwks`,
      expectedNonce: 'nonce-1',
      code: 'code',
      now: NOW,
      defects: parseDefects([]),
    };
    expect((await validateIdToken({ ...check, settings: google })).ok).toBe(true);
    expect(await validateIdToken({ ...check, settings: { ...google, vendor: 'other' } })).toMatchObject({
      ok: false,
      reason: 'oidc-issuer-mismatch',
    });
  });

  it('with the Google preset, accepts the configured issuer without its scheme (legacy form), with a warning; other presets stay exact', async () => {
    // The mock Google persona's loopback issuer, e.g. http://127.0.0.1:P, sent as 127.0.0.1:P — as
    // Google sends accounts.google.com for https://accounts.google.com (fault oidc.issuer-google-legacy).
    const schemeless = provider.issuer.replace(/^http:\/\//, '');
    const google = await login({
      settings: { vendor: 'google' },
      arrange: () => {
        provider.claims = { iss: schemeless };
      },
    });
    expect(google.ok).toBe(true);
    expect(google.ok && google.identity.warnings).toEqual([
      `The ID token names its issuer "${schemeless}", without the scheme of the configured issuer "${provider.issuer}" (Google's legacy issuer form, which Google documents beside the https one): accepted.`,
    ]);
    for (const vendor of ['okta', 'entra', 'auth0', 'other'] as const) {
      expect(
        await login({
          settings: { vendor },
          arrange: () => {
            provider.claims = { iss: schemeless };
          },
        }),
        vendor,
      ).toMatchObject({ ok: false, reason: 'oidc-issuer-mismatch' });
    }
    // Only the scheme may be missing: another host or path is still another issuer.
    expect(
      await login({
        settings: { vendor: 'google' },
        arrange: () => {
          provider.claims = { iss: `${schemeless}/other` };
        },
      }),
    ).toMatchObject({ ok: false, reason: 'oidc-issuer-mismatch' });
    // The configured issuer itself gives no warning.
    expect(
      await login({
        settings: { vendor: 'google' },
        arrange: () => {
          provider.claims = {};
        },
      }),
    ).toMatchObject({ ok: true, identity: { warnings: [] } });
  });

  it('accepts an ID token expired by less than the allowed skew', async () => {
    expect(
      (
        await login({
          arrange: () => {
            provider.claims = { iat: NOW_S - 3660, exp: NOW_S - 60 };
          },
        })
      ).ok,
    ).toBe(true);
  });

  it('checks the token times when the token has been issued, not when the callback arrived (IdP clock exactly at the allowed skew)', async () => {
    // The IdP, its clock 120 s (the allowed skew) ahead, issues the token during the exchange, a second after the callback arrived.
    const clock = (): Date => new Date(NOW.getTime() + (requested('/token') > 0 ? 1000 : 0));
    provider.claims = { iat: NOW_S + 1 + 120, exp: NOW_S + 1 + 120 + 3600 };
    const settings = settingsFor();
    const { url, pending } = await startOidcLogin(settings, sp);
    const result = await completeOidcLogin(settings, sp, provider.authorize(url), pending, { clock, defects: parseDefects([]) });
    expect(result.ok).toBe(true);
  });

  it('accepts a token without kid when exactly one key is published', async () => {
    expect(
      (
        await login({
          arrange: () => {
            provider.signWith = { kid: null };
          },
        })
      ).ok,
    ).toBe(true);
  });

  it('sends the Google hosted domain hint and accepts the matching hd', async () => {
    const result = await login({
      settings: { vendor: 'google', hostedDomain: 'Corp.Example' },
      arrange: () => {
        provider.claims = { hd: 'corp.example' };
      },
    });
    expect(result.ok).toBe(true);
    expect(provider.lastAuthorize?.params.get('hd')).toBe('Corp.Example');
  });
});

describe('discovery and JWKS caching', () => {
  it('fetches discovery and JWKS once for several logins', async () => {
    await login();
    await login();
    expect([requested('/.well-known/openid-configuration'), requested('/jwks'), requested('/token')]).toEqual([1, 1, 2]);
  });

  it('refetches the JWKS once when the IdP rotated its key, then logs in', async () => {
    await login();
    const result = await login({
      arrange: () => {
        provider.published = [originalKey, secondKey];
        provider.signWith = { key: secondKey };
      },
    });
    expect(result.ok).toBe(true);
    expect(requested('/jwks')).toBe(2);
  });

  it('refetches only once for an unknown kid, not in a loop', async () => {
    await login();
    const result = await login({
      arrange: () => {
        provider.signWith = { key: secondKey };
      },
    });
    expect(result).toMatchObject({ ok: false, reason: 'oidc-signature-invalid' });
    expect(requested('/jwks')).toBe(2);
  });
});

describe('IdP availability', () => {
  it('startOidcLogin says when the discovery document names another issuer', async () => {
    provider.discovery = { issuer: `${provider.issuer}/` };
    await expect(startOidcLogin(settingsFor(), sp)).rejects.toMatchObject({
      name: 'OidcStartError',
      reason: 'oidc-discovery-mismatch',
      message: `The discovery document at ${provider.issuer}/.well-known/openid-configuration names the issuer "${provider.issuer}/", but "${provider.issuer}" is configured. Enter the issuer exactly as the discovery document states it (Auth0 issuers end with a slash: the trailing slash is part of the issuer).`,
    });
  });

  it('startOidcLogin says when the IdP is down', async () => {
    const gone = await startTestOidcProvider({ now: NOW });
    const issuer = gone.issuer;
    await gone.close();
    const error = await startOidcLogin(settingsFor({ issuer }), sp).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OidcStartError);
    expect(error).toMatchObject({
      reason: 'oidc-idp-unreachable',
      message: `Discovery failed: Nothing is listening at ${issuer} (connection refused): start the IdP, or correct the host and port.`,
    });
  });

  it('completeOidcLogin refuses when the discovery document changed to another issuer', async () => {
    const settings = settingsFor();
    const { url, pending } = await startOidcLogin(settings, sp);
    const callback = provider.authorize(url);
    clearDiscoveryCache();
    provider.discovery = { issuer: 'http://127.0.0.1:1/other' };
    const result = await completeOidcLogin(settings, sp, callback, pending, { clock: () => NOW, defects: parseDefects([]) });
    expect(result).toMatchObject({ ok: false, reason: 'oidc-discovery-mismatch' });
    expect(requested('/token')).toBe(0);
  });

  it('never puts the client secret in a refusal', async () => {
    const result = await login({ settings: { clientSecret: 'super-secret-value-123' } });
    expect(JSON.stringify(result)).not.toContain('super-secret-value-123');
  });
});
