// Bounded, entity-free XML parsing for artefacts support pastes. SAML responses are small (a few
// kB); anything huge or deeply nested is an attack shape (faults.md "oversize / deeply nested
// XML") and is reported, not parsed. A DOCTYPE is never honoured (XXE): it is noted and removed.
import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';
import { SupportInputError } from './errors.ts';

export const NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
  xenc: 'http://www.w3.org/2001/04/xmlenc#',
  algSupport: 'urn:oasis:names:tc:SAML:metadata:algsupport',
} as const;

/** Real IdP responses are a few kB; 1 MB leaves room for large attribute sets. */
export const MAX_XML_CHARS = 1_000_000;
/** A SAML response nests about 8 levels deep; 64 is generous and still bounded. */
export const MAX_XML_DEPTH = 64;

export interface XmlShape {
  readonly chars: number;
  readonly depth: number;
  readonly hasDoctype: boolean;
  /** The DOCTYPE names an external resource (SYSTEM / PUBLIC): XXE. */
  readonly doctypeExternal: boolean;
  /** The DOCTYPE declares entities (entity expansion, "billion laughs"). */
  readonly doctypeEntities: boolean;
  readonly xmlDeclaration: boolean;
  readonly standaloneNo: boolean;
  readonly tooLarge: boolean;
  readonly tooDeep: boolean;
}

/** A linear scan before any parsing: size, nesting depth, DOCTYPE, XML declaration. */
export function scanXml(text: string): XmlShape {
  let depth = 0;
  let maxDepth = 0;
  const tag = /<(\/?)([^>]*?)(\/?)>/g;
  const limit = Math.min(text.length, MAX_XML_CHARS);
  const head = text.slice(0, limit);
  for (let match = tag.exec(head); match; match = tag.exec(head)) {
    const [, closing, body = '', selfClosing] = match;
    if (body.startsWith('?') || body.startsWith('!')) continue;
    if (closing) depth -= 1;
    else if (!selfClosing) depth += 1;
    if (depth > maxDepth) maxDepth = depth;
    if (maxDepth > MAX_XML_DEPTH) break;
  }
  const declaration = /^\s*<\?xml\b[^>]*\?>/.exec(text)?.[0];
  const doctype = /<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/i.exec(head)?.[0] ?? '';
  return {
    chars: text.length,
    depth: maxDepth,
    hasDoctype: /<!DOCTYPE/i.test(text),
    doctypeExternal: /\b(SYSTEM|PUBLIC)\b/.test(doctype),
    doctypeEntities: /<!ENTITY/.test(doctype),
    xmlDeclaration: declaration !== undefined,
    standaloneNo: declaration !== undefined && /standalone\s*=\s*["']no["']/.test(declaration),
    tooLarge: text.length > MAX_XML_CHARS,
    tooDeep: maxDepth > MAX_XML_DEPTH,
  };
}

/** Remove a DOCTYPE (with its internal subset) so that no entity can ever be declared. */
export function stripDoctype(text: string): string {
  return text.replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/gi, '');
}

/** Parse XML; `what` names the input in the error ("the SAMLResponse", "the IdP metadata"). */
export function parseXml(text: string, what: string, kind: SupportInputError['code']): Document {
  const shape = scanXml(text);
  if (shape.tooLarge)
    throw new SupportInputError(
      kind,
      `${what} is ${shape.chars} characters long, over the ${MAX_XML_CHARS} limit; real IdP documents are a few kB. Check that the right file was captured.`,
    );
  if (shape.tooDeep)
    throw new SupportInputError(
      kind,
      `${what} nests elements more than ${MAX_XML_DEPTH} levels deep; real IdP documents nest about 8. This is an attack shape or not an IdP document.`,
    );
  let firstProblem: string | undefined;
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning' && firstProblem === undefined) firstProblem = String(message);
    },
  });
  let doc: Document | undefined;
  try {
    doc = parser.parseFromString(stripDoctype(text), 'text/xml');
  } catch (error) {
    firstProblem ??= (error as Error).message;
  }
  if (firstProblem !== undefined || !doc?.documentElement) {
    throw new SupportInputError(kind, `${what} is not well-formed XML: ${firstProblem ?? 'no root element'}.`);
  }
  return doc;
}

export function childElements(parent: Node, ns?: string, localName?: string): Element[] {
  const out: Element[] = [];
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== child.ELEMENT_NODE) continue;
    const element = child as Element;
    if (ns !== undefined && element.namespaceURI !== ns) continue;
    if (localName !== undefined && element.localName !== localName) continue;
    out.push(element);
  }
  return out;
}

export function firstChild(parent: Node, ns: string, localName: string): Element | undefined {
  return childElements(parent, ns, localName)[0];
}

export function descendants(parent: Element | Document, ns: string, localName: string): Element[] {
  return Array.from(parent.getElementsByTagNameNS(ns, localName));
}

/** Text content with surrounding whitespace trimmed; undefined when the element is absent. */
export function textOf(element: Element | undefined): string | undefined {
  if (!element) return undefined;
  return (element.textContent ?? '').trim();
}

export function attr(element: Element | undefined, name: string): string | undefined {
  if (!element?.hasAttribute(name)) return undefined;
  return element.getAttribute(name) ?? undefined;
}

/** The namespace prefix as written ('' when the element uses a default namespace). */
export function prefixOf(element: Element): string {
  return element.prefix ?? '';
}
