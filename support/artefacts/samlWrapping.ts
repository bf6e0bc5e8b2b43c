// Recognise the signature-wrapping families (XSW1–XSW8, Somorovsky et al. 2012, as catalogued by
// SAML Raider and produced by mock-idps/saml/mutators.ts) from where Responses, Assertions and
// Signatures sit relative to each other. Shapes, not proofs: any of them is refused.
import type { Element } from '@xmldom/xmldom';
import { NS, childElements, descendants } from './xml.ts';

export type XswVariant = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export interface WrappingShape {
  readonly variant: XswVariant;
  /** Plain words: what sits where. */
  readonly evidence: string;
}

function ancestors(element: Element, root: Element): Element[] {
  const out: Element[] = [];
  for (let node = element.parentNode as Element | null; node && node !== root; node = node.parentNode as Element | null) out.push(node);
  return out;
}

function hasSignature(element: Element): boolean {
  return childElements(element, NS.dsig, 'Signature').length > 0;
}

function referencedId(element: Element): string | undefined {
  const signature = childElements(element, NS.dsig, 'Signature')[0];
  const reference = signature && descendants(signature, NS.dsig, 'Reference')[0];
  return reference?.getAttribute('URI')?.replace(/^#/, '') ?? undefined;
}

function follows(a: Element, b: Element): boolean {
  // DOCUMENT_POSITION_FOLLOWING = 4: `a` comes after `b`.
  return (b.compareDocumentPosition(a) & 4) !== 0;
}

export function wrappingShape(root: Element): WrappingShape | undefined {
  const nested = descendants(root, NS.protocol, 'Response');
  const rootSignature = childElements(root, NS.dsig, 'Signature')[0];
  if (nested.length > 0) {
    const variant = rootSignature && follows(nested[0]!, rootSignature) ? 1 : 2;
    return {
      variant,
      evidence: `a second Response (ID ${nested[0]!.getAttribute('ID') ?? '?'}) sits inside the Response, ${variant === 1 ? 'after' : 'before'} its Signature: the signature covers the hidden one.`,
    };
  }
  for (const assertion of descendants(root, NS.assertion, 'Assertion')) {
    const chain = ancestors(assertion, root);
    const names = chain.map((element) => element.localName);
    if (names.includes('Extensions'))
      return { variant: 7, evidence: 'an assertion is hidden inside samlp:Extensions, before the real one.' };
    if (names.includes('Object'))
      return {
        variant: 8,
        evidence: 'a copy of the signed assertion is hidden inside a ds:Object of the Signature; the visible assertion was edited.',
      };
    if (names.includes('Signature'))
      return { variant: 6, evidence: 'a copy of the signed assertion is hidden inside the Signature; the visible assertion was edited.' };
    if (names.includes('Assertion'))
      return { variant: 4, evidence: 'the signed assertion is wrapped inside another (unsigned) assertion.' };
  }
  const top = childElements(root, NS.assertion, 'Assertion');
  if (top.length > 1) {
    const signedIndex = top.findIndex(hasSignature);
    const signed = top[signedIndex];
    if (signed) {
      const pointsAt = referencedId(signed);
      const target = top.find((assertion) => assertion !== signed && assertion.getAttribute('ID') === pointsAt);
      if (target && follows(target, signed))
        return {
          variant: 5,
          evidence: 'the first assertion carries a signature that covers an unsigned copy placed after it; the first was edited.',
        };
      if (signedIndex > 0 && !hasSignature(top[0]!))
        return { variant: 3, evidence: 'an unsigned assertion was inserted before the signed one.' };
    }
  }
  return undefined;
}
