import { inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReasonCode, TestKeyPair } from '../../lib/index.ts';
import { generateTestKeyPair, recertifyTestKeyPair, toCertificatePem } from '../../lib/index.ts';
import { DEFECTS, parseDefects } from '../defects.ts';
import type { DefectId } from '../defects.ts';
import type { PendingSamlLogin, SamlSettings, SsoResult } from './contract.ts';
import { PENDING_SAML_TTL_MS, startSamlLogin, validateSamlResponse } from './samlLogin.ts';
import { spEndpointsFor } from './spEndpoints.ts';
import { MemoryReplayCache } from './testing/memoryReplayCache.ts';
import { samlResponseXml, signElement, toBase64 } from './testing/samlResponseFixture.ts';
import type { SamlResponseOptions } from './testing/samlResponseFixture.ts';

const NOW = new Date('2026-06-01T12:00:00Z');
const MIN = 60_000;
const sp = spEndpointsFor('http://127.0.0.1:8080', 7);
const IDP_ENTITY = 'https://sts.windows.net/00000000-0000-0000-0000-000000000001/';
const EMAILADDRESS = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';
const REQUEST_ID = '_0123456789abcdef0123456789abcdef01234567';
const pending: PendingSamlLogin = { protocol: 'saml', requestId: REQUEST_ID, createdAt: NOW.getTime() - MIN };

let idp: TestKeyPair;
let attacker: TestKeyPair;
let expiredIdp: TestKeyPair;
let settings: SamlSettings;

beforeAll(() => {
  idp = generateTestKeyPair({ commonName: 'idp signing', notBefore: new Date(NOW.getTime() - 30 * 86_400_000) });
  attacker = generateTestKeyPair({ commonName: 'attacker' });
  expiredIdp = generateTestKeyPair({ commonName: 'idp expired', notBefore: new Date(NOW.getTime() - 400 * 86_400_000), lifetimeDays: 365 });
  settings = {
    protocol: 'saml',
    vendor: 'entra',
    idpEntityId: IDP_ENTITY,
    idpSsoUrl: 'http://127.0.0.1:4000/saml2',
    idpCertificates: [toCertificatePem(idp.certificateBase64)],
    requireSignedResponse: false,
    requireSignedAssertion: true,
    allowedClockSkewSeconds: 120,
    allowIdpInitiated: false,
    warnings: [],
  };
});

function response(overrides: Partial<SamlResponseOptions> = {}): string {
  return toBase64(
    samlResponseXml({
      signer: idp,
      now: NOW,
      issuer: IDP_ENTITY,
      audience: sp.entityId,
      destination: sp.acsUrl,
      recipient: sp.acsUrl,
      inResponseTo: REQUEST_ID,
      nameId: 'alice@corp.example',
      ...overrides,
    }),
  );
}

interface Case {
  readonly name: string;
  readonly samlResponse: () => string;
  readonly settings?: Partial<SamlSettings>;
  /** null = no pending login in this browser. */
  readonly pending?: PendingSamlLogin | null;
  readonly reason: ReasonCode;
  readonly detail?: string | RegExp;
  /**
   * The defect switches that make the portal accept this artefact (the rule's off switch, and its partial bugs that this artefact exposes).
   */
  readonly acceptedWith?: DefectId | readonly DefectId[];
}

const switchesOf = (c: Case): readonly DefectId[] =>
  c.acceptedWith === undefined ? [] : typeof c.acceptedWith === 'string' ? [c.acceptedWith] : c.acceptedWith;

/** The response signed over an assertion that is already signed (its own options: algorithm, digest). */
const alsoSignResponse = (xml: string): string =>
  signElement(xml, /<samlp:Response[^>]* ID="([^"]+)"/.exec(xml)?.[1] ?? '', { signer: idp });

function validate(
  c: Pick<Case, 'samlResponse' | 'settings' | 'pending'>,
  defects: readonly string[] = [],
  replay = new MemoryReplayCache(),
): Promise<SsoResult> {
  const p = c.pending === null ? undefined : (c.pending ?? pending);
  return validateSamlResponse({ ...settings, ...c.settings }, sp, c.samlResponse(), {
    now: NOW,
    defects: parseDefects(defects),
    replay,
    ...(p ? { pending: p } : {}),
  });
}

const ASSERTION = /<saml:Assertion[\s\S]*<\/saml:Assertion>/;
const assertionXml = (xml: string): string => ASSERTION.exec(xml)?.[0] ?? '';
const evilCopy = (xml: string): string =>
  assertionXml(xml)
    .replace(/ID="[^"]+"/, 'ID="_evil"')
    .replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '')
    .replace('alice@corp.example', 'mallory@corp.example');

