// OpenID Connect authorization code flow with PKCE (OIDC core §3.1, RFC 7636) at the portal.
//
// openid-client 6 does the protocol mechanics: discovery, the authorization URL, random
// state/nonce/verifier, the callback's state check and the code exchange at the token endpoint
// (client authentication, PKCE verifier, OAuth error responses), and userinfo. It validates an ID
// token as one block, though, and verifies its signature only optionally — while this SP must pin
// RS256, control the kid refetch, and switch each check off individually (defect switches). So the
// ID token is lifted out of the token response at openid-client's fetch seam and validated by
// idToken.ts; openid-client then sees a plain OAuth token response.
import * as client from 'openid-client';
import type { ReasonCode } from '../../lib/index.ts';
import { defectOn } from '../defects.ts';
import type { DefectSet, OidcSettings, PendingOidcLogin, SpEndpoints, SsoResult } from './contract.ts';
import { isEmailAddress, isGuestUpn } from '../../lib/index.ts';
import { validateIdToken } from './idToken.ts';
import type { Claims } from './idToken.ts';
import { discoverIssuer, openidClientFetch } from './oidcDiscovery.ts';
import { presetOf } from './presets.ts';
import type { Discovery } from './oidcDiscovery.ts';

const TIMEOUT_SECONDS = 5;
type Refusal = { readonly ok: false; readonly reason: ReasonCode; readonly detail: string };
const refuse = (reason: ReasonCode, detail: string): Refusal => ({ ok: false, reason, detail });

/** startOidcLogin could not even build the authorization URL (IdP unreachable, discovery disagrees). */
export class OidcStartError extends Error {
  readonly reason: ReasonCode;
  constructor(reason: ReasonCode, message: string) {
    super(message);
    this.name = 'OidcStartError';
    this.reason = reason;
  }
}

function discoveryRefusal(discovery: Extract<Discovery, { ok: false }>): Refusal {
  return refuse(discovery.kind === 'issuer-mismatch' ? 'oidc-discovery-mismatch' : 'oidc-idp-unreachable', discovery.message);
}

function configuration(settings: OidcSettings, metadata: client.ServerMetadata, fetchImpl: client.CustomFetch): client.Configuration {
  const methods = metadata.token_endpoint_auth_methods_supported;
  // client_secret_basic is the default (OIDC core §9) and what every preset vendor supports.
  const auth =
    !Array.isArray(methods) || methods.includes('client_secret_basic')
      ? client.ClientSecretBasic(settings.clientSecret)
      : client.ClientSecretPost(settings.clientSecret);
  const config = new client.Configuration(metadata, settings.clientId, settings.clientSecret, auth);
  config[client.customFetch] = fetchImpl;
  config.timeout = TIMEOUT_SECONDS;
  if (new URL(metadata.issuer).protocol === 'http:') client.allowInsecureRequests(config);
  return config;
}

/** Throws OidcStartError (with a ReasonCode and plain words) when the IdP cannot be used. */
export async function startOidcLogin(settings: OidcSettings, sp: SpEndpoints): Promise<{ url: string; pending: PendingOidcLogin }> {
  const discovery = await discoverIssuer(settings.issuer);
  if (!discovery.ok) {
    const refusal = discoveryRefusal(discovery);
    throw new OidcStartError(refusal.reason, refusal.detail);
  }
  const config = configuration(settings, discovery.metadata, openidClientFetch);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: sp.oidcRedirectUri,
    response_type: 'code',
    scope: settings.scopes,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    // Google: pre-selects the Workspace account; `hd` in the ID token is still checked.
    ...(presetOf(settings.vendor).oidc.hostedDomain && settings.hostedDomain ? { hd: settings.hostedDomain } : {}),
  });
  return { url: url.href, pending: { protocol: 'oidc', state, nonce, codeVerifier, createdAt: Date.now() } };
}

/**
 * `clock` is read when the ID token is checked, after the token exchange: the IdP issued the token
 * during that exchange, so a time taken when the callback arrived is earlier than its `iat` and a
 * token from an IdP clock exactly at the allowed skew would be refused as "issued in the future".
 */
