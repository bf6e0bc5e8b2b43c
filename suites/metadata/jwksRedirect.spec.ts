// The JWKS URL of the IdP's discovery document is where the keys that verify ID tokens come from.
// If the portal follows a redirect of that URL to another host, whoever answers the redirect (a
// hijacked or expired domain, an open redirect at the IdP) chooses the keys, and so who can log in.
// Here the IdP's JWKS URL answers 302 to the very same key set on another host name of this
// machine: a portal that follows the redirect verifies the IdP's real signature and passes Test
// SSO; a portal that stays on the JWKS host refuses it (or refuses the settings, if it reads the
// JWKS when they are saved).
import type { OidcPersonaId } from '../../mock-idps/index.ts';
import { PERSONAS } from '../../mock-idps/index.ts';
import { expect, test } from '../fixtures.ts';
import { ssoSetUp } from '../flows/ssoSetUp.ts';
import { throughIdp } from '../idp/idpSignIn.ts';
import { RULE } from '../login/ruleTags.ts';

const personaId: OidcPersonaId = 'okta-oidc';
const persona = PERSONAS[personaId];

/** The JWKS URL the IdP's discovery document names, and the same URL on the other host name of this machine. */
async function jwksUrls(discoveryUrl: string): Promise<{ jwks: URL; elsewhere: URL }> {
  const response = await fetch(discoveryUrl);
  expect(response.ok, `the IdP's discovery document ${discoveryUrl} answered HTTP ${response.status}`).toBe(true);
  const jwks = new URL(((await response.json()) as { jwks_uri: string }).jwks_uri);
  const elsewhere = new URL(jwks);
  elsewhere.hostname = jwks.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return { jwks, elsewhere };
}

test(
  'IdP keys: a redirect of the JWKS URL to another host is not followed (Test SSO fails)',
  { tag: RULE.metadataRedirects },
  async ({ account, idp, driver }) => {
    test.info().annotations.push(
      { type: 'caught-defect', description: 'jwks-redirect-any-host' },
      { type: 'persona', description: persona.id },
      {
        type: 'spec',
        description:
          "OWASP ASVS 4.0.3 §12.6.1 / §5.2.6 (server-side requests to configured, trusted hosts only); OpenID Connect Discovery 1.0 §3 (jwks_uri) and Core §10.1.1 (keys from the issuer's jwks_uri)",
      },
    );
    const { jwks, elsewhere } = await jwksUrls(idp.oidcUrls(personaId).discoveryUrl);
    await idp.redirectOidcJwks(elsewhere.href);
    test.info().annotations.push({ type: 'IdP JWKS', description: `${jwks.host} answers 302 to ${elsewhere.host} (same path, same keys)` });

    const setUp = ssoSetUp(driver, idp, persona);
    await driver.login.logInWithPassword(account.admin.email, account.admin.password);
    await setUp.createOidcAppAtIdp();
    const saved = await setUp.trySavingIdpConfiguration();
    test.info().annotations.push({ type: 'portal answer to the save', description: saved.saved ? 'saved' : saved.alert });
    // A portal that reads the JWKS when the settings are saved refuses them here, as the rule asks.
    if (!saved.saved) return;
    await setUp.registerAtIdp();
    await driver.sso.startTestSso();
    await throughIdp(driver.page, persona.loginFlow, account.admin.idpUser, driver.sso.testSsoResultHeading);
    const result = await driver.sso.testSsoResult();
    test.info().annotations.push({ type: 'Test SSO', description: result.passed ? 'passed' : result.alert });
    expect(
      result.passed,
      `Test SSO passed: the portal verified the ID token with keys fetched from ${elsewhere.host} after a redirect of the JWKS URL`,
    ).toBe(false);
  },
);
