// Reading the portal's server-rendered HTML in tests the way assistive technology (and a browser
// driver's getByRole / getByLabel) would name things: label texts with the control they label,
// button and heading texts, option labels, role=alert blocks, aria-labels. Enough for markup the
// portal itself renders (well-formed, no script); not a general HTML parser.

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/** Text content: tags removed, entities decoded, whitespace collapsed. */
export function textOf(fragment: string): string {
  return fragment
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
}

export interface Element {
  readonly tag: string;
  /** The opening tag, e.g. `<button class="x" type="submit">`. */
  readonly open: string;
  /** Everything between the opening and the matching closing tag. */
  readonly inner: string;
}

export function attribute(open: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(open);
  return match?.[1] === undefined ? undefined : textOf(match[1]);
}

const VOID = new Set(['input', 'meta', 'link', 'br', 'hr', 'img']);

/** Every element with this tag name (`*` = any), with its inner HTML (nesting of the same tag respected). */
export function elements(html: string, tag: string): Element[] {
  const found: Element[] = [];
  const opening = new RegExp(`<(${tag === '*' ? '[a-zA-Z][a-zA-Z0-9]*' : tag})(\\s[^>]*)?>`, 'g');
  for (let match = opening.exec(html); match; match = opening.exec(html)) {
    const name = (match[1] ?? '').toLowerCase();
    const open = match[0];
    if (VOID.has(name)) {
      found.push({ tag: name, open, inner: '' });
      continue;
    }
    const scanner = new RegExp(`<(/?)${name}(\\s[^>]*)?>`, 'gi');
    scanner.lastIndex = match.index + open.length;
    let depth = 1;
    let end = html.length;
    for (let step = scanner.exec(html); step; step = scanner.exec(html)) {
      depth += step[1] === '/' ? -1 : 1;
      if (depth === 0) {
        end = step.index;
        break;
      }
    }
    found.push({ tag: name, open, inner: html.slice(match.index + open.length, end) });
  }
  return found;
}

/**
 * The names a page gives its controls and landmarks: labels, buttons, headings, options, legends, summaries, column/row headers, link
 * texts, captions, the title, aria-labels.
 */
export function accessibleNames(html: string): string[] {
  const texts = ['label', 'button', 'h[1-6]', 'option', 'legend', 'summary', 'th', 'a', 'caption', 'title'].flatMap((tag) =>
    elements(html, tag).map((element) => textOf(element.inner)),
  );
  const labels = [...html.matchAll(/\saria-label="([^"]*)"/g)].map((match) => textOf(match[1] ?? ''));
  return [...texts, ...labels].filter((name) => name !== '');
}

/** The control a `<label for>` with exactly this text labels (its opening tag), if any. */
export function labelledControl(html: string, label: string): string | undefined {
  for (const element of elements(html, 'label')) {
    if (textOf(element.inner) !== label) continue;
    const id = attribute(element.open, 'for');
    const control =
      id === undefined
        ? undefined
        : elements(html, '(?:input|select|textarea)').find((candidate) => attribute(candidate.open, 'id') === id);
    if (control) return control.open;
  }
  return undefined;
}

/** Elements carrying this ARIA role attribute. */
export function withRole(html: string, role: string): Element[] {
  return elements(html, '*').filter((element) => attribute(element.open, 'role') === role);
}
