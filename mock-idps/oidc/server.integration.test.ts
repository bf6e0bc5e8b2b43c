// The OIDC personas as the suites meet them: inside the one IdP server, driven through the
// control API (tenant, app registration, faults, request log), logged in over HTTP by openid-client.
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdpControlClient, type OidcPersonaId } from '../control/client.ts';
import { startIdpServer, type IdpServer } from '../server.ts';
import { HttpBrowser } from './httpBrowser.ts';
import { oidcPersona, signIn } from './testServer.ts';

const PERSONAS: readonly OidcPersonaId[] = ['entra-oidc', 'okta-oidc', 'google-oidc', 'auth0-oidc'];

describe('OIDC personas in the IdP server', () => {
  let server: IdpServer;
  let idp: IdpControlClient;
  beforeAll(async () => {
    server = await startIdpServer();
    idp = await IdpControlClient.createTenant(server.controlUrl);
  });
  afterAll(async () => {
    await server.close();
  });

  async function login(personaId: OidcPersonaId) {
    const redirectUri = 'http://127.0.0.1:9/sp/oidc/callback';
    const app = await idp.registerOidcApp(personaId, { redirectUris: [redirectUri] });
    const config = await client.discovery(
      new URL(idp.oidcUrls(personaId).issuer),
      app.clientId,
      undefined,
      client.ClientSecretBasic(app.clientSecret),
      { execute: [client.allowInsecureRequests] },
    );
    const browser = new HttpBrowser();
    const checks = {
      pkceCodeVerifier: client.randomPKCECodeVerifier(),
      expectedState: client.randomState(),
      expectedNonce: client.randomNonce(),
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile email',
      state: checks.expectedState,
      nonce: checks.expectedNonce,
      code_challenge: await client.calculatePKCECodeChallenge(checks.pkceCodeVerifier),
      code_challenge_method: 'S256',
    });
    const callback = await signIn(
      browser,
      await browser.navigate(url, redirectUri),
      oidcPersona(personaId),
      redirectUri,
      `bob.user@${idp.info.domain}`,
    );
    return { config, callback, checks };
  }

  it.each(PERSONAS)('%s: code + PKCE login with an app registered through the control API', async (personaId) => {
    const since = new Date().toISOString();
    const { config, callback, checks } = await login(personaId);
    const tokens = await client.authorizationCodeGrant(config, callback.url, checks);
    expect(tokens.claims()).toMatchObject({ iss: idp.oidcUrls(personaId).issuer, email: `bob.user@${idp.info.domain}` });
    const kinds = (await idp.requests({ since, persona: personaId })).map((entry) => entry.kind);
    expect(kinds).toEqual(expect.arrayContaining(['oidc.discovery', 'oidc.authorize', 'oidc.login', 'oidc.token']));
  });

  it.each(PERSONAS)('%s: a one-shot fault switched on through the control API shapes the next token only', async (personaId) => {
    await idp.use('oidc.email-claim-absent', { once: true, persona: personaId });
    const first = await login(personaId);
    expect((await client.authorizationCodeGrant(first.config, first.callback.url, first.checks)).claims()).not.toHaveProperty('email');
    const second = await login(personaId);
    expect((await client.authorizationCodeGrant(second.config, second.callback.url, second.checks)).claims()?.email).toBe(
      `bob.user@${idp.info.domain}`,
    );
    expect(await idp.activeFaults()).toEqual([]);
  });
});
