// XML-DSig for SAML: enveloped signature, exclusive C14N, the algorithm set explicitly (never a
// library default), placed where the vendor places it. The templates' own XML is signed directly
// (directSign.ts, the same bytes xml-crypto writes, several times faster); anything else — what
// a fault wrote before signing, say — is signed by xml-crypto.
import { createSign } from 'node:crypto';
import { DOMParser, XMLSerializer, type Element as XmlElement } from '@xmldom/xmldom';
import { ExclusiveCanonicalization, SignedXml } from 'xml-crypto';
import type { TestKeyPair } from '../../lib/index.ts';
import type { SignatureAlgorithm } from '../types.ts';
import { ALGORITHMS, DIGESTS, ENVELOPED, EXC_C14N, privateKeyObject, signInTree, type SignOptions } from './directSign.ts';
import { NS } from './render.ts';
import { parseXmlSubset, serializeLikeXmldom } from './xmlSubset.ts';

export { ALGORITHMS, DIGESTS, ENVELOPED, EXC_C14N, type SignOptions } from './directSign.ts';

const RESPONSE_XPATH = "/*[local-name(.)='Response']";
const ASSERTION_XPATH = "/*[local-name(.)='Response']/*[local-name(.)='Assertion']";

/** Sign the Assertion or the Response of `xml` and return the signed document. */
export function signSamlElement(xml: string, options: SignOptions): string {
  const root = parseXmlSubset(xml);
  if (root && signInTree(root, options)) return serializeLikeXmldom(root);
  return signSamlElementWithXmlCrypto(xml, options);
}

/** The general path (and the reference the direct signer is tested against): xml-crypto on a DOM. */
export function signSamlElementWithXmlCrypto(xml: string, options: SignOptions): string {
  const targetXPath = options.target === 'assertion' ? ASSERTION_XPATH : RESPONSE_XPATH;
  const signer = new SignedXml({
    privateKey: privateKeyObject(options.key),
    publicCert: options.key.certificatePem,
    signatureAlgorithm: ALGORITHMS[options.algorithm],
    canonicalizationAlgorithm: EXC_C14N,
  });
  signer.addReference({ xpath: targetXPath, transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: DIGESTS[options.digest] });
  // SAML core §5.4.1 and the vendors: the Signature follows the Issuer of the signed element;
  // Auth0 with signResponse appends it as the Response's last child.
  const lastChild = options.target === 'response' && options.wire.responseSignaturePosition === 'last-child';
  const location = lastChild
    ? { reference: RESPONSE_XPATH, action: 'append' as const }
    : { reference: `${targetXPath}/*[local-name(.)='Issuer']`, action: 'after' as const };
  signer.computeSignature(xml, { ...(options.wire.signaturePrefix ? { prefix: options.wire.signaturePrefix } : {}), location });
  return signer.getSignedXml();
}

type Scope = 'none' | 'assertion' | 'response' | 'both';

/** Sign as the persona's (possibly fault-adjusted) signing settings say: assertion first, then response. */
export function signResponse(xml: string, scope: Scope, options: Omit<SignOptions, 'target'>): string {
  const signAssertion = (scope === 'assertion' || scope === 'both') && xml.includes('Assertion');
  const signWhole = scope === 'response' || scope === 'both';
  if (!signAssertion && !signWhole) return xml;
  // One parse for both signatures; should either need the general path, the whole call takes it.
  const root = parseXmlSubset(xml);
  if (root && (!signAssertion || signInTree(root, { ...options, target: 'assertion' }))) {
    if (!signWhole || signInTree(root, { ...options, target: 'response' })) return serializeLikeXmldom(root);
  }
  return signResponseWithXmlCrypto(xml, scope, options);
}

export function signResponseWithXmlCrypto(xml: string, scope: Scope, options: Omit<SignOptions, 'target'>): string {
  let signed = xml;
  if ((scope === 'assertion' || scope === 'both') && signed.includes('Assertion'))
    signed = signSamlElementWithXmlCrypto(signed, { ...options, target: 'assertion' });
  if (scope === 'response' || scope === 'both') signed = signSamlElementWithXmlCrypto(signed, { ...options, target: 'response' });
  return signed;
}

/**
 * Recompute the SignatureValue over the (changed) SignedInfo of `signature`: what an attacker
 * holding *some* key does after editing Transforms, or what a test does to isolate one defect.
 */
export function resignSignedInfo(signature: XmlElement, key: TestKeyPair, algorithm: SignatureAlgorithm): void {
  const signedInfo = childNs(signature, NS.ds, 'SignedInfo');
  const value = childNs(signature, NS.ds, 'SignatureValue');
  if (!signedInfo || !value) throw new Error('resignSignedInfo: the Signature has no SignedInfo / SignatureValue');
  const canonical = new ExclusiveCanonicalization().process(signedInfo as unknown as Element, {}).toString();
  const signer = createSign(algorithm === 'rsa-sha1' ? 'RSA-SHA1' : 'RSA-SHA256');
  signer.update(canonical);
  value.textContent = signer.sign(privateKeyObject(key), 'base64');
}

export function childNs(parent: XmlElement, ns: string, localName: string): XmlElement | undefined {
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as XmlElement).namespaceURI === ns && (node as XmlElement).localName === localName)
      return node as XmlElement;
  }
  return undefined;
}

/** Strict parse: any XML error throws (xmldom would otherwise print it and carry on). */
export function parseXml(xml: string): ReturnType<DOMParser['parseFromString']> {
  return new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`XML ${level}: ${message}`);
    },
  }).parseFromString(xml, 'text/xml');
}

export function serializeXml(node: Parameters<XMLSerializer['serializeToString']>[0]): string {
  return new XMLSerializer().serializeToString(node);
}
