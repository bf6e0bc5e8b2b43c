// The small XML subset the persona templates write (elements, attributes, text, the predefined
// entities and character references; one line, every element namespace-qualified), parsed into a
// plain tree that can be written back two ways: as @xmldom/xmldom serializes a document (what
// xml-crypto's signer returns) and in Exclusive XML Canonicalization (xml-exc-c14n, without
// comments or InclusiveNamespaces, as xml-crypto computes it). Anything outside the subset
// (comments, DOCTYPE, processing instructions, CDATA, line breaks, tabs, control characters,
// unbound prefixes, xml:* attributes…) makes `parseXmlSubset` return undefined: the caller then
// falls back to the general DOM path, which handles every input exactly as before.

export const XMLNS_DSIG = 'http://www.w3.org/2000/09/xmldsig#';

export interface SubsetAttribute {
  readonly qname: string;
  readonly prefix: string;
  readonly localName: string;
  /** Resolved namespace of a prefixed attribute; '' for an unprefixed one. */
  readonly namespaceUri: string;
  /** Decoded value. */
  readonly value: string;
  /** `xmlns` or `xmlns:p`: a namespace declaration, never rendered as an attribute by c14n. */
  readonly declaration: boolean;
}

export interface SubsetElement {
  readonly qname: string;
  readonly prefix: string;
  readonly localName: string;
  readonly namespaceUri: string;
  readonly attributes: readonly SubsetAttribute[];
  /** Elements and decoded text, in document order. Mutable: signatures are inserted here. */
  readonly children: SubsetNode[];
}

export type SubsetNode = SubsetElement | string;

const NAME_START = /[A-Za-z_]/;
const QNAME = /[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z_][A-Za-z0-9_.-]*)?/y;
const ATTRIBUTE = / ([A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z_][A-Za-z0-9_.-]*)?)="([^"<]*)"/y;
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));/g;
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// Characters whose parse/serialize round trip is not the identity (line-end and attribute-value
// normalisation, C0 controls; xml-crypto's xmldom 0.8 also reads NEL and LINE SEPARATOR as line
// ends) or that are not XML characters at all.
// eslint-disable-next-line no-control-regex -- matching C0 control characters is the point
const UNSUPPORTED_CHARACTER = /[\u0000-\u001f\u0085\u2028\ufffe\uffff]/;

type Scope = ReadonlyMap<string, string>;

/** Undefined marks "outside the subset" throughout: the caller falls back, never guesses. */
function decode(raw: string): string | undefined {
  if (!raw.includes('&')) return raw;
  let valid = true;
  const decoded = raw.replace(ENTITY, (_m, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (name) return PREDEFINED[name]!;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) valid = false;
    return valid ? String.fromCodePoint(code) : '';
  });
  // A bare '&' is not well-formed; a decoded control character is outside the subset.
  if (!valid || raw.replace(ENTITY, '').includes('&') || UNSUPPORTED_CHARACTER.test(decoded)) return undefined;
  return decoded;
}

function splitQName(qname: string): [prefix: string, localName: string] {
  const colon = qname.indexOf(':');
  return colon < 0 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
}

/** Parse one document of the subset; undefined when the input is anything else. */
export function parseXmlSubset(xml: string): SubsetElement | undefined {
  if (UNSUPPORTED_CHARACTER.test(xml) || !xml.startsWith('<')) return undefined;
  const stack: { element: SubsetElement; scope: Scope }[] = [];
  let root: SubsetElement | undefined;
  let position = 0;
  while (position < xml.length) {
    const open = xml.indexOf('<', position);
    if (open < 0) return undefined;
    if (open > position) {
      const parent = stack.at(-1);
      const raw = xml.slice(position, open);
      const text = raw.includes(']]>') ? undefined : decode(raw);
      if (!parent || text === undefined) return undefined;
      parent.element.children.push(text);
    }
    if (xml[open + 1] === '/') {
      QNAME.lastIndex = open + 2;
      const name = QNAME.exec(xml)?.[0];
      const top = stack.pop();
      if (!name || !top || top.element.qname !== name || xml[open + 2 + name.length] !== '>') return undefined;
      position = open + 3 + name.length;
      if (stack.length === 0) return position === xml.length ? root : undefined;
      continue;
    }
    if (!NAME_START.test(xml[open + 1] ?? '')) return undefined;
    const element = parseStartTag(xml, open, stack.at(-1)?.scope ?? new Map());
    if (!element) return undefined;
    const parent = stack.at(-1);
    if (parent) parent.element.children.push(element.element);
    else if (root) return undefined;
    else root = element.element;
    position = element.end;
    if (element.selfClosing) {
      if (stack.length === 0) return position === xml.length ? root : undefined;
    } else {
      stack.push({ element: element.element, scope: element.scope });
    }
  }
  return undefined;
}

