// What the mock IdP server is to its parts and its users: options, the running server, what the
// control API needs from it, the reserved control prefix. Apart from server.ts (which starts it)
// so that the parts it loads (personaServer.ts, control/api.ts) import no module that imports them.
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
