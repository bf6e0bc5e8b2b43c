// The RP side of an OIDC code + PKCE flow, as small pure functions: the authorization URL, the
// code read back from the redirect, and the token request body (RFC 6749 §4.1, RFC 7636).
import { createHash, randomBytes } from 'node:crypto';

export interface PkcePair {
  readonly verifier: string;
  readonly challenge: string;
}

/** RFC 7636 §4.1–4.2: a 43-character verifier and its S256 challenge. */
export function pkcePair(random: Buffer = randomBytes(32)): PkcePair {
  const verifier = random.toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface AuthorizeRequest {
  readonly authorizationEndpoint: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scope: string;
  readonly state: string;
  readonly nonce: string;
  readonly codeChallenge: string;
}

export function authorizeUrl(request: AuthorizeRequest): URL {
  const url = new URL(request.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    scope: request.scope,
    state: request.state,
    nonce: request.nonce,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
  }).toString();
  return url;
}

/** The authorization code from the redirect back to the RP; an error response or a wrong state throws with what the IdP said. */
export function codeFromRedirect(redirect: URL, expectedState: string): string {
  const error = redirect.searchParams.get('error');
  if (error !== null)
    throw new Error(
      `the IdP answered the authorization request with ${error}: ${redirect.searchParams.get('error_description') ?? '(no description)'}`,
    );
  const state = redirect.searchParams.get('state');
  if (state !== expectedState) throw new Error(`the redirect carries state "${state ?? '(none)'}", not the one sent ("${expectedState}")`);
  const code = redirect.searchParams.get('code');
  if (code === null || code === '') throw new Error(`the redirect to ${redirect.origin}${redirect.pathname} carries no code`);
  return code;
}

/** Form body of the token request (client authenticated separately, with HTTP Basic). */
export function tokenRequestBody(code: string, redirectUri: string, verifier: string): URLSearchParams {
  return new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier });
}

/** RFC 6749 §2.3.1: client_id and secret form-urlencoded, then Basic. */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  const encode = (value: string): string => encodeURIComponent(value).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString('base64')}`;
}
