// End to end over loopback HTTP: an independent SP (@node-saml/node-saml) sends AuthnRequests
// to each SAML persona, a person signs in through the vendor's login flow, and the SP validates
// what comes back. Plus the vendor error pages and the IdP session (second login = redirects).
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdpControlClient, TEST_USER_PASSWORD, type SamlPersonaId } from '../control/client.ts';
import { SAML_PERSONAS } from '../personas/index.ts';
import { startIdpServer, type IdpServer } from '../server.ts';
import type { SamlPersona } from '../types.ts';
import { postedResponse, signIn, TestBrowser } from './testing/browser.ts';

let server: IdpServer;
beforeAll(async () => {
  server = await startIdpServer();
});
afterAll(async () => {
  await server.close();
});

const SP_ENTITY_ID = 'http://127.0.0.1:4000/sso/acme';
const ACS = 'http://127.0.0.1:4000/sso/acme/saml/acs';

async function setUp(persona: SamlPersona, registration = { entityId: SP_ENTITY_ID, acsUrls: [ACS] }) {
  const idp = await IdpControlClient.createTenant(server.controlUrl);
  await idp.registerSamlApp(persona.id as SamlPersonaId, registration);
  const urls = idp.samlUrls(persona.id as SamlPersonaId);
  const { current } = await idp.signingCertificates(persona.id);
  const scope = persona.signing.scope;
  const sp = (binding: 'HTTP-Redirect' | 'HTTP-POST' = 'HTTP-Redirect', issuer = SP_ENTITY_ID, callbackUrl = ACS) =>
    new SAML({
      entryPoint: urls.ssoUrl,
      issuer,
      callbackUrl,
      audience: SP_ENTITY_ID,
      idpCert: current.certificatePem,
      wantAssertionsSigned: scope === 'assertion' || scope === 'both',
      wantAuthnResponseSigned: scope === 'response' || scope === 'both',
      validateInResponseTo: ValidateInResponseTo.always,
      authnRequestBinding: binding,
      acceptedClockSkewMs: 5000,
      skipRequestCompression: binding === 'HTTP-POST',
    });
  return { idp, urls, sp };
}

async function bob(idp: IdpControlClient): Promise<string> {
  return (await idp.userByRole('ordinary')).email;
}

describe.each(SAML_PERSONAS.map((p) => [p.id, p] as const))('%s over HTTP', (_id, persona) => {
  it('SP-initiated (HTTP-Redirect): login page, vendor flow, auto-POST; a strict node-saml SP accepts; the second login is a redirect chain', async () => {
    const { idp, sp } = await setUp(persona);
    const saml = sp();
    const browser = new TestBrowser();
    const loginPage = await browser.request(await saml.getAuthorizeUrlAsync('/dashboard', undefined, {}));
    expect(loginPage.status).toBe(200);
    const email = await bob(idp);
    const posted = postedResponse(await signIn(browser, persona, loginPage, email, TEST_USER_PASSWORD));
    expect(posted?.acs).toBe(ACS);
    expect(posted?.relayState).toBe('/dashboard');
    const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: posted!.samlResponse });
    expect(JSON.stringify(profile)).toContain(email);

    const again = postedResponse(await browser.request(await saml.getAuthorizeUrlAsync('', undefined, {})));
    expect(again).toBeDefined();
    await expect(saml.validatePostResponseAsync({ SAMLResponse: again!.samlResponse })).resolves.toMatchObject({ loggedOut: false });
    expect((await idp.requests({ kind: 'saml.response-issued' })).length).toBe(2);
  });

  it('SP-initiated (HTTP-POST binding) is accepted too', async () => {
    const { idp, sp } = await setUp(persona);
    const saml = sp('HTTP-POST');
    const formHtml = await saml.getAuthorizeFormAsync('');
    const samlRequest = /name="SAMLRequest" value="([^"]+)"/.exec(formHtml)![1]!;
    const browser = new TestBrowser();
    const loginPage = await browser.request(idp.samlUrls(persona.id as SamlPersonaId).ssoUrl, { form: { SAMLRequest: samlRequest } });
    const posted = postedResponse(await signIn(browser, persona, loginPage, await bob(idp), TEST_USER_PASSWORD));
    await expect(saml.validatePostResponseAsync({ SAMLResponse: posted!.samlResponse })).resolves.toMatchObject({ loggedOut: false });
  });

  it('IdP-initiated: an unsolicited response without InResponseTo', async () => {
    const { idp, urls } = await setUp(persona);
    const browser = new TestBrowser();
    const loginPage = await browser.request(urls.idpInitiatedUrl);
    const posted = postedResponse(await signIn(browser, persona, loginPage, await bob(idp), TEST_USER_PASSWORD));
    const xml = Buffer.from(posted!.samlResponse, 'base64').toString('utf8');
    expect(xml).not.toContain('InResponseTo');
  });

  it("refuses a garbage SAMLRequest with the vendor's malformed-request page (4xx, not 500)", async () => {
    const { urls } = await setUp(persona);
    const page = await new TestBrowser().request(`${urls.ssoUrl}?SAMLRequest=%%%not-base64`);
    expect(page.status).toBe(persona.errors.malformedRequest.httpStatus);
    expect(page.html).toContain(persona.errors.malformedRequest.code);
    expect(page.html).toContain('role="alert"');
  });

  it('shows the vendor\'s "not assigned" page for a user not assigned to the app', async () => {
    const { idp, sp } = await setUp(persona);
    const browser = new TestBrowser();
    const loginPage = await browser.request(await sp().getAuthorizeUrlAsync('', undefined, {}));
    const page = await signIn(browser, persona, loginPage, (await idp.userByRole('not-assigned')).email, TEST_USER_PASSWORD);
    expect(page.status).toBe(persona.errors.userNotAssigned.httpStatus);
    expect(page.html).toContain(persona.errors.userNotAssigned.code);
    expect(postedResponse(page)).toBeUndefined();
  });

  it('refuses an AuthnRequest whose ACS URL is not registered (vendor ACS-mismatch page)', async () => {
    const { sp } = await setUp(persona);
    const page = await new TestBrowser().request(
      await sp('HTTP-Redirect', SP_ENTITY_ID, 'http://127.0.0.1:4000/sso/other/acs').getAuthorizeUrlAsync('', undefined, {}),
    );
    expect(page.status).toBe(persona.errors.acsMismatch.httpStatus);
    expect(page.html).toContain(persona.errors.acsMismatch.code);
    expect(page.html).toContain('http://127.0.0.1:4000/sso/other/acs');
  });
});

