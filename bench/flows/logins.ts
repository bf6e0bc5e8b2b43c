// Complete logins against the running mock IdP server over loopback, as the benchmarks count them:
// - SAML: a new browser opens the persona's IdP-initiated URL, signs in through the vendor's
//   login pages and receives the auto-POST form with a signed SAMLResponse for the ACS;
// - OIDC: authorize (fresh login, or an existing IdP session cookie) → code → token → userinfo,
//   code + PKCE with a confidential client (HTTP Basic), the way the portal's RP does it.
// The browsers are the mock IdPs' own test drivers (they fill the vendor pages by label).
import { randomBytes } from 'node:crypto';
import {
  IdpControlClient,
  TEST_USER_PASSWORD,
  type OidcPersonaId,
  type SamlPersonaId,
  getSamlPersona,
  VENDORS,
} from '../../mock-idps/index.ts';
import {
  OidcHttpBrowser as HttpBrowser,
  oidcPersona,
  oidcSignIn,
  postedResponse,
  samlSignIn,
  TestBrowser,
} from '../../mock-idps/testing/index.ts';
import { authorizeUrl, basicAuthorization, codeFromRedirect, pkcePair, tokenRequestBody } from './pkce.ts';

export const SAML_PERSONA_IDS: readonly SamlPersonaId[] = VENDORS.map((vendor) => `${vendor}-saml` as const);
export const OIDC_PERSONA_IDS: readonly OidcPersonaId[] = VENDORS.map((vendor) => `${vendor}-oidc` as const);

// Nothing listens here: the flows stop at the redirect / auto-POST and never fetch the SP.
const SP = {
  entityId: 'http://127.0.0.1:9/bench/sp',
  acs: 'http://127.0.0.1:9/bench/sp/saml/acs',
  redirectUri: 'http://127.0.0.1:9/bench/sp/oidc/callback',
} as const;

interface OidcClientSetup {
  readonly persona: OidcPersonaId;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly userinfoEndpoint: string;
}

export interface LoginTenant {
  readonly idp: IdpControlClient;
  readonly email: string;
  readonly samlIdpInitiatedUrls: ReadonlyMap<SamlPersonaId, string>;
  readonly oidcClients: ReadonlyMap<OidcPersonaId, OidcClientSetup>;
}

async function json(response: Response, what: string): Promise<Record<string, unknown>> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

function stringField(body: Record<string, unknown>, name: string, what: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') throw new Error(`${what} has no ${name}`);
  return value;
}

/** A fresh tenant with the bench SP registered at every persona the server serves. */
export async function prepareLoginTenant(controlUrl: string, options: { saml: boolean; oidc: boolean }): Promise<LoginTenant> {
  const idp = await IdpControlClient.createTenant(controlUrl);
  const email = (await idp.userByRole('ordinary')).email;
  const samlIdpInitiatedUrls = new Map<SamlPersonaId, string>();
  const oidcClients = new Map<OidcPersonaId, OidcClientSetup>();
  if (options.saml) {
    for (const persona of SAML_PERSONA_IDS) {
      await idp.registerSamlApp(persona, { entityId: SP.entityId, acsUrls: [SP.acs] });
      samlIdpInitiatedUrls.set(persona, idp.samlUrls(persona).idpInitiatedUrl);
    }
  }
  if (options.oidc) {
    for (const persona of OIDC_PERSONA_IDS) {
      const app = await idp.registerOidcApp(persona, { redirectUris: [SP.redirectUri] });
      const discoveryUrl = idp.oidcUrls(persona).discoveryUrl;
      const discovery = await json(await fetch(discoveryUrl), `${persona} discovery (${discoveryUrl})`);
      oidcClients.set(persona, {
        persona,
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        authorizationEndpoint: stringField(discovery, 'authorization_endpoint', `${persona} discovery`),
        tokenEndpoint: stringField(discovery, 'token_endpoint', `${persona} discovery`),
        userinfoEndpoint: stringField(discovery, 'userinfo_endpoint', `${persona} discovery`),
      });
    }
  }
  return { idp, email, samlIdpInitiatedUrls, oidcClients };
}

/** IdP-initiated SAML login by a new browser; resolves when the signed response is in the auto-POST form. */
export async function samlLogin(tenant: LoginTenant, persona: SamlPersonaId): Promise<void> {
  const url = tenant.samlIdpInitiatedUrls.get(persona);
  const samlPersona = getSamlPersona(persona);
  if (url === undefined || !samlPersona) throw new Error(`${persona} is not set up in the bench tenant`);
  const browser = new TestBrowser();
  const loginPage = await browser.request(url);
  const done = await samlSignIn(browser, samlPersona, loginPage, tenant.email, TEST_USER_PASSWORD);
  const posted = postedResponse(done);
  if (!posted?.samlResponse)
    throw new Error(`${persona} login ended on ${done.url} (${done.status}) without a SAMLResponse: ${done.html.slice(0, 300)}`);
}

/**
 * One OIDC code + PKCE flow. With a browser that already holds the persona's IdP session the
 * authorize step is a redirect chain; a new browser goes through the vendor's login pages first.
 */
export async function oidcFlow(tenant: LoginTenant, persona: OidcPersonaId, browser: HttpBrowser = new HttpBrowser()): Promise<void> {
  const client = tenant.oidcClients.get(persona);
  if (!client) throw new Error(`${persona} is not set up in the bench tenant`);
  const pkce = pkcePair();
  const state = randomBytes(12).toString('base64url');
  const url = authorizeUrl({
    authorizationEndpoint: client.authorizationEndpoint,
    clientId: client.clientId,
    redirectUri: SP.redirectUri,
    scope: 'openid profile email',
    state,
    nonce: randomBytes(12).toString('base64url'),
    codeChallenge: pkce.challenge,
  });
  let landing = await browser.navigate(url, SP.redirectUri);
  if (!landing.reachedRedirectUri) landing = await oidcSignIn(browser, landing, oidcPersona(persona), SP.redirectUri, tenant.email);
  if (!landing.reachedRedirectUri)
    throw new Error(
      `${persona} authorize ended on ${landing.url.href} (${landing.status}) instead of redirecting back: ${landing.html
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .slice(0, 300)}`,
    );
  const code = codeFromRedirect(landing.url, state);
  const tokens = await json(
    await fetch(client.tokenEndpoint, {
      method: 'POST',
      headers: {
        authorization: basicAuthorization(client.clientId, client.clientSecret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: tokenRequestBody(code, SP.redirectUri, pkce.verifier),
    }),
    `${persona} token endpoint`,
  );
  stringField(tokens, 'id_token', `${persona} token response`);
  const accessToken = stringField(tokens, 'access_token', `${persona} token response`);
  const userinfo = await json(
    await fetch(client.userinfoEndpoint, { headers: { authorization: `Bearer ${accessToken}` } }),
    `${persona} userinfo`,
  );
  stringField(userinfo, 'sub', `${persona} userinfo`);
}
