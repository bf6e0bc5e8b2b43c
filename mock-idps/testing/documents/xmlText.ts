// Reading metadata XML as text, for the feature checks: tags in document order with their depth,
// their attributes in written order, and an element's text. Deliberately not the project's XML
// parser (saml/xmlSubset.ts) nor the metadata writer: the checks must see what a reader of the
// bytes sees (prefixes, attribute order, whitespace), independently of the code that wrote them.

export interface Tag {
  /** The name as written, with its prefix. */
  readonly name: string;
  /** The name without its prefix. */
  readonly local: string;
  /** Attributes in written order. */
  readonly attributes: ReadonlyArray<readonly [string, string]>;
  /** The start tag as written. */
  readonly text: string;
  /** Nesting depth: the root is 0. */
  readonly depth: number;
  /** Offset of the start tag in the document. */
  readonly offset: number;
  /** Written `<X … />`. */
  readonly empty: boolean;
}

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+="[^"]*")*)\s*(\/?)>/g;
const ATTRIBUTE = /([\w.:-]+)="([^"]*)"/g;

/** Every start tag of the document (declaration and comments skipped), in order. */
export function startTags(xml: string): Tag[] {
  const tags: Tag[] = [];
  let depth = 0;
  for (const match of xml.matchAll(TAG)) {
    const [text, closing, name = '', attributeText = '', selfClosing] = match;
    if (closing) {
      depth -= 1;
      continue;
    }
    const attributes = [...attributeText.matchAll(ATTRIBUTE)].map(([, key = '', value = '']) => [key, value] as const);
    tags.push({ name, local: name.replace(/^[\w.-]+:/, ''), attributes, text, depth, offset: match.index, empty: selfClosing === '/' });
    if (selfClosing !== '/') depth += 1;
  }
  return tags;
}

export const named = (tags: readonly Tag[], local: string): Tag[] => tags.filter((tag) => tag.local === local);
export const attributeNames = (tag: Tag | undefined): string[] => (tag?.attributes ?? []).map(([name]) => name);
export const attribute = (tag: Tag | undefined, name: string): string | undefined => tag?.attributes.find(([key]) => key === name)?.[1];

/** The tags inside `parent` (its descendants), in order. */
export function inside(tags: readonly Tag[], parent: Tag): Tag[] {
  // By offset, not identity: the parent may come from another reading of the same document.
  const start = tags.findIndex((tag) => tag.offset === parent.offset);
  if (start === -1) return [];
  const after = tags.slice(start + 1);
  const end = after.findIndex((tag) => tag.depth <= parent.depth);
  return end === -1 ? after : after.slice(0, end);
}

/** The direct children of `parent`, in order. */
export const childrenOf = (tags: readonly Tag[], parent: Tag): Tag[] =>
  inside(tags, parent).filter((tag) => tag.depth === parent.depth + 1);

/** The text right after a start tag, up to the next tag (an element of text only). */
export function textAfter(xml: string, tag: Tag): string {
  const from = tag.offset + tag.text.length;
  const to = xml.indexOf('<', from);
  return xml.slice(from, to === -1 ? undefined : to);
}
