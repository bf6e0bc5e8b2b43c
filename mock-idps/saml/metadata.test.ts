// The template metadata is what samlify writes for the same settings, byte for byte.
import * as samlify from 'samlify';
import { describe, expect, it } from 'vitest';
import { generateTestKeyPair, pemBody } from '../../lib/x509.ts';
import { SAML_PERSONAS } from '../personas/index.ts';
import type { SamlPersona } from '../types.ts';
import { idpMetadata } from './metadata.ts';

const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const key = generateTestKeyPair({ commonName: 'metadata test' });

function samlifyMetadata(persona: SamlPersona, entityId: string, ssoUrl: string): string {
  return samlify.IdentityProvider({
    entityID: entityId,
    signingCert: key.certificatePem,
    wantAuthnRequestsSigned: false,
    nameIDFormat: [persona.nameId.format],
    singleSignOnService: [{ Binding: REDIRECT, Location: ssoUrl }, { Binding: POST, Location: ssoUrl }],
    singleLogoutService: [{ Binding: REDIRECT, Location: ssoUrl }],
  }).getMetadata();
}

describe.each(SAML_PERSONAS.map((persona) => ({ persona, id: persona.id })))('$id metadata', ({ persona }) => {
  it.each([
    { entityId: 'https://sts.windows.net/84b04959-e2bb-4754-9148-6c6420eea287/', ssoUrl: 'http://127.0.0.1:4100/entra/84b04959/saml2' },
    { entityId: 'http://www.okta.com/exk<&>"\'x', ssoUrl: 'http://127.0.0.1:4100/okta/x/sso/saml?a=1&b=<2>' },
  ])('is what samlify writes for entity $entityId', ({ entityId, ssoUrl }) => {
    expect(idpMetadata(persona, entityId, ssoUrl, key)).toBe(samlifyMetadata(persona, entityId, ssoUrl));
  });
});

describe('a tenant that publishes an encryption certificate', () => {
  it('lists it after the signing one, as a KeyDescriptor use="encryption"', () => {
    const signing = generateTestKeyPair({ commonName: 'signing (test only)', lifetimeDays: 30 });
    const encryption = generateTestKeyPair({ commonName: 'encryption (test only)', lifetimeDays: 30 });
    const persona = SAML_PERSONAS[0];
    if (!persona) throw new Error('no SAML persona');
    const xml = idpMetadata(persona, 'http://idp.example/entity', 'http://127.0.0.1:9/sso', signing, encryption);
    const uses = [...xml.matchAll(/<KeyDescriptor use="(\w+)">/g)].map((match) => match[1]);
    expect(uses).toEqual(['signing', 'encryption']);
    expect(xml.indexOf(pemBody(encryption.certificatePem))).toBeGreaterThan(xml.indexOf(pemBody(signing.certificatePem)));
    expect(idpMetadata(persona, 'http://idp.example/entity', 'http://127.0.0.1:9/sso', signing)).not.toContain('use="encryption"');
  });
});
