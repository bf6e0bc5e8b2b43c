// The persona's OpenID Provider discovery document (OIDC Discovery 1.0 §4) without loading
// oidc-provider: exactly the document the OIDC engine answers with — oidc-provider's metadata for
// the configuration in provider.ts, reshaped by shaping.ts — byte for byte (discovery.test.ts
// compares them). Discovery is what an RP reads first; the server answers it from here while the
// persona's engine does not exist yet, so a cold start need not load oidc-provider, koa and
// express for it (they load with the engine, on the first protocol request or when idle).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OidcPersona } from '../types.ts';
import { SUPPORTED_SCOPES } from './scopes.ts';

export const DISCOVERY_PATH = '/.well-known/openid-configuration';

/** The claims a persona's ID tokens carry, `sub` first: what shaping.ts publishes as claims_supported. */
export function claimsSupported(persona: OidcPersona): string[] {
  return ['sub', ...new Set(persona.idToken.claims.map((claim) => claim.name).filter((name) => name !== 'sub'))];
}

/** The document, in oidc-provider's key order. */
export function discoveryDocument(persona: OidcPersona, issuer: string): Record<string, unknown> {
  const base = issuer.replace(/\/$/, '');
  // What oidc-provider 9 derives from provider.ts's configuration (code flow, PKCE, no request
  // objects, default client authentication methods and algorithms, PAR, DPoP, RP-initiated logout).
  return {
    authorization_endpoint: base + persona.endpoints.authorization,
    claims_parameter_supported: false,
    claims_supported: claimsSupported(persona),
    code_challenge_methods_supported: ['S256'],
    end_session_endpoint: `${base}/session/end`,
    grant_types_supported: ['authorization_code', 'refresh_token'],
    issuer,
    jwks_uri: base + persona.endpoints.jwks,
    response_modes_supported: ['form_post', 'fragment', 'query'],
    response_types_supported: ['code'],
    scopes_supported: SUPPORTED_SCOPES,
    subject_types_supported: ['public'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_jwt', 'client_secret_post', 'private_key_jwt', 'none'],
    token_endpoint_auth_signing_alg_values_supported: ['HS256', 'RS256', 'PS256', 'ES256', 'Ed25519', 'EdDSA'],
    token_endpoint: base + persona.endpoints.token,
    id_token_signing_alg_values_supported: [persona.idToken.signingAlgorithm],
    pushed_authorization_request_endpoint: `${base}/request`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: base + persona.endpoints.userinfo,
    dpop_signing_alg_values_supported: ['ES256', 'Ed25519', 'EdDSA'],
    claim_types_supported: ['normal'],
  };
}

/**
 * Whether this request can be answered from `discoveryDocument` exactly as the engine would: a
 * plain GET without an Origin header (the engine's CORS answer echoes the origin) while no fault
 * is active in the tenant (a discovery fault changes the issuer).
 */
export function isPlainDiscoveryRequest(req: IncomingMessage, activeFaults: number): boolean {
  return req.method === 'GET' && req.headers.origin === undefined && activeFaults === 0;
}

/** Answer a plain discovery request with the headers the engine (koa + oidc-provider) sends. */
export function serveDiscovery(res: ServerResponse, persona: OidcPersona, issuer: string): void {
  const body = JSON.stringify(discoveryDocument(persona, issuer));
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'access-control-allow-origin': '*',
    vary: 'Origin',
  }).end(body);
}