export async function completeOidcLogin(
  settings: OidcSettings,
  sp: SpEndpoints,
  callbackUrl: URL,
  pending: PendingOidcLogin,
  opts: { clock: () => Date; defects: DefectSet },
): Promise<SsoResult> {
  // The redirect_uri sent to the token endpoint must be the registered one, whatever host or
  // proxy the callback request came through.
  const callback = new URL(sp.oidcRedirectUri);
  for (const [key, value] of callbackUrl.searchParams) callback.searchParams.append(key, value);
  const params = callback.searchParams;

  const error = params.get('error');
  if (error !== null) {
    const description = params.get('error_description');
    return refuse(
      'oidc-idp-error',
      `The IdP answered error=${error.slice(0, 100)}${description ? `: "${description.slice(0, 300)}"` : ''}.`,
    );
  }
  const skipState = defectOn(opts.defects, 'oidc-skip-state');
  const stateIgnoringCase = defectOn(opts.defects, 'oidc-state-case-insensitive');
  const stateMatches = stateIgnoringCase
    ? (params.get('state') ?? '').toLowerCase() === pending.state.toLowerCase()
    : params.get('state') === pending.state;
  if (!skipState && !stateMatches) {
    return refuse(
      'oidc-state-mismatch',
      params.get('state') === null
        ? 'The callback has no state parameter.'
        : 'The callback state is not the state of the login this browser started.',
    );
  }
  const code = params.get('code');
  if (!code) return refuse('oidc-idp-error', 'The callback carries neither an authorization code nor an error.');

  const discovery = await discoverIssuer(settings.issuer);
  if (!discovery.ok) return discoveryRefusal(discovery);
  const metadata = discovery.metadata;

  const lifted: { idToken?: string } = {};
  const config = configuration(settings, metadata, liftIdToken(metadata.token_endpoint ?? '', lifted));
  let tokens: client.TokenEndpointResponse;
  try {
    tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: skipState || stateIgnoringCase ? client.skipStateCheck : pending.state,
      idTokenExpected: false,
    });
  } catch (caught) {
    return tokenErrorRefusal(caught);
  }
  if (lifted.idToken === undefined)
    return refuse(
      'oidc-token-error',
      'The token endpoint returned no id_token: check that the application is an OpenID Connect app and the "openid" scope is granted.',
    );

  const validated = await validateIdToken({
    token: lifted.idToken,
    settings,
    jwksUri: metadata.jwks_uri ?? '',
    expectedNonce: pending.nonce,
    ...(tokens.access_token ? { accessToken: tokens.access_token } : {}),
    code,
    now: opts.clock(),
    defects: opts.defects,
  });
  if (!validated.ok) return validated;
  return identityFrom(settings, config, validated.claims, tokens.access_token, opts.defects, validated.warnings);
}

// Takes id_token out of the token endpoint's JSON answer (see the header comment).
function liftIdToken(tokenEndpoint: string, lifted: { idToken?: string }): client.CustomFetch {
  return async (url, options) => {
    const response = await openidClientFetch(url, options);
    if (new URL(url).href !== new URL(tokenEndpoint).href || !response.ok) return response;
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return new Response(text, { status: response.status, headers: response.headers });
    }
    if (typeof body === 'object' && body !== null && 'id_token' in body) {
      const { id_token: idToken, ...rest } = body as Record<string, unknown>;
      if (typeof idToken === 'string') lifted.idToken = idToken;
      body = rest;
    }
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    return new Response(JSON.stringify(body), { status: response.status, headers });
  };
}

function tokenErrorRefusal(caught: unknown): Refusal {
  if (caught instanceof client.ResponseBodyError) {
    return refuse(
      'oidc-token-error',
      `The token endpoint answered ${caught.error}${caught.error_description ? `: "${caught.error_description.slice(0, 300)}"` : ''} (HTTP ${caught.status}).`,
    );
  }
  if (caught instanceof client.AuthorizationResponseError) {
    return refuse(
      'oidc-idp-error',
      `The IdP answered error=${caught.error}${caught.error_description ? `: "${caught.error_description.slice(0, 300)}"` : ''}.`,
    );
  }
  for (let cause: unknown = caught; cause instanceof Error; cause = cause.cause) {
    if (cause.name === 'LoopbackFetchError') return refuse('oidc-idp-unreachable', `The token request failed: ${cause.message}`);
  }
  const message = caught instanceof Error ? caught.message : String(caught);
  if (/"iss"/.test(message))
    return refuse('oidc-issuer-mismatch', `The authorization response names another issuer (RFC 9207 iss parameter): ${message}.`);
  return refuse('oidc-token-error', `The token request failed: ${message}.`);
}

