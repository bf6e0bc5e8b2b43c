// The seam between the server (routing, tenants) and the persona engines (SAML here, OIDC in
// mock-idps/oidc/engine.ts). An engine serves one persona of one tenant.
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { PersonaContext } from './tenants.ts';
import type { OidcPersona, SamlPersona } from './types.ts';

export interface PersonaEngine {
  /** Serve one request; the request keeps its full path. Must answer every request, never throw for bad input. */
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
  close(): Promise<void>;
  /** Request-log kind for a path, e.g. `oidc.token`; defaults to the protocol name. */
  kindOf?(path: string): string;
}

export type OidcEngineFactory = (ctx: PersonaContext & { persona: OidcPersona }) => PersonaEngine | Promise<PersonaEngine>;
export type SamlEngineFactory = (ctx: PersonaContext & { persona: SamlPersona }) => PersonaEngine;

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
