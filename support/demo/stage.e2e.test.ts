// The demo is wired for trying SSO by hand: the seats are the IdP's users and the SP is registered
// at the persona, so with the values it prints, a user's SSO login ends signed in (not at
// no-seat-for-email), and the IdP's login page shows the test password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAS } from '../../mock-idps/index.ts';
import { postedResponse, samlSignIn as signIn, TestBrowser } from '../../mock-idps/testing/index.ts';
import type { SamlPersona } from '../../mock-idps/index.ts';
import { saveSsoConfiguration } from '../repro/portalApi.ts';
import { startDemo, type Demo } from './stage.ts';

let demo: Demo;
beforeAll(async () => {
  demo = await startDemo();
}, 60_000);
afterAll(async () => {
  await demo?.close();
});

describe('sso-harness demo', () => {
  it('prints, per persona, what to enter; Okta SAML with those values lets the user in over SSO', async () => {
    const okta = demo.personas.find((persona) => persona.id === 'okta-saml')!;
    const metadataUrl = okta.enter.find(([label]) => label === 'IdP metadata URL')![1];
    expect(demo.personas.map((persona) => persona.id)).toEqual([
      'entra-saml',
      'entra-oidc',
      'okta-saml',
      'okta-oidc',
      'google-saml',
      'google-oidc',
      'auth0-saml',
      'auth0-oidc',
    ]);
    await saveSsoConfiguration(demo.portal, demo.account.accountId, {
      protocol: 'saml',
      vendor: 'okta',
      metadataSource: 'url',
      metadataUrl,
      requireSignedResponse: false,
      requireSignedAssertion: true,
      enabled: true,
    });

    const browser = new TestBrowser();
    const atIdp = await browser.request(demo.account.urls.sp.signOnUrl);
    expect(atIdp.html).toContain(`every test user's password is <code>${demo.idpPassword}</code>`);
    const done = await signIn(browser, PERSONAS['okta-saml'] as SamlPersona, atIdp, demo.user.idpLogin.email, demo.idpPassword);
    const posted = postedResponse(done);
    expect(posted, 'the IdP answered with a SAMLResponse for the portal').toBeDefined();
    const home = await browser.request(posted!.acs, {
      form: { SAMLResponse: posted!.samlResponse, ...(posted!.relayState ? { RelayState: posted!.relayState } : {}) },
    });
    expect(home.status).toBe(200);
    expect(home.html).toContain(demo.user.email);
  }, 60_000);
});
