// The account changes while a login is under way: what was valid when the login started must not
// be enough when it ends. A login started while SSO was on and answered at the IdP after Ooma
// support turned SSO off logs nobody in (SAML and OIDC); an app's authorization request opened in
// another browser (a link sent to a victim who is logged in) gives the app nothing. Verdicts from
// what any portal shows: a refusal on the portal's page, no new session, nothing handed to the app.
import { PERSONAS } from '../../mock-idps/index.ts';
import type { PersonaId } from '../../mock-idps/index.ts';
import { watchRefusal } from '../driver/refusalReason.ts';
import { liveSessionsOf } from '../driver/liveSessions.ts';
import type { PortalDriver } from '../driver/portalDriver.ts';
import { expectOnPortal, symptomShown } from '../entrypoints/entryPoint.ts';
import { expect, test } from '../entrypoints/fixtures.ts';
import { ssoOnForSuite } from '../flows/ssoByApi.ts';
import { idpSignInPrompt, signInAtIdp } from '../idp/idpSignIn.ts';
import { nativeAppsUnderTest } from './nativeApps.ts';
import { RULE } from './ruleTags.ts';

/** One persona per protocol: the rule is the portal's, not the IdP's. */
const IN_FLIGHT: readonly PersonaId[] = ['okta-saml', 'entra-oidc'];

for (const personaId of IN_FLIGHT) {
  const persona = PERSONAS[personaId];
  test(
    `${persona.displayName}: a login started while SSO was on and answered after support turned SSO off logs nobody in`,
    { tag: RULE.ssoEnabled },
    async ({ browser, target, account, idp, driver }) => {
      test
        .info()
        .annotations.push(
          { type: 'persona', description: personaId },
          { type: 'caught-defect', description: 'sso-enabled-checked-at-start-only' },
        );
      await ssoOnForSuite(target, driver, idp, persona, account.admin);
      const personOf = async (): Promise<PortalDriver> =>
        target.driver(await (await browser.newContext({ baseURL: target.portalUrl })).newPage(), account.provisioned);

      const user = await personOf();
      await test.step("the user starts an SSO login and is at the IdP's sign-in page", async () => {
        await user.login.continueWith(account.user.email);
        await expect(idpSignInPrompt(user.page, persona.loginFlow).first()).toBeVisible();
      });

      await test.step('meanwhile Ooma support turns SSO off for the account', async () => {
        const support = await personOf();
        await support.support.logIn();
        await support.support.accessAccount('OE-20714', 'Customer reports a broken IdP; turning SSO off');
        await support.support.turnSsoOff();
        expect((await support.accountState()).sso.enabled).toBe(false);
      });

      await test.step('the user signs in at the IdP; the portal refuses what comes back and opens no session', async () => {
        const watch = await watchRefusal(target, account.id, user.page);
        const sessionsBefore = await liveSessionsOf(user, account.user.email);
        await signInAtIdp(user.page, persona.loginFlow, account.user.idpUser);
        await expect(
          symptomShown(user, { at: 'portal', reason: 'sso-not-configured' }),
          'the portal shows a refusal: SSO was turned off before the IdP answered',
        ).toBeVisible();
        await expectOnPortal(user, `the login of ${account.user.email} answered after SSO was turned off`);
        await expect(user.home.logOutControl, 'no logged-in page: the refusal is all the browser shows').toHaveCount(0);
        const sessionsAfter = await liveSessionsOf(user, account.user.email);
        expect(sessionsAfter, `live sessions of ${account.user.email}`).toBe(sessionsBefore);
        await watch.judge(['sso-not-configured'], `login of ${account.user.email} answered after SSO was turned off`);
      });
    },
  );
}

const { desktop } = nativeAppsUnderTest();
if (desktop) {
  test(
    'desktop app: an authorization request opened in another browser, where a seat is logged in, gives the app nothing',
    { tag: RULE.requestBinding },
    async ({ target, account, idp, driver, entryPoints }) => {
      test.info().annotations.push(
        { type: 'entry-point', description: 'desktop' },
        { type: 'caught-defect', description: 'native-request-not-bound-to-browser' },
        {
          type: 'spec',
          description:
            "RFC 6749 §10.12 / RFC 8252 §8.9: the authorization request belongs to the browser that started it (a link to it sent to a logged-in victim must not issue the victim's code)",
        },
      );
      const persona = PERSONAS['entra-saml'];
      await ssoOnForSuite(target, driver, idp, persona, account.admin);
      const opened = entryPoints({ loginFlow: persona.loginFlow, account: account.provisioned }, ['desktop', 'web']);
      const app = await opened.nativeApp('desktop', account.admin);

      const login =
        await test.step("the attacker's desktop app opens its authorization request; its browser stops at the portal's login", async () => {
          const started = await app.startLogin();
          await expect(started.portal.login.email).toBeVisible();
          return started;
        });
      try {
        const victim = await test.step('the victim (a seat of the account) is logged in with SSO in a browser of their own', async () => {
          await opened.get('web').logIn(account.user);
          return opened.webBrowserOf(account.user);
        });
        await test.step("the victim opens the link the attacker sent (the address the attacker's browser shows): the portal keeps the victim there", async () => {
          await victim.page.goto(login.tab.url());
          await expectOnPortal(victim, "the victim's browser after opening the attacker's authorization link");
          expect(login.appReceivedRedirect, "nothing reached the attacker's app").toBe(false);
        });
      } finally {
        await login.stopListening();
      }
    },
  );
}
