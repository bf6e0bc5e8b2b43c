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
import type { Browser, Cookie } from '@playwright/test';
import { PERSONAS } from '../../mock-idps/personas/index.ts';
import type { PersonaId } from '../../mock-idps/types.ts';
import type { PortalDriver } from '../driver/portalDriver.ts';
import { expect, test, type SeatLogin, type TestAccount } from '../fixtures.ts';
import { setUpAndEnableSso } from '../flows/ssoSetUp.ts';
import { throughIdp } from '../idp/idpSignIn.ts';
import type { HarnessTarget } from '../target/harnessTarget.ts';
import { RULE } from '../login/ruleTags.ts';
import { changedCookies, PortalCookieWatch, sessionCookieProblems } from './portalCookies.ts';

interface LoginMethod {
  readonly title: string;
  readonly kind: 'seat' | 'support';
  /** SSO through this persona (SSO is set up and enabled first); a password login without one. */
  readonly persona?: PersonaId;
  /** The defect switches of the reference portal this method's test catches (self-check). */
  readonly catches: readonly string[];
}

const METHODS: readonly LoginMethod[] = [
  { title: 'password login', kind: 'seat', catches: ['session-fixation', 'logout-client-only', 'session-cookie-not-httponly'] },
  { title: 'SAML SSO login (Okta)', kind: 'seat', persona: 'okta-saml', catches: ['session-fixation', 'session-fixation-sso-only', 'logout-client-only', 'logout-keeps-sso-sessions', 'session-cookie-not-httponly', 'session-cookie-flags-password-only'] },
  { title: 'OIDC SSO login (Entra ID)', kind: 'seat', persona: 'entra-oidc', catches: ['session-fixation', 'session-fixation-sso-only', 'logout-client-only', 'logout-keeps-sso-sessions', 'session-cookie-not-httponly', 'session-cookie-flags-password-only'] },
  { title: 'support console login', kind: 'support', catches: ['session-fixation', 'logout-client-only', 'session-cookie-not-httponly'] },
];

/** A browser of its own for one person, watching the portal's Set-Cookie headers. */
interface Person {
  readonly driver: PortalDriver;
  readonly watch: PortalCookieWatch;
  close(): Promise<void>;
}

async function newPerson(browser: Browser, target: HarnessTarget, account: TestAccount, planted: readonly Cookie[] = []): Promise<Person> {
  const context = await browser.newContext({ baseURL: target.portalUrl });
  if (planted.length > 0) await context.addCookies([...planted]);
  const watch = new PortalCookieWatch(context, new URL(account.provisioned.urls.login).origin);
  const driver = target.driver(await context.newPage(), account.provisioned);
  return { driver, watch, close: () => context.close() };
}

/** The log-out control of the page a logged-in person of this kind opens (its presence means "logged in"). */
async function openLoggedInPage(person: Person, kind: LoginMethod['kind']): Promise<void> {
  await person.driver.page.goto(kind === 'seat' ? person.driver.account.urls.portal : person.driver.account.urls.support);
}

function logOutControl(person: Person, kind: LoginMethod['kind']) {
  return kind === 'seat' ? person.driver.home.logOutControl : person.driver.support.logOutControl;
}

/** Whether a browser holding exactly these cookies is logged in (the page it opens shows the log-out control). */
async function loggedInWith(browser: Browser, target: HarnessTarget, account: TestAccount, cookies: readonly Cookie[], kind: LoginMethod['kind']): Promise<boolean> {
  const person = await newPerson(browser, target, account, cookies);
  try {
    await openLoggedInPage(person, kind);
    return await logOutControl(person, kind).first().isVisible();
  } finally {
    await person.close();
  }
}

async function logIn(person: Person, method: LoginMethod, seat: SeatLogin | undefined): Promise<void> {
  const { driver } = person;
  if (method.kind === 'support') {
    await driver.support.logIn();
    return;
  }
  if (!seat) throw new Error('a seat login needs a seat');
  if (method.persona === undefined) {
    await driver.login.logInWithPassword(seat.email, seat.password);
    await driver.home.expectSignedIn(seat.email, 'password');
    return;
  }
  await driver.login.continueWith(seat.email);
  await throughIdp(driver.page, PERSONAS[method.persona].loginFlow, seat.idpUser, driver.home.logOutControl);
  await driver.home.expectSignedIn(seat.email, 'sso');
}

async function logOut(person: Person, kind: LoginMethod['kind']): Promise<void> {
  if (kind === 'support') await person.driver.support.goToConsoleAndLogOut();
  else await person.driver.home.goHomeAndLogOut();
}

for (const method of METHODS) {
  test(`${method.title}: a new session identifier (a planted one opens nothing), HttpOnly and SameSite session cookies, and logout ends the session at the server`, {
    tag: [RULE.sessionRenewal, RULE.sessionCookieFlags, RULE.sessionLogout],
  }, async ({ browser, target, account, idp, driver }) => {
    test.info().annotations.push(...method.catches.map((id) => ({ type: 'caught-defect', description: id })), {
      type: 'spec', description: 'OWASP ASVS 4.0.3 §3.2.1 (new session token at authentication), §3.3.1 (logout invalidates the session), §3.4.2–3.4.3 (HttpOnly, SameSite); RFC 6265bis §4.1.2',
    });
    if (method.persona !== undefined) await setUpAndEnableSso(driver, idp, PERSONAS[method.persona], account.admin);
    // The attacker is another person of the same account (a user seat; the same support staff for the console).
    const attackerSeat = method.kind === 'seat' ? account.user : undefined;
    const victimSeat = method.kind === 'seat' ? account.admin : undefined;
    const https = new URL(account.provisioned.urls.login).protocol === 'https:';

    const planted = await test.step('the attacker opens the portal, logs in and out, and keeps the cookies his browser held', async () => {
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
      const loggedIn = await test.step(`the attacker's cookies are planted in the victim's browser; the victim logs in (${method.title})`, async () => {
        await logIn(victim, method, victimSeat);
        const cookies = await victim.watch.cookies(victim.driver.page.context());
        expect(await loggedInWith(browser, target, account, cookies, method.kind), 'a browser holding the victim\'s portal cookies is logged in').toBe(true);
        return cookies;
      });

      const sessionCookies = await test.step('the session cookies: the cookies the login set without which the login is gone', async () => {
        const set = changedCookies(planted, loggedIn);
        const essential: Cookie[] = [];
        for (const cookie of set) {
          if (!(await loggedInWith(browser, target, account, loggedIn.filter((other) => other !== cookie), method.kind))) essential.push(cookie);
        }
        // Several cookies that each carry the session on their own: all of them are session cookies.
        return essential.length > 0 ? essential : set;
      });

      await test.step('each session cookie is a new identifier, and the attacker\'s copy opens nothing', async () => {
        const reused = sessionCookies.filter((cookie) => planted.some((old) => old.name === cookie.name && old.value === cookie.value)).map((cookie) => cookie.name);
        expect.soft(reused, `session cookies whose value the attacker planted before the ${method.title} (session fixation)`).toEqual([]);
        expect.soft(await loggedInWith(browser, target, account, planted, method.kind), `the attacker's planted cookies after the victim's ${method.title}: not logged in`).toBe(false);
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
        expect.soft(await loggedInWith(browser, target, account, loggedIn, method.kind), `a copy of the cookies of the ${method.title}, after logout: not logged in (the session ended at the server)`).toBe(false);
      });
    } finally {
      await victim.close();
    }
  });
}
