// Login, refusal and home pages of the reference portal, found by role and label.
import { expect, type Locator, type Page } from '@playwright/test';
import type { HomePageObject, LoginPageObject, RefusalPageObject } from '../portalDriver.ts';
import type { Names } from './names.ts';

export class LoginPage implements LoginPageObject {
  readonly email: Locator;
  readonly continueButton: Locator;
  readonly password: Locator;
  readonly logInButton: Locator;
  readonly #page: Page;

  constructor(page: Page, names: Names) {
    this.#page = page;
    this.email = page.getByLabel(names.emailLabel, { exact: true });
    this.continueButton = page.getByRole('button', { name: names.continueButton, exact: true });
    this.password = page.getByLabel(names.passwordLabel, { exact: true });
    this.logInButton = page.getByRole('button', { name: names.logInButton, exact: true });
  }

  async goto(): Promise<void> {
    await this.#page.goto('/login');
  }

  async continueWith(email: string): Promise<void> {
    await this.goto();
    await this.email.fill(email);
    await this.continueButton.click();
  }

  async logInWithPassword(email: string, password: string): Promise<void> {
    await this.continueWith(email);
    await this.password.fill(password);
    await this.logInButton.click();
  }

  async submitPasswordForm(email: string, password: string): Promise<void> {
    await this.#page.goto(`/login/password?email=${encodeURIComponent(email)}`);
    await this.password.fill(password);
    await this.logInButton.click();
  }
}

export class RefusalPage implements RefusalPageObject {
  readonly alert: Locator;
  readonly reasonCode: Locator;

  constructor(page: Page) {
    this.alert = page.getByRole('alert');
    this.reasonCode = this.alert.getByRole('code');
  }

  async expectReason(reason: string): Promise<void> {
    await expect(this.reasonCode).toHaveText(reason);
  }
}

export class HomePage implements HomePageObject {
  readonly signedInAs: Locator;
  readonly #logOut: Locator;

  constructor(page: Page, names: Names) {
    this.signedInAs = page.getByRole('status').filter({ hasText: 'Signed in as' });
    this.#logOut = page.getByRole('button', { name: names.logOutButton, exact: true });
  }

  async expectSignedIn(email: string, via: 'single sign-on' | 'a password'): Promise<void> {
    await expect(this.signedInAs).toContainText(`Signed in as ${email}`, { ignoreCase: true });
    await expect(this.signedInAs).toContainText(`with ${via}`);
  }

  async logOut(): Promise<void> {
    await this.#logOut.click();
  }
}
