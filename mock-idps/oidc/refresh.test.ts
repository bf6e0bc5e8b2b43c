// Refresh tokens per persona, end to end over loopback: the vendor's way of asking for one, the
// code exchange's answer, the refresh grant (rotation as the persona data says), and the refusals.
import * as client from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getOidcFault } from '../faults/catalog.ts';
import { OIDC_PERSONAS } from '../personas/index.ts';
import { startDiscoveredServer } from './testing/discoveredServer.ts';
import { HttpBrowser } from './httpBrowser.ts';
import { decodeUnverified } from './jwtMutator.ts';
import { offlineRequestOf, OfflineGrants, shapeTokenAnswer } from './refresh.ts';
import { signIn, type OidcTestServer } from './testServer.ts';

describe.each(OIDC_PERSONAS.map((persona) => persona.id))('%s refresh tokens', (personaId) => {
  let server: OidcTestServer;
  let config: client.Configuration;
  let redirectUri: string;

  beforeAll(async () => {
    ({ server, config, redirectUri } = await startDiscoveredServer(personaId));
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.tenant.resetFaults();
  });

  const google = personaId === 'google-oidc';
  /** The vendor's way of asking for a refresh token. */
  const offline: Record<string, string> = google ? { access_type: 'offline' } : { scope: 'openid profile email offline_access' };
  /** Google gives a refresh token again only with prompt=consent. */
  const offlineAgain: Record<string, string> = google ? { ...offline, prompt: 'consent' } : offline;

  async function login(extra: Record<string, string>, browser = new HttpBrowser(), email = 'bob.user@example.com') {
    const verifier = client.randomPKCECodeVerifier();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile email',
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      ...extra,
    });
    const callback = await signIn(browser, await browser.navigate(url, redirectUri), server.persona, redirectUri, email);
    expect(callback.reachedRedirectUri).toBe(true);
    return client.authorizationCodeGrant(config, callback.url, { pkceCodeVerifier: verifier, expectedNonce: nonce });
  }

  it("returns a refresh token from the code exchange when asked the vendor's way, and none otherwise", async () => {
    const tokens = await login(offline, new HttpBrowser(), 'alice.admin@example.com');
    expect(tokens.refresh_token).toEqual(expect.any(String));
    // Entra leaves offline_access out of the returned scope; Okta and Auth0 echo it.
    expect((tokens.scope ?? '').split(' ').includes('offline_access')).toBe(server.persona.refreshTokens.echoOfflineAccess);
    expect((await login({}, new HttpBrowser(), 'Carol.Case@example.com')).refresh_token).toBeUndefined();
    // The other vendor's way does nothing: offline_access is not a Google scope, access_type is Google's alone.
    const otherWay: Record<string, string> = google ? { scope: 'openid profile email offline_access' } : { access_type: 'offline' };
    expect((await login(otherWay, new HttpBrowser(), 'Carol.Case@example.com')).refresh_token).toBeUndefined();
  });

  it("redeems the refresh token for new tokens shaped like the vendor's, rotating as the vendor does", async () => {
    const first = await login(offlineAgain);
    const refreshToken = first.refresh_token!;
    const refreshed = await client.refreshTokenGrant(config, refreshToken);
    expect(refreshed.access_token).not.toBe(first.access_token);
    const claims = decodeUnverified(refreshed.id_token!).payload;
    expect(claims).toMatchObject({ iss: server.issuer, aud: server.app.clientId, sub: first.claims()!.sub });
    // OIDC Core §12.2: a refreshed ID token carries no nonce.
    expect(claims).not.toHaveProperty('nonce');
    expect(Object.keys(claims)).toEqual(Object.keys(decodeUnverified(first.id_token!).payload).filter((name) => name !== 'nonce'));
    const rotation = server.persona.refreshTokens.rotation;
    if (rotation === 'none') {
      expect(refreshed.refresh_token).toBe(server.persona.refreshTokens.unrotatedAnswer === 'same' ? refreshToken : undefined);
    } else {
      expect(refreshed.refresh_token).toEqual(expect.any(String));
      expect(refreshed.refresh_token).not.toBe(refreshToken);
    }
    // The old token: still good where the vendor does not rotate or keeps it (Entra); the newest always is.
    const again = client.refreshTokenGrant(config, refreshToken);
    if (rotation === 'rotate') await expect(again).rejects.toBeInstanceOf(client.ResponseBodyError);
    else expect((await again).access_token).toEqual(expect.any(String));
    expect((await client.refreshTokenGrant(config, refreshed.refresh_token ?? refreshToken)).access_token).toEqual(expect.any(String));
  });

  it("refuses an unknown refresh token with the vendor's invalid_grant answer", async () => {
    const refused = await client.refreshTokenGrant(config, 'not-a-refresh-token').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(client.ResponseBodyError);
    expect(refused).toMatchObject({ error: 'invalid_grant', error_description: server.persona.refreshTokens.invalidGrant.description });
  });

  it('oidc.refresh-token-revoked: the refresh grant is refused with invalid_grant, and stays refused', async () => {
    const tokens = await login(offlineAgain);
    server.tenant.useFault({ id: 'oidc.refresh-token-revoked', once: true });
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
      error_description: server.persona.refreshTokens.invalidGrant.description,
    });
    expect(server.tenant.faults).toEqual([]);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  if (getOidcFault('oidc.refresh-token-reused')?.personas.includes(personaId) === true) {
    it('oidc.refresh-token-reused: the refresh rotates; the rotated-away token is refused and takes its whole grant with it', async () => {
      const tokens = await login(offlineAgain);
      server.tenant.useFault({ id: 'oidc.refresh-token-reused', once: true });
      const rotated = await client.refreshTokenGrant(config, tokens.refresh_token!);
      expect(rotated.refresh_token).toEqual(expect.any(String));
      expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
      expect(server.tenant.faults, 'the one-shot fault is spent on the refresh it rotated').toEqual([]);
      await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
        error: 'invalid_grant',
        error_description: server.persona.refreshTokens.invalidGrant.description,
      });
      // Reuse detection revokes the family: the newest token is refused too, and so is the access token.
      await expect(client.refreshTokenGrant(config, rotated.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
      await expect(client.fetchUserInfo(config, rotated.access_token, client.skipSubjectCheck)).rejects.toBeInstanceOf(Error);
    });
  }

  if (google) {
    it('Google: a refresh token with the first consent of the user for the client only, again with prompt=consent', async () => {
      const browser = new HttpBrowser();
      const dave = 'dave.guest@partner.example.net';
      expect((await login(offline, browser, dave)).refresh_token).toEqual(expect.any(String));
      expect((await login(offline, browser, dave)).refresh_token).toBeUndefined();
      expect((await login({ ...offline, prompt: 'consent' }, browser, dave)).refresh_token).toEqual(expect.any(String));
    });
  }
});

