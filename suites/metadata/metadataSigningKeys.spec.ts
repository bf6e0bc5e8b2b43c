// What the portal takes from IdP metadata: the certificates listed for signing, and only those.
// IdPs such as ADFS and Shibboleth also list an encryption certificate (KeyDescriptor
// use="encryption"); a portal that trusts every certificate of the metadata accepts signatures by
// that key, which is held, rotated and protected as an encryption key, not as the IdP's signing key.
// Here the metadata lists, for encryption, a certificate whose key the attacker holds. The admin
// saves the metadata URL and passes Test SSO (signed with the signing key); then a response signed
// with the encryption certificate's key (its certificate in KeyInfo) must fail Test SSO.
import { PERSONAS } from '../../mock-idps/index.ts';
import { expect, test } from '../fixtures.ts';
import { setUpAndPassTestSso } from '../flows/ssoSetUp.ts';
import { throughIdp } from '../idp/idpSignIn.ts';
import { RULE } from '../login/ruleTags.ts';

const persona = PERSONAS['okta-saml'];

test(
  'IdP metadata: a certificate it lists for encryption never verifies a signature',
  { tag: RULE.metadataSigningKeys },
  async ({ account, idp, driver }) => {
    test.info().annotations.push(
      { type: 'caught-defect', description: 'metadata-trusts-encryption-keys' },
      { type: 'persona', description: persona.id },
      {
        type: 'spec',
        description:
          "SAML metadata 2.0 §2.4.1.1 (KeyDescriptor use: signing or encryption); SAML profiles §4.1.4.3 (the signature verifies with the IdP's signing key)",
      },
    );
    await test.step("the IdP's metadata lists an encryption certificate besides its signing one; the admin saves its URL and passes Test SSO", async () => {
      await idp.publishSamlEncryptionKey();
      await setUpAndPassTestSso(driver, idp, persona, account.admin);
    });

    await test.step("a response signed with the encryption certificate's key: Test SSO fails", async () => {
      await idp.use('saml.keyinfo-attacker-cert', { persona: persona.id });
      await driver.sso.startTestSso();
      await throughIdp(driver.page, persona.loginFlow, account.admin.idpUser, driver.sso.testSsoResultHeading);
      const result = await driver.sso.testSsoResult();
      expect(result.passed, "Test SSO passed with a response signed by the key of the metadata's encryption certificate").toBe(false);
    });
  },
);
