// The IdP's JWK Set (RFC 7517), cached per jwks_uri. On an unknown `kid` the set is fetched again
// once for that token — key rotation (fault jwks-rotated) — never in a loop: a token whose kid is
// still unknown after one refetch is refused.
import type { JWK } from 'jose';
import { loopbackFetch, type RedirectPolicy } from './loopbackFetch.ts';

export const JWKS_TTL_MS = 5 * 60_000;
const MAX_JWKS_BYTES = 256_000;

const cache = new Map<string, { readonly keys: readonly JWK[]; readonly fetchedAt: number }>();

export function clearJwksCache(): void {
  cache.clear();
}

export class JwksError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwksError';
  }
}

async function fetchJwks(uri: string, redirects: RedirectPolicy): Promise<readonly JWK[]> {
  let response: Response;
  try {
    response = await loopbackFetch(uri, { headers: { accept: 'application/json, application/jwk-set+json' } }, redirects);
  } catch (error) {
    throw new JwksError(`The IdP keys (JWKS) could not be fetched: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = await response.text();
  if (!response.ok) throw new JwksError(`The IdP keys (JWKS) at ${uri} answered HTTP ${response.status}.`);
  if (text.length > MAX_JWKS_BYTES) throw new JwksError(`The IdP keys (JWKS) at ${uri} are larger than ${MAX_JWKS_BYTES} bytes.`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new JwksError(`The IdP keys (JWKS) at ${uri} are not JSON.`);
  }
  const keys = (body as { keys?: unknown }).keys;
  if (!Array.isArray(keys)) throw new JwksError(`The IdP keys (JWKS) at ${uri} have no "keys" array.`);
  return keys.filter((k): k is JWK => typeof k === 'object' && k !== null);
}

/** Keys usable to verify an RS256 signature: RSA, meant for signatures (or not restricted). */
export function rsaSigningKeys(keys: readonly JWK[]): JWK[] {
  return keys.filter((k) => k.kty === 'RSA' && (k.use === undefined || k.use === 'sig') && (k.alg === undefined || k.alg === 'RS256'));
}

export type KeyLookup =
  { readonly ok: true; readonly key: JWK; readonly refetched: boolean } | { readonly ok: false; readonly problem: string };

/**
 * The RS256 key for this token header. kid present: that key (refetching once when unknown).
 * kid absent: the only RSA signing key; with several keys the choice would be a guess, so refused.
 * `redirects`: how a redirect of the JWKS URL is followed (same host only unless a defect switch says otherwise).
 */
export async function findSigningKey(uri: string, kid: string | undefined, redirects: RedirectPolicy = {}): Promise<KeyLookup> {
  // Cache freshness is wall-clock time, whatever `now` the token is validated against.
  const now = Date.now();
  let refetched = false;
  let entry = cache.get(uri);
  if (!entry || now - entry.fetchedAt >= JWKS_TTL_MS) {
    entry = { keys: await fetchJwks(uri, redirects), fetchedAt: now };
    cache.set(uri, entry);
    refetched = true;
  }
  const pick = (keys: readonly JWK[]): JWK | undefined => rsaSigningKeys(keys).find((k) => k.kid === kid);
  if (kid === undefined) {
    const candidates = rsaSigningKeys(entry.keys);
    if (candidates.length === 1 && candidates[0]) return { ok: true, key: candidates[0], refetched };
    return {
      ok: false,
      problem: `The ID token header has no kid and the IdP publishes ${candidates.length} RSA signing keys, so the key cannot be chosen.`,
    };
  }
  let key = pick(entry.keys);
  if (!key && !refetched) {
    entry = { keys: await fetchJwks(uri, redirects), fetchedAt: now };
    cache.set(uri, entry);
    refetched = true;
    key = pick(entry.keys);
  }
  if (!key)
    return {
      ok: false,
      problem: `The ID token was signed with key "${kid}", which the IdP does not publish in its JWKS (fetched again once to pick up a rotation).`,
    };
  return { ok: true, key, refetched };
}

/** Every published key (cached, or fetched when the cache is cold): for the `oidc-accept-any-alg` defect only. */
export async function publishedKeys(uri: string): Promise<readonly JWK[]> {
  const now = Date.now();
  const entry = cache.get(uri);
  if (entry && now - entry.fetchedAt < JWKS_TTL_MS) return entry.keys;
  const keys = await fetchJwks(uri, {});
  cache.set(uri, { keys, fetchedAt: now });
  return keys;
}
