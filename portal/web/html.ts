// The only way views produce HTML: a tagged template that escapes every interpolation, so no
// seat name, email, IdP error text or SAML attribute can inject markup into a portal page.
import { escapeHtml } from '../../lib/index.ts';

export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  // `false`, null and undefined render nothing, so `${cond && html`…`}` reads naturally.
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Attribute helper for boolean attributes: `<input ${attr('checked', on)}>`. */
export function attr(name: string, on: boolean): SafeHtml {
  return new SafeHtml(on ? name : '');
}

/**
 * Attributes from a record, each with a leading space: strings as name="value" (escaped), `true`
 * as a bare boolean attribute, `false` / undefined left out.
 */
export function attributes(values: Readonly<Record<string, string | boolean | undefined>>): SafeHtml {
  return new SafeHtml(
    Object.entries(values)
      .map(([name, value]) => (value === true ? ` ${name}` : typeof value === 'string' ? ` ${name}="${escapeHtml(value)}"` : ''))
      .join(''),
  );
}
