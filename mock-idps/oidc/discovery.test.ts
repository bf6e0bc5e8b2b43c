// The discovery document the server answers before a persona's engine exists is the one the
// engine (oidc-provider + shaping.ts) answers, byte for byte, with the same headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIDC_PERSONAS } from '../personas/index.ts';
import { startIdpServer, type IdpServer } from '../server.ts';
import { oidcUrls } from '../urls.ts';
import { endpointBase, engineEndpointPath } from './discovery.ts';

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
    return {
      status: response.status,
      body: await response.text(),
      headers: Object.fromEntries(HEADERS.map((name) => [name, response.headers.get(name)])),
    };
  };

  it.each(OIDC_PERSONAS.map((persona) => ({ persona, id: persona.id })))(
    '$id: the same answer from discovery.ts as from oidc-provider',
    async ({ persona }) => {
      const tenant = server.tenants.create();
      const { issuer, discoveryUrl } = oidcUrls(persona, tenant.ids, server.url);
      const early = await answer(discoveryUrl);
      // Any other request of the persona creates its engine; discovery is then the engine's.
      const jwks = await fetch(`${issuer.replace(/\/$/, '')}${persona.endpoints.jwks}`);
      expect(jwks.status).toBe(200);
      const fromEngine = await answer(discoveryUrl);
      expect(early.status).toBe(200);
      expect(early).toEqual(fromEngine);
      expect(JSON.parse(early.body)).toMatchObject({ issuer, jwks_uri: `${endpointBase(persona, issuer)}${persona.endpoints.jwks}` });
      expect(tenant.requestLog.filter((entry) => entry.kind === 'oidc.discovery')).toHaveLength(2);
    },
  );

  it('leaves a request with an Origin header, and any tenant with an active fault, to the engine', async () => {
    const persona = OIDC_PERSONAS[0]!;
    const tenant = server.tenants.create();
    const { discoveryUrl } = oidcUrls(persona, tenant.ids, server.url);
    const cors = await fetch(discoveryUrl, { headers: { origin: 'http://spa.example.test' } });
    expect(cors.headers.get('access-control-allow-origin')).toBe('http://spa.example.test');
    const faulty = server.tenants.create();
    faulty.useFault({ id: 'oidc.issuer-entra-common-template', once: false });
    const altered = (await (await fetch(oidcUrls(persona, faulty.ids, server.url).discoveryUrl)).json()) as { issuer: string };
    expect(altered.issuer).not.toBe(oidcUrls(persona, faulty.ids, server.url).issuer);
  });
});

