// What the portal must refuse from the native apps (RFC 8252 + PKCE): a redirect URI outside the
// app's rule gets an error page and never a redirect; an authorization request without an S256
// challenge is sent back as invalid_request; a token request without the matching verifier is
// refused (invalid_grant) and burns the code; a code works once, and its replay revokes what it
// gave. Verdicts rest on RFC 6749 error codes and what the app receives; the reason codes of
// lib/reasons.ts are checked where the target declares them (`reason-check` annotations). Each
// test names the portal defect switch (portal/defects.ts) that makes it fail, in its `caught-defect` annotation.
import type { AuditEvent } from '../../lib/harnessContract.ts';
import type { ReasonCode } from '../../lib/reasons.ts';
import { PERSONA_IDS } from '../../mock-idps/types.ts';
import { watchRefusal } from '../driver/refusalReason.ts';
import { expectOnPortal, selectedEntryPoints, type NativeEntryPointId } from '../entrypoints/entryPoint.ts';
import type { NativeApp, NativeLogin } from '../entrypoints/nativeApp.ts';
import { fetchMe, type TokenResult } from '../entrypoints/nativeClient.ts';
import type { HarnessTarget } from '../target/harnessTarget.ts';
import { REASON_CHECK_ANNOTATION, auditEventsAdded, describeReasonVerdict, judgeReason } from '../target/reasonCheck.ts';
import { expect, test as base, type SsoReadyAccount } from './ssoReadyAccounts.ts';

/** The refusals do not depend on the IdP: one persona's SSO account serves them all. */
const PERSONA = PERSONA_IDS[0] ?? 'entra-saml';

// Typed as ReasonCode: a code that is not in lib/reasons.ts does not compile.
const REDIRECT_URI_INVALID: ReasonCode = 'native-redirect-uri-invalid';
const PKCE_INVALID: ReasonCode = 'native-pkce-invalid';
const CODE_INVALID: ReasonCode = 'native-code-invalid';

/** One app per OAuth client the run covers: the desktop app (loopback redirect) and the mobile app (private-use scheme, on the first phone). */
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
    await use({ ready, native: await entryPoints({ loginFlow: ready.persona.loginFlow, account: ready.account.provisioned }, [appUnderTest]).nativeApp(appUnderTest, ready.account.user) });
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

/** The audit of the account before a token request, to read the refusal's reason from the events it adds. */
async function auditNow(target: HarnessTarget, ready: SsoReadyAccount): Promise<readonly AuditEvent[]> {
  return target.capabilities.reasons.audit ? (await target.accountState(ready.account.id)).auditEvents : [];
}

/** A refused token request: RFC 6749 §5.2 invalid_grant, no token; its reason recorded as checked (or not verifiable). */
async function expectGrantRefused(target: HarnessTarget, ready: SsoReadyAccount, before: readonly AuditEvent[], result: TokenResult, reason: ReasonCode, what: string): Promise<void> {
  expect(result, `${what}: refused with HTTP 400 invalid_grant (RFC 6749 §5.2), no access token`).toMatchObject({ ok: false, status: 400, error: 'invalid_grant' });
  if (result.ok) return;
  const auditEvents = target.capabilities.reasons.audit ? auditEventsAdded(before, (await target.accountState(ready.account.id)).auditEvents) : undefined;
  const verdict = judgeReason(target.capabilities, [reason], { headers: result.headers, ...(auditEvents ? { auditEvents } : {}) });
  test.info().annotations.push({ type: REASON_CHECK_ANNOTATION, description: `${what}: ${describeReasonVerdict(verdict)}` });
}

for (const { id, foreignRedirect, foreignRedirectIs } of APPS) {
  test.describe(`${id} app`, () => {
    test.describe.configure({ mode: 'default' });
    test.use({ appUnderTest: id });

    test(`a redirect URI that is ${foreignRedirectIs} gets an error page, never a redirect`, async ({ app, target }) => {
      caughtDefect(id, 'native-any-redirect-uri');
      const tab = await app.native.browserTab();
      const watch = await watchRefusal(target, undefined, tab);
      const login = await app.native.startLogin({ redirectUri: foreignRedirect });
      expect(login.authorizeAnswer?.url, 'the authorization request is answered in place, not redirected').toBe(login.authorizeUrl);
      expect(login.authorizeAnswer?.status, 'the authorization request is refused (4xx)').toBeGreaterThanOrEqual(400);
      expect(login.authorizeAnswer?.status).toBeLessThan(500);
      await login.portal.refusal.expectShown();
      await expectOnPortal(login.portal, `the ${app.native.name}'s authorization request`);
      expect(login.appReceivedRedirect).toBe(false);
      await watch.judge([REDIRECT_URI_INVALID], 'authorization request with a foreign redirect URI refused');
    });

    for (const pkce of ['none', 'plain'] as const) {
      test(`an authorization request with ${pkce === 'none' ? 'no PKCE challenge' : 'the plain PKCE method'} is sent back to the app as invalid_request`, async ({ app }) => {
        caughtDefect(id, 'native-skip-pkce');
        const login = await app.native.startLogin({ pkce });
        expect(await login.redirect()).toMatchObject({ kind: 'error', error: 'invalid_request', state: login.request.state });
        test.info().annotations.push({ type: REASON_CHECK_ANNOTATION, description: `authorization request without S256 PKCE refused: not verifiable: an error redirected to the app carries RFC 6749 words only (expected ${PKCE_INVALID})` });
      });
    }

    for (const [what, wrongVerifier] of [['a wrong code_verifier', true], ['no code_verifier', false]] as const) {
      test(`the token request with ${what} is refused (invalid_grant), and the code is burnt`, async ({ app, target }) => {
        caughtDefect(id, 'native-skip-pkce');
        const { login, code } = await codeFor(app);
        const codeVerifier = wrongVerifier ? `${login.pkce.verifier.slice(0, -5)}Wrong` : null;
        const before = await auditNow(target, app.ready);
        await expectGrantRefused(target, app.ready, before, await login.redeem(code, { codeVerifier }), PKCE_INVALID, `token request with ${what}`);
        const again = await auditNow(target, app.ready);
        await expectGrantRefused(target, app.ready, again, await login.redeem(code), CODE_INVALID, 'the right verifier after a refused one: the code is already burnt');
      });
    }

    test('a replayed code is refused (invalid_grant) and the token it gave is revoked', async ({ app }) => {
      caughtDefect(id, 'native-allow-code-replay');
      const { login, code } = await codeFor(app);
      const userinfo = app.ready.account.provisioned.urls.native.userinfo;
      const first = await login.redeem(code);
      if (!first.ok) throw new Error(`The first redemption was refused: ${first.error}: ${first.description}`);
      expect(await fetchMe(userinfo, first.accessToken)).toMatchObject({ ok: true, me: { email: app.ready.account.user.email } });

      const replay = await login.redeem(code);
      expect(replay, 'the replayed code: HTTP 400 invalid_grant, no access token').toMatchObject({ ok: false, status: 400, error: 'invalid_grant' });
      expect(await fetchMe(userinfo, first.accessToken), 'the token issued for the replayed code').toMatchObject({ ok: false, status: 401 });
    });
  });
}