describe('refresh rules as data', () => {
  const persona = (id: string) => OIDC_PERSONAS.find((candidate) => candidate.id === id)!;

  it("reads the vendor's way of asking from the raw request", () => {
    expect(offlineRequestOf(persona('okta-oidc'), { scope: 'openid offline_access', prompt: 'login consent' })).toEqual({
      offline: true,
      promptConsent: true,
    });
    expect(offlineRequestOf(persona('google-oidc'), { scope: 'openid offline_access' })).toEqual({ offline: false, promptConsent: false });
    expect(offlineRequestOf(persona('google-oidc'), { scope: 'openid', access_type: 'offline' })).toEqual({
      offline: true,
      promptConsent: false,
    });
  });

  it('Google counts the first code of a user for a client as the consent that earns a refresh token', () => {
    const grants = new OfflineGrants(persona('google-oidc'));
    const ask = { offline: true, promptConsent: false };
    expect(grants.codeIssued('c1', ask, 'u1', 'app')).toBe(true);
    expect(grants.codeIssued('c2', ask, 'u1', 'app')).toBe(false);
    expect(grants.codeIssued('c3', ask, 'u1', 'other-app')).toBe(true);
    expect(grants.codeIssued('c4', { offline: true, promptConsent: true }, 'u1', 'app')).toBe(true);
    expect([...['c1', 'c2', 'c3', 'c4']].map((code) => grants.earnsRefreshToken(code))).toEqual([true, false, true, true]);
    const okta = new OfflineGrants(persona('okta-oidc'));
    expect([
      okta.codeIssued('a', ask, 'u1', 'app'),
      okta.codeIssued('b', ask, 'u1', 'app'),
      okta.codeIssued('c', { offline: false, promptConsent: true }, 'u1', 'app'),
    ]).toEqual([true, true, false]);
  });

  it('shapes the token answer: offline_access echoed by Okta and Auth0, an unrotated token left out by Google and Auth0', () => {
    const body = { access_token: 'a', refresh_token: 'r', scope: 'openid email', token_type: 'Bearer' };
    expect(shapeTokenAnswer(persona('okta-oidc'), body, { type: 'authorization_code', rotated: false }).scope).toBe(
      'openid email offline_access',
    );
    expect(shapeTokenAnswer(persona('entra-oidc'), body, { type: 'authorization_code', rotated: false }).scope).toBe('openid email');
    expect(shapeTokenAnswer(persona('auth0-oidc'), body, { type: 'refresh_token', rotated: false })).not.toHaveProperty('refresh_token');
    expect(shapeTokenAnswer(persona('auth0-oidc'), body, { type: 'refresh_token', rotated: true }).refresh_token).toBe('r');
    expect(shapeTokenAnswer(persona('okta-oidc'), body, { type: 'refresh_token', rotated: false }).refresh_token).toBe('r');
  });
});
