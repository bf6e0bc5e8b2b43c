// Where a password login lands when the login page was opened with a return path an attacker
// chose (a link in a phishing mail): every value a browser resolves to another host (dot segments,
// encoded dots and slashes, backslash, tab, scheme-only, scheme-relative, absolute) — the same
// table as the SSO scenarios (mock-idps/faults/redirectSafety.ts). The person is logged in and
// stays on the portal (any page of it). Needs the target's return parameter (`returnTo` in the provisioning answer).
import { OFF_SITE_RETURN_PATHS, type ReturnPathSlug } from '../../mock-idps/testing/index.ts';
import { expect, test } from '../fixtures.ts';
import { RULE } from './ruleTags.ts';

test(
  'a password login opened with an off-site return path logs in and stays on the portal, for every path of the table',
  { tag: RULE.returnPath },
  async ({ browser, target, account }) => {
    test.info().annotations.push(
      { type: 'caught-defect', description: 'relaystate-allow-offsite' },
      {
        type: 'spec',
        description: 'RFC 9700 §4.11 (open redirectors); WHATWG URL parsing (backslash, tab, dot segments)',
      },
    );
    const parameter = account.provisioned.returnTo?.parameter;
    test.skip(
      parameter === undefined,
      'The target names no return parameter (returnTo in the provisioning answer): a login cannot start with a return path.',
    );
    if (parameter === undefined) return;
    const portalOrigin = new URL(account.provisioned.urls.login).origin;
    const offSite: string[] = [];
    for (const slug of Object.keys(OFF_SITE_RETURN_PATHS) as ReturnPathSlug[]) {
      const path = OFF_SITE_RETURN_PATHS[slug];
      await test.step(`return path ${JSON.stringify(path)}`, async () => {
        // A browser of its own per path: no session carried over from the previous login.
        const context = await browser.newContext({ baseURL: target.portalUrl });
        try {
          const person = target.driver(await context.newPage(), account.provisioned);
          const login = new URL(account.provisioned.urls.login);
          login.searchParams.set(parameter, path);
          // An open redirect shows as a request that leaves the portal (a redirect's next hop included).
          // Requests the page itself starts off-site are stopped in the browser; a redirect is followed by
          // the browser and fails at name resolution (nothing is reachable from the harness's machines).
          const leftFor: string[] = [];
          context.on('request', (request) => {
            const origin = new URL(request.url()).origin;
            if (origin !== portalOrigin) leftFor.push(origin);
          });
          await context.route(
            (url) => url.origin !== portalOrigin,
            (route) => route.abort('blockedbyclient'),
          );
          await person.page.goto(login.href);
          await person.login.logInWithPasswordOnThisPage(account.user.email, account.user.password);
          // Any page of the portal is a right place to land (its own 404 page included); leaving it is not.
          await expect(person.login.password, `the password step is done (return path ${JSON.stringify(path)})`).toHaveCount(0);
          if (leftFor.length > 0) {
            offSite.push(`${JSON.stringify(path)} → ${leftFor.join(', ')}`);
            return;
          }
          expect(new URL(person.page.url()).origin, `on the portal after the password login with return path ${JSON.stringify(path)}`).toBe(
            portalOrigin,
          );
          const sessions = (await person.accountState()).sessions.filter(
            (session) => session.email.toLowerCase() === account.user.email.toLowerCase() && session.method === 'password',
          );
          expect(sessions.length, `${account.user.email} is logged in with the password`).toBeGreaterThan(0);
          await person.home.goHomeAndLogOut();
        } finally {
          await context.close();
        }
      });
    }
    expect(offSite, 'return paths that led the browser off the portal after a password login').toEqual([]);
  },
);
