// Signing in at the mock IdP as the user would, following the persona's login flow (labels and
// buttons come from the persona data, the IdP's own source of truth). When the IdP session is
// already live the browser never stops at the IdP, and there is nothing to fill.
import { expect, type Page } from '@playwright/test';
import { LOGIN_FORMS } from '../../mock-idps/personas/loginForms.ts';
import { TEST_USER_PASSWORD } from '../../mock-idps/control/client.ts';
import type { LoginFlow } from '../../mock-idps/types.ts';

const exactly = (text: string): RegExp => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i');

export interface IdpUser {
  readonly email: string;
  readonly upn?: string;
  readonly password?: string;
}

/** Fill the IdP's sign-in page(s) for `user`; resolves once the IdP has been left or shows an error. */
export async function signInAtIdp(page: Page, flow: LoginFlow, user: IdpUser): Promise<void> {
  const form = LOGIN_FORMS[flow];
  const identifier = flow === 'email-then-password' ? (user.upn ?? user.email) : user.email;
  const password = user.password ?? TEST_USER_PASSWORD;
  if (flow === 'account-chooser') {
    const chooser = page.getByRole('list', { name: 'Accounts' });
    const identifierField = page.getByLabel(form.identifierLabel, { exact: true });
    await expect(chooser.or(identifierField).first()).toBeVisible();
    if (await chooser.isVisible()) {
      const account = chooser.getByRole('button', { name: new RegExp(user.email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') });
      await (await account.count() > 0 ? account.first() : chooser.getByRole('button', { name: 'Use another account' })).click();
    }
  }
  const identifierField = page.getByLabel(form.identifierLabel, { exact: true });
  const passwordField = page.getByLabel(form.passwordLabel, { exact: true });
  if (form.steps === 2) {
    await expect(identifierField.or(passwordField).first()).toBeVisible();
    if (await identifierField.isVisible()) {
      await identifierField.fill(identifier);
      await page.getByRole('button', { name: exactly(form.nextButton) }).click();
    }
  } else {
    await identifierField.fill(identifier);
  }
  await passwordField.fill(password);
  await page.getByRole('button', { name: exactly(form.submitButton) }).click();
}
