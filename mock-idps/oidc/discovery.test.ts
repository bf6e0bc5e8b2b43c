// The discovery document the server answers before a persona's engine exists is the one the
// engine (oidc-provider + shaping.ts) answers, byte for byte, with the same headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIDC_PERSONAS } from '../personas/index.ts';
import { startIdpServer, type IdpServer } from '../server.ts';
import { oidcUrls } from '../urls.ts';

const HEADERS = ['content-type', 'content-length', 'access-control-allow-origin', 'vary'] as const;

describe('discovery before and after the OIDC engine exists', () => {
  let server: IdpServer;
  beforeAll(async () => {
    server = await startIdpServer({ warmUp: false, machineCache: false });
  });
  afterAll(async () => {
    await server.close();
  });

  const answer = async (url: string): Promise<{ status: number; body: string; headers: Record<string, string | null> }> => {
    const response = await fetch(url);
    return { status: response.status, body: await response.text(), headers: Object.fromEntries(HEADERS.map((name) => [name, response.headers.get(name)])) };
  };

  it.each(OIDC_PERSONAS.map((persona) => ({ persona, id: persona.id })))('$id: the same answer from discovery.ts as from oidc-provider', async ({ persona }) => {
    const tenant = server.tenants.create();
    const { issuer, discoveryUrl } = oidcUrls(persona, tenant.ids, server.url);
    const early = await answer(discoveryUrl);
    // Any other request of the persona creates its engine; discovery is then the engine's.
    const jwks = await fetch(`${issuer.replace(/\/$/, '')}${persona.endpoints.jwks}`);
    expect(jwks.status).toBe(200);
    const fromEngine = await answer(discoveryUrl);
    expect(early.status).toBe(200);
    expect(early).toEqual(fromEngine);
    expect(JSON.parse(early.body)).toMatchObject({ issuer, jwks_uri: `${issuer.replace(/\/$/, '')}${persona.endpoints.jwks}` });
    expect(tenant.requestLog.filter((entry) => entry.kind === 'oidc.discovery')).toHaveLength(2);
  });

  it('leaves a request with an Origin header, and any tenant with an active fault, to the engine', async () => {
    const persona = OIDC_PERSONAS[0]!;
    const tenant = server.tenants.create();
    const { discoveryUrl } = oidcUrls(persona, tenant.ids, server.url);
    const cors = await fetch(discoveryUrl, { headers: { origin: 'http://spa.example.test' } });
    expect(cors.headers.get('access-control-allow-origin')).toBe('http://spa.example.test');
    const faulty = server.tenants.create();
    faulty.useFault({ id: 'oidc.issuer-entra-common-template', once: false });
    const altered = await (await fetch(oidcUrls(persona, faulty.ids, server.url).discoveryUrl)).json() as { issuer: string };
    expect(altered.issuer).not.toBe(oidcUrls(persona, faulty.ids, server.url).issuer);
  });
});