function parseStartTag(
  xml: string,
  open: number,
  parentScope: Scope,
): { element: SubsetElement; scope: Scope; end: number; selfClosing: boolean } | undefined {
  QNAME.lastIndex = open + 1;
  const qname = QNAME.exec(xml)?.[0];
  if (!qname) return undefined;
  let position = open + 1 + qname.length;
  const raw: [string, string][] = [];
  ATTRIBUTE.lastIndex = position;
  for (let match = ATTRIBUTE.exec(xml); match; match = ATTRIBUTE.exec(xml)) {
    const value = decode(match[2]!);
    if (value === undefined) return undefined;
    raw.push([match[1]!, value]);
    position = ATTRIBUTE.lastIndex;
  }
  // `<X a="1" />` (a space before the slash, as .NET writes Entra's metadata) is the same element.
  if (xml.startsWith(' />', position)) position += 1;
  const selfClosing = xml.startsWith('/>', position);
  if (!selfClosing && xml[position] !== '>') return undefined;

  let scope = parentScope;
  for (const [name, value] of raw) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    // Un-declaring (xmlns="" / xmlns:p="") and rebinding xml / xmlns are outside the subset.
    if (value === '' || name === 'xmlns:xml' || name === 'xmlns:xmlns') return undefined;
    const declared = name === 'xmlns' ? '' : name.slice(6);
    // Rebinding a prefix to another namespace in a subtree: xml-crypto's c14n scoping differs from the spec there.
    if (declared !== '' && parentScope.has(declared) && parentScope.get(declared) !== value) return undefined;
    if (scope === parentScope) scope = new Map(parentScope);
    (scope as Map<string, string>).set(declared, value);
  }
  const [prefix, localName] = splitQName(qname);
  const namespaceUri = scope.get(prefix);
  // Every SAML and XML-DSig element is namespace-qualified; an unqualified one is outside the subset.
  if (!namespaceUri) return undefined;

  const attributes: SubsetAttribute[] = [];
  const seen = new Set<string>();
  for (const [name, value] of raw) {
    const declaration = name === 'xmlns' || name.startsWith('xmlns:');
    const [attrPrefix, attrLocal] = declaration ? ['xmlns', name === 'xmlns' ? '' : name.slice(6)] : splitQName(name);
    // xml:* attributes have their own c14n rules; a non-declaration named xmlns… is skipped by xml-crypto's c14n.
    if (!declaration && (attrPrefix === 'xml' || name.startsWith('xmlns'))) return undefined;
    const attrNamespace = declaration || attrPrefix === '' ? '' : scope.get(attrPrefix);
    if (attrNamespace === undefined) return undefined;
    const expanded = declaration ? name : `${attrNamespace}|${attrLocal}`;
    if (seen.has(expanded) || seen.has(name)) return undefined;
    seen.add(expanded).add(name);
    attributes.push({ qname: name, prefix: attrPrefix, localName: attrLocal, namespaceUri: attrNamespace, value, declaration });
  }
  return {
    element: { qname, prefix, localName, namespaceUri, attributes, children: [] },
    scope,
    end: position + (selfClosing ? 2 : 1),
    selfClosing,
  };
}

// --- writing it back --------------------------------------------------------------------------

