// SAML 2.0 SP metadata (saml-metadata-2.0-os §2.4.4) for one account, served at the SP metadata URL
// and uploaded by admins into IdP consoles ("Upload metadata file").
import type { SamlSettings, SpEndpoints } from './contract.ts';

const NAMEID_EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
const NAMEID_UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';
const BINDING_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

function escapeXmlAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The SP metadata document. AuthnRequests are not signed (the portal holds no SP key: the
 * HTTP-Redirect request carries nothing secret). WantAssertionsSigned follows the settings; without
 * settings it is "true", the safe default the IdP and SSO section starts with.
 */
export function buildSpMetadata(sp: SpEndpoints, settings?: SamlSettings): string {
  const wantAssertionsSigned = settings?.requireSignedAssertion ?? true;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${escapeXmlAttribute(sp.entityId)}">`,
    `  <md:SPSSODescriptor AuthnRequestsSigned="false" WantAssertionsSigned="${String(wantAssertionsSigned)}" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">`,
    `    <md:NameIDFormat>${NAMEID_EMAIL}</md:NameIDFormat>`,
    `    <md:NameIDFormat>${NAMEID_UNSPECIFIED}</md:NameIDFormat>`,
    `    <md:AssertionConsumerService Binding="${BINDING_POST}" Location="${escapeXmlAttribute(sp.acsUrl)}" index="0" isDefault="true"/>`,
    '  </md:SPSSODescriptor>',
    '</md:EntityDescriptor>',
    '',
  ].join('\n');
}
