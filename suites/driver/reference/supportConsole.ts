// The Ooma support super-admin console and the customer's audit log, in the reference portal.
import { expect, type Page } from '@playwright/test';
import type { AuditLogObject, SupportConsoleObject } from '../portalDriver.ts';
import type { Credentials } from '../../target/targetConfig.ts';
import type { Names } from './names.ts';

export class SupportConsole implements SupportConsoleObject {
  readonly #page: Page;
  readonly #names: Names;
  readonly #staff: Credentials;

  constructor(page: Page, names: Names, staff: Credentials) {
    this.#page = page;
    this.#names = names;
    this.#staff = staff;
  }

  async logIn(): Promise<void> {
    await this.#page.goto('/support');
    await this.#page.getByLabel(this.#names.supportEmail, { exact: true }).fill(this.#staff.email);
    await this.#page.getByLabel(this.#names.supportPassword, { exact: true }).fill(this.#staff.password);
    await this.#page.getByRole('button', { name: this.#names.supportLogIn, exact: true }).click();
    await expect(this.#page.getByRole('search')).toBeVisible();
  }

  async accessAccount(accountId: number, ticket: string, reason: string): Promise<void> {
    await this.#page.goto(`/support/accounts/${accountId}`);
    await this.#page.getByLabel(this.#names.ticket, { exact: true }).fill(ticket);
    await this.#page.getByLabel(this.#names.reason, { exact: true }).fill(reason);
    await this.#page.getByRole('button', { name: this.#names.accessAccount, exact: true }).click();
    await expect(this.#page.getByRole('heading', { name: this.#names.ssoHeading, exact: true })).toBeVisible();
  }

  async turnSsoOff(): Promise<void> {
    await this.#page.getByRole('button', { name: this.#names.turnSsoOff, exact: true }).click();
    await expect(this.#page.getByRole('button', { name: this.#names.turnSsoOff, exact: true })).toBeHidden();
  }
}

export class AuditLog implements AuditLogObject {
  readonly #page: Page;
  readonly #names: Names;

  constructor(page: Page, names: Names) {
    this.#page = page;
    this.#names = names;
  }

  async goto(): Promise<void> {
    await this.#page.goto('/account/audit-log');
  }

  async entries(): Promise<readonly { readonly action: string; readonly actor: string }[]> {
    const rows = this.#page.getByRole('table', { name: this.#names.auditLogTable }).getByRole('row');
    await expect(rows.first()).toBeVisible();
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim() ?? '')));
    return cells.filter((row) => row.length >= 3).map((row) => ({ actor: row[1] ?? '', action: row[2] ?? '' }));
  }
}
