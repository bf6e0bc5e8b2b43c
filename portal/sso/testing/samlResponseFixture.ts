// Builds signed SAML 2.0 responses for tests, with xml-crypto and keys from lib/x509.ts.
// Defaults describe a valid SP-initiated Entra-like login; each option breaks one thing.
import { randomBytes } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import type { TestKeyPair } from '../../../lib/index.ts';

export interface SamlResponseOptions {
  /** Key that signs (and, unless keyInfo says otherwise, whose certificate goes in KeyInfo). */
  readonly signer: TestKeyPair;
  readonly sign?: 'assertion' | 'response' | 'both' | 'none';
  /** Certificate embedded in KeyInfo: default the signer's; null = no KeyInfo. */
  readonly keyInfo?: TestKeyPair | null;
  readonly signatureAlgorithm?: 'sha256' | 'sha1';
  readonly digestAlgorithm?: 'sha256' | 'sha1';
  readonly transforms?: readonly string[];
  readonly now: Date;
  readonly issuer: string;
  /** Response-level Issuer: default = issuer; null = absent. */
  readonly responseIssuer?: string | null;
  readonly audience?: string | null;
  readonly destination?: string | null;
  readonly recipient?: string | null;
  /** Response InResponseTo and SubjectConfirmationData InResponseTo (null = absent). */
  readonly inResponseTo?: string | null;
  readonly subjectInResponseTo?: string | null;
  readonly nameId?: string;
  readonly nameIdFormat?: string | null;
  readonly attributes?: Readonly<Record<string, string | readonly string[]>>;
  readonly issueInstant?: Date;
  readonly notBefore?: Date | null;
  readonly notOnOrAfter?: Date | null;
  readonly subjectNotOnOrAfter?: Date | null;
  readonly conditions?: boolean;
  readonly assertionId?: string;
  readonly status?: { readonly code: string; readonly subCode?: string; readonly message?: string };
  /** Mutate the XML after signing (attacks). */
  readonly afterSign?: (xml: string) => string;
}

const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const SIG_ALG = {
  sha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  sha1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
} as const;
const DIGEST_ALG = { sha256: 'http://www.w3.org/2001/04/xmlenc#sha256', sha1: 'http://www.w3.org/2000/09/xmldsig#sha1' } as const;
const MIN = 60_000;

export function newSamlId(): string {
  return `_${randomBytes(16).toString('hex')}`;
}

