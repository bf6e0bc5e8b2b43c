// The account's seats as its admin manages them, in any portal (urls.seats, optional): add a seat,
// open one by its email and change its email or disabled flag, import a seat list (CSV). What the
// portal did with each is read as any portal shows it: a confirmation (role=status) or a refusal
// (role=alert).
import { expect, type Page } from '@playwright/test';
import type { ProvisionedAccount } from '../../../lib/index.ts';
import type { SaveOutcome, SeatsPageObject } from '../portalDriver.ts';
import type { Names } from '../reference/names.ts';
import { buttonOrLink } from './loginPages.ts';
import { OptionalPage } from './optionalPage.ts';

const EMAIL_IN_CELL = /^[^\s@]+@[^\s@]+$/;

export class SeatsPage extends OptionalPage implements SeatsPageObject {
  readonly #names: Names;

  constructor(page: Page, names: Names, account: ProvisionedAccount) {
    super(page, account.urls.seats, 'The target shows no seats page (urls.seats): check seats.available first.');
    this.#names = names;
  }

  async addSeat(seat: { readonly name: string; readonly email: string }): Promise<SaveOutcome> {
    await this.goto();
    await this.page.getByLabel(this.#names.seatNameLabel, { exact: true }).fill(seat.name);
    await this.page.getByLabel(this.#names.seatEmailLabel, { exact: true }).fill(seat.email);
    await this.page.getByRole('button', { name: this.#names.addSeat, exact: true }).click();
    return this.#outcome(this.#names.addSeat);
  }

  async editSeat(email: string, changes: { readonly email?: string; readonly disabled?: boolean }): Promise<SaveOutcome> {
    await this.goto();
    await buttonOrLink(this.page, this.#names.editSeat.replace('{email}', email)).click();
    const emailField = this.page.getByLabel(this.#names.seatEmailLabel, { exact: true });
    await expect(emailField, `the seat of ${email} opens with its email field ("${this.#names.seatEmailLabel}")`).toBeVisible();
    if (changes.email !== undefined) await emailField.fill(changes.email);
    if (changes.disabled !== undefined) await this.page.getByLabel(this.#names.seatDisabled, { exact: true }).setChecked(changes.disabled);
    await this.page.getByRole('button', { name: this.#names.saveSeat, exact: true }).click();
    return this.#outcome(this.#names.saveSeat);
  }

  async importCsv(csv: string): Promise<SaveOutcome> {
    await this.goto();
    await this.page.getByLabel(this.#names.seatsCsv, { exact: true }).fill(csv);
    await this.page.getByRole('button', { name: this.#names.importSeats, exact: true }).click();
    return this.#outcome(this.#names.importSeats);
  }

  async listedEmails(): Promise<readonly string[]> {
    await this.goto();
    const cells = (await this.page.getByRole('cell').allInnerTexts()).map((text) => text.trim());
    return cells.filter((text) => EMAIL_IN_CELL.test(text));
  }

  async #outcome(pressed: string): Promise<SaveOutcome> {
    const done = this.page.getByRole('status').first();
    const refused = this.page.getByRole('alert').first();
    await expect(
      done.or(refused).first(),
      `after "${pressed}" the page shows a confirmation (role=status) or a refusal (role=alert)`,
    ).toBeVisible();
    if (!(await refused.isVisible())) return { saved: true };
    const alert = (await this.page.getByRole('alert').allInnerTexts()).join(' | ').replace(/\s+/g, ' ').trim();
    return { saved: false, alert, invalidFields: [] };
  }
}
