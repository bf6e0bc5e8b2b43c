// What each XML-DSig Signature in a SAML response covers and how it is made. Which element a
// signature protects is decided by its Reference URI (the signed element's ID), not by where the
// Signature sits: that difference is what signature-wrapping (XSW) attacks exploit.
import type { Element } from '@xmldom/xmldom';
import { readCertificate, type CertificateInfo } from './certificates.ts';
import { NS, attr, childElements, firstChild, textOf } from './xml.ts';

export const SIGNATURE_ALGORITHMS: Readonly<Record<string, string>> = {
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': 'RSA-SHA256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384': 'RSA-SHA384',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': 'RSA-SHA512',
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': 'RSA-SHA1',
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': 'ECDSA-SHA256',
  'http://www.w3.org/2000/09/xmldsig#hmac-sha1': 'HMAC-SHA1',
};

export const DIGEST_ALGORITHMS: Readonly<Record<string, string>> = {
  'http://www.w3.org/2001/04/xmlenc#sha256': 'SHA-256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'SHA-384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'SHA-512',
  'http://www.w3.org/2000/09/xmldsig#sha1': 'SHA-1',
};

/** SAML core §5.4.4: only enveloped-signature and (exclusive) canonicalization are expected. */
const EXPECTED_TRANSFORMS = new Set([
  'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  'http://www.w3.org/2001/10/xml-exc-c14n#',
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
]);

export function isWeakAlgorithm(name: string | undefined): boolean {
  return name !== undefined && /SHA1\b|SHA-1\b/i.test(name);
}

export type SignedPart = 'response' | 'assertion' | 'other' | 'unresolved';

export interface SignatureFacts {
  /** Element the Signature element sits in. */
  readonly placedIn: SignedPart;
  /** Element its (first) Reference points at, by ID. */
  readonly signs: SignedPart;
  readonly referenceUris: readonly string[];
  readonly signatureAlgorithm?: string;
  readonly signatureAlgorithmName: string;
  readonly digestAlgorithms: readonly string[];
  readonly digestAlgorithmNames: readonly string[];
  readonly transforms: readonly string[];
  /** Transforms a SAML signature never needs (XSLT, XPath…): an attack shape. */
  readonly unexpectedTransforms: readonly string[];
  readonly keyInfoCertificate?: CertificateInfo;
  /** KeyInfo carried something that is not a readable certificate. */
  readonly keyInfoUnreadable: boolean;
  readonly element: Element;
}

export interface SignatureTargets {
  readonly response: Element;
  readonly assertions: readonly Element[];
}

export function describeSignatures(signatures: readonly Element[], targets: SignatureTargets): SignatureFacts[] {
  return signatures.map((signature) => describeSignature(signature, targets));
}

function partOf(element: Element | null | undefined, targets: SignatureTargets): SignedPart {
  if (!element) return 'unresolved';
  if (element === targets.response) return 'response';
  if (targets.assertions.includes(element)) return 'assertion';
  return 'other';
}

function elementsWithId(targets: SignatureTargets, id: string): Element[] {
  const all = Array.from(targets.response.ownerDocument?.getElementsByTagName('*') ?? []);
  return all.filter((element) => ['ID', 'Id', 'id'].some((name) => element.getAttribute(name) === id));
}

function describeSignature(signature: Element, targets: SignatureTargets): SignatureFacts {
  const signedInfo = firstChild(signature, NS.dsig, 'SignedInfo');
  const references = signedInfo ? childElements(signedInfo, NS.dsig, 'Reference') : [];
  const referenceUris = references.map((reference) => attr(reference, 'URI') ?? '');
  const firstUri = referenceUris[0];
  const referenced = firstUri?.startsWith('#') ? elementsWithId(targets, firstUri.slice(1)) : [];
  const signatureAlgorithm = attr(signedInfo && firstChild(signedInfo, NS.dsig, 'SignatureMethod'), 'Algorithm');
  const digestAlgorithms = references.map((reference) => attr(firstChild(reference, NS.dsig, 'DigestMethod'), 'Algorithm') ?? '(none)');
  const transforms = references.flatMap((reference) => {
    const list = firstChild(reference, NS.dsig, 'Transforms');
    return list ? childElements(list, NS.dsig, 'Transform').map((transform) => attr(transform, 'Algorithm') ?? '(none)') : [];
  });
  const certificateText = textOf(firstCertificate(signature));
  let keyInfoCertificate: CertificateInfo | undefined;
  let keyInfoUnreadable = false;
  if (certificateText) {
    try {
      keyInfoCertificate = readCertificate(certificateText, 'the KeyInfo of the signature');
    } catch {
      keyInfoUnreadable = true;
    }
  }
  return {
    placedIn: partOf(signature.parentNode as Element | null, targets),
    // Several elements with the signed ID is itself a wrapping shape: report it as unresolved.
    signs: referenced.length === 1 ? partOf(referenced[0], targets) : 'unresolved',
    referenceUris,
    ...(signatureAlgorithm !== undefined ? { signatureAlgorithm } : {}),
    signatureAlgorithmName: nameOf(SIGNATURE_ALGORITHMS, signatureAlgorithm),
    digestAlgorithms,
    digestAlgorithmNames: digestAlgorithms.map((uri) => nameOf(DIGEST_ALGORITHMS, uri)),
    transforms,
    unexpectedTransforms: transforms.filter((uri) => !EXPECTED_TRANSFORMS.has(uri)),
    ...(keyInfoCertificate ? { keyInfoCertificate } : {}),
    keyInfoUnreadable,
    element: signature,
  };
}

function firstCertificate(signature: Element): Element | undefined {
  const keyInfo = firstChild(signature, NS.dsig, 'KeyInfo');
  const data = keyInfo && firstChild(keyInfo, NS.dsig, 'X509Data');
  return data && firstChild(data, NS.dsig, 'X509Certificate');
}

function nameOf(table: Readonly<Record<string, string>>, uri: string | undefined): string {
  if (uri === undefined) return '(missing)';
  return table[uri] ?? uri;
}
