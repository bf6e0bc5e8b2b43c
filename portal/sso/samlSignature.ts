// XML signature checks of a SAML response. The cryptographic verification and the
// signature-wrapping hardening are @node-saml/node-saml's (validatePostResponseAsync, which uses
// xml-crypto with the configured certificates only: xml-crypto 6 ignores KeyInfo by default).
// What node-saml does not do is added here: SHA-1 and unknown algorithms/transforms refused,
// "a signature that is present must verify" even where it is not required, and a precise reason
// when verification fails (no signature / wrong certificate / altered content).
import { createHash } from 'node:crypto';
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { getVerifiedXml, parseDomFromString } from '@node-saml/node-saml/lib/xml.js';
import { toCertificatePem } from '../../lib/index.ts';
import type { ReasonCode } from '../../lib/index.ts';
import type { SpEndpoints } from './contract.ts';
import { childElements, descendantElements, firstChildElement, NS, textOf } from './safeXml.ts';

export type Refusal = { readonly ok: false; readonly reason: ReasonCode; readonly detail: string };

const SHA1_SIGNATURE = 'http://www.w3.org/2000/09/xmldsig#rsa-sha1';
const SHA1_DIGEST = 'http://www.w3.org/2000/09/xmldsig#sha1';
const SIGNATURE_METHODS = new Set([
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
]);
const DIGEST_METHODS = new Set(['http://www.w3.org/2001/04/xmlenc#sha256', 'http://www.w3.org/2001/04/xmlenc#sha512']);
// Canonicalization and the enveloped-signature transform only: an XSLT or XPath transform in a
// SAML signature is an attack (fault catalog: xslt-transform).
const TRANSFORMS = new Set([
  'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  'http://www.w3.org/2001/10/xml-exc-c14n#',
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
]);

function refuse(reason: ReasonCode, detail: string): Refusal {
  return { ok: false, reason, detail };
}

/** Every ds:Signature in the document uses SHA-256+ RSA, SHA-256+ digests and plain transforms. */
export function checkSignatureAlgorithms(doc: Document, allowSha1: boolean, firstSignatureOnly = false): Refusal | undefined {
  const signatures = descendantElements(doc, NS.ds, 'Signature');
  for (const signature of firstSignatureOnly ? signatures.slice(0, 1) : signatures) {
    const method = descendantElements(signature, NS.ds, 'SignatureMethod')[0]?.getAttribute('Algorithm') ?? '';
    const digests = descendantElements(signature, NS.ds, 'DigestMethod').map((d) => d.getAttribute('Algorithm') ?? '');
    const where = signatureOwner(signature);
    if (!allowSha1 && (method === SHA1_SIGNATURE || digests.includes(SHA1_DIGEST))) {
      const parts = [method === SHA1_SIGNATURE ? 'signature algorithm RSA-SHA1' : '', digests.includes(SHA1_DIGEST) ? 'digest SHA-1' : '']
        .filter(Boolean)
        .join(' and ');
      return refuse('saml-weak-algorithm', `The ${where} signature uses ${parts}.`);
    }
    if (!SIGNATURE_METHODS.has(method) && !(allowSha1 && method === SHA1_SIGNATURE)) {
      return refuse(
        'saml-signature-invalid',
        `The ${where} signature uses the algorithm "${method || '(none)'}", which is not accepted (RSA-SHA256 or RSA-SHA512 only).`,
      );
    }
    const badDigest = digests.find((d) => !DIGEST_METHODS.has(d) && !(allowSha1 && d === SHA1_DIGEST));
    if (badDigest !== undefined)
      return refuse(
        'saml-signature-invalid',
        `The ${where} signature uses the digest "${badDigest || '(none)'}", which is not accepted (SHA-256 or SHA-512 only).`,
      );
    const badTransform = descendantElements(signature, NS.ds, 'Transform')
      .map((t) => t.getAttribute('Algorithm') ?? '')
      .find((t) => !TRANSFORMS.has(t));
    if (badTransform !== undefined)
      return refuse(
        'saml-signature-invalid',
        `The ${where} signature uses the transform "${badTransform}", which is never accepted in SAML (only canonicalization and enveloped-signature).`,
      );
  }
  return undefined;
}

function signatureOwner(signature: Element): string {
  const parent = signature.parentNode as Element | null;
  return parent?.localName === 'Assertion' ? 'assertion' : parent?.localName === 'Response' ? 'response' : `<${parent?.localName ?? '?'}>`;
}

/** Whether the element carries its own enveloped ds:Signature (a direct child). */
export function hasOwnSignature(element: Element): boolean {
  return childElements(element, NS.ds, 'Signature').length > 0;
}

/** Base64 bodies of every KeyInfo certificate in the document (untrusted by design). */
export function keyInfoCertificates(doc: Document): string[] {
  return descendantElements(doc, NS.ds, 'Signature')
    .flatMap((signature) => descendantElements(signature, NS.ds, 'X509Certificate'))
    .map((cert) => textOf(cert).replace(/\s+/g, ''))
    .filter((body) => body !== '');
}

