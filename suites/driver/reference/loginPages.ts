// Login, refusal and home pages of the reference portal, found by role and label.
import { expect, type Locator, type Page } from '@playwright/test';
import type { HomePageObject, LoginPageObject, RefusalPageObject, SignedInSeat } from '../portalDriver.ts';
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
    await this.continueWithEmailOnThisPage(email);
  }

  async continueWithEmailOnThisPage(email: string): Promise<void> {
    await this.email.fill(email);
    await this.continueButton.click();
  }

  async startSsoFromSignOnUrl(signOnUrl: string): Promise<void> {
    await this.#page.goto(signOnUrl);
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
  readonly #details: Locator;

  constructor(page: Page, names: Names) {
    this.alert = page.getByRole('alert');
    this.reasonCode = this.alert.getByRole('code');
    // The refusal page puts the specifics in the paragraph under its "Details" heading.
    this.#details = page.getByRole('heading', { name: names.refusalDetails, exact: true }).locator('xpath=following-sibling::p[1]');
  }

  async expectReason(reason: string): Promise<void> {
    await expect(this.reasonCode).toHaveText(reason);
  }

  async details(): Promise<string> {
    await expect(this.#details).toBeVisible();
    return (await this.#details.innerText()).trim();
  }
}

const SIGNED_IN_AS = /^Signed in as (\S+) \((\w+)\) in account "(.*)", with (single sign-on|a password)\.$/;

export class HomePage implements HomePageObject {
  readonly signedInAs: Locator;
  readonly #logOut: Locator;
  readonly #page: Page;
  readonly #loginEmail: Locator;

  constructor(page: Page, names: Names) {
    this.#page = page;
    this.signedInAs = page.getByRole('status').filter({ hasText: 'Signed in as' });
    this.#logOut = page.getByRole('button', { name: names.logOutButton, exact: true });
    this.#loginEmail = page.getByLabel(names.emailLabel, { exact: true });
  }

  async signedInSeat(): Promise<SignedInSeat> {
    await expect(this.signedInAs).toBeVisible();
    const line = (await this.signedInAs.innerText()).trim();
    const match = SIGNED_IN_AS.exec(line);
    if (!match) throw new Error(`The home page's "Signed in as" line has an unexpected shape: "${line}".`);
    const [, email = '', role = '', accountName = '', via = ''] = match;
    return { email, role, accountName, via: via === 'single sign-on' ? 'single sign-on' : 'a password' };
  }

  async goHomeAndLogOut(): Promise<void> {
    await this.#page.goto('/home');
    await this.logOut();
  }

  async expectSignedIn(email: string, via: 'single sign-on' | 'a password'): Promise<void> {
    await expect(this.signedInAs).toContainText(`Signed in as ${email}`, { ignoreCase: true });
    await expect(this.signedInAs).toContainText(`with ${via}`);
  }

  async logOut(): Promise<void> {
    await this.#logOut.click();
    // Logging out lands on the login page: wait for it, so the session is over before the next step.
    await expect(this.#loginEmail).toBeVisible();
  }
}
