// IdP metadata (SAML metadata-2.0) as the vendor publishes it, written by samlify: entity ID,
// signing certificate, NameID format, SSO endpoints for both bindings.
import * as samlify from 'samlify';
import type { TestKeyPair } from '../../lib/x509.ts';
import type { SamlPersona } from '../types.ts';

const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

const cache = new Map<string, string>();

export function idpMetadata(persona: SamlPersona, entityId: string, ssoUrl: string, key: TestKeyPair): string {
  const cacheKey = `${entityId}|${ssoUrl}|${key.fingerprint256}`;
  let xml = cache.get(cacheKey);
  if (!xml) {
    xml = samlify.IdentityProvider({
      entityID: entityId,
      signingCert: key.certificatePem,
      wantAuthnRequestsSigned: false,
      nameIDFormat: [persona.nameId.format],
      singleSignOnService: [{ Binding: REDIRECT, Location: ssoUrl }, { Binding: POST, Location: ssoUrl }],
      // The vendors answer LogoutRequests at the SSO URL too (Entra documents it so).
      singleLogoutService: [{ Binding: REDIRECT, Location: ssoUrl }],
    }).getMetadata();
    if (cache.size > 500) cache.clear();
    cache.set(cacheKey, xml);
  }
  return xml;
}