export interface NodeSamlCheck {
  readonly xml: string;
  readonly sp: SpEndpoints;
  readonly certificates: readonly string[];
  readonly wantResponseSigned: boolean;
  readonly wantAssertionSigned: boolean;
  readonly checkAudience: boolean;
  /** Verify every signature present, not only the required ones (off only with a defect switch). */
  readonly verifyUnrequiredSignatures: boolean;
}

/**
 * Run node-saml's response validation (signatures per scope, wrapping defences, one assertion,
 * audience). Its own clock and InResponseTo checks are switched off: they read the wall clock and a
 * process-local cache, and the portal checks both itself with the injected time and the pending
 * login of the browser. Returns the verified assertion XML (only what the signature covers).
 */
export async function verifyWithNodeSaml(check: NodeSamlCheck): Promise<{ readonly ok: true; readonly assertionXml: string } | Refusal> {
  const saml = new SAML({
    idpCert: [...check.certificates],
    issuer: check.sp.entityId,
    callbackUrl: check.sp.acsUrl,
    audience: check.checkAudience ? check.sp.entityId : false,
    wantAuthnResponseSigned: check.wantResponseSigned,
    wantAssertionsSigned: check.wantAssertionSigned,
    acceptedClockSkewMs: -1,
    maxAssertionAgeMs: 0,
    validateInResponseTo: ValidateInResponseTo.never,
  });
  let assertionXml: string | undefined;
  try {
    const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: Buffer.from(check.xml, 'utf8').toString('base64') });
    assertionXml = profile?.getAssertionXml?.();
  } catch (error) {
    return mapNodeSamlError(error instanceof Error ? error.message : String(error), check);
  }
  if (!assertionXml) return refuse('saml-malformed', 'The response carries no assertion.');
  // node-saml ignores a signature that is not required; a present signature that fails is refused.
  const broken = check.verifyUnrequiredSignatures ? await firstFailingSignature(check.xml, check.certificates) : undefined;
  return broken ?? { ok: true, assertionXml };
}

async function mapNodeSamlError(message: string, check: NodeSamlCheck): Promise<Refusal> {
  if (/multiple assertions/i.test(message))
    return refuse('saml-multiple-assertions', 'node-saml refused the response: it carries more than one assertion.');
  if (/audience/i.test(message))
    return refuse(
      'saml-audience-mismatch',
      `${message.replace(/^SAML assertion /, 'The assertion ')} (SP entity ID: ${check.sp.entityId}).`,
    );
  if (/decrypt|EncryptedAssertion/i.test(message))
    return refuse('saml-encrypted-unexpected', 'The assertion is encrypted and this account has no decryption key.');
  if (/signature|Referenced node|ID cannot refer/i.test(message)) {
    return (
      (await firstFailingSignature(check.xml, check.certificates)) ??
      refuse('saml-signature-invalid', `The signature was refused: ${message}.`)
    );
  }
  return refuse('saml-malformed', `The response could not be validated: ${message}.`);
}

/** The first present signature (response, then assertion) that does not verify with the trusted certificates, with a precise reason. */
async function firstFailingSignature(xml: string, certificates: readonly string[]): Promise<Refusal | undefined> {
  const doc = await parseDomFromString(xml);
  const root = doc.documentElement;
  const parts: Array<[string, Element]> = [['response', root]];
  const assertion = firstChildElement(root, NS.saml, 'Assertion');
  if (assertion) parts.push(['assertion', assertion]);
  for (const [name, element] of parts) {
    if (!hasOwnSignature(element)) continue;
    let verified: string | null;
    try {
      verified = getVerifiedXml(xml, element, [...certificates]);
    } catch (error) {
      return refuse(
        'saml-signature-invalid',
        `The ${name} signature is malformed or wrapped: ${error instanceof Error ? error.message : String(error)}.`,
      );
    }
    if (verified !== null) continue;
    const embedded = childElements(element, NS.ds, 'Signature')
      .flatMap((s) => descendantElements(s, NS.ds, 'X509Certificate'))
      .map((c) => textOf(c).replace(/\s+/g, ''))[0];
    if (embedded && safeVerifies(xml, element, toCertificatePem(embedded))) {
      return refuse(
        'saml-cert-untrusted',
        `The ${name} is signed by the certificate with SHA-256 fingerprint ${fingerprint(embedded)}, which is not the signing certificate configured for this account.`,
      );
    }
    return refuse(
      'saml-signature-invalid',
      `The ${name} signature does not verify with the configured certificate${certificates.length > 1 ? 's' : ''}: the signed content was altered${embedded ? '' : ', or it was signed by another key'}.`,
    );
  }
  return undefined;
}

function safeVerifies(xml: string, element: Element, pem: string): boolean {
  try {
    return getVerifiedXml(xml, element, [pem]) !== null;
  } catch {
    return false;
  }
}

function fingerprint(base64Der: string): string {
  return createHash('sha256').update(Buffer.from(base64Der, 'base64')).digest('hex').toUpperCase().match(/../g)?.join(':') ?? '';
}
