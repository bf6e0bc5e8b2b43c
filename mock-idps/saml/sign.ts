// XML-DSig for SAML with xml-crypto: enveloped signature, exclusive C14N, the algorithm set
// explicitly (never a library default), placed where the vendor places it.
import { createPrivateKey, createSign, type KeyObject } from 'node:crypto';
import { DOMParser, XMLSerializer, type Element as XmlElement } from '@xmldom/xmldom';
import { ExclusiveCanonicalization, SignedXml } from 'xml-crypto';
import type { TestKeyPair } from '../../lib/x509.ts';
import type { SamlPersona, SignatureAlgorithm } from '../types.ts';
import { NS } from './render.ts';

export const ALGORITHMS = {
  'rsa-sha256': 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'rsa-sha1': 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
} as const satisfies Record<SignatureAlgorithm, string>;

export const DIGESTS = {
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
} as const;

export const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
export const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

const RESPONSE_XPATH = "/*[local-name(.)='Response']";
const ASSERTION_XPATH = "/*[local-name(.)='Response']/*[local-name(.)='Assertion']";

export interface SignOptions {
  readonly target: 'assertion' | 'response';
  readonly key: TestKeyPair;
  readonly algorithm: SignatureAlgorithm;
  readonly digest: 'sha256' | 'sha1';
  readonly wire: Pick<SamlPersona['wire'], 'signaturePrefix' | 'responseSignaturePosition'>;
}

const keyObjects = new WeakMap<TestKeyPair, KeyObject>();

/** Parsed once per key pair: re-parsing the PEM on every signature costs as much as the RSA operation. */
function privateKeyObject(pair: TestKeyPair): KeyObject {
  let key = keyObjects.get(pair);
  if (!key) {
    key = createPrivateKey(pair.privateKeyPem);
    keyObjects.set(pair, key);
  }
  return key;
}

/** Sign the Assertion or the Response of `xml` and return the signed document. */
export function signSamlElement(xml: string, options: SignOptions): string {
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

/** Sign as the persona's (possibly fault-adjusted) signing settings say: assertion first, then response. */
export function signResponse(xml: string, scope: 'none' | 'assertion' | 'response' | 'both', options: Omit<SignOptions, 'target'>): string {
  let signed = xml;
  if ((scope === 'assertion' || scope === 'both') && signed.includes('Assertion')) signed = signSamlElement(signed, { ...options, target: 'assertion' });
  if (scope === 'response' || scope === 'both') signed = signSamlElement(signed, { ...options, target: 'response' });
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
    if (node.nodeType === 1 && (node as XmlElement).namespaceURI === ns && (node as XmlElement).localName === localName) return node as XmlElement;
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
