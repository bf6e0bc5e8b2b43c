// What an engine is to the server: the seam between routing (personaServer.ts) and the protocol
// engines (saml/engine.ts, oidc/engine.ts), which engines.ts loads on first use.
import type { IncomingMessage, ServerResponse } from 'node:http';
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