describe('vendor-specific AuthnRequest checks', () => {
  it.each([
    ['entra-saml', 'AADSTS700016'],
    ['google-saml', 'app_not_configured_for_user'],
  ] as const)('%s refuses an SP entity ID that differs only in case (%s)', async (id, code) => {
    const persona = SAML_PERSONAS.find((p) => p.id === id)!;
    const { sp } = await setUp(persona);
    const page = await new TestBrowser().request(
      await sp('HTTP-Redirect', SP_ENTITY_ID.toUpperCase()).getAuthorizeUrlAsync('', undefined, {}),
    );
    expect(page.status).toBe(persona.errors.unknownSp.httpStatus);
    expect(page.html).toContain(code);
  });

  it.each(['okta-saml', 'auth0-saml'] as const)('%s picks the app by its SSO URL and ignores the AuthnRequest Issuer', async (id) => {
    const persona = SAML_PERSONAS.find((p) => p.id === id)!;
    const { sp } = await setUp(persona);
    const page = await new TestBrowser().request(
      await sp('HTTP-Redirect', 'urn:some:other:issuer').getAuthorizeUrlAsync('', undefined, {}),
    );
    expect(page.status).toBe(200);
    expect(page.html).toContain('<label for="login">');
  });

  it('Entra answers AADSTS700016 when no app is registered at all', async () => {
    const idp = await IdpControlClient.createTenant(server.controlUrl);
    const saml = new SAML({ entryPoint: idp.samlUrls('entra-saml').ssoUrl, issuer: SP_ENTITY_ID, callbackUrl: ACS, idpCert: 'unused' });
    const page = await new TestBrowser().request(await saml.getAuthorizeUrlAsync('', undefined, {}));
    expect(page.html).toContain('AADSTS700016');
    expect(page.html).toContain(SP_ENTITY_ID);
  });

  it('a wrong password keeps the user on the login page with the vendor message', async () => {
    const persona = SAML_PERSONAS.find((p) => p.id === 'entra-saml')!;
    const { idp, sp } = await setUp(persona);
    const browser = new TestBrowser();
    const loginPage = await browser.request(await sp().getAuthorizeUrlAsync('', undefined, {}));
    const page = await signIn(browser, persona, loginPage, await bob(idp), 'wrong-password');
    expect(page.status).toBe(400);
    expect(page.html).toContain('AADSTS50126');
    expect(page.html).not.toContain('wrong-password');
  });
});