// The vendors' documents, feature by feature: each expectation is a fact of
// ../shared/reference/vendors.md ("OIDC discovery"), written here independently of the persona data.
const FACTS = {
  entra: {
    first: 'token_endpoint',
    count: 23,
    subject: ['pairwise'],
    pkce: undefined,
    algs: ['RS256'],
    logout: true,
    responseTypes: ['code', 'id_token', 'code id_token', 'id_token token'],
    responseModes: ['query', 'fragment', 'form_post'],
    grantTypes: undefined,
    authMethods: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    claims:
      'sub iss cloud_instance_name cloud_instance_host_name cloud_graph_host_name msgraph_host aud exp iat auth_time acr nonce preferred_username name tid ver at_hash c_hash email',
  },
  okta: {
    first: 'issuer',
    count: 26,
    subject: ['public'],
    pkce: ['S256'],
    algs: ['RS256'],
    logout: true,
    responseTypes: ['code', 'id_token', 'code id_token', 'code token', 'id_token token', 'code id_token token'],
    responseModes: ['query', 'fragment', 'form_post', 'okta_post_message'],
    grantTypes: [
      'authorization_code',
      'implicit',
      'refresh_token',
      'password',
      'urn:ietf:params:oauth:grant-type:device_code',
      'urn:openid:params:grant-type:ciba',
    ],
    authMethods: ['client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt', 'none'],
    scopes: undefined,
    claims:
      'iss ver sub aud iat exp jti auth_time amr idp nonce name nickname preferred_username given_name middle_name family_name email email_verified profile zoneinfo locale address phone_number picture website gender birthdate updated_at at_hash c_hash',
  },
  google: {
    first: 'issuer',
    count: 15,
    subject: ['public'],
    pkce: ['plain', 'S256'],
    algs: ['RS256'],
    logout: false,
    responseTypes: ['code', 'token', 'id_token', 'code token', 'code id_token', 'token id_token', 'code token id_token', 'none'],
    responseModes: undefined,
    grantTypes: [
      'authorization_code',
      'refresh_token',
      'urn:ietf:params:oauth:grant-type:device_code',
      'urn:ietf:params:oauth:grant-type:jwt-bearer',
    ],
    authMethods: ['client_secret_post', 'client_secret_basic'],
    scopes: ['openid', 'email', 'profile'],
    claims: 'aud email email_verified exp family_name given_name iat iss name picture sub',
  },
  auth0: {
    first: 'issuer',
    count: 20,
    subject: ['public'],
    pkce: ['S256', 'plain'],
    algs: ['HS256', 'RS256', 'PS256'],
    logout: false,
    responseTypes: ['code', 'token', 'id_token', 'code token', 'code id_token', 'token id_token', 'code token id_token'],
    responseModes: ['query', 'fragment', 'form_post'],
    grantTypes: undefined,
    authMethods: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
    scopes: [
      'openid',
      'profile',
      'offline_access',
      'name',
      'given_name',
      'family_name',
      'nickname',
      'email',
      'email_verified',
      'picture',
      'created_at',
      'identities',
      'phone',
      'address',
    ],
    claims:
      'aud auth_time created_at email email_verified exp family_name given_name iat identities iss name nickname phone_number picture sub',
  },
} as const;

describe("each vendor's discovery document", () => {
  let server: IdpServer;
  beforeAll(async () => {
    server = await startIdpServer({ warmUp: false, machineCache: false });
  });
  afterAll(async () => {
    await server.close();
  });

  it.each(OIDC_PERSONAS.map((persona) => ({ persona, id: persona.id })))(
    "$id: the vendor's fields and values; the endpoints it lists that the mock serves answer",
    async ({ persona }) => {
      const facts = FACTS[persona.vendor];
      const tenant = server.tenants.create();
      const { issuer, discoveryUrl } = oidcUrls(persona, tenant.ids, server.url);
      const doc = (await (await fetch(discoveryUrl)).json()) as Record<string, unknown>;
      const features: [string, unknown, unknown][] = [
        ['first field', Object.keys(doc)[0], facts.first],
        ['field count', Object.keys(doc).length, facts.count],
        ['issuer', doc.issuer, issuer],
        ['subject_types_supported', doc.subject_types_supported, facts.subject],
        ['code_challenge_methods_supported', doc.code_challenge_methods_supported, facts.pkce],
        ['id_token_signing_alg_values_supported', doc.id_token_signing_alg_values_supported, facts.algs],
        ['end_session_endpoint present', 'end_session_endpoint' in doc, facts.logout],
        ['response_types_supported', doc.response_types_supported, facts.responseTypes],
        ['response_modes_supported', doc.response_modes_supported, facts.responseModes],
        ['grant_types_supported', doc.grant_types_supported, facts.grantTypes],
        ['token_endpoint_auth_methods_supported', doc.token_endpoint_auth_methods_supported, facts.authMethods],
        ['claims_supported', (doc.claims_supported as string[]).join(' '), facts.claims],
        ...(facts.scopes === undefined ? [] : [['scopes_supported', doc.scopes_supported, facts.scopes] as [string, unknown, unknown]]),
        // No vendor publishes these (oidc-provider's defaults did).
        ...['claims_parameter_supported', 'claim_types_supported', 'dpop_signing_alg_values_supported'].map(
          (field) => [`no ${field}`, field in doc, false] as [string, unknown, unknown],
        ),
        ['no request_uri_parameter_supported: true', doc.request_uri_parameter_supported === true, false],
      ];
      expect(features.filter(([, actual, expected]) => JSON.stringify(actual) !== JSON.stringify(expected))).toEqual([]);
      for (const field of ['end_session_endpoint', 'revocation_endpoint', 'introspection_endpoint']) {
        const url = doc[field];
        if (typeof url !== 'string') continue;
        const answer = await fetch(url, { method: field === 'end_session_endpoint' ? 'GET' : 'POST', redirect: 'manual' });
        expect({ field, status: answer.status === 404 ? 404 : 'served' }).toEqual({ field, status: 'served' });
      }
    },
  );
});

