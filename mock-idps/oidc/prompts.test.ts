// The `prompt` values (OIDC Core §3.1.2.1) as each vendor documents them, end to end over
// loopback: login, consent, select_account, none, and what a vendor does with a value it does not support.
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIDC_PERSONAS } from '../personas/index.ts';
import { startDiscoveredServer } from './testing/discoveredServer.ts';
import type { PersonaId } from '../types.ts';
import { parseForms } from '../../lib/index.ts';
import { HttpBrowser, type Landing } from './httpBrowser.ts';
import { loginForm } from '../personas/index.ts';
import { isConsentPage, signIn, type OidcTestServer } from './testServer.ts';

/** What each vendor does with each value: `honoured`, ignored (`ignored`), or refused on its page / back to the client. */
const EXPECTED: Readonly<
  Record<string, Readonly<Record<'login' | 'consent' | 'select_account', 'honoured' | 'ignored' | 'refused-page' | 'refused-redirect'>>>
> = {
  'entra-oidc': { login: 'honoured', consent: 'honoured', select_account: 'honoured' },
  'okta-oidc': { login: 'honoured', consent: 'honoured', select_account: 'refused-redirect' },
  'google-oidc': { login: 'refused-page', consent: 'honoured', select_account: 'honoured' },
  'auth0-oidc': { login: 'honoured', consent: 'honoured', select_account: 'ignored' },
};

describe.each(OIDC_PERSONAS.map((persona) => persona.id))('%s prompt values', (personaId: PersonaId) => {
  let server: OidcTestServer;
  let config: client.Configuration;
  let redirectUri: string;
  const expected = EXPECTED[personaId]!;

  beforeAll(async () => {
    ({ server, config, redirectUri } = await startDiscoveredServer(personaId));
  });
  afterAll(async () => {
    await server.close();
  });

  const start = (browser: HttpBrowser, prompt?: string): Promise<Landing> =>
    browser.navigate(
      client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email',
        state: 'st',
        ...(prompt ? { prompt } : {}),
      }),
      redirectUri,
    );

  async function signedInBrowser(): Promise<HttpBrowser> {
    const browser = new HttpBrowser();
    expect((await signIn(browser, await start(browser), server.persona, redirectUri, 'bob.user@example.com')).reachedRedirectUri).toBe(
      true,
    );
    return browser;
  }

  const form = () => loginForm(server.persona.loginFlow);
  const isSignInPage = (page: Landing): boolean =>
    !page.reachedRedirectUri && page.status === 200 && parseForms(page.html).length > 0 && !isConsentPage(page, server.persona);

  it('none: login_required back to the client without a session; a code with one', async () => {
    const fresh = await start(new HttpBrowser(), 'none');
    expect(fresh.reachedRedirectUri).toBe(true);
    expect(Object.fromEntries(fresh.url.searchParams)).toMatchObject({ error: 'login_required', state: 'st' });
    const silent = await start(await signedInBrowser(), 'none');
    expect(silent.reachedRedirectUri).toBe(true);
    expect(silent.url.searchParams.has('code')).toBe(true);
  });

  it("consent: the sign-in, then the vendor's consent screen, then the code (it used to loop on the sign-in page)", async () => {
    const browser = new HttpBrowser();
    const page = await start(browser, 'consent');
    expect(isSignInPage(page)).toBe(true);
    const done = await signIn(browser, page, server.persona, redirectUri, 'bob.user@example.com');
    expect(done.reachedRedirectUri).toBe(true);
    expect(done.url.searchParams.has('code')).toBe(true);
    // With a session: the consent screen straight away, naming the app; declining is access_denied.
    const again = await start(browser, 'consent');
    expect(isConsentPage(again, server.persona)).toBe(true);
    expect(again.html).toContain(form().consent.heading.replace('{app}', server.app.clientId).replace(/'/g, '&#39;'));
    const declined = await browser.submit(again, form().consent.deny, {}, redirectUri);
    expect(Object.fromEntries(declined.url.searchParams)).toMatchObject({ error: 'access_denied', state: 'st' });
    const accepted = await browser.submit(await start(browser, 'consent'), form().consent.accept, {}, redirectUri);
    expect(accepted.url.searchParams.has('code')).toBe(true);
  });

  it(`login: ${expected.login}`, async () => {
    const browser = await signedInBrowser();
    const page = await start(browser, 'login');
    if (expected.login === 'refused-page') {
      expect(page.reachedRedirectUri).toBe(false);
      expect(page.status).toBe(400);
      expect(page.html).toContain('Invalid prompt: login');
      return;
    }
    // Asked again although the session is live; signing in finishes the login.
    expect(isSignInPage(page)).toBe(true);
    expect((await signIn(browser, page, server.persona, redirectUri, 'bob.user@example.com')).url.searchParams.has('code')).toBe(true);
  });

  it(`select_account: ${expected.select_account}`, async () => {
    const browser = await signedInBrowser();
    const page = await start(browser, 'select_account');
    switch (expected.select_account) {
      case 'honoured': {
        expect(isSignInPage(page)).toBe(true);
        expect((await signIn(browser, page, server.persona, redirectUri, 'bob.user@example.com')).url.searchParams.has('code')).toBe(true);
        // Another account than the signed-in one: the login switches to it.
        const other = await start(browser, 'select_account');
        const chooserFirst = other.html.includes('Use another account')
          ? await browser.submit(other, 'Use another account', {}, redirectUri)
          : other;
        const switched = await signIn(browser, chooserFirst, server.persona, redirectUri, 'alice.admin@example.com');
        expect(switched.reachedRedirectUri, `stopped at ${switched.status} ${switched.url.href}`).toBe(true);
        const tokens = await client.authorizationCodeGrant(config, switched.url, { expectedState: 'st' });
        expect(tokens.claims()?.email).toBe('alice.admin@example.com');
        // none with any other value is an error (OIDC Core §3.1.2.1).
        const silent = await start(browser, 'none select_account');
        expect(silent.url.searchParams.get('error')).toBe('invalid_request');
        break;
      }
      case 'ignored':
        expect(page.reachedRedirectUri).toBe(true);
        expect(page.url.searchParams.has('code')).toBe(true);
        break;
      default:
        expect(page.reachedRedirectUri).toBe(true);
        expect(Object.fromEntries(page.url.searchParams)).toMatchObject({ error: 'invalid_request', state: 'st' });
    }
  });
});
