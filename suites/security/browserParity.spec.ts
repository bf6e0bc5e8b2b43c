// The matrix drives scenarios at the HTTP level; here a few of them run in Chromium, where the
// browser itself is part of the behaviour: the IdP's auto-POST form submitted by script, cookies
// as the browser keeps them, and a redirect the browser would follow off-site (every request off
// loopback is aborted and recorded — nothing leaves the machine). The outcome must be the one the
// matrix expects, read from the page (a refusal shown, or the log-out control) and through the target.
import { catalogScenarios } from '../conformance/catalogScenarios.ts';
import { expect, test } from '../conformance/fixtures.ts';
import { isLoopbackHttpUrl } from '../../lib/testing/index.ts';
import { expectationSummary } from '../conformance/scenario.ts';
import { watchRefusal } from '../driver/refusalReason.ts';
import { expectOnPortal } from '../entrypoints/entryPoint.ts';
import { throughIdp } from '../idp/idpSignIn.ts';
import { reportCouldNotRun } from '../target/couldNotRun.ts';
import { PERSONAS } from '../../mock-idps/index.ts';

/** One reject per protocol and the open-redirect attempt: what a browser could change. */
const IN_A_BROWSER = [
  'saml.audience-mismatch × entra-saml',
  'oidc.nonce-invalid × auth0-oidc',
  'saml.relaystate-external-url × google-saml',
];

const scenarios = catalogScenarios().filter((scenario) => IN_A_BROWSER.includes(scenario.id));

for (const scenario of scenarios) {
  test(
    `in Chromium: ${scenario.id} is ${expectationSummary(scenario.expectation)}`,
    { tag: [`@${scenario.protocol}`, `@${scenario.vendor}`, '@browser'] },
    async ({ matrix, page }) => {
      test
        .info()
        .annotations.push(
          { type: 'security-check', description: `browser parity: ${scenario.id}` },
          { type: 'persona', description: scenario.persona },
        );
      const offSite: string[] = [];
      await page.context().route(
        (url) => !isLoopbackHttpUrl(url),
        async (route) => {
          offSite.push(route.request().url());
          await route.abort('blockedbyclient');
        },
      );
      const account = await matrix.account(scenario.persona, scenario.profile).catch(reportCouldNotRun);
      const driver = matrix.target.driver(page, account.provisioned);
      const before = await driver.accountState();
      const watch = await watchRefusal(matrix.target, account.accountId, page);
      for (const id of scenario.idpFaults) await account.idp.use(id, { once: true, persona: scenario.persona });
      // A browser sent off-site never lands: say so rather than "element not found".
      const landed = async (step: Promise<void>): Promise<void> => {
        try {
          await step;
        } catch (error) {
          expect(offSite, 'the browser tried to leave the machine (open redirect)').toEqual([]);
          throw error;
        }
      };
      try {
        await driver.login.startSsoFromSignOnUrl();
        const expectation = scenario.expectation;
        if (expectation.kind === 'portal-refusal') {
          await landed(throughIdp(page, PERSONAS[scenario.persona].loginFlow, account.user, driver.refusal.alert.first()));
          await expectOnPortal(driver, scenario.id);
          expect((await driver.accountState()).seatSessions, 'no seat is logged in').toBe(before.seatSessions);
          await watch.judge(expectation.reasons, `${scenario.id} refused in Chromium`);
        } else {
          await landed(throughIdp(page, PERSONAS[scenario.persona].loginFlow, account.user, driver.home.logOutControl));
          await driver.home.expectSignedIn(account.user.email, 'sso');
          expect(new URL(page.url()).origin, 'the browser stays on the portal').toBe(new URL(account.provisioned.urls.login).origin);
          await driver.home.logOut();
        }
        expect(offSite, 'the browser tried to leave the machine (open redirect)').toEqual([]);
      } finally {
        await account.idp.resetFaults();
      }
    },
  );
}
