// The persona's OpenID Provider discovery document (OIDC Discovery 1.0 §4) as the vendor publishes
// it (the persona's `discovery` fields), never oidc-provider's own: the engine answers with this
// document too (shaping.ts), so the server can answer discovery while the persona's engine does not
// exist yet (discovery.test.ts compares both answers byte for byte) and a cold start need not load
// oidc-provider, koa and express for it (they load with the engine, on the first protocol request
// or when idle).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OidcPersona } from '../types.ts';

export const DISCOVERY_PATH = '/.well-known/openid-configuration';

const ENDPOINT_PLACEHOLDER = /\{(authorization|token|userinfo|jwks|logout|revocation|introspection|pushedAuthorization)\}/g;

/**
 * Where the persona's endpoints are published: under the issuer (the issuer without a trailing
 * slash), or beside it (OidcPersona.endpointsBesideIssuer: Entra's `…/{tid}` beside `…/{tid}/v2.0`).
 */
export function endpointBase(persona: OidcPersona, issuer: string): string {
  const base = issuer.replace(/\/$/, '');
  const suffix = persona.endpointsBesideIssuer?.issuerSuffix;
  if (suffix === undefined) return base;
  if (!base.endsWith(suffix))
    throw new Error(`${persona.id}: the issuer ${issuer} does not end with ${suffix}, beside which its endpoints sit.`);
  return base.slice(0, -suffix.length);
}

/**
 * The engine serves every endpoint under the issuer path, where oidc-provider is mounted. For a
 * persona whose endpoints are published beside the issuer, the path under the issuer that a
 * published endpoint path (`path`, without query) stands for; undefined for any other path.
 */
export function engineEndpointPath(persona: OidcPersona, issuerPath: string, path: string): string | undefined {
  const mount = issuerPath.replace(/\/$/, '');
  const suffix = persona.endpointsBesideIssuer?.issuerSuffix;
  if (suffix === undefined || !mount.endsWith(suffix)) return undefined;
  const published = mount.slice(0, -suffix.length);
  if (!path.startsWith(`${published}/`)) return undefined;
  const relative = path.slice(published.length);
  return (Object.values(persona.endpoints) as readonly (string | undefined)[]).includes(relative) ? mount + relative : undefined;
}

function fill(value: string, persona: OidcPersona, issuer: string): string {
  const base = issuer.replace(/\/$/, '');
  const endpoints = endpointBase(persona, issuer);
  const filled = value
    .replaceAll('{issuer}', issuer)
    .replaceAll('{base}', base)
    .replaceAll('{endpointBase}', endpoints)
    .replace(ENDPOINT_PLACEHOLDER, (_match, name: keyof OidcPersona['endpoints']) => {
      const path = persona.endpoints[name];
      if (path === undefined)
        throw new Error(`${persona.id}: its discovery document names the ${name} endpoint, which the persona does not have.`);
      return endpoints + path;
    });
  // `{base}/../v1/clients` (Okta's registration endpoint on the org server): resolved as a URL.
  return filled.includes('/../') ? new URL(filled).href : filled;
}

/** The persona's discovery document for this issuer: the vendor's fields, in the vendor's order. */
export function discoveryDocument(persona: OidcPersona, issuer: string): Record<string, unknown> {
  return Object.fromEntries(
    persona.discovery.map(([field, value]) => [field, typeof value === 'string' ? fill(value, persona, issuer) : value]),
  );
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
  res
    .writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'access-control-allow-origin': '*',
      vary: 'Origin',
    })
    .end(body);
}
