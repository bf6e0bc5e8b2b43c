// Account parameters → "IdP and SSO" of the reference portal, as the customer's admin uses it.
import { expect, type Locator, type Page } from '@playwright/test';
import type { IdpUserExportFile, OidcSetup, SamlSetup, SeatAuditRow, SsoSectionObject } from '../portalDriver.ts';
import { VENDOR_PRESET_LABELS, type Names } from './names.ts';

export class SsoSection implements SsoSectionObject {
  readonly heading: Locator;
  readonly saveButton: Locator;
  readonly testSsoButton: Locator;
  readonly enableSwitch: Locator;
  readonly testSsoResultHeading: Locator;
  readonly #page: Page;
  readonly #names: Names;

  constructor(page: Page, names: Names) {
    this.#page = page;
    this.#names = names;
    this.heading = page.getByRole('heading', { name: names.ssoHeading, exact: true });
    this.saveButton = page.getByRole('button', { name: names.saveSso, exact: true });
    this.testSsoButton = page.getByRole('button', { name: names.testSso, exact: true });
    this.enableSwitch = page.getByRole('switch', { name: names.enableSwitch, exact: true });
    this.testSsoResultHeading = page.getByRole('heading', { name: names.testSsoResult, exact: true });
  }

  #label(name: keyof Names): Locator {
    return this.#page.getByLabel(this.#names[name], { exact: true });
  }

  async goto(): Promise<void> {
    await this.#page.goto('/account');
    await expect(this.heading).toBeVisible();
  }

  async configureSaml(setup: SamlSetup): Promise<void> {
    await this.#page.getByRole('radio', { name: this.#names.protocolSaml, exact: true }).check();
    await this.#label('vendorSelect').selectOption({ label: VENDOR_PRESET_LABELS[setup.vendor] });
    await this.#page.getByRole('radio', { name: this.#names.metadataFromUrl, exact: true }).check();
    await this.#label('metadataUrl').fill(setup.metadataUrl);
    await this.#label('requireSignedResponse').setChecked(setup.requireSignedResponse);
    await this.#label('requireSignedAssertion').setChecked(setup.requireSignedAssertion);
    await this.#label('allowIdpInitiated').setChecked(setup.allowIdpInitiated ?? false);
    if (setup.clockSkewSeconds !== undefined) await this.#label('clockSkew').fill(String(setup.clockSkewSeconds));
    await this.#save();
  }

  async configureOidc(setup: OidcSetup): Promise<void> {
    await this.#page.getByRole('radio', { name: this.#names.protocolOidc, exact: true }).check();
    await this.#label('vendorSelect').selectOption({ label: VENDOR_PRESET_LABELS[setup.vendor] });
    await this.#label('issuer').fill(setup.issuer);
    await this.#label('clientId').fill(setup.clientId);
    await this.#label('clientSecret').fill(setup.clientSecret);
    if (setup.emailClaim !== undefined) await this.#label('emailClaim').fill(setup.emailClaim);
    await this.#save();
  }

  async #save(): Promise<void> {
    await this.saveButton.click();
    // A saved configuration shows the links; a refused one shows the field errors instead.
    const links = this.#page.getByRole('heading', { name: 'Links to configure on the IdP side' });
    const problem = this.#page.getByRole('alert');
    await expect(links.or(problem).first()).toBeVisible();
    if (!(await links.isVisible())) {
      throw new Error(`The portal refused the SSO configuration: ${(await problem.allInnerTexts()).join(' | ')}`);
    }
  }

  async idpSideLink(consoleFieldName: string): Promise<string> {
    const field = this.#page.getByLabel(consoleFieldName, { exact: true });
    await expect(field, `the portal shows no link labelled "${consoleFieldName}" (the name the vendor console uses)`).toBeVisible();
    return field.inputValue();
  }

  async startTestSso(): Promise<void> {
    await this.goto();
    await this.testSsoButton.click();
  }

  async expectTestSsoPassed(): Promise<void> {
    await expect(this.#page.getByRole('status').filter({ hasText: this.#names.testSsoPassed })).toBeVisible();
  }

  async expectTestSsoFailed(reason: string): Promise<void> {
    const alert = this.#page.getByRole('alert').filter({ hasText: this.#names.testSsoFailed });
    await expect(alert).toBeVisible();
    await expect(this.#page.getByText(reason, { exact: true }).first()).toBeVisible();
  }

  async enableSso(): Promise<void> {
    await this.goto();
    await this.enableSwitch.click();
    await this.#page.getByRole('button', { name: this.#names.enableConfirm }).click();
    await this.expectSsoEnabled(true);
  }

  async enableSsoAnyway(): Promise<readonly string[]> {
    await this.goto();
    await this.enableSwitch.click();
    const warnings = this.#page.getByRole('alert').filter({ has: this.#page.getByRole('heading', { name: this.#names.enableWarnings, exact: true }) });
    await expect(warnings, 'the Enable SSO confirmation lists no warning').toBeVisible();
    const items = await warnings.getByRole('listitem').allInnerTexts();
    await this.#page.getByRole('button', { name: this.#names.enableAnyway, exact: true }).click();
    await this.expectSsoEnabled(true);
    return items.map((item) => item.trim());
  }

  async seatAudit(): Promise<readonly SeatAuditRow[]> {
    await this.goto();
    const rows = this.#page.getByRole('list', { name: this.#names.seatAuditFindings, exact: true }).getByRole('listitem');
    // Each row reads "[Blocking:] <code>kind</code> email: message".
    const shown = await rows.evaluateAll((items) => items.map((item) => ({
      blocking: item.querySelector('strong') !== null,
      kind: item.querySelector('code')?.textContent?.trim() ?? '',
      text: item.textContent?.trim() ?? '',
    })));
    return shown.map(({ blocking, kind, text }) => {
      const rest = text.slice(text.indexOf(kind) + kind.length).trim();
      const colon = rest.indexOf(': ');
      return { kind, blocking, email: colon < 0 ? rest : rest.slice(0, colon), message: colon < 0 ? '' : rest.slice(colon + 2) };
    });
  }

  async uploadIdpUserExport(file: IdpUserExportFile): Promise<void> {
    await this.goto();
    await this.#label('idpUserExportFile').setInputFiles({ name: file.fileName, mimeType: 'text/csv', buffer: Buffer.from(file.csv, 'utf8') });
    await this.#page.getByRole('button', { name: this.#names.uploadIdpUserExport, exact: true }).click();
    const done = this.#page.getByRole('status').filter({ hasText: this.#names.idpUserExportUploaded });
    const problem = this.#page.getByRole('alert');
    await expect(done.or(problem).first()).toBeVisible();
    if (!(await done.isVisible())) throw new Error(`The portal did not take the IdP user export ${file.fileName}: ${(await problem.allInnerTexts()).join(' | ')}`);
  }

  async expectSsoEnabled(enabled: boolean): Promise<void> {
    if (!this.#page.url().endsWith('/account')) await this.goto();
    await expect(this.enableSwitch).toHaveAttribute('aria-checked', enabled ? 'true' : 'false');
  }

  async visibleConfiguration(): Promise<Readonly<Record<string, string | boolean>>> {
    await this.goto();
    const text = async (name: keyof Names): Promise<string> => this.#label(name).inputValue();
    const checked = async (name: keyof Names): Promise<boolean> => this.#label(name).isChecked();
    return {
      saml: await this.#page.getByRole('radio', { name: this.#names.protocolSaml, exact: true }).isChecked(),
      vendor: await this.#label('vendorSelect').inputValue(),
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
