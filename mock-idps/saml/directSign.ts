// The fast path of SAML signing: the enveloped XML-DSig signature that xml-crypto would write,
// computed on the templates' own XML without a DOM, XPath or a certificate parse per response —
// one SHA digest of the canonical element, one SignedInfo from a template, one RSA operation with
// a KeyObject parsed once per key. The output is byte-for-byte what xml-crypto's SignedXml
// returns for the same input (directSign.test.ts compares them for every persona, signing scope
// and catalog fault); an input outside the subset of xmlSubset.ts returns undefined and is signed
// by xml-crypto (sign.ts), so faults that write comments, DOCTYPEs and the like behave as before.
import { createHash, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { pemCertificates } from 'xml-crypto';
import type { TestKeyPair } from '../../lib/index.ts';
import type { SamlPersona, SignatureAlgorithm } from '../types.ts';
import { canonicalizeExclusive, subsetElement, XMLNS_DSIG, type SubsetElement } from './xmlSubset.ts';

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

const NODE_HASH = { 'rsa-sha256': 'sha256', 'rsa-sha1': 'sha1' } as const satisfies Record<SignatureAlgorithm, string>;
/** xml-crypto looks for these ID attributes, in this order (SignedXml idAttributes). */
const ID_ATTRIBUTES = ['Id', 'ID', 'id'] as const;
/** IDs the templates write; anything needing escaping in a URI attribute goes the general way. */
const PLAIN_ID = /^[A-Za-z0-9_.:-]+$/;

export interface SignOptions {
  readonly target: 'assertion' | 'response';
  readonly key: TestKeyPair;
  readonly algorithm: SignatureAlgorithm;
  readonly digest: 'sha256' | 'sha1';
  readonly wire: Pick<SamlPersona['wire'], 'signaturePrefix' | 'responseSignaturePosition'>;
}

const keyObjects = new WeakMap<TestKeyPair, KeyObject>();
const certificateBodies = new WeakMap<TestKeyPair, string | null>();

/** Parsed once per key pair: re-parsing the PEM on every signature costs as much as the RSA operation. */
export function privateKeyObject(pair: TestKeyPair): KeyObject {
  let key = keyObjects.get(pair);
  if (!key) {
    key = createPrivateKey(pair.privateKeyPem);
    keyObjects.set(pair, key);
  }
  return key;
}

/** The KeyInfo certificate exactly as xml-crypto derives it from the PEM; null when it would not write exactly one. */
function certificateBody(pair: TestKeyPair): string | null {
  let body = certificateBodies.get(pair);
  if (body === undefined) {
    try {
      const certificates = pemCertificates(pair.certificatePem);
      body = certificates.length === 1 ? certificates[0]! : null;
    } catch {
      body = null;
    }
    certificateBodies.set(pair, body);
  }
  return body;
}

/** The element xml-crypto selects for `target` (`/*[local-name()='Response']`, or its one Assertion child). */
function targetOf(root: SubsetElement, target: SignOptions['target']): SubsetElement | undefined {
  if (root.localName !== 'Response') return undefined;
  if (target === 'response') return root;
  const assertions = root.children.filter((child): child is SubsetElement => typeof child !== 'string' && child.localName === 'Assertion');
  // Several Assertions would make xml-crypto write one Reference each: that is the general path's job.
  return assertions.length === 1 ? assertions[0] : undefined;
}

function idOf(element: SubsetElement): string | undefined {
  for (const name of ID_ATTRIBUTES) {
    const attribute = element.attributes.find((a) => !a.declaration && a.localName === name);
    if (attribute) return attribute.prefix === '' && PLAIN_ID.test(attribute.value) ? attribute.value : undefined;
  }
  return undefined;
}

function firstChildNamed(element: SubsetElement, localName: string): SubsetElement | undefined {
  for (const child of element.children) if (typeof child !== 'string' && child.localName === localName) return child;
  return undefined;
}

/**
 * Sign `target` inside `root` in place (the Signature is inserted where xml-crypto would put it).
 * False when this input needs the general path; `root` is then unchanged.
 */
export function signInTree(root: SubsetElement, options: SignOptions): boolean {
  const target = targetOf(root, options.target);
  const id = target && idOf(target);
  const certificate = certificateBody(options.key);
  if (!target || !id || certificate === null) return false;
  // SAML core §5.4.1 and the vendors: the Signature follows the Issuer of the signed element;
  // Auth0 with signResponse appends it as the Response's last child.
  const append = options.target === 'response' && options.wire.responseSignaturePosition === 'last-child';
  const parent = append ? root : target;
  const issuer = append ? undefined : firstChildNamed(target, 'Issuer');
  if (!append && !issuer) return false;

  // The enveloped-signature transform removes nothing here: the new Signature is not yet in the element.
  const digest = createHash(options.digest).update(canonicalizeExclusive(target), 'utf8').digest('base64');
  const p = options.wire.signaturePrefix ? `${options.wire.signaturePrefix}:` : '';
  const ds = (
    name: string,
    attributes: ReadonlyArray<readonly [string, string]> = [],
    children: (SubsetElement | string)[] = [],
  ): SubsetElement => subsetElement(`${p}${name}`, XMLNS_DSIG, attributes, children);
  const signedInfo = ds(
    'SignedInfo',
    [],
    [
      ds('CanonicalizationMethod', [['Algorithm', EXC_C14N]]),
      ds('SignatureMethod', [['Algorithm', ALGORITHMS[options.algorithm]]]),
      ds(
        'Reference',
        [['URI', `#${id}`]],
        [
          ds('Transforms', [], [ds('Transform', [['Algorithm', ENVELOPED]]), ds('Transform', [['Algorithm', EXC_C14N]])]),
          ds('DigestMethod', [['Algorithm', DIGESTS[options.digest]]]),
          ds('DigestValue', [], [digest]),
        ],
      ),
    ],
  );
  const signatureValue = sign(
    NODE_HASH[options.algorithm],
    Buffer.from(canonicalizeExclusive(signedInfo), 'utf8'),
    privateKeyObject(options.key),
  ).toString('base64');
  const signature = ds(
    'Signature',
    [[p ? `xmlns:${options.wire.signaturePrefix}` : 'xmlns', XMLNS_DSIG]],
    [
      signedInfo,
      ds('SignatureValue', [], [signatureValue]),
      ds('KeyInfo', [], [ds('X509Data', [], [ds('X509Certificate', [], [certificate])])]),
    ],
  );
  if (append) parent.children.push(signature);
  else parent.children.splice(parent.children.indexOf(issuer!) + 1, 0, signature);
  return true;
}
