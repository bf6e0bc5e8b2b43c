import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { ExclusiveCanonicalization } from 'xml-crypto';
import { describe, expect, it } from 'vitest';
import { canonicalizeExclusive, parseXmlSubset, serializeLikeXmldom, type SubsetElement } from './xmlSubset.ts';

const P = 'urn:oasis:names:tc:SAML:2.0:protocol';
const A = 'urn:oasis:names:tc:SAML:2.0:assertion';

/** xml-crypto's canonical form of the element at `path` (child element indexes from the root). */
function referenceC14n(xml: string, path: number[]): string {
  let element = new DOMParser().parseFromString(xml, 'text/xml').documentElement!;
  for (const index of path) element = Array.from(element.childNodes).filter((n) => n.nodeType === 1)[index] as typeof element;
  return new ExclusiveCanonicalization().process(element as unknown as Element, {}).toString();
}

function at(root: SubsetElement, path: number[]): SubsetElement {
  let element = root;
  for (const index of path) element = element.children.filter((c): c is SubsetElement => typeof c !== 'string')[index]!;
  return element;
}

const DOCUMENTS = [
  {
    name: 'prefixed root, namespaces declared on ancestors only',
    xml: `<p:Response xmlns:p="${P}" xmlns:a="${A}" ID="_1"><a:Issuer>i</a:Issuer><a:Assertion ID="_2"><a:Issuer>i</a:Issuer></a:Assertion></p:Response>`,
    path: [1],
  },
  {
    name: 'default namespace switching (Entra)',
    xml: `<p:Response ID="_1" xmlns:p="${P}"><Issuer xmlns="${A}">i</Issuer><Assertion ID="_2" Version="2.0" xmlns="${A}"><Issuer>x</Issuer><Subject/></Assertion></p:Response>`,
    path: [],
  },
  {
    name: 'unused declarations dropped, xsi:type sorted after plain attributes',
    xml: `<a:AttributeValue xmlns:a="${A}" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string" Z="1" B="2">v</a:AttributeValue>`,
    path: [],
  },
  {
    name: 'escapes: entities and character references in text and attributes',
    xml: `<a:A xmlns:a="${A}" V="&lt;&amp;&gt;&quot;&apos;&#65;&#x1F600;">&lt;&amp;&gt;&quot;&apos;&#x263A;]</a:A>`,
    path: [],
  },
  {
    name: 'redundant re-declaration on a child',
    xml: `<a:A xmlns:a="${A}"><a:B xmlns:a="${A}" xmlns:b="${P}"><b:C/></a:B></a:A>`,
    path: [],
  },
] as const;

describe('parseXmlSubset + canonicalizeExclusive', () => {
  it.each(DOCUMENTS)('$name: the canonical form xml-crypto computes', ({ xml, path }) => {
    const root = parseXmlSubset(xml);
    expect(root).toBeDefined();
    expect(canonicalizeExclusive(at(root!, [...path]))).toBe(referenceC14n(xml, [...path]));
  });

  it.each(DOCUMENTS)('$name: serialized as xmldom serializes the parsed document', ({ xml }) => {
    const expected = new XMLSerializer().serializeToString(new DOMParser().parseFromString(xml, 'text/xml'));
    expect(serializeLikeXmldom(parseXmlSubset(xml)!)).toBe(expected);
  });
});

describe('parseXmlSubset refuses what it does not reproduce exactly (the caller then uses xml-crypto)', () => {
  it.each([
    { why: 'a comment', xml: `<a:A xmlns:a="${A}"><!--x--></a:A>` },
    { why: 'a DOCTYPE', xml: `<!DOCTYPE a><a:A xmlns:a="${A}"/>` },
    { why: 'an XML declaration', xml: `<?xml version="1.0"?><a:A xmlns:a="${A}"/>` },
    { why: 'a processing instruction', xml: `<a:A xmlns:a="${A}"><?pi x?></a:A>` },
    { why: 'CDATA', xml: `<a:A xmlns:a="${A}"><![CDATA[x]]></a:A>` },
    { why: 'a line break', xml: `<a:A xmlns:a="${A}">x\ny</a:A>` },
    { why: 'a tab in an attribute', xml: `<a:A xmlns:a="${A}" B="x\ty"/>` },
    { why: "a LINE SEPARATOR (a line end to xml-crypto's parser)", xml: `<a:A xmlns:a="${A}">x\u2028y</a:A>` },
    { why: 'a control character by reference', xml: `<a:A xmlns:a="${A}">&#x1;</a:A>` },
    { why: 'a surrogate by reference', xml: `<a:A xmlns:a="${A}">&#xD800;</a:A>` },
    { why: 'an unknown entity', xml: `<a:A xmlns:a="${A}">&nbsp;</a:A>` },
    { why: 'a bare ampersand', xml: `<a:A xmlns:a="${A}">a & b</a:A>` },
    { why: 'single-quoted attributes', xml: `<a:A xmlns:a="${A}" B='x'/>` },
    { why: 'an unbound prefix', xml: `<b:A xmlns:a="${A}"/>` },
    { why: 'an element in no namespace', xml: '<A/>' },
    { why: 'an xml:* attribute', xml: `<a:A xmlns:a="${A}" xml:lang="en"/>` },
    { why: 'an undeclared default namespace', xml: `<A xmlns="${A}"><B xmlns=""/></A>` },
    { why: 'a prefix bound to another namespace below', xml: `<a:A xmlns:a="${A}"><a:B xmlns:a="${P}"/></a:A>` },
    { why: 'a duplicate attribute', xml: `<a:A xmlns:a="${A}" B="1" B="2"/>` },
    { why: 'mismatched end tag', xml: `<a:A xmlns:a="${A}"><a:B></a:C></a:A>` },
    { why: 'an unclosed element', xml: `<a:A xmlns:a="${A}"><a:B>` },
    { why: 'content after the root', xml: `<a:A xmlns:a="${A}"/><a:A xmlns:a="${A}"/>` },
    { why: 'text after the root', xml: `<a:A xmlns:a="${A}"/>x` },
    { why: '"]]>" in text', xml: `<a:A xmlns:a="${A}">]]></a:A>` },
    { why: 'whitespace before the root', xml: ` <a:A xmlns:a="${A}"/>` },
  ])('$why', ({ xml }) => {
    expect(parseXmlSubset(xml)).toBeUndefined();
  });
});
