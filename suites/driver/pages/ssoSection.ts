// Account parameters → IdP and SSO of any portal, as the customer's admin uses it: controls by
// accessible name (the target's names), outcomes by ARIA role (role=alert refused, role=note warns,
// role=switch is the Enable toggle, aria-invalid marks the field to fix).
import { expect, type Locator, type Page } from '@playwright/test';
import type { ProvisionedAccount } from '../../../lib/index.ts';
import type { TargetCapabilities } from '../../target/capabilities.ts';
import type {
  IdpUserExportFile,
  OidcSetup,
  SamlSetup,
  SaveOutcome,
  SeatAuditRow,
  SsoSectionObject,
  TestSsoResult,
} from '../portalDriver.ts';
import { VENDOR_OPTION, type NameKey, type Names } from '../reference/names.ts';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The harness's kind for a seat audit item's text, from the target's words for each kind (longest word first). */
export function seatAuditKindIn(text: string, words: ReadonlyMap<string, string> | undefined): string | undefined {
  if (!words) return undefined;
  for (const [word, kind] of [...words].sort(([a], [b]) => b.length - a.length)) {
    if (new RegExp(`(^|[^\\w-])${escapeRegExp(word)}([^\\w-]|$)`, 'i').test(text)) return kind;
  }
  return undefined;
}

export class SsoSection implements SsoSectionObject {
  readonly heading: Locator;
  readonly saveButton: Locator;
  readonly testSsoButton: Locator;
  readonly enableSwitch: Locator;
  readonly testSsoResultHeading: Locator;
  readonly #page: Page;
  readonly #names: Names;
  readonly #account: ProvisionedAccount;
  readonly #capabilities: TargetCapabilities;

  constructor(page: Page, names: Names, account: ProvisionedAccount, capabilities: TargetCapabilities) {
    this.#page = page;
    this.#names = names;
    this.#account = account;
    this.#capabilities = capabilities;
    this.heading = page.getByRole('heading', { name: names.ssoHeading, exact: true });
    this.saveButton = page.getByRole('button', { name: names.saveSso, exact: true });
    this.testSsoButton = page.getByRole('button', { name: names.testSso, exact: true });
    // A role=switch, or a checkbox, named enableSwitch.
    this.enableSwitch = page
      .getByRole('switch', { name: names.enableSwitch, exact: true })
      .or(page.getByRole('checkbox', { name: names.enableSwitch, exact: true }))
      .first();
    this.testSsoResultHeading = page.getByRole('heading', { name: names.testSsoResult, exact: true });
  }