describe("Entra's endpoints beside the issuer", () => {
  let server: IdpServer;
  beforeAll(async () => {
    server = await startIdpServer({ warmUp: false, machineCache: false });
  });
  afterAll(async () => {
    await server.close();
  });
  const entra = OIDC_PERSONAS.find((persona) => persona.id === 'entra-oidc')!;
  const okta = OIDC_PERSONAS.find((persona) => persona.id === 'okta-oidc')!;
  const TID = '0f1e2d3c-4b5a-4697-8877-665544332211';

  it('are handed to the engine at their place under the issuer; nothing else is', () => {
    const issuerPath = `/entra/${TID}/v2.0`;
    expect(engineEndpointPath(entra, issuerPath, `/entra/${TID}/oauth2/v2.0/authorize`)).toBe(`${issuerPath}/oauth2/v2.0/authorize`);
    expect(engineEndpointPath(entra, issuerPath, `/entra/${TID}/discovery/v2.0/keys`)).toBe(`${issuerPath}/discovery/v2.0/keys`);
    expect(engineEndpointPath(entra, issuerPath, `/entra/${TID}/oidc/userinfo`)).toBe(`${issuerPath}/oidc/userinfo`);
    // Not an endpoint; already under the issuer; the SAML persona's path; another persona.
    expect(engineEndpointPath(entra, issuerPath, `/entra/${TID}/oauth2/v2.0/devicecode`)).toBeUndefined();
    expect(engineEndpointPath(entra, issuerPath, `${issuerPath}/oauth2/v2.0/token`)).toBeUndefined();
    expect(engineEndpointPath(entra, issuerPath, `/entra/${TID}/saml2`)).toBeUndefined();
    expect(engineEndpointPath(okta, '/okta/dev-1/oauth2/default', '/okta/dev-1/v1/keys')).toBeUndefined();
    expect(endpointBase(entra, `https://login.example/entra/${TID}/v2.0`)).toBe(`https://login.example/entra/${TID}`);
    expect(endpointBase(okta, 'https://org.example/oauth2/default')).toBe('https://org.example/oauth2/default');
  });

  it('answer at the published URLs, logged under the path asked for', async () => {
    const tenant = server.tenants.create();
    const { issuer, discoveryUrl } = oidcUrls(entra, tenant.ids, server.url);
    const discovery = (await (await fetch(discoveryUrl)).json()) as Record<string, string>;
    expect(discovery.issuer).toBe(issuer);
    expect(discovery.jwks_uri).toBe(`${server.url}/entra/${tenant.ids.tid}/discovery/v2.0/keys`);
    expect(discovery.authorization_endpoint).toBe(`${server.url}/entra/${tenant.ids.tid}/oauth2/v2.0/authorize`);
    const keys = await fetch(discovery.jwks_uri!);
    expect(keys.status).toBe(200);
    expect(((await keys.json()) as { keys: unknown[] }).keys).toHaveLength(1);
    expect(tenant.requestLog.at(-1)).toMatchObject({ path: `/entra/${tenant.ids.tid}/discovery/v2.0/keys`, kind: 'oidc.jwks' });
    // Listed at the vendor's path, which the mock has no use for: 404, as personas/entra.ts says.
    expect((await fetch(discovery.kerberos_endpoint!)).status).toBe(404);
  });
});
