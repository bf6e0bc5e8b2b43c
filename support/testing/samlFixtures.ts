// Test-only SAML responses in a vendor's wire shape, signed with xml-crypto and run-time test
// keys (lib/x509.ts): what support would paste, built independently of the mock IdP engine.
import { randomUUID } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import type { TestKeyPair } from '../../lib/index.ts';

export interface SamlFixture {
  issuer: string;
  destination?: string;
  audience?: string;
  recipient?: string;
  inResponseTo?: string;
  nameId: string;
  nameIdFormat: string;
  attributes: Record<string, string>;
  issueInstant: Date;
  notBefore: Date;
  notOnOrAfter: Date;
  status: string;
  statusSubCode?: string;
  conditions: boolean;
  responseId: string;
  assertionId: string;
  /** Okta-like prefixes by default; `entra` writes unprefixed assertion elements. */
  style: 'okta' | 'entra';
  doctype?: string;
}

const MINUTE = 60_000;

export function samlFixture(overrides: Partial<SamlFixture> = {}): SamlFixture {
  const issued = overrides.issueInstant ?? new Date('2026-03-02T09:00:00Z');
  return {
    issuer: 'http://www.okta.com/exk1a2b3c4d5e6f7g8h9',
    destination: 'https://oe.example.com/sso/42/saml/acs',
    audience: 'https://oe.example.com/sso/42/saml/metadata',
    recipient: 'https://oe.example.com/sso/42/saml/acs',
    inResponseTo: '_req1234567890',
    nameId: 'alice@contoso.com',
    nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
    attributes: { email: 'alice@contoso.com', firstName: 'Alice' },
    issueInstant: issued,
    notBefore: new Date(issued.getTime() - 5 * MINUTE),
    notOnOrAfter: new Date(issued.getTime() + 5 * MINUTE),
    status: 'urn:oasis:names:tc:SAML:2.0:status:Success',
    conditions: true,
    responseId: `id${'1234567890'.repeat(2)}12345`,
    assertionId: `id${'9876543210'.repeat(2)}54321`,
    style: 'okta',
    ...overrides,
  };
}

function instant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

export function buildSamlXml(f: SamlFixture): string {
  const p = f.style === 'okta' ? 'saml2p' : 'samlp';
  const a = f.style === 'okta' ? 'saml2:' : '';
  const aNs = f.style === 'okta' ? 'xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion"' : '';
  const own = f.style === 'okta' ? '' : ' xmlns="urn:oasis:names:tc:SAML:2.0:assertion"';
  const irt = f.inResponseTo === undefined ? '' : ` InResponseTo="${f.inResponseTo}"`;
  const attributes = Object.entries(f.attributes)
    .map(
      ([name, value]) =>
        `<${a}Attribute Name="${escapeXml(name)}"><${a}AttributeValue>${escapeXml(value)}</${a}AttributeValue></${a}Attribute>`,
    )
    .join('');
  const conditions = f.conditions
    ? `<${a}Conditions NotBefore="${instant(f.notBefore)}" NotOnOrAfter="${instant(f.notOnOrAfter)}"><${a}AudienceRestriction>${f.audience === undefined ? '' : `<${a}Audience>${escapeXml(f.audience)}</${a}Audience>`}</${a}AudienceRestriction></${a}Conditions>`
    : '';
  const status = `<${p}:Status><${p}:StatusCode Value="${f.status}">${f.statusSubCode ? `<${p}:StatusCode Value="${f.statusSubCode}"/>` : ''}</${p}:StatusCode></${p}:Status>`;
  const assertion = f.status.endsWith(':Success')
    ? `<${a}Assertion${own} ID="${f.assertionId}" IssueInstant="${instant(f.issueInstant)}" Version="2.0"><${a}Issuer>${escapeXml(f.issuer)}</${a}Issuer><${a}Subject><${a}NameID Format="${f.nameIdFormat}">${escapeXml(f.nameId)}</${a}NameID><${a}SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><${a}SubjectConfirmationData${irt} NotOnOrAfter="${instant(f.notOnOrAfter)}"${f.recipient === undefined ? '' : ` Recipient="${escapeXml(f.recipient)}"`}/></${a}SubjectConfirmation></${a}Subject>${conditions}<${a}AuthnStatement AuthnInstant="${instant(f.issueInstant)}" SessionIndex="${f.assertionId}"><${a}AuthnContext><${a}AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</${a}AuthnContextClassRef></${a}AuthnContext></${a}AuthnStatement><${a}AttributeStatement>${attributes}</${a}AttributeStatement></${a}Assertion>`
    : '';
  const responseIssuer =
    f.style === 'okta'
      ? `<${a}Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">${escapeXml(f.issuer)}</${a}Issuer>`
      : `<Issuer xmlns="urn:oasis:names:tc:SAML:2.0:assertion">${escapeXml(f.issuer)}</Issuer>`;
  const declaration = f.style === 'okta' ? '<?xml version="1.0" encoding="UTF-8"?>' : '';
  return `${declaration}${f.doctype ?? ''}<${p}:Response xmlns:${p}="urn:oasis:names:tc:SAML:2.0:protocol" ${aNs} ID="${f.responseId}" Version="2.0" IssueInstant="${instant(f.issueInstant)}"${f.destination === undefined ? '' : ` Destination="${escapeXml(f.destination)}"`}${irt}>${responseIssuer}${status}${assertion}</${p}:Response>`;
}

export type SignScope = 'assertion' | 'response' | 'both';

const ALGORITHMS = {
  sha256: { signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', digest: 'http://www.w3.org/2001/04/xmlenc#sha256' },
  sha1: { signature: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1', digest: 'http://www.w3.org/2000/09/xmldsig#sha1' },
} as const;

function signElement(
  xml: string,
  key: TestKeyPair,
  localName: 'Assertion' | 'Response',
  algorithm: keyof typeof ALGORITHMS,
  transforms: string[],
): string {
  const signer = new SignedXml({
    privateKey: key.privateKeyPem,
    publicCert: key.certificatePem,
    signatureAlgorithm: ALGORITHMS[algorithm].signature,
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  const xpath = `//*[local-name(.)='${localName}']`;
  signer.addReference({ xpath, transforms, digestAlgorithm: ALGORITHMS[algorithm].digest });
  signer.computeSignature(xml, { prefix: 'ds', location: { reference: `${xpath}/*[local-name(.)='Issuer']`, action: 'after' } });
  return signer.getSignedXml();
}

export const STANDARD_TRANSFORMS = ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'];

export function signSaml(
  xml: string,
  key: TestKeyPair,
  scope: SignScope,
  algorithm: keyof typeof ALGORITHMS = 'sha256',
  transforms = STANDARD_TRANSFORMS,
): string {
  let out = xml;
  if (scope === 'assertion' || scope === 'both') out = signElement(out, key, 'Assertion', algorithm, transforms);
  if (scope === 'response' || scope === 'both') out = signElement(out, key, 'Response', algorithm, transforms);
  return out;
}

export function toBase64(xml: string): string {
  return Buffer.from(xml, 'utf8').toString('base64');
}

export function uniqueId(): string {
  return `_${randomUUID()}`;
}
