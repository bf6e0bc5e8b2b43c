// The login session, for every way in (password, SAML SSO, OIDC SSO, the support console), judged
// by what any portal does with cookies — no cookie name is assumed: the portal's cookies are the
// ones its responses set, and its session cookies the ones without which the login is gone.
//  - Renewal: an attacker opens the portal, logs in and out, and plants the cookies his browser
//    holds in the victim's; the victim logs in. The attacker's copy must open nothing (a portal that
//    keeps or adopts the identifier it is handed is open to session fixation).
//  - Cookie attributes: the Set-Cookie of each session cookie, as the portal sent it, has HttpOnly
//    and SameSite=Lax or Strict (and Secure over HTTPS).
//  - Logout: a copy of the logged-in cookies works before the victim logs out and opens nothing after.
// Findings are soft: one login shows all three.
import { PERSONAS } from '../../mock-idps/index.ts';
import { expect, test } from '../fixtures.ts';
import { ssoOnForSuite } from '../flows/ssoByApi.ts';
import { RULE } from '../login/ruleTags.ts';
import { sessionCookieProblems } from './portalCookies.ts';
import { loggedInWith, logIn, logOut, newPerson, sessionCookiesOf, type LoginWay } from './portalPerson.ts';

interface LoginMethod extends LoginWay {
  readonly title: string;
  /** The defect switches of the reference portal this method's test catches (self-check). */
  readonly catches: readonly string[];
}

const METHODS: readonly LoginMethod[] = [
  { title: 'password login', kind: 'seat', catches: ['session-fixation', 'logout-client-only', 'session-cookie-not-httponly'] },
  {
    title: 'SAML SSO login (Okta)',
    kind: 'seat',
    persona: 'okta-saml',
    catches: [
      'session-fixation',
      'session-fixation-sso-only',
      'logout-client-only',
      'logout-keeps-sso-sessions',
      'session-cookie-not-httponly',
      'session-cookie-flags-password-only',
    ],
  },
  {
    title: 'OIDC SSO login (Entra ID)',
    kind: 'seat',
    persona: 'entra-oidc',
    catches: [
      'session-fixation',
      'session-fixation-sso-only',
      'logout-client-only',
      'logout-keeps-sso-sessions',
      'session-cookie-not-httponly',
      'session-cookie-flags-password-only',
    ],
  },
  { title: 'support console login', kind: 'support', catches: ['session-fixation', 'logout-client-only', 'session-cookie-not-httponly'] },
];

for (const method of METHODS) {
  test(
    `${method.title}: a new session identifier (a planted one opens nothing), HttpOnly and SameSite session cookies, and logout ends the session at the server`,
    {
      tag: [RULE.sessionRenewal, RULE.sessionCookieFlags, RULE.sessionLogout],
    },
    async ({ browser, target, account, idp, driver }) => {
      test.info().annotations.push(...method.catches.map((id) => ({ type: 'caught-defect', description: id })), {
        type: 'spec',
        description:
          'OWASP ASVS 4.0.3 §3.2.1 (new session token at authentication), §3.3.1 (logout invalidates the session), §3.4.2–3.4.3 (HttpOnly, SameSite); RFC 6265bis §4.1.2',
      });
      if (method.persona !== undefined) await ssoOnForSuite(target, driver, idp, PERSONAS[method.persona], account.admin);
      // The attacker is another person of the same account (a user seat; the same support staff for the console).
      const attackerSeat = method.kind === 'seat' ? account.user : undefined;
      const victimSeat = method.kind === 'seat' ? account.admin : undefined;
      const https = new URL(account.provisioned.urls.login).protocol === 'https:';

      const planted =
        await test.step('the attacker opens the portal, logs in and out, and keeps the cookies his browser held', async () => {
          const attacker = await newPerson(browser, target, account);
          try {
            await logIn(attacker, method, attackerSeat);
            const cookies = await attacker.watch.cookies(attacker.driver.page.context());
            await logOut(attacker, method.kind);
            return cookies;
          } finally {
            await attacker.close();
          }
        });

      const victim = await newPerson(browser, target, account, planted);
      try {
        const loggedIn =
          await test.step(`the attacker's cookies are planted in the victim's browser; the victim logs in (${method.title})`, async () => {
            await logIn(victim, method, victimSeat);
            const cookies = await victim.watch.cookies(victim.driver.page.context());
            expect(
              await loggedInWith(browser, target, account, cookies, method.kind),
              "a browser holding the victim's portal cookies is logged in",
            ).toBe(true);
            return cookies;
          });

        const sessionCookies = await test.step('the session cookies: the cookies the login set without which the login is gone', () =>
          sessionCookiesOf(browser, target, account, planted, loggedIn, method.kind));

        await test.step("each session cookie is a new identifier, and the attacker's copy opens nothing", async () => {
          const reused = sessionCookies
            .filter((cookie) => planted.some((old) => old.name === cookie.name && old.value === cookie.value))
            .map((cookie) => cookie.name);
          expect.soft(reused, `session cookies whose value the attacker planted before the ${method.title} (session fixation)`).toEqual([]);
          expect
            .soft(
              await loggedInWith(browser, target, account, planted, method.kind),
              `the attacker's planted cookies after the victim's ${method.title}: not logged in`,
            )
            .toBe(false);
        });

        await test.step('each session cookie is set HttpOnly and SameSite=Lax or Strict', async () => {
          const headers = await victim.watch.headers();
          const problems = sessionCookies.flatMap((cookie) => {
            const header = headers.get(cookie.name);
            return header === undefined ? [] : sessionCookieProblems(header, https).map((problem) => `${cookie.name}: ${problem}`);
          });
          expect.soft(problems, `the Set-Cookie of the session cookies after the ${method.title}`).toEqual([]);
        });

        await test.step('a copy of the logged-in cookies opens nothing once the victim has logged out', async () => {
          await logOut(victim, method.kind);
          expect
            .soft(
              await loggedInWith(browser, target, account, loggedIn, method.kind),
              `a copy of the cookies of the ${method.title}, after logout: not logged in (the session ended at the server)`,
            )
            .toBe(false);
        });
      } finally {
        await victim.close();
      }
    },
  );
}
