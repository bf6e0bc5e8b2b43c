// Every persona's IdP metadata: valid SAML 2.0 metadata (OASIS XSD, by xmllint), and shaped like
// the vendor's real documents — each expectation below is a fact of ../shared/reference/vendors.md
// ("SAML 2.0 IdP metadata"), written here independently of the persona data that produces it.
import { X509Certificate } from 'node:crypto';
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { describe, expect, it } from 'vitest';
import { generateTestKeyPair, pemBody } from '../../lib/index.ts';
import { SAML_PERSONAS } from '../personas/index.ts';
import type { SamlPersona, Vendor } from '../types.ts';
import { idpMetadata } from './metadata.ts';
import { metadataSchemaErrors } from './testing/metadataSchema.ts';

const key = generateTestKeyPair({ commonName: 'metadata test (test only)', lifetimeDays: 5 * 365 });
const SSO = 'http://127.0.0.1:4100/idp/tenant-1/sso';
const ENTITY = 'https://idp.example/entity-1/';
const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const XS = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/';

function persona(vendor: Vendor): SamlPersona {
  const found = SAML_PERSONAS.find((p) => p.vendor === vendor);
  if (!found) throw new Error(`no SAML persona of ${vendor}`);
  return found;
}

const documentOf = (vendor: Vendor): string => idpMetadata(persona(vendor), ENTITY, SSO, key);
const rootOf = (xml: string): Element => new DOMParser().parseFromString(xml, 'text/xml').documentElement as unknown as Element;
const elements = (parent: Element, ns: string, name: string): Element[] => Array.from(parent.getElementsByTagNameNS(ns, name));
const descriptorOf = (xml: string): Element => elements(rootOf(xml), MD, 'IDPSSODescriptor')[0]!;
const rootStartTag = (xml: string): string => /<(?:md:)?EntityDescriptor[^>]*>/.exec(xml)?.[0] ?? '';
const attributeNames = (startTag: string): string[] => [...startTag.matchAll(/\s([\w:]+)="/g)].map((match) => match[1]!);
const services = (xml: string, name: string): [string, string][] =>
  elements(descriptorOf(xml), MD, name).map((service) => [service.getAttribute('Binding') ?? '', service.getAttribute('Location') ?? '']);
const nameIdFormats = (xml: string): string[] => elements(descriptorOf(xml), MD, 'NameIDFormat').map((format) => format.textContent ?? '');

describe.each(SAML_PERSONAS.map((p) => ({ id: p.id, p })))('$id metadata', ({ p }) => {
  it('is valid SAML 2.0 metadata (saml-schema-metadata-2.0.xsd), with and without an encryption certificate', async () => {
    const options = { wsFederationRoles: p.vendor === 'entra' };
    expect(await metadataSchemaErrors(idpMetadata(p, ENTITY, SSO, key), options)).toEqual([]);
    const encryption = generateTestKeyPair({ commonName: 'encryption (test only)', lifetimeDays: 30 });
    const withEncryption = idpMetadata(p, ENTITY, SSO, key, encryption);
    expect(await metadataSchemaErrors(withEncryption, options)).toEqual([]);
    expect(elements(descriptorOf(withEncryption), MD, 'KeyDescriptor').map((k) => k.getAttribute('use'))).toEqual([
      'signing',
      'encryption',
    ]);
  });

  it('names the entity and the signing certificate, escaping what needs it', () => {
    const entity = 'http://www.okta.com/exk<&>"\'x';
    const xml = idpMetadata(p, entity, 'http://127.0.0.1:4100/x/sso?a=1&b=<2>', key);
    expect(rootOf(xml).getAttribute('entityID')).toBe(entity);
    expect(services(xml, 'SingleSignOnService').map(([, location]) => location)).toContain('http://127.0.0.1:4100/x/sso?a=1&b=<2>');
    const certificate = elements(descriptorOf(xml), 'http://www.w3.org/2000/09/xmldsig#', 'X509Certificate')[0]?.textContent ?? '';
    expect(certificate.replace(/\s+/g, '')).toBe(pemBody(key.certificatePem));
  });
});

describe('the validator is not a rubber stamp', () => {
  it('refuses a SingleLogoutService after the SingleSignOnService (the order every persona got wrong before)', async () => {
    const xml = documentOf('auth0');
    const logout = /<SingleLogoutService[^>]*\/>/.exec(xml)?.[0] ?? '';
    const misordered = xml.replace(logout, '').replace('</IDPSSODescriptor>', `${logout}</IDPSSODescriptor>`);
    expect((await metadataSchemaErrors(misordered)).join('\n')).toMatch(/SingleLogoutService.*not expected/);
  });

  it("refuses Entra's document without the WS-Federation role types, as xmllint does with real Entra metadata", async () => {
    expect((await metadataSchemaErrors(documentOf('entra'))).join('\n')).toMatch(/RoleDescriptor/);
  });
});

describe('Entra ID', () => {
  const xml = documentOf('entra');
  it('starts with the lowercase utf-8 declaration and an unprefixed root whose attributes are ID, entityID, xmlns', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?><EntityDescriptor ')).toBe(true);
    expect(attributeNames(rootStartTag(xml))).toEqual(['ID', 'entityID', 'xmlns']);
    expect(rootOf(xml).getAttribute('ID')).toMatch(/^_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('is signed: an enveloped Signature first, over #ID with exc-c14n and RSA-SHA256, that verifies with the signing certificate', () => {
    const root = rootOf(xml);
    const first = Array.from(root.childNodes).find((child) => child.nodeType === 1) as unknown as Element;
    expect(first.localName).toBe('Signature');
    const signature = new XMLSerializer().serializeToString(first);
    expect(signature).toContain(`URI="#${root.getAttribute('ID')}"`);
    expect(signature).toContain('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    const verifies = (document: string): boolean => {
      const verifier = new SignedXml({ publicCert: key.certificatePem });
      verifier.loadSignature(first as never);
      try {
        return verifier.checkSignature(document);
      } catch {
        return false;
      }
    };
    expect(verifies(xml)).toBe(true);
    expect(verifies(xml.replace(SSO, `${SSO}x`))).toBe(false);
  });

  it('has the two WS-Federation role descriptors before the IDPSSODescriptor, the first offering 19 claim types', () => {
    const roles = elements(rootOf(xml), MD, 'RoleDescriptor');
    expect(roles.map((role) => role.getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'type'))).toEqual([
      'fed:SecurityTokenServiceType',
      'fed:ApplicationServiceType',
    ]);
    expect(xml.indexOf('<RoleDescriptor')).toBeLessThan(xml.indexOf('<IDPSSODescriptor'));
    const claims = roles[0]!.getElementsByTagNameNS('http://docs.oasis-open.org/wsfed/authorization/200706', 'ClaimType');
    expect(claims.length).toBe(19);
    expect([claims[0]?.getAttribute('Uri'), claims[18]?.getAttribute('Uri')]).toEqual([
      `${XS}name`,
      'http://schemas.microsoft.com/ws/2008/06/identity/claims/wids',
    ]);
    expect(xml).toContain('<wsa:Address>http://127.0.0.1:4100/idp/tenant-1/wsfed</wsa:Address>');
  });

  it('IDPSSODescriptor: protocolSupportEnumeration only, an unprefixed KeyInfo, no NameIDFormat, Redirect then POST, logout over Redirect at the SSO URL', () => {
    expect(attributeNames(/<IDPSSODescriptor[^>]*>/.exec(xml)?.[0] ?? '')).toEqual(['protocolSupportEnumeration']);
    expect(xml).toContain('<KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data>');
    expect(nameIdFormats(xml)).toEqual([]);
    expect(services(xml, 'SingleSignOnService')).toEqual([
      [REDIRECT, SSO],
      [POST, SSO],
    ]);
    expect(services(xml, 'SingleLogoutService')).toEqual([[REDIRECT, SSO]]);
    expect(elements(descriptorOf(xml), 'urn:oasis:names:tc:SAML:2.0:assertion', 'Attribute')).toHaveLength(0);
  });

  it('is one line, empty elements written with a space before />', () => {
    expect(xml).not.toContain('\n');
    expect(xml).toMatch(/<SingleSignOnService Binding="[^"]+" Location="[^"]+" \/>/);
  });
});

describe('Okta', () => {
  const xml = documentOf('okta');
  it('declares UTF-8, prefixes md:, root attributes entityID then xmlns:md, no ID, no signature', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><md:EntityDescriptor ')).toBe(true);
    expect(attributeNames(rootStartTag(xml))).toEqual(['entityID', 'xmlns:md']);
    expect(xml).not.toContain('Signature');
  });

  it('WantAuthnRequestsSigned="false", a ds:KeyInfo declared locally, the certificate wrapped at 76 with 4 spaces after each break', () => {
    expect(attributeNames(/<md:IDPSSODescriptor[^>]*>/.exec(xml)?.[0] ?? '')).toEqual([
      'WantAuthnRequestsSigned',
      'protocolSupportEnumeration',
    ]);
    expect(xml).toContain('<ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>');
    const body = /<ds:X509Certificate>([^<]*)</.exec(xml)?.[1] ?? '';
    const lines = body.split('\n    ');
    expect(lines.slice(0, -1).every((line) => line.length === 76)).toBe(true);
    expect(lines.join('')).toBe(key.certificateBase64);
  });

  it('emailAddress only; POST before Redirect; no logout; no attributes; one line', () => {
    expect(nameIdFormats(xml)).toEqual([EMAIL]);
    expect(services(xml, 'SingleSignOnService')).toEqual([
      [POST, SSO],
      [REDIRECT, SSO],
    ]);
    expect(services(xml, 'SingleLogoutService')).toEqual([]);
    expect(xml.replace(/<ds:X509Certificate>[^<]*</, '')).not.toContain('\n');
  });
});

describe('Google Workspace', () => {
  const xml = documentOf('google');
  it("declares UTF-8 with the root on the same line; root attributes xmlns:md, entityID, validUntil = the certificate's end with milliseconds", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><md:EntityDescriptor ')).toBe(true);
    expect(attributeNames(rootStartTag(xml))).toEqual(['xmlns:md', 'entityID', 'validUntil']);
    expect(rootOf(xml).getAttribute('validUntil')).toBe(new X509Certificate(key.certificatePem).validToDate.toISOString());
    expect(rootOf(xml).getAttribute('validUntil')).toMatch(/\.000Z$/);
  });

  it('WantAuthnRequestsSigned="false", emailAddress only, Redirect then POST, no logout (Google has no SAML SLO)', () => {
    expect(descriptorOf(xml).getAttribute('WantAuthnRequestsSigned')).toBe('false');
    expect(nameIdFormats(xml)).toEqual([EMAIL]);
    expect(services(xml, 'SingleSignOnService')).toEqual([
      [REDIRECT, SSO],
      [POST, SSO],
    ]);
    expect(services(xml, 'SingleLogoutService')).toEqual([]);
  });

  it('is indented by 2 spaces per level, the certificate wrapped at 76', () => {
    expect(xml).toContain('\n  <md:IDPSSODescriptor ');
    expect(xml).toContain('\n    <md:KeyDescriptor use="signing">');
    expect(xml).toMatch(/\n<\/md:EntityDescriptor>$/);
    const body = /<ds:X509Certificate>([^<]*)</.exec(xml)?.[1] ?? '';
    expect(
      body
        .split('\n')
        .slice(0, -1)
        .every((line) => line.length === 76),
    ).toBe(true);
  });
});

describe('Auth0', () => {
  const xml = documentOf('auth0');
  it('has no XML declaration, an unprefixed root with entityID then xmlns, no ID, no signature, no WantAuthnRequestsSigned', () => {
    expect(xml.startsWith('<EntityDescriptor ')).toBe(true);
    expect(attributeNames(rootStartTag(xml))).toEqual(['entityID', 'xmlns']);
    expect(xml).not.toContain('Signature');
    expect(descriptorOf(xml).hasAttribute('WantAuthnRequestsSigned')).toBe(false);
    expect(xml).toContain('<KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#">');
  });

  it('three NameIDFormats, Redirect then POST, logout over Redirect and POST at {sso}/logout', () => {
    expect(nameIdFormats(xml)).toEqual([
      EMAIL,
      'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
      'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
    ]);
    expect(services(xml, 'SingleSignOnService')).toEqual([
      [REDIRECT, SSO],
      [POST, SSO],
    ]);
    expect(services(xml, 'SingleLogoutService')).toEqual([
      [REDIRECT, `${SSO}/logout`],
      [POST, `${SSO}/logout`],
    ]);
  });

  it('advertises five saml:Attributes (URI name format, friendly names), last in the descriptor', () => {
    const attributes = elements(descriptorOf(xml), 'urn:oasis:names:tc:SAML:2.0:assertion', 'Attribute');
    expect(attributes.map((a) => [a.getAttribute('Name'), a.getAttribute('FriendlyName'), a.getAttribute('NameFormat')])).toEqual(
      [
        ['emailaddress', 'E-Mail Address'],
        ['givenname', 'Given Name'],
        ['name', 'Name'],
        ['surname', 'Surname'],
        ['nameidentifier', 'Name ID'],
      ].map(([claim, friendly]) => [`${XS}${claim}`, friendly, 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri']),
    );
    expect(xml.lastIndexOf('<Attribute ')).toBeGreaterThan(xml.lastIndexOf('<SingleSignOnService'));
  });
});
