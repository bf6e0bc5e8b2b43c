// One HTTP server on 127.0.0.1 hosting every persona of every tenant (personaServer.ts). Paths
// are vendor-shaped and tenant-scoped (`/entra/{tid}/saml2`, `/okta/{org}/oauth2/default`, …);
// `/_control/` is the reserved prefix of the control API. This module is the public entry and
// loads next to nothing itself: it turns on the per-machine compile cache first, so the server's
// modules and the protocol libraries after them are compiled from cache on a later start.
import { openKeyCache, withEarlyKeys } from './keyCache.ts';
import { enableLibraryCompileCache } from './machineCache.ts';
import type { IdpServer, IdpServerOptions } from './serverContract.ts';

export { CONTROL_PREFIX, DEMO_TENANT_KEY } from './serverContract.ts';
export type { IdpServer, IdpServerOptions, ServerContext } from './serverContract.ts';

export async function startIdpServer(options: IdpServerOptions = {}): Promise<IdpServer> {
  const useMachineCache = options.machineCache ?? true;
  if (useMachineCache) enableLibraryCompileCache();
  let demoKeys = useMachineCache ? openKeyCache() : undefined;
  if (options.warmUp ?? true) {
    // The demo tenant's SAML keys the cache lacks are generated while the server's modules load.
    const { SAML_PERSONAS } = await import('./personas/index.ts');
    demoKeys = withEarlyKeys(
      demoKeys,
      SAML_PERSONAS.map((p) => p.id).filter((id) => !options.personas || options.personas.includes(id)),
    );
  }
  const { startPersonaServer } = await import('./personaServer.ts');
  return startPersonaServer(options, demoKeys);
}
