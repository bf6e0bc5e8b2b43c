// IdP metadata (SAML metadata-2.0) as the vendor publishes it: entity ID, signing certificate,
// NameID format, SSO endpoints for both bindings. The document is exactly what samlify's
// IdentityProvider(...).getMetadata() writes for these settings (metadata.test.ts compares them
// byte for byte), written from a template: the metadata route is what an SP reads first, and it
// should not wait for samlify, xml-crypto and xpath to load (they load with the SSO engine).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pemBody, type TestKeyPair } from '../../lib/x509.ts';
import { sharedKey } from '../keys.ts';
import type { TenantState } from '../tenants.ts';
import { fillTemplate } from '../tenantIds.ts';
import type { SamlPersona } from '../types.ts';
import { escapeXml } from './render.ts';
import { samlPaths } from './routes.ts';

const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

const cache = new Map<string, string>();

/** `encryptionKey`: a certificate the metadata also lists for encryption (KeyDescriptor use="encryption"). */
export function idpMetadata(persona: SamlPersona, entityId: string, ssoUrl: string, key: TestKeyPair, encryptionKey?: TestKeyPair): string {
  const cacheKey = `${persona.nameId.format}|${entityId}|${ssoUrl}|${key.fingerprint256}|${encryptionKey?.fingerprint256 ?? ''}`;
  let xml = cache.get(cacheKey);
  if (!xml) {
    const location = escapeXml(ssoUrl);
    const endpoint = (element: string, binding: string): string => `<${element} Binding="${binding}" Location="${location}"></${element}>`;
    xml = '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:assertion="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"'
      + ` entityID="${escapeXml(entityId)}">`
      + '<IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
      + '<KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>'
      + `<ds:X509Certificate>${pemBody(key.certificatePem)}</ds:X509Certificate>`
      + '</ds:X509Data></ds:KeyInfo></KeyDescriptor>'
      + (encryptionKey === undefined ? '' : '<KeyDescriptor use="encryption"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>'
        + `<ds:X509Certificate>${pemBody(encryptionKey.certificatePem)}</ds:X509Certificate>`
        + '</ds:X509Data></ds:KeyInfo></KeyDescriptor>')
      + `<NameIDFormat>${escapeXml(persona.nameId.format)}</NameIDFormat>`
      + endpoint('SingleSignOnService', REDIRECT)
      + endpoint('SingleSignOnService', POST)
      // The vendors answer LogoutRequests at the SSO URL too (Entra documents it so).
      + endpoint('SingleLogoutService', REDIRECT)
      + '</IDPSSODescriptor></EntityDescriptor>';
    if (cache.size > 500) cache.clear();
    cache.set(cacheKey, xml);
  }
  return xml;
}

/** The metadata route of one SAML persona of one tenant (the tenant's signing key must exist: `ensureSigningKeys`). */
export function serveIdpMetadata(req: IncomingMessage, res: ServerResponse, persona: SamlPersona, tenant: TenantState, origin: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET', 'content-type': 'text/plain; charset=utf-8' }).end('IdP metadata is read with GET.\n');
    return;
  }
  const movedTo = tenant.samlMetadataMovedTo;
  if (movedTo !== undefined) {
    res.writeHead(302, { location: movedTo, 'cache-control': 'no-store' }).end();
    return;
  }
  const entityId = fillTemplate(persona.entityIdTemplate, tenant.ids);
  const xml = idpMetadata(persona, entityId, origin + samlPaths(persona, tenant.ids).sso, tenant.signingKeys(persona.id).current, tenant.samlEncryptionKey ? sharedKey('attacker') : undefined);
  res.writeHead(200, { 'content-type': 'application/samlmetadata+xml; charset=utf-8', 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : xml);
}
