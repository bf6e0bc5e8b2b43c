// Test support: a persona's OIDC test server with an openid-client configuration discovered from
// it (plain http on loopback allowed), as the engine, refresh and prompt tests each start one per persona.
import * as client from 'openid-client';
import type { PersonaId } from '../../types.ts';
import { startOidcTestServer, type OidcTestServer } from '../testServer.ts';

/** openid-client's option for the loopback test servers' plain http. */
export const INSECURE = { execute: [client.allowInsecureRequests] };

export interface DiscoveredServer {
  readonly server: OidcTestServer;
  readonly config: client.Configuration;
  /** The test app's registered redirect URI. */
  readonly redirectUri: string;
}

export async function startDiscoveredServer(personaId: PersonaId): Promise<DiscoveredServer> {
  const server = await startOidcTestServer(personaId);
  const config = await client.discovery(
    new URL(server.issuer),
    server.app.clientId,
    undefined,
    client.ClientSecretBasic(server.app.clientSecret),
    INSECURE,
  );
  return { server, config, redirectUri: server.app.redirectUris[0]! };
}