describe('IsPassive and ForceAuthn (SAML Core §3.4.1)', () => {
  const persona = SAML_PERSONAS.find((p) => p.id === 'okta-saml')!;

  it('IsPassive without an IdP session answers NoPassive at once, no login page', async () => {
    const { urls } = await setUp(persona);
    const saml = new SAML({ entryPoint: urls.ssoUrl, issuer: SP_ENTITY_ID, callbackUrl: ACS, idpCert: 'unused', passive: true });
    const posted = postedResponse(await new TestBrowser().request(await saml.getAuthorizeUrlAsync('', undefined, {})));
    const xml = Buffer.from(posted!.samlResponse, 'base64').toString('utf8');
    expect(xml).toContain('urn:oasis:names:tc:SAML:2.0:status:NoPassive');
    expect(xml).not.toContain('Assertion');
  });

  it('ForceAuthn shows the login page even with a live IdP session', async () => {
    const { idp, sp } = await setUp(persona);
    const browser = new TestBrowser();
    await signIn(
      browser,
      persona,
      await browser.request(await sp().getAuthorizeUrlAsync('', undefined, {})),
      await bob(idp),
      TEST_USER_PASSWORD,
    );
    const forced = new SAML({
      entryPoint: idp.samlUrls('okta-saml').ssoUrl,
      issuer: SP_ENTITY_ID,
      callbackUrl: ACS,
      idpCert: 'unused',
      forceAuthn: true,
    });
    const page = await browser.request(await forced.getAuthorizeUrlAsync('', undefined, {}));
    expect(postedResponse(page)).toBeUndefined();
    expect(page.html).toContain('<label for="login">Username</label>');
  });
});

describe('metadata', () => {
  it.each(SAML_PERSONAS.map((p) => [p.id, p] as const))(
    '%s publishes its entity ID, SSO URL and current signing certificate',
    async (_id, persona) => {
      const { idp, urls } = await setUp(persona);
      const response = await fetch(urls.metadataUrl);
      expect(response.headers.get('content-type')).toContain('application/samlmetadata+xml');
      const xml = await response.text();
      const { current } = await idp.signingCertificates(persona.id);
      expect(xml).toContain(`entityID="${urls.entityId.replace(/&/g, '&amp;')}"`);
      expect(xml).toContain(`Location="${urls.ssoUrl}"`);
      expect(xml.replace(/\s+/g, '')).toContain(current.certificatePem.replace(/-----[A-Z ]+-----|\s+/g, ''));
    },
  );
});

describe('google-saml sign-in page', () => {
  const persona = SAML_PERSONAS.find((candidate) => candidate.id === 'google-saml')!;

  it('starts with "Email or phone" on a fresh browser; the chooser lists only the accounts signed in with here', async () => {
    const { idp, urls } = await setUp(persona);
    const directory = (await Promise.all((['admin', 'not-assigned', 'disabled'] as const).map((role) => idp.userByRole(role)))).map(
      (user) => user.email,
    );
    const browser = new TestBrowser();
    const fresh = await browser.request(urls.idpInitiatedUrl);
    expect(fresh.html).toContain('<label for="login">Email or phone</label>');
    expect(fresh.html).not.toContain('Choose an account');
    for (const email of directory) expect(fresh.html).not.toContain(email);
    const email = await bob(idp);
    expect(postedResponse(await signIn(browser, persona, fresh, email, TEST_USER_PASSWORD))).toBeDefined();
    // Asked again in the same browser (ForceAuthn): Google's "Choose an account" with this browser's account alone.
    const forced = new SAML({
      entryPoint: urls.ssoUrl,
      issuer: SP_ENTITY_ID,
      callbackUrl: ACS,
      audience: SP_ENTITY_ID,
      idpCert: (await idp.signingCertificates(persona.id)).current.certificatePem,
      forceAuthn: true,
    });
    const chooser = await browser.request(await forced.getAuthorizeUrlAsync('', undefined, {}));
    expect(chooser.html).toContain('<h1>Choose an account</h1>');
    expect([...chooser.html.matchAll(/<button type="submit">([^<]*)<\/button>/g)].map((match) => match[1])).toEqual([
      `Bob User ${email}`,
      'Use another account',
    ]);
    expect(postedResponse(await signIn(browser, persona, chooser, email, TEST_USER_PASSWORD))).toBeDefined();
    // Another account through "Use another account" joins the list, newest first.
    const admin = directory[0]!;
    expect(
      postedResponse(
        await signIn(
          browser,
          persona,
          await browser.request(await forced.getAuthorizeUrlAsync('', undefined, {})),
          admin,
          TEST_USER_PASSWORD,
        ),
      ),
    ).toBeDefined();
    const both = await browser.request(await forced.getAuthorizeUrlAsync('', undefined, {}));
    expect([...both.html.matchAll(/<button type="submit">[^<]* ([^< ]+@[^< ]+)<\/button>/g)].map((match) => match[1])).toEqual([
      admin,
      email,
    ]);
  });
});
