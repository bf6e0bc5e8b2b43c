// Bounded, entity-free parsing of untrusted XML (IdP metadata, SAML responses).
// A DOCTYPE is refused *before* parsing: SAML never needs one (SAML core §1.3 / bindings §3.5.5.2
// do not allow DTDs), and refusing it closes XXE and billion-laughs at the door.
import { DOMParser } from '@xmldom/xmldom';

export const NS = {
  samlp: 'urn:oasis:names:tc:SAML:2.0:protocol',
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  md: 'urn:oasis:names:tc:SAML:2.0:metadata',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

/** Deeper documents are refused: real SAML messages and metadata nest well under 20 levels. */
export const MAX_XML_DEPTH = 64;

export type ParsedXml =
  | { readonly ok: true; readonly doc: Document }
  | { readonly ok: false; readonly problem: 'doctype' | 'malformed'; readonly detail: string };

/** Whether the text carries a DOCTYPE (or an ENTITY declaration), checked without parsing. */
export function hasDoctype(xml: string): boolean {
  return /<!\s*(DOCTYPE|ENTITY)/i.test(xml);
}

export function parseUntrustedXml(xml: string): ParsedXml {
  if (hasDoctype(xml)) return { ok: false, problem: 'doctype', detail: 'the document contains a DOCTYPE or ENTITY declaration' };
  let doc: Document;
  let reported: string | undefined;
  try {
    const parser = new DOMParser({
      onError: (level, message: unknown) => {
        if (level === 'warning') return;
        reported ??= String(message);
        throw new Error(String(message));
      },
    });
    doc = parser.parseFromString(xml, 'text/xml') as unknown as Document;
  } catch (error) {
    return { ok: false, problem: 'malformed', detail: `it is not well-formed XML: ${reported ?? firstLine(error)}` };
  }
  const root = doc.documentElement;
  if (!root) return { ok: false, problem: 'malformed', detail: 'it has no root element' };
  const depth = maxDepth(root);
  if (depth > MAX_XML_DEPTH)
    return { ok: false, problem: 'malformed', detail: `it nests elements ${depth} levels deep (limit ${MAX_XML_DEPTH})` };
  return { ok: true, doc };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? text).trim();
}

// Iterative on purpose: recursion over attacker-controlled depth is how parsers fall over.
function maxDepth(root: Element): number {
  let deepest = 0;
  const stack: Array<[Element, number]> = [[root, 1]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [element, depth] = item;
    if (depth > deepest) deepest = depth;
    if (deepest > MAX_XML_DEPTH) return deepest;
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1) stack.push([child as Element, depth + 1]);
    }
  }
  return deepest;
}

/** Direct child elements with this namespace and local name. */
export function childElements(parent: Element, namespace: string, localName: string): Element[] {
  const found: Element[] = [];
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1) {
      const element = child as Element;
      if (element.namespaceURI === namespace && element.localName === localName) found.push(element);
    }
  }
  return found;
}

export function firstChildElement(parent: Element, namespace: string, localName: string): Element | undefined {
  return childElements(parent, namespace, localName)[0];
}

/** Every descendant element with this namespace and local name (document order). */
export function descendantElements(parent: Element | Document, namespace: string, localName: string): Element[] {
  return Array.from(parent.getElementsByTagNameNS(namespace, localName));
}

/**
 * Text content of an element: every text node concatenated, comments ignored. Reading the whole
 * value (not the first text node) is what defeats NameID comment injection (CVE-2017-11427 family).
 */
export function textOf(element: Element | undefined): string {
  return (element?.textContent ?? '').trim();
}
