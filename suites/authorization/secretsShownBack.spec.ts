// A saved OIDC client secret is write-only: once the admin has saved it, no page shows it back —
// not the admin's IdP and SSO section (a password field pre-filled with it hides it on screen and
// still hands it to anyone who reads the page, a browser extension or a proxy log included), not
// the support console's view of the account. Read as any portal serves it: the page's HTML and the
// values of its fields. Messages never contain the secret.
import type { Page } from '@playwright/test';
import { PERSONAS } from '../../mock-idps/index.ts';
import { expect, test } from '../fixtures.ts';
import { ssoSetUp } from '../flows/ssoSetUp.ts';
import { RULE } from '../login/ruleTags.ts';

const persona = PERSONAS['entra-oidc'];

/** Whether the page holds `secret` anywhere: its HTML, or the current value of a field. */
async function pageHolds(page: Page, secret: string): Promise<boolean> {
  if ((await page.content()).includes(secret)) return true;
  const values = await page.locator('input, textarea').evaluateAll((fields) => fields.map((field) => (field as HTMLInputElement).value));
  return values.some((value) => value.includes(secret));
}

test(
  "a saved client secret is never shown back: not on the admin's IdP and SSO page, not in the support console",
  { tag: RULE.secretsHidden },
  async ({ target, account, idp, driver, browser }) => {
    test.info().annotations.push(
      ...['client-secret-shown', 'client-secret-shown-to-support'].map((id) => ({ type: 'caught-defect', description: id })),
      { type: 'persona', description: persona.id },
      {
        type: 'spec',
        description:
          "OWASP ASVS 4.0.3 §8.3.1 (sensitive data not sent back), §2.10.4 (secrets not exposed); the form is the portal's, whatever the IdP: one OIDC persona proves it",
      },
    );
    const setUp = ssoSetUp(driver, idp, persona);
    await driver.login.logInWithPassword(account.admin.email, account.admin.password);
    await setUp.createOidcAppAtIdp();
    await setUp.enterIdpConfiguration();
    const secret = setUp.oidcClient?.clientSecret;
    if (!secret) throw new Error('the OIDC app at the IdP has no client secret');

    await test.step('the admin opens IdP and SSO again: the secret is not in the page', async () => {
      await driver.sso.goto();
      await expect(driver.sso.saveButton).toBeVisible();
      expect.soft(await pageHolds(driver.page, secret), "the admin's IdP and SSO page holds the saved client secret").toBe(false);
    });

    await test.step('support opens the account (ticket and reason): the secret is not in the page', async () => {
      const support = target.driver(await (await browser.newContext({ baseURL: target.portalUrl })).newPage(), account.provisioned);
      await support.support.logIn();
      await support.support.accessAccount('OE-8080', 'Customer asks why the OIDC login fails');
      expect
        .soft(await pageHolds(support.page, secret), "the support console's page of the account holds the saved client secret")
        .toBe(false);
      await support.page.context().close();
    });
  },
);