async function identityFrom(
  settings: OidcSettings,
  config: client.Configuration,
  idClaims: Claims,
  accessToken: string | undefined,
  defects: DefectSet,
  warnings: readonly string[],
): Promise<SsoResult> {
  const claimName = settings.emailClaim;
  let claims: Claims = idClaims;
  let source = `ID token claim ${claimName}`;
  const notes: string[] = [];
  // Userinfo only when the ID token lacks the email claim (never call the IdP for nothing), and
  // only now that the ID token is valid; its sub must be the ID token's (OIDC core §5.3.2).
  if (idClaims[claimName] === undefined && accessToken && config.serverMetadata().userinfo_endpoint) {
    try {
      const userinfo = await client.fetchUserInfo(config, accessToken, client.skipSubjectCheck);
      if (userinfo.sub !== idClaims.sub)
        return refuse(
          'oidc-userinfo-sub-mismatch',
          `Userinfo describes sub "${String(userinfo.sub)}", the ID token sub "${String(idClaims.sub)}".`,
        );
      claims = { ...userinfo, ...idClaims };
      source = `userinfo claim ${claimName}`;
    } catch (caught) {
      notes.push(`userinfo could not be read (${caught instanceof Error ? caught.message : String(caught)})`);
    }
  }

  const value = claims[claimName];
  if (typeof value !== 'string' || value.trim() === '') {
    const optionalClaimHint = claimName === 'email' ? (presetOf(settings.vendor).oidc.optionalEmailClaim?.missingEmailHint ?? '') : '';
    return refuse(
      'email-missing',
      `Neither the ID token nor userinfo carries the claim "${claimName}"${notes.length > 0 ? ` (${notes.join('; ')})` : ''}. Claims received: ${Object.keys(claims).join(', ')}.${optionalClaimHint}`,
    );
  }
  const email = value.trim();
  if (isGuestUpn(email))
    return refuse(
      'email-missing',
      `The claim "${claimName}" holds an Entra guest UPN (${email}), which is not the user's email. Use the email claim (optional claim "email") instead.`,
    );
  if (!isEmailAddress(email))
    return refuse(
      'email-missing',
      `The claim "${claimName}" holds "${email.slice(0, 100)}", which is not an email address.${claimName === 'preferred_username' ? ' Entra preferred_username is the UPN, which is not always an email.' : ''}`,
    );
  if (
    claimName === 'email' &&
    (claims.email_verified === false || (claims.email_verified === 'false' && !defectOn(defects, 'oidc-email-verified-boolean-only'))) &&
    !defectOn(defects, 'oidc-skip-email-verified')
  ) {
    return refuse('email-unverified', `The IdP marks ${email} as not verified (email_verified=false).`);
  }
  if (settings.hostedDomain) {
    const hd = typeof claims.hd === 'string' ? claims.hd.toLowerCase() : undefined;
    const matches = defectOn(defects, 'oidc-hd-suffix')
      ? hd?.endsWith(settings.hostedDomain.toLowerCase()) === true
      : hd === settings.hostedDomain.toLowerCase();
    if (!matches) {
      return refuse(
        'hosted-domain-mismatch',
        `The Google account ${email} ${hd ? `belongs to the Workspace domain "${hd}"` : 'is not part of any Workspace (no hd claim)'}; this account requires "${settings.hostedDomain}".`,
      );
    }
  }
  const issuer = typeof idClaims.iss === 'string' ? idClaims.iss : settings.issuer;
  return {
    ok: true,
    identity: {
      email,
      subject: String(idClaims.sub),
      issuer,
      emailSource: source,
      attributes: flattenClaims(claims),
      warnings: [...warnings],
    },
  };
}

// Protocol values that bind the token to this login are left out of what the portal shows and stores.
const HIDDEN_CLAIMS = new Set(['nonce', 'at_hash', 'c_hash']);

function flattenClaims(claims: Claims): Record<string, string | readonly string[]> {
  return Object.fromEntries(
    Object.entries(claims)
      .filter(([name]) => !HIDDEN_CLAIMS.has(name))
      .map(([name, value]) => [
        name,
        typeof value === 'string'
          ? value
          : Array.isArray(value) && value.every((v) => typeof v === 'string')
            ? value
            : JSON.stringify(value),
      ]),
  );
}
