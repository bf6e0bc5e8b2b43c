// Foundation check of the reference portal in Debian Chromium: an admin logs in with a password,
// opens Account parameters → IdP and SSO, saves a SAML configuration entered by hand, and reads
// the links to configure on the IdP side.
import { randomBytes } from 'node:crypto';
import { generateTestKeyPair } from '../../lib/x509.ts';
import { expect, test } from '../fixtures.ts';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

test('an admin saves a manual SAML configuration and reads the links to configure on the IdP side', async ({ page, target, evidence }) => {
  // A domain of its own: the worker's portal holds other tests' accounts too.
  const ADMIN = { name: 'Ada Admin', email: `ada@fabrikam-${randomBytes(4).toString('hex')}.example`, password: `fabrikam-${randomBytes(9).toString('base64url')}-TEST` };
  evidence.record('password', ADMIN.password);
  const account = await target.provisionAccount({ name: 'Fabrikam', seats: [{ ...ADMIN, role: 'admin' }] });
  const idpSigning = generateTestKeyPair({ commonName: 'Fabrikam Entra ID signing (TEST ONLY)' });

  await test.step('log in as admin with a password', async () => {
    await page.goto(`${target.portalUrl}/login`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('heading', { name: `Welcome, ${ADMIN.name}` })).toBeVisible();
  });

  const section = page.getByRole('region', { name: 'IdP and SSO' });
  await test.step('open Account parameters → IdP and SSO', async () => {
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Account parameters' }).click();
    await page.getByRole('link', { name: 'IdP and SSO' }).click();
    await expect(section.getByRole('heading', { name: 'IdP and SSO' })).toBeVisible();
    await expect(section.getByRole('switch', { name: 'Enable SSO' })).toBeDisabled();
  });

  await test.step('save a SAML 2.0 configuration entered manually', async () => {
    await section.getByRole('radio', { name: 'SAML 2.0' }).check();
    await section.getByLabel('Vendor preset').selectOption({ label: 'Microsoft Entra ID' });
    await section.getByRole('radio', { name: 'Enter the IdP values manually' }).check();
    await section.getByLabel('IdP entity ID').fill(`https://sts.windows.net/${TENANT}/`);
    await section.getByLabel('IdP SSO URL').fill(`https://login.microsoftonline.com/${TENANT}/saml2`);
    await section.getByLabel('IdP signing certificate').fill(idpSigning.certificatePem);
    await section.getByRole('checkbox', { name: 'Require a signed assertion' }).check();
    await section.getByRole('button', { name: 'Save SSO configuration' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'SSO configuration saved' })).toBeVisible();
    await expect(page.locator('#sso-status')).toContainText('Configuration version 1 (SAML 2.0, Microsoft Entra ID)');
  });

  await test.step('read the links to configure on the IdP side', async () => {
    const links = page.getByRole('region', { name: 'Links to configure on the IdP side' });
    const sp = `${target.portalUrl}/sso/${account.accountId}`;
    await expect(links.getByLabel('Identifier (Entity ID)')).toHaveValue(`${sp}/saml/metadata`);
    await expect(links.getByLabel('Reply URL (Assertion Consumer Service URL)')).toHaveValue(`${sp}/saml/acs`);
    await expect(links.getByLabel('Sign on URL')).toHaveValue(`${sp}/start`);
    const metadata = await page.request.get(await links.getByRole('link', { name: 'Download the SP metadata' }).getAttribute('href') ?? '');
    expect(metadata.status()).toBe(200);
    expect(await metadata.text()).toContain(`Location="${sp}/saml/acs"`);
  });

  await test.step('SSO stays off until the admin enables it', async () => {
    await expect(section.getByRole('switch', { name: 'Enable SSO' })).not.toBeChecked();
    await expect(section.getByRole('switch', { name: 'Enable SSO' })).toBeEnabled();
  });
});
