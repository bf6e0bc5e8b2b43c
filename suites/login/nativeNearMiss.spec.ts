// Near misses at the native apps' OAuth endpoints (RFC 8252, RFC 6749): redirect URIs and client
// ids nearly the app's own, generated from the shared near-miss table (mock-idps/nearMissValues.ts)
// — a prefix, suffix, case-insensitive or trimmed compare is what these catch. An authorization
// request with one is refused in place and nothing reaches any app; a token request with one
// gets no token. Where a standard says the part compares case-insensitively (the URI scheme,
// RFC 3986 §3.1) the login must work. All at the URLs and client ids the provisioning API gives.
import type { ReasonCode } from '../../lib/index.ts';
import { nearMiss, NEAR_MISS_VARIANTS, type NearMissVariant } from '../../mock-idps/testing/index.ts';
import type { NativeEntryPointId } from '../entrypoints/entryPoint.ts';
import { fetchMe } from '../entrypoints/nativeClient.ts';
import {
  auditNow,
  caughtDefect,
  codeFor,
  expect,
  expectAuthorizationRefused,
  expectClientRefused,
  expectGrantRefused,
  nativeAppsUnderTest,
  RULE,
  test,
  type AppUnderTest,
} from './nativeApps.ts';

const REDIRECT_URI_INVALID: ReasonCode = 'native-redirect-uri-invalid';
const { desktop, phone } = nativeAppsUnderTest();

interface RedirectNearMiss {
  readonly name: string;
  readonly rewrite: (own: string) => string;
  /** Accepted where a standard says the difference is no difference. */
  readonly accepted: boolean;
  readonly why: string;
  /** Besides the switch that lets any redirect URI through: a partial bug that lets this one through too. */
  readonly alsoCaught?: string;
}

const PREFIX = 'native-redirect-uri-prefix';

/** `http://127.0.0.1:<port>/<path>`, RFC 8252 §7.3: any port, the loopback IP literal, http only, no fragment. */
const DESKTOP_REDIRECTS: readonly RedirectNearMiss[] = [
  {
    name: 'with a user name before the loopback host',
    rewrite: (own) => own.replace('://', '://evil.example@'),
    accepted: false,
    why: 'RFC 3986 §3.2.1 userinfo: a host check that reads the text after "//" is fooled',
  },
  {
    name: 'on a loopback address that starts like 127.0.0.1 (127.0.0.10)',
    rewrite: (own) => own.replace('://127.0.0.1:', '://127.0.0.10:'),
    accepted: false,
    why: 'RFC 8252 §7.3 names the literal 127.0.0.1; a prefix compare accepts 127.0.0.10…',
    alsoCaught: PREFIX,
  },
  {
    name: 'with a fragment',
    rewrite: (own) => `${own}#x`,
    accepted: false,
    why: 'RFC 6749 §3.1.2: a redirect URI must not include a fragment',
    alsoCaught: PREFIX,
  },
  {
    name: 'with its scheme in capitals',
    rewrite: (own) => own.replace(/^http:/, 'HTTP:'),
    accepted: true,
    why: 'RFC 3986 §3.1: schemes compare case-insensitively',
  },
];

/** `<scheme>:/<path>`, RFC 8252 §7.1: the app's own private-use scheme, and no other. */
const schemeOf = (uri: string): string => uri.slice(0, uri.indexOf(':'));
const withScheme = (uri: string, scheme: string): string => `${scheme}${uri.slice(uri.indexOf(':'))}`;
const MOBILE_SCHEME_VARIANTS: readonly NearMissVariant[] = ['truncated', 'extended', 'prepended', 'subdomain'];
const MOBILE_REDIRECTS: readonly RedirectNearMiss[] = [
  {
    name: 'with its scheme extended by a segment (.evil)',
    rewrite: (own) => withScheme(own, `${schemeOf(own)}.evil`),
    accepted: false,
    why: 'RFC 8252 §7.1, §8.1: another app can register the longer scheme; a prefix compare accepts it',
    alsoCaught: PREFIX,
  },
  ...MOBILE_SCHEME_VARIANTS.map((variant) => ({
    name: `with its scheme ${NEAR_MISS_VARIANTS[variant].words}`,
    rewrite: (own: string) => withScheme(own, nearMiss(schemeOf(own), variant)),
    accepted: false,
    why: `RFC 8252 §7.1: only the app's own scheme; catches ${NEAR_MISS_VARIANTS[variant].catches}`,
    ...(variant === 'extended' ? { alsoCaught: PREFIX } : {}),
  })),
  {
    name: 'with its scheme in other letter case',
    rewrite: (own) => withScheme(own, schemeOf(own).toUpperCase()),
    accepted: true,
    why: 'RFC 3986 §3.1: schemes compare case-insensitively',
  },
];

/** A client id is compared exactly (RFC 6749 §2.2: a unique string). */
const CLIENT_ID_VARIANTS: readonly NearMissVariant[] = ['case', 'truncated', 'extended', 'prepended', 'whitespace', 'lookalike', 'empty'];

interface App {
  readonly id: NativeEntryPointId;
  readonly redirects: readonly RedirectNearMiss[];
}

const APPS: readonly App[] = [
  ...(desktop ? [{ id: 'desktop' as const, redirects: DESKTOP_REDIRECTS }] : []),
  ...(phone ? [{ id: phone, redirects: MOBILE_REDIRECTS }] : []),
];

