// Signing in at the mock IdP as the user would, following the persona's login flow (labels and
// buttons come from the persona data, the IdP's own source of truth). When the IdP session is
// already live the browser never stops at the IdP, and there is nothing to fill.
import { expect, type Locator, type Page } from '@playwright/test';
import { loginForm, TEST_USER_PASSWORD } from '../../mock-idps/index.ts';
import type { LoginFlow } from '../../mock-idps/index.ts';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (text: string): RegExp => new RegExp(`^${escape(text)}$`, 'i');

export interface IdpUser {
  readonly email: string;
  readonly upn?: string;
  /** Default: the directory's test-only password. */
  readonly password?: string;
}

/** Whatever the IdP shows first when it wants the user to sign in. */
export function idpSignInPrompt(page: Page, flow: LoginFlow): Locator {
  const form = loginForm(flow);
  const prompt = page.getByLabel(form.identifierLabel, { exact: true }).or(page.getByLabel(form.passwordLabel, { exact: true }));
  return flow === 'account-chooser' ? prompt.or(page.getByRole('list', { name: 'Accounts' })) : prompt;
}

/**
 * Go through the IdP: if it asks the user to sign in, do so; if its session is live it sends the
 * browser straight back. Resolves once `landed` (what the caller expects to see next: the portal
 * home, a refusal, a Test SSO result, an IdP error page) is visible.
 */
export async function throughIdp(page: Page, flow: LoginFlow, user: IdpUser, landed: Locator): Promise<void> {
  const prompt = idpSignInPrompt(page, flow);
  await expect(prompt.or(landed).first()).toBeVisible();
  if (!(await landed.first().isVisible())) await signInAtIdp(page, flow, user);
  await expect(landed.first()).toBeVisible();
}

/** Fill the IdP's sign-in page(s) for `user` (the sign-in prompt must be showing). */
export async function signInAtIdp(page: Page, flow: LoginFlow, user: IdpUser): Promise<void> {
  const form = loginForm(flow);
  const identifier = form.signInName === 'upn' ? (user.upn ?? user.email) : user.email;
  const identifierField = page.getByLabel(form.identifierLabel, { exact: true });
  const passwordField = page.getByLabel(form.passwordLabel, { exact: true });
  if (flow === 'account-chooser') {
    const chooser = page.getByRole('list', { name: 'Accounts' });
    if (await chooser.isVisible()) {
      const account = chooser.getByRole('button', { name: new RegExp(escape(user.email), 'i') });
      await ((await account.count()) > 0 ? account.first() : chooser.getByRole('button', { name: 'Use another account' })).click();
      await expect(identifierField.or(passwordField).first()).toBeVisible();
    }
  }
  if (await identifierField.isVisible()) {
    await identifierField.fill(identifier);
    if (form.steps === 2) await page.getByRole('button', { name: exactly(form.nextButton) }).click();
  }
  await passwordField.fill(user.password ?? TEST_USER_PASSWORD);
  await page.getByRole('button', { name: exactly(form.submitButton) }).click();
}
