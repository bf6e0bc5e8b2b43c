// A seat's session and a support session are two kinds: neither opens the other's pages, whichever
// cookie carries it. A seat admin and support staff log in, each in a browser of its own; their
// session cookies are learnt (the cookies the login set without which it is gone). Then:
//  - the seat's cookies, as they are, open the support console: not logged in as support;
//  - support's cookies, as they are, open the account's home page: not logged in as a seat;
//  - each session's value under the name of the other kind's session cookie (a portal that keeps
//    both kinds in one table and looks a cookie up without its kind takes one for the other, and
//    the ids of staff and seats collide): logged in as nobody.
// Verdicts from what any portal shows: the log-out control of the page such a person opens.
import type { Cookie } from '@playwright/test';
import { expect, test } from '../fixtures.ts';
import { RULE } from '../login/ruleTags.ts';
import { loggedInWith, logIn, newPerson, sessionCookiesOf, type SessionKind } from './portalPerson.ts';

/** Each cookie of `names` holding each value of `values` in turn: the swapped cookie sets to try. */
function swapped(names: readonly Cookie[], values: readonly Cookie[]): { readonly label: string; readonly cookies: Cookie[] }[] {
  return names.flatMap((name) =>
    values.map((value) => ({ label: `${value.name}'s value in ${name.name}`, cookies: [{ ...name, value: value.value }] })),
  );
}

test(
  "a seat session opens nothing of the support console, a support session nothing of the seats' pages, whichever cookie carries it",
  {
    tag: RULE.sessionKinds,
  },
  async ({ browser, target, account }) => {
    test.info().annotations.push(
      { type: 'caught-defect', description: 'session-kind-unchecked-seat' },
      {
        type: 'spec',
        description:
          'OWASP ASVS 4.0.3 §3.2 (session tokens bound to the authenticated subject), §4.1.3 (least privilege): a customer seat is never Ooma support, and support is never a seat',
      },
    );
    const sessions = new Map<SessionKind, { all: Cookie[]; session: Cookie[] }>();
    for (const kind of ['seat', 'support'] as const) {
      await test.step(`${kind === 'seat' ? "the account's admin logs in with a password" : 'support staff log in to the console'}; its session cookies are learnt`, async () => {
        const person = await newPerson(browser, target, account);
        try {
          await person.driver.page.goto(kind === 'seat' ? account.provisioned.urls.login : account.provisioned.urls.support);
          const before = await person.watch.cookies(person.driver.page.context());
          await logIn(person, { kind }, account.admin);
          const all = await person.watch.cookies(person.driver.page.context());
          sessions.set(kind, { all, session: await sessionCookiesOf(browser, target, account, before, all, kind) });
        } finally {
          await person.close();
        }
      });
    }
    const seat = sessions.get('seat');
    const support = sessions.get('support');
    if (!seat || !support) throw new Error('both logins ran');
    test.info().annotations.push({
      type: 'session cookies',
      description: `seat: ${seat.session.map((c) => c.name).join(', ')}; support: ${support.session.map((c) => c.name).join(', ')}`,
    });

    await test.step("the seat's cookies open the support console: not logged in as support", async () => {
      expect
        .soft(await loggedInWith(browser, target, account, seat.all, 'support'), "the support console with the seat admin's cookies")
        .toBe(false);
    });
    await test.step("support's cookies open the account's home page: not logged in as a seat", async () => {
      expect
        .soft(await loggedInWith(browser, target, account, support.all, 'seat'), "the account's home page with support's cookies")
        .toBe(false);
    });
    await test.step("a support session's value in the seat session cookie opens no seat's page", async () => {
      for (const { label, cookies } of swapped(seat.session, support.session)) {
        expect.soft(await loggedInWith(browser, target, account, cookies, 'seat'), `the account's home page with ${label}`).toBe(false);
      }
    });
    await test.step("a seat session's value in the support session cookie opens no support page", async () => {
      for (const { label, cookies } of swapped(support.session, seat.session)) {
        expect.soft(await loggedInWith(browser, target, account, cookies, 'support'), `the support console with ${label}`).toBe(false);
      }
    });
  },
);
