// One person's browser in the session suites: its own context, watching the portal's Set-Cookie
// headers, logged in as a seat (password or SSO) or as support staff. "Logged in" is what any
// portal shows: the page a logged-in person of that kind opens carries the log-out control.
import type { Browser, Cookie } from '@playwright/test';
import { PERSONAS } from '../../mock-idps/index.ts';
import type { PersonaId } from '../../mock-idps/index.ts';
import type { PortalDriver } from '../driver/portalDriver.ts';
import type { SeatLogin, TestAccount } from '../fixtures.ts';
import { throughIdp } from '../idp/idpSignIn.ts';
import type { HarnessTarget } from '../target/harnessTarget.ts';
import { changedCookies, PortalCookieWatch } from './portalCookies.ts';

/** Whose session: a seat of the customer's account, or Ooma support staff in the support console. */
export type SessionKind = 'seat' | 'support';

/** How a person logs in: as a seat by password, or through an IdP persona (SSO set up and on); or as support. */
export interface LoginWay {
  readonly kind: SessionKind;
  /** SSO through this persona; a password login without one. */
  readonly persona?: PersonaId;
}

/** A browser of its own for one person, watching the portal's Set-Cookie headers. */
export interface Person {
  readonly driver: PortalDriver;
  readonly watch: PortalCookieWatch;
  close(): Promise<void>;
}

export async function newPerson(
  browser: Browser,
  target: HarnessTarget,
  account: TestAccount,
  planted: readonly Cookie[] = [],
): Promise<Person> {
  const context = await browser.newContext({ baseURL: target.portalUrl });
  if (planted.length > 0) await context.addCookies([...planted]);
  const watch = new PortalCookieWatch(context, new URL(account.provisioned.urls.login).origin);
  const driver = target.driver(await context.newPage(), account.provisioned);
  return { driver, watch, close: () => context.close() };
}

/** Whether a browser holding exactly these cookies is logged in as `kind` (the page such a person opens shows its log-out control). */
export async function loggedInWith(
  browser: Browser,
  target: HarnessTarget,
  account: TestAccount,
  cookies: readonly Cookie[],
  kind: SessionKind,
): Promise<boolean> {
  const person = await newPerson(browser, target, account, cookies);
  try {
    const { driver } = person;
    await driver.page.goto(kind === 'seat' ? driver.account.urls.portal : driver.account.urls.support);
    return await (kind === 'seat' ? driver.home.logOutControl : driver.support.logOutControl).first().isVisible();
  } finally {
    await person.close();
  }
}

export async function logIn(person: Person, way: LoginWay, seat: SeatLogin | undefined): Promise<void> {
  const { driver } = person;
  if (way.kind === 'support') {
    await driver.support.logIn();
    return;
  }
  if (!seat) throw new Error('a seat login needs a seat');
  if (way.persona === undefined) {
    await driver.login.logInWithPassword(seat.email, seat.password);
    await driver.home.expectSignedIn(seat.email, 'password');
    return;
  }
  await driver.login.continueWith(seat.email);
  await throughIdp(driver.page, PERSONAS[way.persona].loginFlow, seat.idpUser, driver.home.logOutControl);
  await driver.home.expectSignedIn(seat.email, 'sso');
}

export async function logOut(person: Person, kind: SessionKind): Promise<void> {
  if (kind === 'support') await person.driver.support.goToConsoleAndLogOut();
  else await person.driver.home.goHomeAndLogOut();
}

/**
 * The session cookies of a login: of the cookies it set or changed (`loggedIn` against `before`),
 * those without which the login is gone; all of them when each carries the session on its own.
 */
export async function sessionCookiesOf(
  browser: Browser,
  target: HarnessTarget,
  account: TestAccount,
  before: readonly Cookie[],
  loggedIn: readonly Cookie[],
  kind: SessionKind,
): Promise<Cookie[]> {
  const set = changedCookies(before, loggedIn);
  const essential: Cookie[] = [];
  for (const cookie of set) {
    if (
      !(await loggedInWith(
        browser,
        target,
        account,
        loggedIn.filter((other) => other !== cookie),
        kind,
      ))
    )
      essential.push(cookie);
  }
  return essential.length > 0 ? essential : set;
}
