// OpenID Connect discovery (OIDC Discovery 1.0 §4) through openid-client, loopback only, cached
// per issuer for a short time so a login does not call the IdP for nothing.
import * as client from 'openid-client';
import { isLoopbackHost, loopbackFetch } from './loopbackFetch.ts';

/** Discovery documents change rarely, but key rotation and fixes at the IdP must show up quickly. */
export const DISCOVERY_TTL_MS = 5 * 60_000;
const TIMEOUT_SECONDS = 5;

export type Discovery =
  | { readonly ok: true; readonly metadata: client.ServerMetadata }
  | { readonly ok: false; readonly kind: 'issuer-mismatch' | 'unreachable' | 'invalid'; readonly message: string };

/** openid-client's customFetch: every OIDC request goes through the loopback-only fetch. */
export const openidClientFetch: client.CustomFetch = (url, options) => loopbackFetch(url, options as RequestInit);

const cache = new Map<string, { readonly metadata: client.ServerMetadata; readonly fetchedAt: number }>();

/** Forget every cached discovery document (tests; an admin saving new settings). */
export function clearDiscoveryCache(): void {
  cache.clear();
}

/**
 * Discover the issuer. The document's `issuer` must equal the configured issuer *exactly*: OIDC
 * Discovery §4.3, and the ID token `iss` is compared exactly too. openid-client compares the two
 * as parsed URLs, which would let Auth0's issuer without its trailing slash through here and fail
 * every login later; hence the extra string comparison.
 */
export async function discoverIssuer(issuer: string, options: { fresh?: boolean } = {}): Promise<Discovery> {
  const now = Date.now();
  const cached = cache.get(issuer);
  if (cached && !options.fresh && now - cached.fetchedAt < DISCOVERY_TTL_MS) return { ok: true, metadata: cached.metadata };
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return { ok: false, kind: 'invalid', message: `The issuer "${issuer}" is not an absolute URL.` };
  }
  let config: client.Configuration;
  try {
    config = await client.discovery(url, 'discovery-only', undefined, undefined, {
      [client.customFetch]: openidClientFetch,
      timeout: TIMEOUT_SECONDS,
      ...(url.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}),
    });
  } catch (error) {
    return describeDiscoveryError(issuer, error);
  }
  const metadata = config.serverMetadata();
  if (metadata.issuer !== issuer) return issuerMismatch(issuer, metadata.issuer);
  const problem = endpointProblem(metadata);
  if (problem) return { ok: false, kind: 'invalid', message: problem };
  cache.set(issuer, { metadata, fetchedAt: now });
  return { ok: true, metadata };
}

function issuerMismatch(configured: string, discovered: string): Discovery {
  return {
    ok: false,
    kind: 'issuer-mismatch',
    message: `The discovery document at ${wellKnown(configured)} names the issuer "${discovered}", but "${configured}" is configured. Enter the issuer exactly as the discovery document states it${hint(configured, discovered)}.`,
  };
}

function wellKnown(issuer: string): string {
  return `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
}

function hint(configured: string, discovered: string): string {
  if (discovered === `${configured}/` || configured === `${discovered}/`)
    return ' (Auth0 issuers end with a slash: the trailing slash is part of the issuer)';
  if (discovered.includes('{tenantid}'))
    return ' (Entra: /common and /organizations advertise a templated issuer; use https://login.microsoftonline.com/{your tenant id}/v2.0)';
  if (/\/oauth2\/[^/]+$/.test(configured) !== /\/oauth2\/[^/]+$/.test(discovered))
    return ' (Okta: the org authorization server https://{org}.okta.com and a custom one such as https://{org}.okta.com/oauth2/default are different issuers with different keys)';
  return '';
}

function endpointProblem(metadata: client.ServerMetadata): string | undefined {
  for (const name of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
    if (typeof metadata[name] !== 'string')
      return `The discovery document has no ${name}: it is not a complete OpenID Connect provider configuration.`;
  }
  for (const name of ['token_endpoint', 'jwks_uri', 'userinfo_endpoint'] as const) {
    const value = metadata[name];
    if (typeof value === 'string' && !isLoopbackHost(new URL(value).hostname)) {
      return `The discovery document names ${name} ${value}, which is not on this machine; the reference portal runs offline and calls loopback hosts only.`;
    }
  }
  const algs = metadata.id_token_signing_alg_values_supported;
  if (Array.isArray(algs) && !algs.includes('RS256'))
    return `The IdP signs ID tokens only with ${algs.join(', ')}; this portal accepts RS256 only (OIDC core §15.1 makes RS256 mandatory to implement).`;
  const types = metadata.response_types_supported;
  if (Array.isArray(types) && !types.includes('code'))
    return 'The IdP does not offer the authorization code flow (response_types_supported lacks "code").';
  return undefined;
}

function describeDiscoveryError(issuer: string, error: unknown): Discovery {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error && cause.name === 'LoopbackFetchError')
    return { ok: false, kind: 'unreachable', message: `Discovery failed: ${cause.message}` };
  if (error instanceof Error && error.name === 'LoopbackFetchError')
    return { ok: false, kind: 'unreachable', message: `Discovery failed: ${message}` };
  if (/status code/i.test(message)) {
    const status = cause instanceof Response ? ` (HTTP ${cause.status})` : '';
    return {
      ok: false,
      kind: 'unreachable',
      message: `${wellKnown(issuer)} did not answer with a discovery document${status}: check the issuer URL.`,
    };
  }
  // openid-client's own (URL-normalised) issuer comparison failed; its error carries the document.
  const discovered = (cause as { body?: { issuer?: unknown } } | undefined)?.body?.issuer;
  if (typeof discovered === 'string') return issuerMismatch(issuer, discovered);
  if (/issuer/i.test(message)) {
    return {
      ok: false,
      kind: 'issuer-mismatch',
      message: `The discovery document at ${wellKnown(issuer)} names another issuer than "${issuer}": enter the issuer exactly as the discovery document states it.`,
    };
  }
  return { ok: false, kind: 'invalid', message: `${wellKnown(issuer)} is not a valid discovery document (${message}).` };
}
