// One HTTP server on 127.0.0.1 hosting every persona of every tenant (personaServer.ts). Paths
// are vendor-shaped and tenant-scoped (`/entra/{tid}/saml2`, `/okta/{org}/oauth2/default`, …);
// `/_control/` is the reserved prefix of the control API. This module is the public entry and
// loads next to nothing itself: it turns on the per-machine compile cache first, so the server's
// modules and the protocol libraries after them are compiled from cache on a later start.
import { openKeyCache, withEarlyKeys } from './keyCache.ts';
import { enableLibraryCompileCache } from './machineCache.ts';
import type { TenantRegistry } from './tenants.ts';
import type { PersonaId } from './types.ts';

export const CONTROL_PREFIX = '/_control/';
export const DEMO_TENANT_KEY = 'demo';
export interface IdpServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Personas to serve (default: all eight). */
  personas?: PersonaId[];
  /**
   * In the background after listen (default true): prepare the demo tenant's SAML signing keys off
   * the event loop at once; load the protocol engines (and the demo tenant's OIDC keys) as soon as
   * the server is idle. Requests never wait for the warm-up: what one needs first, it loads.
   */
  warmUp?: boolean;
  /**
   * Use the per-machine cache (mock-idps/machineCache.ts): the demo tenant's TEST-ONLY keys and
   * Node's compile cache, kept under the OS temp dir for the next start (default true; the
   * environment variable SSO_HARNESS_CACHE_DIR=off also turns it off).
   */
  machineCache?: boolean;
}

export interface IdpServer {
  /** Origin, e.g. `http://127.0.0.1:4100` (no trailing slash). */
  readonly url: string;
  readonly controlUrl: string;
  readonly tenants: TenantRegistry;
  readonly personas: readonly PersonaId[];
  close(): Promise<void>;
}

/** What the control API needs from the server. */
export interface ServerContext {
  readonly origin: string;
  readonly tenants: TenantRegistry;
  readonly personas: readonly PersonaId[];
  /** Close and forget the engines of a tenant (on delete or reset). */
  dropEngines(tenantKey: string): Promise<void>;
}

export async function startIdpServer(options: IdpServerOptions = {}): Promise<IdpServer> {
  const useMachineCache = options.machineCache ?? true;
  if (useMachineCache) enableLibraryCompileCache();
  let demoKeys = useMachineCache ? openKeyCache() : undefined;
  if (options.warmUp ?? true) {
    // The demo tenant's SAML keys the cache lacks are generated while the server's modules load.
    const { SAML_PERSONAS } = await import('./personas/index.ts');
    demoKeys = withEarlyKeys(demoKeys, SAML_PERSONAS.map((p) => p.id).filter((id) => !options.personas || options.personas.includes(id)));
  }
  const { startPersonaServer } = await import('./personaServer.ts');
  return startPersonaServer(options, demoKeys);
}