const CASES: Case[] = [
  {
    name: 'garbage base64',
    samlResponse: () => 'not base64 at all!',
    reason: 'saml-malformed',
    detail: 'The SAMLResponse is not base64 (HTTP-POST binding, SAML bindings §3.5.4).',
  },
  { name: 'empty SAMLResponse', samlResponse: () => '', reason: 'saml-malformed', detail: 'The SAMLResponse parameter is empty.' },
  {
    name: 'base64 of bytes that are not UTF-8',
    samlResponse: () => Buffer.from([0xff, 0xfe, 0x00, 0x3c]).toString('base64'),
    reason: 'saml-malformed',
    detail: 'The SAMLResponse decodes to bytes that are not UTF-8 text.',
  },
  {
    name: 'base64 of text that is not XML',
    samlResponse: () => toBase64('hello'),
    reason: 'saml-malformed',
    detail: 'The SAML response is not XML: it is not well-formed XML: missing root element.',
  },
  {
    name: 'another root element',
    samlResponse: () => toBase64('<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>'),
    reason: 'saml-malformed',
    detail: 'The posted document is <samlp:AuthnRequest>, not a samlp:Response.',
  },
  {
    name: 'deeply nested XML',
    samlResponse: () => toBase64(`${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}`),
    reason: 'saml-malformed',
    detail: 'The SAML response is not XML: it nests elements 65 levels deep (limit 64).',
  },
  {
    name: 'a DOCTYPE (XXE)',
    samlResponse: () => toBase64(`<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>${Buffer.from(response(), 'base64').toString()}`),
    reason: 'saml-doctype-forbidden',
    detail: 'The SAML response contains a DOCTYPE; it was refused before parsing.',
  },
  {
    name: 'status Responder/AuthnFailed',
    samlResponse: () =>
      response({
        status: {
          code: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
          subCode: 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed',
          message: 'AADSTS50105: user not assigned',
        },
      }),
    reason: 'saml-status-not-success',
    detail: 'The IdP answered status Responder / AuthnFailed: "AADSTS50105: user not assigned".',
  },
  {
    name: 'status Requester without message',
    samlResponse: () => response({ status: { code: 'urn:oasis:names:tc:SAML:2.0:status:Requester' } }),
    reason: 'saml-status-not-success',
    detail: 'The IdP answered status Requester.',
  },
  {
    name: 'no signature at all',
    samlResponse: () => response({ sign: 'none' }),
    reason: 'saml-signature-missing',
    detail: 'Neither the response nor the assertion is signed.',
  },
  {
    name: 'assertion unsigned where the assertion must be signed',
    samlResponse: () => response({ sign: 'response' }),
    reason: 'saml-signature-missing',
    detail: 'The assertion is not signed, and this account requires a signed assertion (only the response is signed).',
    acceptedWith: 'saml-ignore-signature-scope',
  },
  {
    name: 'response unsigned where the response must be signed',
    samlResponse: () => response({ sign: 'assertion' }),
    settings: { requireSignedResponse: true, requireSignedAssertion: false },
    reason: 'saml-signature-missing',
    detail: 'The response is not signed, and this account requires a signed response (only the assertion is signed).',
    acceptedWith: 'saml-ignore-signature-scope',
  },
  {
    name: 'signed by another key whose certificate is in KeyInfo',
    samlResponse: () => response({ signer: attacker }),
    reason: 'saml-cert-untrusted',
    detail:
      /^The assertion is signed by the certificate with SHA-256 fingerprint [0-9A-F:]{95}, which is not the signing certificate configured for this account\.$/,
    acceptedWith: 'saml-trust-keyinfo-cert',
  },
  {
    name: 'signed by another key, no KeyInfo',
    samlResponse: () => response({ signer: attacker, keyInfo: null }),
    reason: 'saml-signature-invalid',
    detail:
      'The assertion signature does not verify with the configured certificate: the signed content was altered, or it was signed by another key.',
  },
  {
    name: 'NameID altered after signing',
    samlResponse: () => response({ afterSign: (xml) => xml.replace('>alice@corp.example<', '>admin@corp.example<') }),
    reason: 'saml-signature-invalid',
    detail: 'The assertion signature does not verify with the configured certificate: the signed content was altered.',
  },
  {
    name: 'an unrequired response signature that does not verify',
    samlResponse: () =>
      response({ sign: 'both', afterSign: (xml) => xml.replace(/(<samlp:Response[^>]*IssueInstant=")[^"]+/, '$12020-01-01T00:00:00Z') }),
    reason: 'saml-signature-invalid',
    detail: 'The response signature does not verify with the configured certificate: the signed content was altered.',
    acceptedWith: 'saml-unrequired-signature-unverified',
  },
  {
    name: 'an unrequired response signature by another key',
    samlResponse: () =>
      response({ afterSign: (xml) => signElement(xml, /<samlp:Response[^>]* ID="([^"]+)"/.exec(xml)?.[1] ?? '', { signer: attacker }) }),
    reason: 'saml-cert-untrusted',
    acceptedWith: ['saml-trust-keyinfo-cert', 'saml-unrequired-signature-unverified'],
  },
  {
    name: 'RSA-SHA1 signature',
    samlResponse: () => response({ signatureAlgorithm: 'sha1', digestAlgorithm: 'sha1' }),
    reason: 'saml-weak-algorithm',
    detail: 'The assertion signature uses signature algorithm RSA-SHA1 and digest SHA-1.',
    acceptedWith: 'saml-allow-sha1',
  },
  {
    name: 'SHA-1 digest under an RSA-SHA256 signature',
    samlResponse: () => response({ digestAlgorithm: 'sha1' }),
    reason: 'saml-weak-algorithm',
    detail: 'The assertion signature uses digest SHA-1.',
    acceptedWith: 'saml-allow-sha1',
  },
  // The response signature comes first in the document: a policy applied to the first signature only misses the assertion's.
  {
    name: 'SHA-1 digests on the assertion signature under an RSA-SHA256 response signature',
    samlResponse: () => response({ digestAlgorithm: 'sha1', afterSign: alsoSignResponse }),
    reason: 'saml-weak-algorithm',
    detail: 'The assertion signature uses digest SHA-1.',
    acceptedWith: ['saml-allow-sha1', 'saml-algorithms-first-signature'],
  },
  {
    name: 'an XSLT transform',
    samlResponse: () =>
      response({
        afterSign: (xml) =>
          xml.replace('http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/TR/1999/REC-xslt-19991116'),
      }),
    reason: 'saml-signature-invalid',
    detail:
      'The assertion signature uses the transform "http://www.w3.org/TR/1999/REC-xslt-19991116", which is never accepted in SAML (only canonicalization and enveloped-signature).',
  },
  {
    name: 'a second, unsigned assertion (XSW)',
    samlResponse: () => response({ afterSign: (xml) => xml.replace('</samlp:Response>', `${evilCopy(xml)}</samlp:Response>`) }),
    reason: 'saml-multiple-assertions',
    detail: 'The response carries 2 assertions.',
  },
  {
    name: 'the signed assertion moved into Extensions, an evil one in its place (XSW)',
    samlResponse: () =>
      response({
        afterSign: (xml) => xml.replace(ASSERTION, (signed) => `<samlp:Extensions>${signed}</samlp:Extensions>${evilCopy(xml)}`),
      }),
    reason: 'saml-multiple-assertions',
    detail: 'The response carries 2 assertions.',
  },
  {
    name: 'a second assertion in a foreign namespace',
    samlResponse: () =>
      response({
        afterSign: (xml) => xml.replace('</samlp:Response>', '<evil:Assertion xmlns:evil="urn:evil" ID="_evil2"/></samlp:Response>'),
      }),
    reason: 'saml-multiple-assertions',
    detail: 'The response carries 2 assertions.',
  },
  {
    name: 'the only assertion wrapped in Extensions',
    samlResponse: () =>
      response({ afterSign: (xml) => xml.replace(ASSERTION, (signed) => `<samlp:Extensions>${signed}</samlp:Extensions>`) }),
    reason: 'saml-multiple-assertions',
    detail: 'The only assertion is not a direct child of the Response (moved assertion: signature wrapping).',
  },
  {
    name: 'an encrypted assertion',
    samlResponse: () =>
      response({
        sign: 'none',
        afterSign: (xml) =>
          xml.replace(
            ASSERTION,
            '<saml:EncryptedAssertion><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"/></saml:EncryptedAssertion>',
          ),
      }),
    reason: 'saml-encrypted-unexpected',
    detail: 'The assertion is encrypted (EncryptedAssertion) and this account has no decryption key.',
  },
  {
    name: 'another issuer (Okta http vs https)',
    samlResponse: () => response({ issuer: 'http://www.okta.com/exk1' }),
    settings: { idpEntityId: 'https://www.okta.com/exk1' },
    reason: 'saml-issuer-mismatch',
    detail: 'The assertion Issuer is "http://www.okta.com/exk1"; this account expects "https://www.okta.com/exk1".',
    acceptedWith: 'saml-skip-issuer',
  },
  {
    name: 'issuer without the trailing slash',
    samlResponse: () => response({ issuer: IDP_ENTITY.replace(/\/$/, '') }),
    reason: 'saml-issuer-mismatch',
    detail: `The assertion Issuer is "${IDP_ENTITY.replace(/\/$/, '')}"; this account expects "${IDP_ENTITY}".`,
    acceptedWith: 'saml-skip-issuer',
  },
  {
    name: 'a response Issuer that differs from the assertion Issuer',
    samlResponse: () => response({ responseIssuer: 'https://evil.example/' }),
    reason: 'saml-issuer-mismatch',
    detail: `The response Issuer is "https://evil.example/"; this account expects "${IDP_ENTITY}".`,
    acceptedWith: ['saml-skip-issuer', 'saml-response-issuer-unchecked'],
  },
  {
    name: 'an issuer in other letter case',
    samlResponse: () => response({ issuer: IDP_ENTITY.toUpperCase() }),
    reason: 'saml-issuer-mismatch',
    acceptedWith: ['saml-skip-issuer', 'saml-issuer-case-insensitive'],
  },
  {
    name: 'audience of another SP',
    samlResponse: () => response({ audience: 'https://other-sp.example/metadata' }),
    reason: 'saml-audience-mismatch',
    detail: `The assertion audience mismatch. Expected: ${sp.entityId} Received: https://other-sp.example/metadata (SP entity ID: ${sp.entityId}).`,
    acceptedWith: 'saml-skip-audience',
  },
  {
    name: 'audience differing only in case',
    samlResponse: () => response({ audience: sp.entityId.replace('saml/metadata', 'SAML/metadata') }),
    reason: 'saml-audience-mismatch',
    acceptedWith: 'saml-skip-audience',
  },
  {
    name: 'audience with a trailing slash',
    samlResponse: () => response({ audience: `${sp.entityId}/` }),
    reason: 'saml-audience-mismatch',
    acceptedWith: ['saml-skip-audience', 'saml-audience-prefix'],
  },
  {
    name: 'no AudienceRestriction',
    samlResponse: () => response({ audience: null }),
    reason: 'saml-audience-mismatch',
    detail: `The assertion has no AudienceRestriction (SP entity ID: ${sp.entityId}).`,
    acceptedWith: 'saml-skip-audience',
  },
  {
    name: 'Destination of another ACS',
    samlResponse: () => response({ destination: 'http://127.0.0.1:8080/sso/8/saml/acs' }),
    reason: 'saml-destination-mismatch',
    detail: `The response Destination is "http://127.0.0.1:8080/sso/8/saml/acs"; this account's ACS URL is "${sp.acsUrl}".`,
    acceptedWith: 'saml-skip-destination',
  },
  {
    name: 'Destination computed as http behind a TLS proxy',
    samlResponse: () => response({ destination: sp.acsUrl.replace('http:', 'https:') }),
    reason: 'saml-destination-mismatch',
    acceptedWith: 'saml-skip-destination',
  },
  // Present means compared: an empty Destination is not an absent one (a check skipped "when present").
  {
    name: 'an empty Destination',
    samlResponse: () => response({ destination: '' }),
    reason: 'saml-destination-mismatch',
    detail: `The response Destination is ""; this account's ACS URL is "${sp.acsUrl}".`,
    acceptedWith: ['saml-skip-destination', 'saml-destination-when-nonempty'],
  },
  {
    name: 'an Issuer with surrounding spaces (no trim: NameIDType is a string)',
    samlResponse: () => response({ issuer: ` ${IDP_ENTITY} ` }),
    reason: 'saml-issuer-mismatch',
    detail: `The assertion Issuer is " ${IDP_ENTITY} "; this account expects "${IDP_ENTITY}".`,
    acceptedWith: ['saml-skip-issuer', 'saml-issuer-case-insensitive'],
  },
  {
    name: 'a Destination with an extra path segment (a prefix compare)',
    samlResponse: () => response({ destination: `${sp.acsUrl}/old-app` }),
    reason: 'saml-destination-mismatch',
    acceptedWith: ['saml-skip-destination', 'saml-destination-prefix'],
  },
  {
    name: 'a signed response without Destination',
    samlResponse: () => response({ sign: 'both', destination: null }),
    reason: 'saml-destination-mismatch',
    detail: `The signed response has no Destination; it must be the ACS URL ${sp.acsUrl}.`,
    acceptedWith: 'saml-skip-destination',
  },
  {
    name: 'Recipient of another ACS',
    samlResponse: () => response({ recipient: 'http://127.0.0.1:9999/acs' }),
    reason: 'saml-recipient-mismatch',
    detail: `The SubjectConfirmationData Recipient is http://127.0.0.1:9999/acs; this account's ACS URL is "${sp.acsUrl}".`,
    acceptedWith: 'saml-skip-recipient',
  },
  {
    name: 'no Recipient',
    samlResponse: () => response({ recipient: null }),
    reason: 'saml-recipient-mismatch',
    detail: `The SubjectConfirmationData Recipient is (none); this account's ACS URL is "${sp.acsUrl}".`,
    acceptedWith: 'saml-skip-recipient',
  },
  {
    name: 'a Recipient whose path differs in letter case',
    samlResponse: () => response({ recipient: sp.acsUrl.replace('/saml/acs', '/SAML/acs') }),
    reason: 'saml-recipient-mismatch',
    acceptedWith: ['saml-skip-recipient', 'saml-recipient-case-insensitive'],
  },
  {
    name: 'an expired assertion (beyond the skew)',
    samlResponse: () =>
      response({
        issueInstant: new Date(NOW.getTime() - 70 * MIN),
        notBefore: new Date(NOW.getTime() - 75 * MIN),
        notOnOrAfter: new Date(NOW.getTime() - 3 * MIN),
      }),
    reason: 'saml-expired',
    detail:
      'The assertion expired at 2026-06-01T11:57:00.000Z (Conditions NotOnOrAfter; now 2026-06-01T12:00:00.000Z, allowed skew 120 s).',
    acceptedWith: ['saml-skip-time-window', 'saml-skew-doubled'],
  },
  {
    name: 'expired 150 s ago: beyond the 120 s skew, within twice it',
    samlResponse: () => response({ notOnOrAfter: new Date(NOW.getTime() - 150_000) }),
    reason: 'saml-expired',
    acceptedWith: ['saml-skip-time-window', 'saml-skew-doubled'],
  },
  {
    name: 'an expired subject confirmation',
    samlResponse: () => response({ subjectNotOnOrAfter: new Date(NOW.getTime() - 3 * MIN) }),
    reason: 'saml-expired',
    detail:
      'The subject confirmation expired at 2026-06-01T11:57:00.000Z (SubjectConfirmationData NotOnOrAfter; now 2026-06-01T12:00:00.000Z, allowed skew 120 s).',
    acceptedWith: ['saml-skip-time-window', 'saml-skew-doubled', 'saml-subject-expiry-unchecked'],
  },
  {
    name: 'NotBefore in the future (beyond the skew)',
    samlResponse: () => response({ notBefore: new Date(NOW.getTime() + 3 * MIN) }),
    reason: 'saml-not-yet-valid',
    detail:
      'The assertion is valid from 2026-06-01T12:03:00.000Z (Conditions NotBefore; now 2026-06-01T12:00:00.000Z, allowed skew 120 s).',
    acceptedWith: ['saml-skip-time-window', 'saml-skew-doubled'],
  },
  {
    name: 'IssueInstant in the future (IdP clock ahead)',
    samlResponse: () =>
      response({ issueInstant: new Date(NOW.getTime() + 10 * MIN), notBefore: null, notOnOrAfter: new Date(NOW.getTime() + 70 * MIN) }),
    reason: 'saml-not-yet-valid',
    detail: 'The assertion was issued at 2026-06-01T12:10:00.000Z, in the future (now 2026-06-01T12:00:00.000Z, allowed skew 120 s).',
    acceptedWith: 'saml-skip-time-window',
  },
  {
    name: 'no Conditions',
    samlResponse: () => response({ conditions: false }),
    reason: 'saml-conditions-missing',
    detail: 'The assertion has no Conditions element.',
  },
  {
    name: 'Conditions without NotOnOrAfter',
    samlResponse: () => response({ notOnOrAfter: null, subjectNotOnOrAfter: new Date(NOW.getTime() + 5 * MIN) }),
    reason: 'saml-conditions-missing',
    detail: 'The assertion Conditions have no NotOnOrAfter, so the assertion would never expire.',
  },
  {
    name: 'SubjectConfirmationData without NotOnOrAfter',
    samlResponse: () => response({ subjectNotOnOrAfter: null }),
    reason: 'saml-conditions-missing',
    detail: 'The bearer SubjectConfirmationData has no NotOnOrAfter (SAML profiles §4.1.4.2), so it would never expire.',
  },
  {
    name: 'a time with a zone offset',
    samlResponse: () => response({ afterSign: (xml) => xml.replace(/(<saml:Conditions NotBefore=")[^"]+/, '$12026-06-01T13:55:00+02:00') }),
    reason: 'saml-malformed',
    detail: 'Conditions NotBefore "2026-06-01T13:55:00+02:00" is not a UTC time (expected e.g. 2026-01-31T12:00:00Z).',
  },
  {
    name: 'InResponseTo of another request',
    samlResponse: () => response({ inResponseTo: '_someone-elses-request' }),
    reason: 'saml-inresponseto-unknown',
    detail: `The response answers request _someone-elses-request; this browser's pending request is ${REQUEST_ID}.`,
    acceptedWith: 'saml-skip-inresponseto',
  },
  {
    name: 'InResponseTo with no pending login',
    samlResponse: () => response(),
    pending: null,
    reason: 'saml-inresponseto-unknown',
    detail: `The response answers request ${REQUEST_ID}, but this browser has no pending login (session cookie lost, or the login was started elsewhere).`,
    acceptedWith: 'saml-skip-inresponseto',
  },
  {
    name: 'InResponseTo of an expired pending login',
    samlResponse: () => response(),
    pending: { ...pending, createdAt: NOW.getTime() - PENDING_SAML_TTL_MS - MIN },
    reason: 'saml-inresponseto-unknown',
    detail: `The login request ${REQUEST_ID} was started more than 15 minutes ago and has expired.`,
    acceptedWith: 'saml-skip-inresponseto',
  },
  {
    name: 'response and assertion InResponseTo that disagree',
    samlResponse: () => response({ subjectInResponseTo: '_other' }),
    reason: 'saml-inresponseto-unknown',
    detail: `The response InResponseTo (${REQUEST_ID}) and the assertion's (_other) disagree.`,
    acceptedWith: 'saml-skip-inresponseto',
  },
  {
    name: 'no InResponseTo on an SP-initiated login',
    samlResponse: () => response({ inResponseTo: null }),
    reason: 'saml-inresponseto-missing',
    detail: `The response has no InResponseTo, but this browser started login request ${REQUEST_ID}.`,
    acceptedWith: ['saml-skip-inresponseto', 'saml-inresponseto-when-present'],
  },
  {
    name: 'an unsolicited response when IdP-initiated login is off',
    samlResponse: () => response({ inResponseTo: null }),
    pending: null,
    reason: 'saml-unsolicited-not-allowed',
    detail: 'The response is unsolicited (IdP-initiated: no InResponseTo), and IdP-initiated login is off for this account.',
    acceptedWith: 'saml-allow-unsolicited',
  },
  {
    name: 'an opaque NameID and no email attribute (Auth0 user_id)',
    samlResponse: () => response({ nameId: 'auth0|64f0c0ffee', nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified' }),
    reason: 'email-missing',
    detail: `No email address in the assertion: the NameID (urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified) is not an email, and none of the attributes ${EMAILADDRESS} carries one. Attributes received: none.`,
  },
  {
    name: 'only an Entra guest UPN',
    samlResponse: () => response({ nameId: 'alice_contoso.com#EXT#@fabrikam.onmicrosoft.com' }),
    reason: 'email-missing',
    detail: `No email address in the assertion: the NameID (urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress) is not an email, and none of the attributes ${EMAILADDRESS} carries one. Attributes received: none. The NameID is an Entra guest UPN (alice_contoso.com#EXT#@fabrikam.onmicrosoft.com), which is not the user's email: it was ignored.`,
  },
  {
    name: 'a configured email attribute that is absent',
    samlResponse: () => response({ attributes: { mail: 'alice@corp.example' } }),
    settings: { emailAttribute: 'email' },
    reason: 'email-missing',
    detail: 'The attribute "email" configured as the email source is not in the assertion. Attributes received: mail.',
  },
];

describe('validateSamlResponse refuses each bad artefact with its exact reason', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const result = await validate(c);
    expect(result).toMatchObject({ ok: false, reason: c.reason });
    if (!result.ok && c.detail !== undefined) {
      if (typeof c.detail === 'string') expect(result.detail).toBe(c.detail);
      else expect(result.detail).toMatch(c.detail);
    }
  });
});

