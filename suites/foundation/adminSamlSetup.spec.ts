// Foundation check, through the target: an admin logs in with a password, opens Account parameters
// → IdP and SSO, saves a SAML configuration entered by hand, and finds there the SP values to
// register at the IdP; the SP metadata names the same ACS; SSO stays off until enabled.
import { randomBytes } from 'node:crypto';
import { generateTestKeyPair } from '../../lib/index.ts';
import { expect, test } from '../fixtures.ts';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

test('an admin saves a manual SAML configuration and finds the SP values to register at the IdP', async ({ page, target, evidence }) => {
  // A domain of its own: the worker's portal holds other tests' accounts too.
  const ADMIN = {
    name: 'Ada Admin',
    email: `ada@fabrikam-${randomBytes(4).toString('hex')}.example`,
    password: `fabrikam-${randomBytes(9).toString('base64url')}-TEST`,
  };
  evidence.record('password', ADMIN.password);
  const account = await target.provisionAccount({ name: 'Fabrikam', seats: [{ ...ADMIN, role: 'admin' }] });
  const driver = target.driver(page, account);
  const idpSigning = generateTestKeyPair({ commonName: 'Fabrikam Entra ID signing (TEST ONLY)' });
  const sp = account.urls.sp;

  await test.step('log in as admin with a password', async () => {
    await driver.login.logInWithPassword(ADMIN.email, ADMIN.password);
    await driver.home.expectSignedIn(ADMIN.email, 'password');
  });

  await test.step('open Account parameters → IdP and SSO: SSO is off', async () => {
    await driver.sso.goto();
    await expect(driver.sso.enableSwitch).not.toBeChecked();
  });

  await test.step('save a SAML 2.0 configuration entered manually', async () => {
    const outcome = await driver.sso.configureSaml({
      vendor: 'entra',
      manual: {
        entityId: `https://sts.windows.net/${TENANT}/`,
        ssoUrl: `https://login.microsoftonline.com/${TENANT}/saml2`,
        certificatePem: idpSigning.certificatePem,
      },
      requireSignedResponse: false,
      requireSignedAssertion: true,
    });
    expect(outcome, 'the portal saves the configuration').toEqual({ saved: true });
    expect((await driver.accountState()).sso).toMatchObject({ enabled: false, protocol: 'saml' });
  });

  await test.step('the section shows the SP values to register at the IdP, and the SP metadata names the ACS', async () => {
    await driver.sso.goto();
    await driver.sso.expectShown(sp.entityId, 'SP entity ID');
    await driver.sso.expectShown(sp.acsUrl, 'ACS URL');
    const metadata = await page.request.get(sp.metadataUrl);
    expect(metadata.status()).toBe(200);
    const xml = await metadata.text();
    const attribute = (name: string, value: string): RegExp =>
      new RegExp(`\\s${name}\\s*=\\s*["']${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']`);
    expect(xml, 'the SP metadata names the SP entity ID').toMatch(attribute('entityID', sp.entityId));
    expect(xml, 'the SP metadata names the ACS URL').toMatch(attribute('Location', sp.acsUrl));
  });

  await test.step('SSO stays off until the admin enables it', async () => {
    await expect(driver.sso.enableSwitch).not.toBeChecked();
    expect((await driver.accountState()).sso.enabled).toBe(false);
  });
});