function esc(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function instant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function attr(name: string, value: string | null | undefined): string {
  return value === null || value === undefined ? '' : ` ${name}="${esc(value)}"`;
}

export function samlResponseXml(o: SamlResponseOptions): string {
  const responseId = newSamlId();
  const assertionId = o.assertionId ?? newSamlId();
  const issued = o.issueInstant ?? o.now;
  const notBefore = o.notBefore === undefined ? new Date(o.now.getTime() - 5 * MIN) : o.notBefore;
  const notOnOrAfter = o.notOnOrAfter === undefined ? new Date(o.now.getTime() + 60 * MIN) : o.notOnOrAfter;
  const subjectNotOnOrAfter = o.subjectNotOnOrAfter === undefined ? notOnOrAfter : o.subjectNotOnOrAfter;
  const status = o.status ?? { code: 'urn:oasis:names:tc:SAML:2.0:status:Success' };
  const subjectIrt = o.subjectInResponseTo === undefined ? o.inResponseTo : o.subjectInResponseTo;
  const responseIssuer = o.responseIssuer === undefined ? o.issuer : o.responseIssuer;
  const nameIdFormat = o.nameIdFormat === undefined ? 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress' : o.nameIdFormat;
  const attributes = Object.entries(o.attributes ?? {}).map(
    ([name, value]) =>
      `<saml:Attribute Name="${esc(name)}">${(Array.isArray(value) ? value : [value]).map((v: string) => `<saml:AttributeValue>${esc(v)}</saml:AttributeValue>`).join('')}</saml:Attribute>`,
  );
  const success = status.code.endsWith(':Success');
  const assertion = success
    ? [
        `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${assertionId}" Version="2.0" IssueInstant="${instant(issued)}">`,
        `<saml:Issuer>${esc(o.issuer)}</saml:Issuer>`,
        '<saml:Subject>',
        `<saml:NameID${attr('Format', nameIdFormat)}>${esc(o.nameId ?? 'alice@corp.example')}</saml:NameID>`,
        '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">',
        `<saml:SubjectConfirmationData${attr('InResponseTo', subjectIrt)}${attr('NotOnOrAfter', subjectNotOnOrAfter && instant(subjectNotOnOrAfter))}${attr('Recipient', o.recipient)}/>`,
        '</saml:SubjectConfirmation>',
        '</saml:Subject>',
        o.conditions === false
          ? ''
          : `<saml:Conditions${attr('NotBefore', notBefore && instant(notBefore))}${attr('NotOnOrAfter', notOnOrAfter && instant(notOnOrAfter))}>${o.audience === null ? '' : `<saml:AudienceRestriction><saml:Audience>${esc(o.audience ?? '')}</saml:Audience></saml:AudienceRestriction>`}</saml:Conditions>`,
        attributes.length > 0 ? `<saml:AttributeStatement>${attributes.join('')}</saml:AttributeStatement>` : '',
        `<saml:AuthnStatement AuthnInstant="${instant(issued)}" SessionIndex="${assertionId}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:Password</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`,
        '</saml:Assertion>',
      ].join('')
    : '';
  const statusXml = `<samlp:Status><samlp:StatusCode Value="${esc(status.code)}">${status.subCode ? `<samlp:StatusCode Value="${esc(status.subCode)}"/>` : ''}</samlp:StatusCode>${status.message ? `<samlp:StatusMessage>${esc(status.message)}</samlp:StatusMessage>` : ''}</samlp:Status>`;
  let xml = [
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${responseId}" Version="2.0" IssueInstant="${instant(issued)}"${attr('Destination', o.destination)}${attr('InResponseTo', o.inResponseTo)}>`,
    responseIssuer === null ? '' : `<saml:Issuer>${esc(responseIssuer)}</saml:Issuer>`,
    statusXml,
    assertion,
    '</samlp:Response>',
  ].join('');
  const sign = o.sign ?? 'assertion';
  if (success && (sign === 'assertion' || sign === 'both')) xml = signElement(xml, assertionId, o);
  if (sign === 'response' || sign === 'both') xml = signElement(xml, responseId, o);
  return o.afterSign ? o.afterSign(xml) : xml;
}

/** Enveloped signature placed right after the element's Issuer (SAML core §5.4.1 position). */
export function signElement(
  xml: string,
  id: string,
  o: Pick<SamlResponseOptions, 'signer' | 'keyInfo' | 'signatureAlgorithm' | 'digestAlgorithm' | 'transforms'>,
): string {
  const keyInfo = o.keyInfo === undefined ? o.signer : o.keyInfo;
  const sig = new SignedXml({
    privateKey: o.signer.privateKeyPem,
    ...(keyInfo ? { publicCert: keyInfo.certificatePem } : { getKeyInfoContent: () => null }),
    signatureAlgorithm: SIG_ALG[o.signatureAlgorithm ?? 'sha256'],
    canonicalizationAlgorithm: EXC_C14N,
  });
  sig.addReference({
    xpath: `//*[@ID='${id}']`,
    transforms: [...(o.transforms ?? [ENVELOPED, EXC_C14N])],
    digestAlgorithm: DIGEST_ALG[o.digestAlgorithm ?? 'sha256'],
  });
  const hasIssuer = new RegExp(`ID="${id}"[^>]*>\\s*<[^>]*Issuer`).test(xml);
  sig.computeSignature(xml, {
    prefix: 'ds',
    location: hasIssuer
      ? { reference: `//*[@ID='${id}']/*[local-name()='Issuer']`, action: 'after' }
      : { reference: `//*[@ID='${id}']`, action: 'prepend' },
  });
  return sig.getSignedXml();
}

export function toBase64(xml: string): string {
  return Buffer.from(xml, 'utf8').toString('base64');
}
