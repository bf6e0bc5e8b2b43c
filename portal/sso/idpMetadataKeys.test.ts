// IdP metadata's certificates for encryption are not signing certificates (and what the
// metadata-trusts-encryption-keys switch of the reference portal takes).
import { describe, expect, it } from 'vitest';
import { generateTestKeyPair, pemBody } from '../../lib/index.ts';
import { parseDefects } from '../defects.ts';
import { parseIdpMetadata } from './idpMetadata.ts';

const signing = pemBody(generateTestKeyPair({ commonName: 'idp signing (test only)', lifetimeDays: 30 }).certificatePem);
const encryption = pemBody(generateTestKeyPair({ commonName: 'idp encryption (test only)', lifetimeDays: 30 }).certificatePem);
const key = (use: string, body: string): string =>
  `<md:KeyDescriptor use="${use}"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${body}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
const xml =
  '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="http://idp.example/entity">' +
  '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">' +
  key('signing', signing) +
  key('encryption', encryption) +
  '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="http://127.0.0.1:9/sso"/>' +
  '</md:IDPSSODescriptor></md:EntityDescriptor>';

describe('IdP metadata with a signing and an encryption KeyDescriptor', () => {
  it('gives the signing certificate only; with metadata-trusts-encryption-keys both', () => {
    const parsed = parseIdpMetadata(xml);
    const defective = parseIdpMetadata(xml, parseDefects(['metadata-trusts-encryption-keys']));
    if (!parsed.ok || !defective.ok) throw new Error(`the metadata did not parse: ${parsed.ok ? '' : parsed.problem}`);
    expect(parsed.metadata.signingCertificates).toEqual([signing]);
    expect(defective.metadata.signingCertificates).toEqual([signing, encryption]);
  });
});
