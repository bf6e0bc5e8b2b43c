// The Ooma support super-admin console and the customer's audit log, in any portal: the support
// login at urls.support, the account's page at urls.supportAccount, the audit log table read by
// its column headers.
import { expect, type Locator, type Page } from '@playwright/test';
import type { ProvisionedAccount } from '../../../lib/index.ts';
import type { Credentials } from '../../target/targetConfig.ts';
import type { AuditLogObject, SupportConsoleObject } from '../portalDriver.ts';
import type { Names } from '../reference/names.ts';
import { buttonOrLink } from './loginPages.ts';
import { OptionalPage } from './optionalPage.ts';

export class SupportConsole implements SupportConsoleObject {
  readonly logOutControl: Locator;
  readonly turnSsoOffControl: Locator;
  readonly #page: Page;
  readonly #names: Names;
  readonly #staff: Credentials;
  readonly #account: ProvisionedAccount;

  constructor(page: Page, names: Names, staff: Credentials, account: ProvisionedAccount) {
    this.#page = page;
    this.#names = names;
    this.#staff = staff;
    this.#account = account;
    this.logOutControl = buttonOrLink(page, names.supportLogOut);
    this.turnSsoOffControl = page.getByRole('button', { name: names.turnSsoOff, exact: true });
  }

  async logIn(): Promise<void> {
    await this.#page.goto(this.#account.urls.support);
    await this.#page.getByLabel(this.#names.supportEmail, { exact: true }).fill(this.#staff.email);
    await this.#page.getByLabel(this.#names.supportPassword, { exact: true }).fill(this.#staff.password);
    await this.#page.getByRole('button', { name: this.#names.supportLogIn, exact: true }).click();
    await expect(this.logOutControl, 'the support console shows its log-out control once logged in').toBeVisible();
  }

  async goToConsoleAndLogOut(): Promise<void> {
    await this.#page.goto(this.#account.urls.support);
    await this.logOutControl.click();
    await expect(this.logOutControl, "the support console's log-out control goes with the session").toBeHidden();
  }

  async accessAccount(ticket: string, reason: string): Promise<void> {
    await this.#page.goto(this.#account.urls.supportAccount);
    await this.#page.getByLabel(this.#names.ticket, { exact: true }).fill(ticket);
    await this.#page.getByLabel(this.#names.reason, { exact: true }).fill(reason);
    await this.#page.getByRole('button', { name: this.#names.accessAccount, exact: true }).click();
    await expect(this.#page.getByRole('heading', { name: this.#names.ssoHeading, exact: true })).toBeVisible();
  }

  async turnSsoOff(): Promise<void> {
    const button = this.turnSsoOffControl;
    await button.click();
    await expect(button).toBeHidden();
  }
}

export class AuditLog extends OptionalPage implements AuditLogObject {
  readonly #names: Names;

  constructor(page: Page, names: Names, account: ProvisionedAccount) {
    super(page, account.urls.auditLog, 'The target shows no audit log page (urls.auditLog): check auditLog.available first.');
    this.#names = names;
  }

  async entries(): Promise<readonly { readonly action: string; readonly actor: string }[]> {
    const table = this.page.getByRole('table', { name: this.#names.auditLogTable, exact: true });
    await expect(table).toBeVisible();
    const { headers, rows } = await table.evaluate((element) => ({
      headers: [...element.querySelectorAll('th')]
        .filter((th) => th.closest('tbody') === null || th.getAttribute('scope') === 'col')
        .map((th) => th.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
      rows: [...element.querySelectorAll('tbody tr')].map((tr) =>
        [...tr.querySelectorAll('td, th')].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
      ),
    }));
    const who = headers.indexOf(this.#names.auditWho);
    const what = headers.indexOf(this.#names.auditWhat);
    if (who < 0 || what < 0)
      throw new Error(
        `The audit log table has no column named "${this.#names.auditWho}" and "${this.#names.auditWhat}" (selectors auditWho / auditWhat); its columns: ${headers.map((header) => `"${header}"`).join(', ')}.`,
      );
    return rows.filter((row) => row.length > Math.max(who, what)).map((row) => ({ actor: row[who] ?? '', action: row[what] ?? '' }));
  }
}