  #field(name: NameKey): Locator {
    return this.#page.getByLabel(this.#names[name], { exact: true });
  }

  #radio(name: NameKey): Locator {
    return this.#page.getByRole('radio', { name: this.#names[name], exact: true });
  }

  #onSection(): boolean {
    const here = new URL(this.#page.url());
    const section = new URL(this.#account.urls.accountParameters);
    return here.origin === section.origin && here.pathname === section.pathname;
  }

  async goto(): Promise<void> {
    await this.#page.goto(this.#account.urls.accountParameters);
    await expect(this.heading).toBeVisible();
  }

  async configureSaml(setup: SamlSetup): Promise<SaveOutcome> {
    await this.#radio('protocolSaml').check();
    await this.#field('vendorSelect').selectOption({ label: this.#names[VENDOR_OPTION[setup.vendor]] });
    if ('manual' in setup) {
      await this.#radio('metadataManual').check();
      await this.#field('idpEntityId').fill(setup.manual.entityId);
      await this.#field('idpSsoUrl').fill(setup.manual.ssoUrl);
      await this.#field('idpCertificate').fill(setup.manual.certificatePem);
    } else {
      await this.#radio('metadataFromUrl').check();
      await this.#field('metadataUrl').fill(setup.metadataUrl);
    }
    if (setup.clockSkewSeconds !== undefined) await this.#field('clockSkew').fill(String(setup.clockSkewSeconds));
    await this.#field('requireSignedResponse').setChecked(setup.requireSignedResponse);
    await this.#field('requireSignedAssertion').setChecked(setup.requireSignedAssertion);
    await this.#field('allowIdpInitiated').setChecked(setup.allowIdpInitiated ?? false);
    return this.#save();
  }

  async configureOidc(setup: OidcSetup): Promise<SaveOutcome> {
    await this.#radio('protocolOidc').check();
    await this.#field('vendorSelect').selectOption({ label: this.#names[VENDOR_OPTION[setup.vendor]] });
    await this.#field('issuer').fill(setup.issuer);
    await this.#field('clientId').fill(setup.clientId);
    await this.#field('clientSecret').fill(setup.clientSecret);
    if (setup.emailClaim !== undefined) await this.#field('emailClaim').fill(setup.emailClaim);
    if (setup.hostedDomain !== undefined) await this.#field('hostedDomain').fill(setup.hostedDomain);
    if (setup.clockSkewSeconds !== undefined) await this.#field('clockSkew').fill(String(setup.clockSkewSeconds));
    return this.#save();
  }

  async #save(): Promise<SaveOutcome> {
    await this.saveButton.click();
    // A saved configuration is confirmed in words; a refused one shows the field errors (role=alert).
    const saved = this.#page.getByText(this.#names.ssoSaved).first();
    const problem = this.#page.getByRole('alert').first();
    await expect(
      saved.or(problem).first(),
      `after "${this.#names.saveSso}" the page shows neither "${this.#names.ssoSaved}" nor an alert`,
    ).toBeVisible();
    if (await saved.isVisible()) return { saved: true };
    const alert = (await this.#page.getByRole('alert').allInnerTexts()).join(' | ').replace(/\s+/g, ' ').trim();
    const invalidFields = await this.#page
      .locator('[aria-invalid="true"]')
      .evaluateAll((fields) =>
        fields.map(
          (field) =>
            (field as HTMLInputElement).labels?.[0]?.textContent?.replace(/\s+/g, ' ').trim() ?? field.getAttribute('name') ?? field.id,
        ),
      );
    return { saved: false, alert, invalidFields };
  }

  async expectShown(value: string, what: string): Promise<void> {
    await expect
      .poll(
        () =>
          this.#page.evaluate(
            (wanted) =>
              document.body.innerText.includes(wanted) ||
              [...document.querySelectorAll('input, textarea')].some((field) => (field as HTMLInputElement).value === wanted),
            value,
          ),
        { message: `the IdP and SSO section shows the ${what} to register at the IdP (${value})` },
      )
      .toBe(true);
  }

  async startTestSso(): Promise<void> {
    await this.goto();
    await this.testSsoButton.click();
  }

  async testSsoResult(): Promise<TestSsoResult> {
    await expect(this.testSsoResultHeading).toBeVisible();
    const alerts = await this.#page.getByRole('alert').allInnerTexts();
    const passed = alerts.length === 0 && (await this.#page.getByText(this.#names.testSsoPassed).first().isVisible());
    const warnings = (await this.#page.getByRole('note').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    return { passed, warnings, alert: alerts.join(' | ').replace(/\s+/g, ' ').trim() };
  }

  async expectTestSsoPassed(): Promise<void> {
    await expect(this.#page.getByText(this.#names.testSsoPassed).first()).toBeVisible();
    await expect(this.#page.getByRole('alert'), 'Test SSO passed, so nothing is refused').toHaveCount(0);
  }

  async expectTestSsoFailed(): Promise<void> {
    await expect(this.#page.getByRole('alert').filter({ hasText: this.#names.testSsoFailed }).first()).toBeVisible();
  }

  #confirmation(): { confirm: Locator; anyway: Locator; warnings: Locator } {
    const page = this.#page;
    return {
      confirm: page.getByRole('button', { name: this.#names.enableConfirm, exact: true }),
      anyway: page.getByRole('button', { name: this.#names.enableAnyway, exact: true }),
      warnings: page
        .getByRole('alert')
        .filter({ has: page.getByRole('heading', { name: this.#names.enableWarnings, exact: true }) })
        .getByRole('listitem'),
    };
  }

  async enableSso(): Promise<readonly string[]> {
    await this.goto();
    await this.enableSwitch.click();
    const { confirm, anyway, warnings } = this.#confirmation();
    const button = confirm.or(anyway).first();
    await expect(
      button,
      `after "${this.#names.enableSwitch}" the portal asks for confirmation ("${this.#names.enableConfirm}" or "${this.#names.enableAnyway}")`,
    ).toBeVisible();
    const listed = (await warnings.allInnerTexts()).map((item) => item.trim());
    await button.click();
    await this.expectSsoEnabled(true);
    return listed;
  }

  async enableSsoAnyway(): Promise<readonly string[]> {
    await this.goto();
    await this.enableSwitch.click();
    const { anyway, warnings } = this.#confirmation();
    await expect(warnings.first(), `the Enable SSO confirmation lists no warning under "${this.#names.enableWarnings}"`).toBeVisible();
    const listed = (await warnings.allInnerTexts()).map((item) => item.trim());
    await anyway.click();
    await this.expectSsoEnabled(true);
    return listed;
  }

  async disableSso(): Promise<void> {
    await this.goto();
    await expect(this.enableSwitch, 'SSO is on before it is turned off').toBeChecked();
    await this.enableSwitch.click();
    const { confirm } = this.#confirmation();
    const off = this.enableSwitch.and(this.#page.locator('[aria-checked="false"], input:not(:checked)'));
    await expect(
      confirm.or(off).first(),
      `after "${this.#names.enableSwitch}" the switch is off, or the portal asks for confirmation ("${this.#names.enableConfirm}")`,
    ).toBeVisible();
    if (await confirm.isVisible()) await confirm.click();
    await this.expectSsoEnabled(false);
  }

  async expectSsoEnabled(enabled: boolean): Promise<void> {
    if (!this.#onSection()) await this.goto();
    await expect(this.enableSwitch).toBeChecked({ checked: enabled });
  }

  async seatAudit(): Promise<readonly SeatAuditRow[]> {
    await this.goto();
    const items = this.#page.getByRole('list', { name: this.#names.seatAuditFindings, exact: true }).getByRole('listitem');
    const texts = (await items.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    const blocking = new RegExp(`(^|\\W)${escapeRegExp(this.#names.seatAuditBlocking)}(\\W|$)`, 'i');
    return texts.map((text) => ({ text, blocking: blocking.test(text), kind: seatAuditKindIn(text, this.#capabilities.seatAuditKinds) }));
  }

  async uploadIdpUserExport(file: IdpUserExportFile): Promise<void> {
    await this.goto();
    await this.#field('idpUserExportFile').setInputFiles({
      name: file.fileName,
      mimeType: 'text/csv',
      buffer: Buffer.from(file.csv, 'utf8'),
    });
    await this.#page.getByRole('button', { name: this.#names.uploadIdpUserExport, exact: true }).click();
    const done = this.#page.getByText(this.#names.idpUserExportUploaded).first();
    const problem = this.#page.getByRole('alert').first();
    await expect(done.or(problem).first()).toBeVisible();
    if (!(await done.isVisible()))
      throw new Error(
        `The portal did not take the IdP user export ${file.fileName}: ${(await this.#page.getByRole('alert').allInnerTexts()).join(' | ')}`,
      );
  }

  async visibleConfiguration(): Promise<Readonly<Record<string, string | boolean>>> {
    await this.goto();
    const text = async (name: NameKey): Promise<string> => this.#field(name).inputValue();
    const checked = async (name: NameKey): Promise<boolean> => this.#field(name).isChecked();
    return {
      saml: await this.#radio('protocolSaml').isChecked(),
      vendor: await this.#field('vendorSelect').inputValue(),
      metadataUrl: await text('metadataUrl'),
      requireSignedResponse: await checked('requireSignedResponse'),
      requireSignedAssertion: await checked('requireSignedAssertion'),
      allowIdpInitiated: await checked('allowIdpInitiated'),
      clockSkew: await text('clockSkew'),
      issuer: await text('issuer'),
      clientId: await text('clientId'),
      emailClaim: await text('emailClaim'),
    };
  }
}
