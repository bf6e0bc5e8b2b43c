// The template metadata is what samlify writes for the same settings, byte for byte.
import * as samlify from 'samlify';
import { describe, expect, it } from 'vitest';
import { generateTestKeyPair } from '../../lib/x509.ts';
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
