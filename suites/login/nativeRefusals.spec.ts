// What the portal must refuse from the native apps (RFC 8252 + PKCE): a redirect URI outside the
// app's rule gets an error page and never a redirect; an authorization request without an S256
// challenge is sent back as invalid_request; a token request without the matching verifier is
// refused (invalid_grant) and burns the code; a code works once, and its replay revokes what it
// gave. Verdicts rest on RFC 6749 error codes and what the app receives; the reason codes of
// lib/reasons.ts are checked where the target declares them (`reason-check` annotations). Each
// test names the portal defect switch (portal/defects.ts) that makes it fail, in its `caught-defect` annotation.
import type { ReasonCode } from '../../lib/index.ts';
import type { NativeEntryPointId } from '../entrypoints/entryPoint.ts';
import { fetchMe } from '../entrypoints/nativeClient.ts';
import { REASON_CHECK_ANNOTATION } from '../target/reasonCheck.ts';
import {
  auditNow,
  caughtDefect,
  codeFor,
  expect,
  expectAuthorizationRefused,
  expectGrantRefused,
  nativeAppsUnderTest,
  RULE,
  test,
} from './nativeApps.ts';

// Typed as ReasonCode: a code that is not in lib/reasons.ts does not compile.
const REDIRECT_URI_INVALID: ReasonCode = 'native-redirect-uri-invalid';
const PKCE_INVALID: ReasonCode = 'native-pkce-invalid';
const CODE_INVALID: ReasonCode = 'native-code-invalid';

/**
 * One app per OAuth client the run covers: the desktop app (loopback redirect) and the mobile app (private-use scheme, on the first phone).
 */
const { desktop, phone } = nativeAppsUnderTest();
const APPS: readonly {
  readonly id: NativeEntryPointId;
  readonly foreignRedirect: (own: string) => string;
  readonly foreignRedirectIs: string;
}[] = [
  ...(desktop
    ? [
        {
          id: 'desktop' as const,
          foreignRedirect: (own: string) => own.replace(/^http:/, 'https:'),
          foreignRedirectIs: 'https on the loopback port (RFC 8252 §7.3 allows http only)',
        },
      ]
    : []),
  ...(phone
    ? [
        {
          id: phone,
          foreignRedirect: () => 'com.evil.app:/oauth2redirect',
          foreignRedirectIs: "another app's private-use scheme (code interception, RFC 8252 §8.1)",
        },
      ]
    : []),
];

for (const { id, foreignRedirect, foreignRedirectIs } of APPS) {
  test.describe(`${id} app`, () => {
    test.describe.configure({ mode: 'default' });
    test.use({ appUnderTest: id });

    test(
      `a redirect URI that is ${foreignRedirectIs} gets an error page, never a redirect`,
      { tag: RULE.redirectUri },
      async ({ app, target }) => {
        caughtDefect(id, 'native-any-redirect-uri');
        await expectAuthorizationRefused(
          target,
          app,
          { redirectUri: foreignRedirect },
          [REDIRECT_URI_INVALID],
          'authorization request with a foreign redirect URI refused',
        );
      },
    );

    for (const pkce of ['none', 'plain'] as const) {
      test(
        `an authorization request with ${pkce === 'none' ? 'no PKCE challenge' : 'the plain PKCE method'} is sent back to the app as invalid_request`,
        { tag: RULE.pkce },
        async ({ app }) => {
          caughtDefect(id, 'native-skip-pkce');
          const login = await app.native.startLogin({ pkce });
          expect(await login.redirect()).toMatchObject({ kind: 'error', error: 'invalid_request', state: login.request.state });
          test.info().annotations.push({
            type: REASON_CHECK_ANNOTATION,
            description: `authorization request without S256 PKCE refused: not verifiable: an error redirected to the app carries RFC 6749 words only (expected ${PKCE_INVALID})`,
          });
        },
      );
    }

    for (const [what, wrongVerifier] of [
      ['a wrong code_verifier', true],
      ['no code_verifier', false],
    ] as const) {
      test(
        `the token request with ${what} is refused (invalid_grant), and the code is burnt`,
        { tag: RULE.pkce },
        async ({ app, target }) => {
          caughtDefect(id, 'native-skip-pkce');
          const { login, code } = await codeFor(app);
          const codeVerifier = wrongVerifier ? `${login.pkce.verifier.slice(0, -5)}Wrong` : null;
          const before = await auditNow(target, app.ready);
          await expectGrantRefused(
            target,
            app.ready,
            before,
            await login.redeem(code, { codeVerifier }),
            PKCE_INVALID,
            `token request with ${what}`,
          );
          const again = await auditNow(target, app.ready);
          await expectGrantRefused(
            target,
            app.ready,
            again,
            await login.redeem(code),
            CODE_INVALID,
            'the right verifier after a refused one: the code is already burnt',
          );
        },
      );
    }

    test('a replayed code is refused (invalid_grant) and the token it gave is revoked', { tag: RULE.codeOnce }, async ({ app }) => {
      caughtDefect(id, 'native-allow-code-replay');
      const { login, code } = await codeFor(app);
      const userinfo = app.ready.account.provisioned.urls.native.userinfo;
      const first = await login.redeem(code);
      if (!first.ok) throw new Error(`The first redemption was refused: ${first.error}: ${first.description}`);
      expect(await fetchMe(userinfo, first.accessToken)).toMatchObject({ ok: true, me: { email: app.ready.account.user.email } });

      const replay = await login.redeem(code);
      expect(replay, 'the replayed code: HTTP 400 invalid_grant, no access token').toMatchObject({
        ok: false,
        status: 400,
        error: 'invalid_grant',
      });
      expect(await fetchMe(userinfo, first.accessToken), 'the token issued for the replayed code').toMatchObject({
        ok: false,
        status: 401,
      });
    });
  });
}
