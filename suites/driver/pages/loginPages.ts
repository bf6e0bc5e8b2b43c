// Login, refusal and home pages of any portal, found by role and accessible name at the URLs the
// provisioning API gave: the login page (email first, then the password step), a refusal (what a
// person sees in role=alert) and "signed in" (the log-out control is shown, and the target says the
// seat has a live session).
import { expect, type Locator, type Page } from '@playwright/test';
import type { ProvisionedAccount } from '../../../lib/index.ts';
import type { HomePageObject, LoginPageObject, RefusalPageObject } from '../portalDriver.ts';
import type { Names } from '../reference/names.ts';

/** A control named `name` that is a button or a link (portals log out with either). */
export function buttonOrLink(page: Page, name: string): Locator {
  return page
    .getByRole('button', { name, exact: true })
    .or(page.getByRole('link', { name, exact: true }))
    .first();
}

export class LoginPage implements LoginPageObject {
  readonly email: Locator;
  readonly continueButton: Locator;
  readonly password: Locator;
  readonly logInButton: Locator;
  readonly hasDirectPasswordForm: boolean;
  readonly #page: Page;
  readonly #urls: ProvisionedAccount['urls'];

  constructor(page: Page, names: Names, account: ProvisionedAccount) {
    this.#page = page;
    this.#urls = account.urls;
    this.email = page.getByLabel(names.emailLabel, { exact: true });
    this.continueButton = page.getByRole('button', { name: names.continueButton, exact: true });
    this.password = page.getByLabel(names.passwordLabel, { exact: true });
    this.logInButton = page.getByRole('button', { name: names.logInButton, exact: true });
    this.hasDirectPasswordForm = account.urls.passwordLogin !== undefined;
  }

  async goto(): Promise<void> {
    await this.#page.goto(this.#urls.login);
  }

  async continueWith(email: string): Promise<void> {
    await this.goto();
    await this.continueWithEmailOnThisPage(email);
  }

  async continueWithEmailOnThisPage(email: string): Promise<void> {
    await this.email.fill(email);
    await this.continueButton.click();
  }

  async startSsoFromSignOnUrl(): Promise<void> {
    await this.#page.goto(this.#urls.sp.signOnUrl);
  }

  async logInWithPassword(email: string, password: string): Promise<void> {
    await this.continueWith(email);
    await this.#enterPassword(email, password);
  }

  async logInWithPasswordOnThisPage(email: string, password: string): Promise<void> {
    await this.continueWithEmailOnThisPage(email);
    await this.#enterPassword(email, password);
  }

  async submitPasswordForm(email: string, password: string): Promise<void> {
    const template = this.#urls.passwordLogin;
    if (template === undefined)
      throw new Error('The target offers no password form reachable directly (urls.passwordLogin): check hasDirectPasswordForm first.');
    await this.#page.goto(template.replace('{email}', encodeURIComponent(email)));
    await this.#enterPassword(email, password);
  }

  async #enterPassword(email: string, password: string): Promise<void> {
    await this.password.fill(password);
    // A password step that asks for the email again (rather than carrying it over) gets it too.
    if ((await this.email.count()) === 1 && (await this.email.isEditable()) && (await this.email.inputValue()) === '')
      await this.email.fill(email);
    await this.logInButton.click();
  }
}

export class RefusalPage implements RefusalPageObject {
  readonly alert: Locator;
  readonly #page: Page;

  constructor(page: Page) {
    this.#page = page;
    this.alert = page.getByRole('alert');
  }

  async expectShown(): Promise<void> {
    await expect(this.alert.first(), 'the portal shows the person a refusal (role=alert)').toBeVisible();
  }

  async text(): Promise<string> {
    await this.expectShown();
    // What the page shows, and what it keeps one click away (a collapsed <details> of specifics).
    const shown = await this.#page.evaluate(
      () => `${document.body.innerText} ${[...document.querySelectorAll('details')].map((details) => details.textContent ?? '').join(' ')}`,
    );
    return shown.replace(/\s+/g, ' ').trim();
  }
}

export class HomePage implements HomePageObject {
  readonly logOutControl: Locator;
  readonly #page: Page;
  readonly #account: ProvisionedAccount;
  readonly #sessions: () => Promise<readonly { readonly email: string; readonly method: string }[]>;

  constructor(
    page: Page,
    names: Names,
    account: ProvisionedAccount,
    sessions: () => Promise<readonly { readonly email: string; readonly method: string }[]>,
  ) {
    this.#page = page;
    this.#account = account;
    this.#sessions = sessions;
    this.logOutControl = buttonOrLink(page, names.logOutButton);
  }

  async expectSignedIn(email: string, via: 'sso' | 'password'): Promise<void> {
    await expect(this.logOutControl, 'the portal shows a logged-in page (its log-out control)').toBeVisible();
    const sessions = await this.#sessions();
    const wanted = email.toLowerCase();
    expect(
      sessions.filter((session) => session.email.toLowerCase() === wanted).map((session) => session.method),
      `live sessions of ${email} (read through the target)`,
    ).toContain(via);
  }

  async goHomeAndLogOut(): Promise<void> {
    await this.#page.goto(this.#account.urls.portal);
    await this.logOut();
  }

  async logOut(): Promise<void> {
    await this.logOutControl.click();
    // The log-out control goes with the session: wait for it, so the session is over before the next step.
    await expect(this.logOutControl).toBeHidden();
  }
}
