// The OAuth 2.0 side of the OE native apps (RFC 8252), as the apps implement it: a PKCE S256 pair
// and a state per login (RFC 7636 §4.1–4.2, RFC 6749 §10.12), the authorization request the app
// opens in a browser, the redirect it reads back, the token request and the userinfo call over
// HTTP — at the endpoints and with the client ids the provisioning API gives (urls.native,
// nativeClients). Results are values, not exceptions, so negative suites can assert the exact refusal.
import { createHash, randomBytes } from 'node:crypto';
import type { NativeUserinfo } from '../../lib/index.ts';
import { freshConnectionFetch } from '../../lib/index.ts';

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
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string;
  /** Omitted: the request carries no PKCE challenge at all. */
  readonly codeChallenge?: string;
  /** Default S256 when a challenge is sent. */
  readonly codeChallengeMethod?: string;
}

/** The authorization request URL at the portal's authorization endpoint (`urls.native.authorize`). */
export function authorizationUrl(authorizeEndpoint: string, request: AuthorizationRequest): string {
  const url = new URL(authorizeEndpoint);
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
  | { readonly kind: 'error'; readonly error: string; readonly description: string; readonly state: string | null };

export function readAuthorizationRedirect(redirect: URL): AuthorizationRedirect {
  const params = redirect.searchParams;
  const state = params.get('state');
  const error = params.get('error');
  if (error !== null) return { kind: 'error', error, description: params.get('error_description') ?? '', state };
  const code = params.get('code');
  if (code === null || code === '') {
    return {
      kind: 'error',
      error: 'no_code',
      description: `The redirect to the app carried neither a code nor an error: ${redirect.origin}${redirect.pathname} with parameters ${[...params.keys()].join(', ') || '(none)'}.`,
      state,
    };
  }
  return { kind: 'code', code, state };
}

export interface TokenRequest {
  readonly clientId: string;
  /** Secret: never attached. */
  readonly code: string;
  /** Omitted: no redirect_uri parameter is sent. */
  readonly redirectUri?: string;
  /** Omitted: no code_verifier parameter is sent. */
  readonly codeVerifier?: string;
}

export type TokenResult =
  | { readonly ok: true; readonly accessToken: string; readonly tokenType: string; readonly expiresIn: number }
  | {
      readonly ok: false;
      readonly status: number;
      /** RFC 6749 §5.2 error code, e.g. invalid_grant. */
      readonly error: string;
      readonly description: string;
      /** Response headers (lower case), where a target may name the refusal's reason. */
      readonly headers: Readonly<Record<string, string>>;
    };

/** The token request (RFC 6749 §4.1.3 + RFC 7636 §4.5) at `urls.native.token`, as a public client (no secret, RFC 8252 §8.4). */
export async function redeemCode(tokenEndpoint: string, request: TokenRequest): Promise<TokenResult> {
  const form = new URLSearchParams({ grant_type: 'authorization_code', client_id: request.clientId, code: request.code });
  if (request.redirectUri !== undefined) form.set('redirect_uri', request.redirectUri);
  if (request.codeVerifier !== undefined) form.set('code_verifier', request.codeVerifier);
  const response = await freshConnectionFetch(tokenEndpoint, { method: 'POST', body: form, signal: AbortSignal.timeout(20_000) });
  const body = await jsonOf(response, `POST ${tokenEndpoint}`);
  if (response.ok && typeof body.access_token === 'string') {
    return { ok: true, accessToken: body.access_token, tokenType: String(body.token_type), expiresIn: Number(body.expires_in) };
  }
  return {
    ok: false,
    status: response.status,
    error: text(body.error, 'none'),
    description: text(body.error_description, ''),
    headers: Object.fromEntries(response.headers),
  };
}

/** The seat an access token belongs to, as the userinfo endpoint names it. */
export interface Me {
  readonly email: string;
  readonly role?: string;
  readonly accountName?: string;
}

export type MeResult = { readonly ok: true; readonly me: Me } | { readonly ok: false; readonly status: number; readonly error: string };

/** Read the seat out of a userinfo answer: `email` or `seat.email` (lib/harnessContract.ts NativeUserinfo). */
export function meOf(body: NativeUserinfo): Me | undefined {
  const email = body.email ?? body.seat?.email;
  if (typeof email !== 'string' || email === '') return undefined;
  const role = body.role ?? body.seat?.role;
  const accountName = body.accountName ?? body.account?.name;
  return { email, ...(typeof role === 'string' ? { role } : {}), ...(typeof accountName === 'string' ? { accountName } : {}) };
}

/** `GET urls.native.userinfo` with the access token. */
export async function fetchMe(userinfoEndpoint: string, accessToken: string): Promise<MeResult> {
  const response = await freshConnectionFetch(userinfoEndpoint, {
    headers: { authorization: `Bearer ${accessToken}` },
    signal: AbortSignal.timeout(20_000),
  });
  const body = await jsonOf(response, `GET ${userinfoEndpoint}`);
  if (!response.ok) return { ok: false, status: response.status, error: text(body.error, 'none') };
  const me = meOf(body);
  if (!me)
    throw new Error(
      `GET ${userinfoEndpoint} answered ${response.status} without the seat's email ("email" or "seat.email", README "The provisioning contract"): keys ${Object.keys(body).join(', ') || '(none)'}.`,
    );
  return { ok: true, me };
}

function text(value: unknown, otherwise: string): string {
  return typeof value === 'string' ? value : otherwise;
}

async function jsonOf(response: Response, what: string): Promise<Record<string, unknown>> {
  const body = await response.text();
  try {
    const value: unknown = JSON.parse(body);
    if (value !== null && typeof value === 'object') return value as Record<string, unknown>;
  } catch {
    // Reported below with what came instead.
  }
  throw new Error(
    `${what} answered ${response.status} with ${response.headers.get('content-type') ?? 'no content type'}, not a JSON object: the target's native-app endpoints (urls.native in the provisioning answer) are not where it says, or do not speak OAuth 2.0 JSON.`,
  );
}
