// What the portal must refuse from the native apps (RFC 8252 + PKCE), each with the reason code of
// lib/reasons.ts: a redirect URI outside the app's rule gets an error page and never a redirect;
// an authorization request without an S256 challenge, and a token request without the matching
// verifier, are refused; a code works once, and its replay revokes what it gave. Each test names
// the portal defect switch (portal/defects.ts) that makes it fail, in its `caught-defect` annotation.
import { REASONS, type ReasonCode } from '../../lib/reasons.ts';
import { PERSONA_IDS } from '../../mock-idps/types.ts';
import { selectedEntryPoints, type NativeEntryPointId } from '../entrypoints/entryPoint.ts';
import type { NativeApp, NativeLogin } from '../entrypoints/nativeApp.ts';
import { fetchMe } from '../entrypoints/nativeClient.ts';
import { expect, test as base, type SsoReadyAccount } from './ssoReadyAccounts.ts';

/** The refusals do not depend on the IdP: one persona's SSO account serves them all. */
const PERSONA = PERSONA_IDS[0] ?? 'entra-saml';

// Typed as ReasonCode: a code that is not in lib/reasons.ts does not compile.
const REDIRECT_URI_INVALID: ReasonCode = 'native-redirect-uri-invalid';
const PKCE_INVALID: ReasonCode = 'native-pkce-invalid';
const CODE_INVALID: ReasonCode = 'native-code-invalid';

/** One app per OAuth client the run covers: oe-desktop (loopback redirect) and oe-mobile (private-use scheme, on the first phone). */
const selected = selectedEntryPoints();
const phone = selected.find((id) => id !== 'web' && id !== 'desktop');
const APPS: readonly { readonly id: NativeEntryPointId; readonly foreignRedirect: (own: string) => string; readonly foreignRedirectIs: string }[] = [
  ...(selected.includes('desktop') ? [{ id: 'desktop' as const, foreignRedirect: (own: string) => own.replace(/^http:/, 'https:'), foreignRedirectIs: 'https on the loopback port (RFC 8252 §7.3 allows http only)' }] : []),
  ...(phone ? [{ id: phone, foreignRedirect: () => 'com.evil.app:/oauth2redirect', foreignRedirectIs: 'another app\'s private-use scheme (code interception, RFC 8252 §8.1)' }] : []),
];

const test = base.extend<{ appUnderTest: NativeEntryPointId; app: { readonly ready: SsoReadyAccount; readonly native: NativeApp } }>({
  appUnderTest: ['desktop', { option: true }],
  app: async ({ appUnderTest, ssoReadyAccount, entryPoints }, use) => {
    const ready = await ssoReadyAccount(PERSONA);
    await use({ ready, native: await entryPoints({ loginFlow: ready.persona.loginFlow }, [appUnderTest]).nativeApp(appUnderTest, ready.account.user) });
  },
});

/** The test fails when the portal runs with this defect switch (portal/defects.ts) — the proof it can fail. */
const caughtDefect = (appId: NativeEntryPointId, defect: string): void => {
  test.info().annotations.push({ type: 'entry-point', description: appId }, { type: 'caught-defect', description: defect });
};

/** The user logs in through the app's tab; the app has its code (not yet redeemed). */
async function codeFor({ ready, native }: { readonly ready: SsoReadyAccount; readonly native: NativeApp }): Promise<{ login: NativeLogin; code: string }> {
  const login = await native.startLogin();
  const redirect = await login.continueAs(ready.account.user);
  if (redirect.kind !== 'code') throw new Error(`Expected a code for ${ready.account.user.email}, got ${redirect.error}: ${redirect.description}`);
  return { login, code: redirect.code };
}

for (const { id, foreignRedirect, foreignRedirectIs } of APPS) {
  test.describe(`${id} app`, () => {
    test.describe.configure({ mode: 'default' });
    test.use({ appUnderTest: id });

    test(`a redirect URI that is ${foreignRedirectIs} gets an error page with ${REDIRECT_URI_INVALID}, never a redirect`, async ({ app }) => {
      caughtDefect(id, 'native-any-redirect-uri');
      const login = await app.native.startLogin({ redirectUri: foreignRedirect });
      expect(login.authorizeAnswer, 'the authorization request is answered in place (400), not redirected').toEqual({ status: 400, url: login.authorizeUrl });
      await login.portal.refusal.expectReason(REDIRECT_URI_INVALID);
      expect(login.appReceivedRedirect).toBe(false);
    });

    for (const pkce of ['none', 'plain'] as const) {
      test(`an authorization request with ${pkce === 'none' ? 'no PKCE challenge' : 'the plain PKCE method'} is sent back to the app as invalid_request (${PKCE_INVALID})`, async ({ app }) => {
        caughtDefect(id, 'native-skip-pkce');
        const login = await app.native.startLogin({ pkce });
        expect(await login.redirect()).toEqual({
          kind: 'error', error: 'invalid_request', reason: PKCE_INVALID, state: login.request.state,
          description: expect.stringContaining(REASONS[PKCE_INVALID].message) as unknown,
        });
      });
    }

    for (const [what, wrongVerifier] of [['a wrong code_verifier', true], ['no code_verifier', false]] as const) {
      test(`the token request with ${what} is refused (${PKCE_INVALID}), and the code is burnt`, async ({ app }) => {
        caughtDefect(id, 'native-skip-pkce');
        const { login, code } = await codeFor(app);
        const codeVerifier = wrongVerifier ? `${login.pkce.verifier.slice(0, -5)}Wrong` : null;
        expect(await login.redeem(code, { codeVerifier })).toMatchObject({ ok: false, status: 400, error: 'invalid_grant', reason: PKCE_INVALID });
        expect(await login.redeem(code), 'the right verifier after a refused one: the code is already burnt').toMatchObject({ ok: false, error: 'invalid_grant', reason: CODE_INVALID });
      });
    }

    test(`a replayed code is refused (${CODE_INVALID}) and the token it gave is revoked`, async ({ app, target }) => {
      caughtDefect(id, 'native-allow-code-replay');
      const { login, code } = await codeFor(app);
      const first = await login.redeem(code);
      if (!first.ok) throw new Error(`The first redemption was refused: ${first.error} (${first.reason ?? 'no reason code'})`);
      expect(await fetchMe(target.portalUrl, first.accessToken)).toMatchObject({ ok: true, me: { seat: { email: app.ready.account.user.email } } });

      expect(await login.redeem(code)).toMatchObject({ ok: false, status: 400, error: 'invalid_grant', reason: CODE_INVALID });
      expect(await fetchMe(target.portalUrl, first.accessToken), 'the token issued for the replayed code').toEqual({ ok: false, status: 401, error: 'invalid_token' });
    });
  });
}
