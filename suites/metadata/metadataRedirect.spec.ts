// The IdP metadata URL the admin enters is where the account's IdP certificate comes from. If the
// portal follows a redirect of that URL to another host, whoever answers the redirect (a hijacked
// or expired domain, an open redirect at the IdP) chooses the certificate the account trusts.
// Here the IdP's metadata URL answers 302 to the metadata of another IdP tenant (the attacker's)
// on another host name of this machine; saving the metadata URL must be refused.
import type { SamlPersonaId } from '../../mock-idps/index.ts';
import { PERSONAS } from '../../mock-idps/index.ts';
import { expect, test } from '../fixtures.ts';
import { newIdpTenant } from '../flows/testAccount.ts';
import { ssoSetUp } from '../flows/ssoSetUp.ts';
import { RULE } from '../login/ruleTags.ts';

const personaId: SamlPersonaId = 'okta-saml';
const persona = PERSONAS[personaId];

test(
  'IdP metadata: a redirect of the metadata URL to another host is not followed (the save is refused)',
  { tag: RULE.metadataRedirects },
  async ({ target, account, idp, driver }) => {
    test.info().annotations.push(
      { type: 'caught-defect', description: 'metadata-redirect-any-host' },
      { type: 'persona', description: persona.id },
      {
        type: 'spec',
        description:
          'OWASP ASVS 4.0.3 §12.6.1 / §5.2.6 (server-side requests to configured, trusted hosts only); SAML metadata-iop §2.1 (metadata is trusted by how it was obtained)',
      },
    );
    const attacker = await newIdpTenant(target);
    try {
      const elsewhere = new URL(attacker.samlUrls(personaId).metadataUrl);
      elsewhere.hostname = elsewhere.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
      await idp.redirectSamlMetadata(elsewhere.href);
      await driver.login.logInWithPassword(account.admin.email, account.admin.password);
      const outcome = await ssoSetUp(driver, idp, persona).trySavingIdpConfiguration();
      test.info().annotations.push({ type: 'portal answer', description: outcome.saved ? 'saved' : outcome.alert });
      expect(outcome.saved, `the portal saved the metadata URL whose answer is a redirect to ${elsewhere.host} (another host)`).toBe(false);
    } finally {
      await attacker.reset();
      await attacker.delete();
    }
  },
);
