// Loading the persona engines (saml/engine.ts, oidc/engine.ts) on first use: the protocol
// libraries stay off the server's cold start. What an engine is: engineTypes.ts.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OidcEngineFactory, SamlEngineFactory } from './engineTypes.ts';

let samlFactory: Promise<SamlEngineFactory> | undefined;

/** The SAML engine factory, loaded on first use (xml-crypto and samlify stay off the cold start). */
export function loadSamlEngineFactory(): Promise<SamlEngineFactory> {
  samlFactory ??= import('./saml/engine.ts').then((module) => module.createSamlEngine);
  return samlFactory;
}

const OIDC_ENGINE_PATH = fileURLToPath(new URL('./oidc/engine.ts', import.meta.url));
let oidcFactory: Promise<OidcEngineFactory | undefined> | undefined;

/** The OIDC engine factory, loaded on first use (oidc-provider is heavy; cold start stays fast). */
export function loadOidcEngineFactory(): Promise<OidcEngineFactory | undefined> {
  oidcFactory ??= (async () => {
    if (!existsSync(OIDC_ENGINE_PATH)) return undefined;
    const module = (await import(OIDC_ENGINE_PATH)) as { createOidcEngine?: OidcEngineFactory };
    return module.createOidcEngine;
  })();
  return oidcFactory;
}