describe('each defect switch accepts exactly its artefact', () => {
  const withDefect = CASES.flatMap((c) => switchesOf(c).map((defect) => [defect, c.name, c] as const));

  it.each(withDefect)('%s accepts %s', async (defect, _name, c) => {
    expect((await validate(c, [defect])).ok).toBe(true);
  });

  const samlDefects = (Object.keys(DEFECTS) as DefectId[]).filter((id) => id.startsWith('saml-'));
  it.each(samlDefects)('%s leaves every other check in place', async (defect) => {
    for (const c of CASES.filter((row) => !switchesOf(row).includes(defect))) {
      const result = await validate(c, [defect]);
      expect({ name: c.name, reason: result.ok ? 'accepted' : result.reason }).toEqual({ name: c.name, reason: c.reason });
    }
  });

  it('every SAML defect switch has an artefact it accepts', () => {
    expect(samlDefects.filter((d) => !withDefect.some(([defect]) => defect === d))).toEqual(['saml-skip-replay-cache']);
  });
});

describe('validateSamlResponse accepts real vendor shapes', () => {
  it('Entra: assertion-only signing, NameID emailAddress', async () => {
    const result = await validate({ samlResponse: () => response() });
    expect(result).toEqual({
      ok: true,
      identity: {
        email: 'alice@corp.example',
        subject: 'alice@corp.example',
        issuer: IDP_ENTITY,
        emailSource: 'NameID (emailAddress)',
        attributes: {},
        warnings: [],
      },
    });
  });

  it('Okta: response and assertion signed, http:// issuer configured exactly, unspecified NameID that is an email', async () => {
    const result = await validate({
      samlResponse: () =>
        response({
          sign: 'both',
          issuer: 'http://www.okta.com/exk1abc',
          nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
          attributes: { email: 'alice@corp.example', firstName: 'Alice' },
        }),
      settings: { vendor: 'okta', idpEntityId: 'http://www.okta.com/exk1abc', requireSignedResponse: true, requireSignedAssertion: true },
    });
    expect(result.ok && result.identity.emailSource).toBe('NameID (value is an email)');
    expect(result.ok && result.identity.attributes).toEqual({ email: 'alice@corp.example', firstName: 'Alice' });
  });

  it('Google: response-only signing when the account requires the response signature', async () => {
    const result = await validate({
      samlResponse: () => response({ sign: 'response' }),
      settings: { vendor: 'google', requireSignedResponse: true, requireSignedAssertion: false },
    });
    expect(result.ok).toBe(true);
  });

  it('Auth0: opaque NameID, email from the emailaddress claim URI', async () => {
    const result = await validate({
      samlResponse: () =>
        response({
          nameId: 'auth0|64f0c0ffee',
          nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
          attributes: { [EMAILADDRESS]: 'alice@corp.example' },
        }),
      settings: { vendor: 'auth0' },
    });
    expect(result.ok && [result.identity.email, result.identity.emailSource, result.identity.subject]).toEqual([
      'alice@corp.example',
      `attribute ${EMAILADDRESS}`,
      'auth0|64f0c0ffee',
    ]);
  });

  it('Entra guest: the #EXT# UPN is ignored and the emailaddress claim is used, with a warning', async () => {
    const result = await validate({
      samlResponse: () =>
        response({ nameId: 'alice_contoso.com#EXT#@fabrikam.onmicrosoft.com', attributes: { [EMAILADDRESS]: 'alice@contoso.example' } }),
    });
    expect(result.ok && result.identity.email).toBe('alice@contoso.example');
    expect(result.ok && result.identity.warnings).toEqual([
      "The NameID is an Entra guest UPN (alice_contoso.com#EXT#@fabrikam.onmicrosoft.com), which is not the user's email: it was ignored.",
    ]);
  });

  it('the configured email attribute wins over an email NameID', async () => {
    const result = await validate({
      samlResponse: () => response({ attributes: { mail: 'alice.smith@corp.example' } }),
      settings: { emailAttribute: 'mail' },
    });
    expect(result.ok && [result.identity.email, result.identity.emailSource]).toEqual(['alice.smith@corp.example', 'attribute mail']);
  });

  it('an assertion expired by less than the allowed skew', async () => {
    const result = await validate({ samlResponse: () => response({ notOnOrAfter: new Date(NOW.getTime() - MIN) }) });
    expect(result.ok).toBe(true);
  });

  it('a Destination and Recipient whose scheme and host are in capitals (they compare case-insensitively, RFC 3986 §3.1, §3.2.2)', async () => {
    const shouted = sp.acsUrl.replace(/^http:\/\/[^/]+/, (head) => head.toUpperCase());
    expect(shouted).not.toBe(sp.acsUrl);
    expect((await validate({ samlResponse: () => response({ destination: shouted, recipient: shouted }) })).ok).toBe(true);
  });

  it('an unsolicited response when IdP-initiated login is allowed', async () => {
    expect(
      (await validate({ samlResponse: () => response({ inResponseTo: null }), pending: null, settings: { allowIdpInitiated: true } })).ok,
    ).toBe(true);
  });

  it('NameID comment injection yields the whole signed value, never the truncated one', async () => {
    const result = await validate({
      samlResponse: () =>
        response({
          nameId: 'alice@corp.example.evil.test',
          afterSign: (xml) => xml.replace('alice@corp.example.evil.test', 'alice@corp.example<!---->.evil.test'),
        }),
    });
    expect(result.ok && result.identity.email).toBe('alice@corp.example.evil.test');
  });

  it('a signing certificate that has expired: accepted, with a warning', async () => {
    const result = await validate({
      samlResponse: () => response({ signer: expiredIdp }),
      settings: { idpCertificates: [toCertificatePem(expiredIdp.certificateBase64)] },
    });
    expect(result.ok && result.identity.warnings).toEqual([
      expect.stringMatching(/^The signing certificate CN=idp expired, .* expired on 2026-04-27T12:00:00.000Z\./),
    ]);
  });

  it('the configured certificate expired after it was saved: accepted, and the admin is warned (evaluated at login time)', async () => {
    const validAtSave = recertifyTestKeyPair(idp, {
      commonName: 'idp signing',
      serial: Buffer.from([7]),
      notBefore: new Date(NOW.getTime() - 100 * 86_400_000),
      notAfter: new Date(NOW.getTime() - 86_400_000),
    });
    const result = await validate({
      samlResponse: () => response({ keyInfo: validAtSave }),
      settings: { idpCertificates: [validAtSave.certificatePem] },
    });
    expect(result.ok && result.identity.warnings).toEqual([
      expect.stringMatching(
        /^The signing certificate CN=idp signing, .* expired on 2026-05-31T12:00:00.000Z\. SAML logins signed with its key are still accepted/,
      ),
    ]);
    expect(result.ok && result.identity.certificateWarnings).toEqual(result.ok ? result.identity.warnings : []);
  });

  it('the IdP signs with the configured key under a certificate that has expired (fault saml.cert-expired): accepted, with a warning', async () => {
    // Same key, the IdP's certificate (in KeyInfo) past its NotAfter; the copy configured here is still valid.
    const expiredAtIdp = recertifyTestKeyPair(idp, {
      commonName: 'idp signing',
      serial: Buffer.from([9]),
      notBefore: new Date(NOW.getTime() - 400 * 86_400_000),
      notAfter: new Date(NOW.getTime() - 86_400_000),
    });
    const result = await validate({ samlResponse: () => response({ keyInfo: expiredAtIdp }) });
    expect(result.ok).toBe(true);
    expect(result.ok && result.identity.warnings).toEqual([
      expect.stringMatching(
        /^The IdP signs with the key of the configured certificate CN=idp signing, .*, but under a certificate that expired on 2026-05-31T12:00:00.000Z/,
      ),
    ]);
    expect(result.ok && result.identity.certificateWarnings).toHaveLength(1);
    // A KeyInfo certificate of another key is never read for its dates (and never trusted).
    const strangerExpired = recertifyTestKeyPair(attacker, {
      commonName: 'attacker',
      serial: Buffer.from([3]),
      notBefore: new Date(NOW.getTime() - 400 * 86_400_000),
      notAfter: new Date(NOW.getTime() - 86_400_000),
    });
    const unrelated = await validate({ samlResponse: () => response({ keyInfo: strangerExpired }) });
    expect(unrelated).toMatchObject({ ok: true, identity: { warnings: [] } });
  });

  it('the second certificate of a rotation pair', async () => {
    const result = await validate({
      samlResponse: () => response(),
      settings: { idpCertificates: [toCertificatePem(attacker.certificateBase64), toCertificatePem(idp.certificateBase64)] },
    });
    expect(result.ok).toBe(true);
  });
});

