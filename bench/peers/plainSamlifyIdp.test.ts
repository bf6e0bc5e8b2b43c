// The cold-start peer must be a real (if minimal) IdP, or the comparison means nothing: it serves
// metadata and answers an HTTP-POST AuthnRequest with a signed response for the registered SP.
import * as samlify from 'samlify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAIN_IDP_DEFAULT_SP, startPlainSamlifyIdp, type PlainSamlifyIdp } from './plainSamlifyIdp.ts';

const BINDING_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

describe('plain samlify IdP (cold-start peer)', () => {
  let idp: PlainSamlifyIdp;
  beforeAll(async () => {
    idp = await startPlainSamlifyIdp();
  });
  afterAll(async () => {
    await idp.close();
  });

  it('serves IdP metadata on loopback', async () => {
    expect(idp.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(idp.metadataUrl);
    expect(response.status).toBe(200);
    const xml = await response.text();
    expect(xml).toContain(`entityID="${idp.metadataUrl}"`);
    expect(xml).toContain(`Location="${idp.ssoUrl}"`);
  });

  it('answers an HTTP-POST AuthnRequest with a signed response posted to the ACS, RelayState kept', async () => {
    const sp = samlify.ServiceProvider({
      entityID: PLAIN_IDP_DEFAULT_SP.entityId,
      assertionConsumerService: [{ Binding: BINDING_POST, Location: PLAIN_IDP_DEFAULT_SP.acsUrl }],
    });
    const remote = samlify.IdentityProvider({
      entityID: idp.metadataUrl,
      singleSignOnService: [{ Binding: BINDING_POST, Location: idp.ssoUrl }],
    });
    const request = sp.createLoginRequest(remote, 'post');
    const response = await fetch(idp.ssoUrl, {
      method: 'POST',
      body: new URLSearchParams({ SAMLRequest: request.context, RelayState: '/home' }),
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`action="${PLAIN_IDP_DEFAULT_SP.acsUrl}"`);
    expect(html).toContain('name="RelayState" value="/home"');
    const samlResponse = /name="SAMLResponse" value="([^"]+)"/.exec(html)?.[1];
    const xml = Buffer.from(samlResponse ?? '', 'base64').toString('utf8');
    expect(xml).toContain('bob.user@example.com');
    expect(xml).toContain('SignatureValue');
  });

  it('refuses a POST without SAMLRequest with a 400 that says what to send', async () => {
    const response = await fetch(idp.ssoUrl, { method: 'POST', body: new URLSearchParams({ nothing: 'here' }) });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('POST a SAMLRequest form field (HTTP-POST binding: base64 of the AuthnRequest XML).\n');
  });
});
