// The OAuth 2.0 side of the OE native apps (RFC 8252), as the apps implement it: a PKCE S256 pair
// and a state per login (RFC 7636 §4.1–4.2, RFC 6749 §10.12), the authorization request the app
// opens in a browser, the redirect it reads back, the token request and GET /api/me over HTTP.
// Results are values, not exceptions, so negative suites can assert the exact refusal.
import { createHash, randomBytes } from 'node:crypto';
import { isReasonCode, type ReasonCode } from '../../lib/reasons.ts';

export type NativeClientId = 'oe-desktop' | 'oe-mobile';

export interface Pkce {
  /** Secret of this login until the token request: never attached. */
  readonly verifier: string;
  readonly challenge: string;
}

/** RFC 7636 §4.1: 32 random octets, base64url = 43 characters of the unreserved set. */
export function newPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: s256(verifier) };
}

/** RFC 7636 §4.2: BASE64URL(SHA256(ASCII(code_verifier))). */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function newState(): string {
  return randomBytes(16).toString('base64url');
}

export interface AuthorizationRequest {
  readonly clientId: NativeClientId;
  readonly redirectUri: string;
  readonly state: string;
  /** Omitted: the request carries no PKCE challenge at all. */
  readonly codeChallenge?: string;
  /** Default S256 when a challenge is sent. */
  readonly codeChallengeMethod?: string;
}

export function authorizationUrl(portalUrl: string, request: AuthorizationRequest): string {
  const url = new URL('/oauth/authorize', portalUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('state', request.state);
  if (request.codeChallenge !== undefined) {
    url.searchParams.set('code_challenge', request.codeChallenge);
    url.searchParams.set('code_challenge_method', request.codeChallengeMethod ?? 'S256');
  }
  return url.toString();
}

/** What came back to the app's redirect URI (RFC 6749 §4.1.2, §4.1.2.1). */
export type AuthorizationRedirect =
  | { readonly kind: 'code'; readonly code: string; readonly state: string | null }
  | { readonly kind: 'error'; readonly error: string; readonly description: string; readonly reason: ReasonCode | null; readonly state: string | null };

/** The portal names its refusal reason at the end of error_description: "… Reason: native-pkce-invalid." */
const REASON_IN_DESCRIPTION = /Reason: ([a-z0-9-]+)\.?$/;

export function readAuthorizationRedirect(redirect: URL): AuthorizationRedirect {
  const params = redirect.searchParams;
  const state = params.get('state');
  const error = params.get('error');
  if (error !== null) {
    const description = params.get('error_description') ?? '';
    const named = REASON_IN_DESCRIPTION.exec(description)?.[1];
    return { kind: 'error', error, description, reason: named !== undefined && isReasonCode(named) ? named : null, state };
  }
  const code = params.get('code');
  if (code === null || code === '') {
    return { kind: 'error', error: 'no_code', description: `The redirect to the app carried neither a code nor an error: ${redirect.origin}${redirect.pathname} with parameters ${[...params.keys()].join(', ') || '(none)'}.`, reason: null, state };
  }
  return { kind: 'code', code, state };
}

export interface TokenRequest {
  readonly clientId: NativeClientId;
  /** Secret: never attached. */
  readonly code: string;
  readonly redirectUri: string;
  /** Omitted: no code_verifier parameter is sent. */
  readonly codeVerifier?: string;
}

export type TokenResult =
  | { readonly ok: true; readonly accessToken: string; readonly tokenType: string; readonly expiresIn: number }
  | { readonly ok: false; readonly status: number; readonly error: string; readonly reason: ReasonCode | null; readonly description: string };

/** POST /oauth/token (RFC 6749 §4.1.3 + RFC 7636 §4.5), as a public client (no secret, RFC 8252 §8.4). */
export async function redeemCode(portalUrl: string, request: TokenRequest): Promise<TokenResult> {
  const form = new URLSearchParams({ grant_type: 'authorization_code', client_id: request.clientId, code: request.code, redirect_uri: request.redirectUri });
  if (request.codeVerifier !== undefined) form.set('code_verifier', request.codeVerifier);
  const response = await fetch(new URL('/oauth/token', portalUrl), { method: 'POST', body: form });
  const body = await jsonOf(response, 'POST /oauth/token');
  if (response.ok && typeof body.access_token === 'string') {
    return { ok: true, accessToken: body.access_token, tokenType: String(body.token_type), expiresIn: Number(body.expires_in) };
  }
  const reason = typeof body.reason === 'string' && isReasonCode(body.reason) ? body.reason : null;
  return { ok: false, status: response.status, error: text(body.error, 'none'), reason, description: text(body.error_description, '') };
}

/** GET /api/me: the seat the access token belongs to. */
export interface Me {
  readonly seat: { readonly id: number; readonly name: string; readonly email: string; readonly role: string };
  readonly account: { readonly id: number; readonly name: string };
  readonly client: string;
}

export type MeResult = { readonly ok: true; readonly me: Me } | { readonly ok: false; readonly status: number; readonly error: string };

export async function fetchMe(portalUrl: string, accessToken: string): Promise<MeResult> {
  const response = await fetch(new URL('/api/me', portalUrl), { headers: { authorization: `Bearer ${accessToken}` } });
  const body = await jsonOf(response, 'GET /api/me');
  if (response.ok) return { ok: true, me: body as unknown as Me };
  return { ok: false, status: response.status, error: text(body.error, 'none') };
}

function text(value: unknown, otherwise: string): string {
  return typeof value === 'string' ? value : otherwise;
}

async function jsonOf(response: Response, what: string): Promise<Record<string, unknown>> {
  const text = await response.text();
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object') return value as Record<string, unknown>;
  } catch {
    // Reported below with what came instead.
  }
  throw new Error(`${what} answered ${response.status} with ${response.headers.get('content-type') ?? 'no content type'}, not a JSON object: the target is not an OE portal, or its native-app endpoints are missing. Check the target's base URL.`);
}
