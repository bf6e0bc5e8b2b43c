// Enable's confirmation warns when the configuration saved now has not itself passed Test SSO.
// What an admin passed is one version; once the admin saves a change, that pass no longer speaks
// for what Enable would switch on. Two ways a portal gets this partly wrong:
//  - it counts a pass of any earlier version (the admin changes the settings after Test SSO and
//    Enable no longer warns);
//  - it credits a test with the version saved when the IdP answered, not the one the test started
//    with (a change saved in another tab while the test was at the IdP inherits its pass).
// The baseline is Enable right after a passed Test SSO (whatever else it warns about, the seat
// audit say); each later Enable must list more warnings than that. Verdicts from what any portal
// shows: the warnings of the Enable confirmation (role=note under the target's heading).
import { PERSONAS } from '../../mock-idps/index.ts';
import { expect, test } from '../fixtures.ts';
import { setUpAndPassTestSso, ssoSetUp } from '../flows/ssoSetUp.ts';
import { idpSignInPrompt, signInAtIdp } from '../idp/idpSignIn.ts';
import { RULE } from '../login/ruleTags.ts';

const persona = PERSONAS['okta-saml'];

test(
  'Enable warns about a saved configuration that has not itself passed Test SSO: after a change saved since the pass, and after a change saved while a test was at the IdP',
  {
    tag: RULE.enableWarnings,
  },
  async ({ browser, target, account, idp, driver }) => {
    test.info().annotations.push(
      ...['test-pass-any-version', 'test-result-for-current-version'].map((id) => ({ type: 'caught-defect', description: id })),
      { type: 'persona', description: persona.id },
      {
        type: 'spec',
        description:
          'DESIGN lifecycle step 3 (Test SSO of the saved configuration before Enable); OWASP ASVS 4.0.3 §1.14.5 / §14.1 (a change is verified before it is deployed): the warning concerns what Enable switches on, the version saved now',
      },
    );
    const changed = (clockSkewSeconds: number) => ssoSetUp(driver, idp, persona, { clockSkewSeconds });

    const baseline =
      await test.step('the admin sets SSO up and passes Test SSO; Enable right after it (its warnings are the baseline), then disable', async () => {
        await setUpAndPassTestSso(driver, idp, persona, account.admin);
        const warnings = await driver.sso.enableSso();
        await driver.sso.disableSso();
        return warnings;
      });
    test
      .info()
      .annotations.push({ type: 'warnings after a passed Test SSO', description: baseline.length === 0 ? 'none' : baseline.join(' | ') });

    await test.step('the admin changes the allowed clock skew and saves; Enable warns beyond the baseline', async () => {
      await changed(150).enterIdpConfiguration();
      const warnings = await driver.sso.enableSso();
      expect
        .soft(
          warnings.length,
          `Enable after a change saved since the passed Test SSO lists more warnings than right after the pass (listed: ${warnings.join(' | ') || 'none'})`,
        )
        .toBeGreaterThan(baseline.length);
      await driver.sso.disableSso();
    });

    await test.step('the admin passes Test SSO of the change; Enable is back to the baseline', async () => {
      await changed(150).passTestSso(account.admin.idpUser);
      const warnings = await driver.sso.enableSso();
      expect(warnings.length, `Enable after the change itself passed Test SSO (listed: ${warnings.join(' | ') || 'none'})`).toBe(
        baseline.length,
      );
      await driver.sso.disableSso();
    });

    await test.step('Test SSO starts in a second browser of the admin; the admin saves another change in the first while the test waits at the IdP; the test then passes; Enable warns beyond the baseline', async () => {
      const second = target.driver(await (await browser.newContext({ baseURL: target.portalUrl })).newPage(), account.provisioned);
      try {
        await second.login.logInWithPassword(account.admin.email, account.admin.password);
        await second.sso.startTestSso();
        await expect(
          idpSignInPrompt(second.page, persona.loginFlow).first(),
          'the test waits at the IdP (this browser has no IdP session)',
        ).toBeVisible();
        await changed(170).enterIdpConfiguration();
        await signInAtIdp(second.page, persona.loginFlow, account.admin.idpUser);
        await expect(second.sso.testSsoResultHeading, 'the test of the earlier version ends on its result page').toBeVisible();
      } finally {
        await second.page.context().close();
      }
      const warnings = await driver.sso.enableSso();
      expect
        .soft(
          warnings.length,
          `Enable after a change saved while the test was at the IdP lists more warnings than right after a pass (listed: ${warnings.join(' | ') || 'none'})`,
        )
        .toBeGreaterThan(baseline.length);
    });
  },
);