const XMLDOM_TEXT = /[<&>]/g;
const XMLDOM_ATTRIBUTE = /[<>&"]/g;
const XMLDOM_ESCAPES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };
const C14N_TEXT = /[&<>]/g;
const C14N_ATTRIBUTE = /[&<"]/g;
const C14N_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

const escapeWith =
  (pattern: RegExp, table: Readonly<Record<string, string>>) =>
  (value: string): string =>
    pattern.test(value) ? ((pattern.lastIndex = 0), value.replace(pattern, (c) => table[c]!)) : ((pattern.lastIndex = 0), value);
const xmldomText = escapeWith(XMLDOM_TEXT, XMLDOM_ESCAPES);
const xmldomAttribute = escapeWith(XMLDOM_ATTRIBUTE, XMLDOM_ESCAPES);
const c14nText = escapeWith(C14N_TEXT, C14N_ESCAPES);
const c14nAttribute = escapeWith(C14N_ATTRIBUTE, C14N_ESCAPES);

/** The element as `new XMLSerializer().serializeToString()` of @xmldom/xmldom writes it. */
export function serializeLikeXmldom(element: SubsetElement): string {
  const out: string[] = [];
  const write = (node: SubsetElement): void => {
    out.push('<', node.qname);
    for (const attribute of node.attributes) out.push(' ', attribute.qname, '="', xmldomAttribute(attribute.value), '"');
    if (node.children.length === 0) {
      out.push('/>');
      return;
    }
    out.push('>');
    for (const child of node.children) {
      if (typeof child === 'string') out.push(xmldomText(child));
      else write(child);
    }
    out.push('</', node.qname, '>');
  };
  write(element);
  return out.join('');
}

function compareAttributes(a: SubsetAttribute, b: SubsetAttribute): number {
  // xml-crypto's ExclusiveCanonicalization.attrCompare: unqualified first, then namespace URI + local name.
  if (!a.namespaceUri && b.namespaceUri) return -1;
  if (!b.namespaceUri && a.namespaceUri) return 1;
  const left = a.namespaceUri + a.localName;
  const right = b.namespaceUri + b.localName;
  return left === right ? 0 : left < right ? -1 : 1;
}

/**
 * Exclusive XML Canonicalization 1.0 of `apex` and its subtree (comments omitted, no
 * InclusiveNamespaces), written to match xml-crypto's ExclusiveCanonicalization byte for byte:
 * only visibly utilized namespaces are declared, where first used; attributes are sorted; empty
 * elements get an end tag. Prefixes were resolved in the whole document when it was parsed, so
 * an apex whose namespaces are declared on its ancestors is written correctly.
 */
export function canonicalizeExclusive(apex: SubsetElement): string {
  const out: string[] = [];
  const write = (node: SubsetElement, rendered: ReadonlyMap<string, string>, renderedDefault: string): void => {
    let scope: Map<string, string> | undefined;
    const namespaces: [string, string][] = [];
    const declare = (prefix: string, uri: string): void => {
      if ((scope ?? rendered).get(prefix) === uri) return;
      scope ??= new Map(rendered);
      scope.set(prefix, uri);
      namespaces.push([prefix, uri]);
    };
    let defaultNs = renderedDefault;
    let defaultDeclaration = '';
    if (node.prefix) declare(node.prefix, node.namespaceUri);
    else if (renderedDefault !== node.namespaceUri) {
      defaultNs = node.namespaceUri;
      defaultDeclaration = ` xmlns="${defaultNs}"`;
    }
    const attributes: SubsetAttribute[] = [];
    for (const attribute of node.attributes) {
      if (attribute.declaration) continue;
      if (attribute.prefix) declare(attribute.prefix, attribute.namespaceUri);
      attributes.push(attribute);
    }
    namespaces.sort(([a], [b]) => (a === b ? 0 : a.localeCompare(b)));
    attributes.sort(compareAttributes);
    out.push('<', node.qname, defaultDeclaration);
    for (const [prefix, uri] of namespaces) out.push(' xmlns:', prefix, '="', uri, '"');
    for (const attribute of attributes) out.push(' ', attribute.qname, '="', c14nAttribute(attribute.value), '"');
    out.push('>');
    for (const child of node.children) {
      if (typeof child === 'string') out.push(c14nText(child));
      else write(child, scope ?? rendered, defaultNs);
    }
    out.push('</', node.qname, '>');
  };
  write(apex, new Map(), '');
  return out.join('');
}

/** Build an element of the subset (for the Signature the signer inserts). */
export function subsetElement(
  qname: string,
  namespaceUri: string,
  attributes: ReadonlyArray<readonly [string, string]>,
  children: SubsetNode[] = [],
): SubsetElement {
  const [prefix, localName] = splitQName(qname);
  return {
    qname,
    prefix,
    localName,
    namespaceUri,
    attributes: attributes.map(([name, value]) => {
      const declaration = name === 'xmlns' || name.startsWith('xmlns:');
      return {
        qname: name,
        prefix: declaration ? 'xmlns' : '',
        localName: declaration ? name.slice(6) : name,
        namespaceUri: '',
        value,
        declaration,
      };
    }),
    children,
  };
}