describe('assertion replay', () => {
  it('refuses the second use of an assertion and remembers it until it expires', async () => {
    const replay = new MemoryReplayCache();
    const xml = response({ assertionId: '_assertion-1' });
    expect((await validate({ samlResponse: () => xml }, [], replay)).ok).toBe(true);
    expect(replay.entries.get('_assertion-1')).toBe(NOW.getTime() + 60 * MIN + 120_000);
    expect(await validate({ samlResponse: () => xml }, [], replay)).toEqual({
      ok: false,
      reason: 'saml-replay',
      detail: 'The assertion _assertion-1 was already used to log in.',
    });
  });

  it('saml-skip-replay-cache accepts the second use', async () => {
    const replay = new MemoryReplayCache();
    const xml = response();
    expect((await validate({ samlResponse: () => xml }, ['saml-skip-replay-cache'], replay)).ok).toBe(true);
    expect((await validate({ samlResponse: () => xml }, ['saml-skip-replay-cache'], replay)).ok).toBe(true);
  });

  it('does not consume an assertion that was refused', async () => {
    const replay = new MemoryReplayCache();
    await validate({ samlResponse: () => response({ audience: 'https://other/' }) }, [], replay);
    expect(replay.entries.size).toBe(0);
  });
});

describe('startSamlLogin', () => {
  it('redirects to the IdP with a deflated AuthnRequest for this SP and remembers its ID', () => {
    const { redirectUrl, pending: started } = startSamlLogin(
      { ...settings, idpSsoUrl: 'https://accounts.google.com/o/saml2/idp?idpid=C01abc' },
      sp,
      { now: NOW, relayState: 'r/42' },
    );
    const url = new URL(redirectUrl);
    expect(url.origin + url.pathname).toBe('https://accounts.google.com/o/saml2/idp');
    expect(url.searchParams.get('idpid')).toBe('C01abc');
    expect(url.searchParams.get('RelayState')).toBe('r/42');
    const request = inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest') ?? '', 'base64')).toString('utf8');
    expect([started.protocol, started.createdAt]).toEqual(['saml', NOW.getTime()]);
    expect(started.requestId).toMatch(/^_[0-9a-f]{40}$/);
    expect(request).toContain(`ID="${started.requestId}"`);
    expect(request).toContain('IssueInstant="2026-06-01T12:00:00.000Z"');
    expect(request).toContain('Destination="https://accounts.google.com/o/saml2/idp?idpid=C01abc"');
    expect(request).toContain(`AssertionConsumerServiceURL="${sp.acsUrl}"`);
    expect(request).toContain('ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"');
    expect(request).toContain(`<saml:Issuer>${sp.entityId}</saml:Issuer>`);
    expect(request).not.toContain('RequestedAuthnContext');
  });

  it('uses a fresh request ID each time', () => {
    const a = startSamlLogin(settings, sp, { now: NOW }).pending.requestId;
    const b = startSamlLogin(settings, sp, { now: NOW }).pending.requestId;
    expect(a).not.toBe(b);
  });

  it('refuses a RelayState longer than 80 bytes', () => {
    expect(() => startSamlLogin(settings, sp, { now: NOW, relayState: 'x'.repeat(81) })).toThrow(
      'RelayState is 81 bytes; SAML bindings §3.4.3 allows at most 80. Pass a short key (e.g. an id of the stored return path), not the URL itself.',
    );
  });

  it('a response to the started login is accepted', async () => {
    const started = startSamlLogin(settings, sp, { now: NOW });
    const result = await validate({ samlResponse: () => response({ inResponseTo: started.pending.requestId }), pending: started.pending });
    expect(result.ok).toBe(true);
  });
});