/** A login with this redirect URI works end to end: code with the request's state, token, the seat's userinfo. */
async function expectWholeLogin(app: AppUnderTest, rewrite: (own: string) => string): Promise<void> {
  const { login, code } = await codeFor(app, { redirectUri: rewrite });
  try {
    const token = await login.redeem(code);
    if (!token.ok)
      throw new Error(
        `The token request with the redirect URI the authorization request used was refused: ${token.status} ${token.error}: ${token.description}`,
      );
    expect(await fetchMe(app.ready.account.provisioned.urls.native.userinfo, token.accessToken)).toMatchObject({
      ok: true,
      me: { email: app.ready.account.user.email },
    });
  } finally {
    await login.stopListening();
  }
}

for (const { id, redirects } of APPS) {
  test.describe(`${id} app: near misses`, () => {
    test.use({ appUnderTest: id });

    for (const redirect of redirects) {
      test(
        `a redirect URI ${redirect.name} is ${redirect.accepted ? 'accepted' : 'refused in place'}`,
        { tag: RULE.redirectUri },
        async ({ app, target }) => {
          test.info().annotations.push({ type: 'entry-point', description: id }, { type: 'spec', description: redirect.why });
          if (redirect.accepted) {
            await expectWholeLogin(app, redirect.rewrite);
            return;
          }
          caughtDefect(id, 'native-any-redirect-uri', ...(redirect.alsoCaught ? [redirect.alsoCaught] : []));
          await expectAuthorizationRefused(
            target,
            app,
            { redirectUri: redirect.rewrite },
            [REDIRECT_URI_INVALID],
            `authorization request with a redirect URI ${redirect.name}`,
          );
        },
      );
    }

    for (const variant of CLIENT_ID_VARIANTS) {
      test(
        `an authorization request with the client id ${NEAR_MISS_VARIANTS[variant].words} is refused in place`,
        { tag: RULE.clientId },
        async ({ app, target }) => {
          // A phone's request mapped to the desktop client still fails its redirect rule: the token test catches that.
          caughtDefect(
            id,
            ...(id === 'desktop' ? ['native-skip-client-id'] : []),
            ...(variant === 'case' || variant === 'whitespace' ? ['native-client-id-case-insensitive'] : []),
          );
          test
            .info()
            .annotations.push({ type: 'spec', description: `RFC 6749 §2.2, §4.1.2.1; catches ${NEAR_MISS_VARIANTS[variant].catches}` });
          // Which reason a portal gives an unknown client is its own: only the refusal is judged.
          await expectAuthorizationRefused(
            target,
            app,
            { clientId: (own) => nearMiss(own, variant) },
            [],
            `authorization request with the client id ${NEAR_MISS_VARIANTS[variant].words}`,
          );
        },
      );
    }

    test('token requests with a near miss of the client id get no token', { tag: RULE.clientId }, async ({ app }) => {
      caughtDefect(id, 'native-skip-client-id', 'native-client-id-case-insensitive');
      const accepted: string[] = [];
      for (const variant of CLIENT_ID_VARIANTS) {
        await test.step(`client id ${NEAR_MISS_VARIANTS[variant].words}`, async () => {
          const { login, code } = await codeFor(app);
          const result = await login.redeem(code, { clientId: nearMiss(login.request.clientId, variant) });
          await login.stopListening();
          if (result.ok) accepted.push(NEAR_MISS_VARIANTS[variant].words);
          else expectClientRefused(result, `token request with the client id ${NEAR_MISS_VARIANTS[variant].words}`);
        });
      }
      expect(accepted, "client ids nearly the app's own that got a token (RFC 6749 §2.2: compared exactly)").toEqual([]);
    });

    test("a code issued to this app is refused to the other app's client id", { tag: RULE.clientId }, async ({ app }) => {
      caughtDefect(id, 'native-skip-client-id');
      const clients = app.ready.account.provisioned.nativeClients;
      const { login, code } = await codeFor(app);
      const other = login.request.clientId === clients.desktop.clientId ? clients.mobile.clientId : clients.desktop.clientId;
      expectClientRefused(
        await login.redeem(code, { clientId: other }),
        `token request for the ${app.native.name}'s code with the client id ${other}`,
      );
      await login.stopListening();
    });

    const tokenRedirects: ReadonlyArray<readonly [string, (own: string) => string | null]> = [
      ['without redirect_uri', () => null],
      ['with the path in other letter case', (own) => own.replace(/\/([^/]*)$/, (_m, last: string) => `/${last.toUpperCase()}`)],
      ['with a trailing slash added', (own) => `${own}/`],
      ...(id === 'desktop'
        ? [
            [
              'on another loopback port',
              (own: string) => own.replace(/:(\d+)\//, (_m, port: string) => `:${Number(port) === 65535 ? 1024 : Number(port) + 1}/`),
            ] as const,
          ]
        : []),
    ];
    for (const [what, rewrite] of tokenRedirects) {
      test(
        `the token request ${what} is refused (invalid_grant): redirect_uri must be identical to the authorization request's`,
        { tag: RULE.redirectUri },
        async ({ app, target }) => {
          caughtDefect(
            id,
            'native-token-skip-redirect-uri',
            ...(what === 'without redirect_uri' ? ['native-token-redirect-uri-when-present'] : []),
          );
          test.info().annotations.push({
            type: 'spec',
            description: 'RFC 6749 §4.1.3: redirect_uri REQUIRED when the authorization request had one, and identical',
          });
          const { login, code } = await codeFor(app);
          const before = await auditNow(target, app.ready);
          await expectGrantRefused(
            target,
            app.ready,
            before,
            await login.redeem(code, { redirectUri: rewrite(login.request.redirectUri) }),
            REDIRECT_URI_INVALID,
            `token request ${what}`,
          );
          await login.stopListening();
        },
      );
    }
  });
}
