// Just enough HTML reading to drive server-rendered login pages over HTTP, the way a person
// would: find the form by its button's name, fill inputs by their <label>, keep hidden fields,
// submit. The portal and the IdP personas render plain, accessible HTML (labels, buttons, no
// script-built forms), so a small tag reader is enough and keeps the matrix fast.

export interface FormButton {
  readonly text: string;
  readonly name?: string;
  readonly value?: string;
}

export interface HtmlForm {
  readonly action: string;
  readonly method: 'get' | 'post';
  /** Values the form would send untouched: hidden and pre-filled inputs, checked boxes, selected options, text areas. */
  readonly values: ReadonlyMap<string, string>;
  /** Label text (trimmed, whitespace collapsed) → the name of the input it labels. */
  readonly labels: ReadonlyMap<string, string>;
  readonly buttons: readonly FormButton[];
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

/** Attributes of one start tag's inside, e.g. `input type="hidden" name="p" value="x"`. */
export function attributesOf(tag: string): ReadonlyMap<string, string> {
  const attributes = new Map<string, string>();
  for (const match of tag.matchAll(/([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    const name = match[1]?.toLowerCase();
    if (!name || attributes.has(name)) continue;
    attributes.set(name, decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return attributes;
}

const collapse = (text: string): string =>
  decodeEntities(text.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();

/** Every <form> of a page, with its fields, labels and buttons. */
export function parseForms(html: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attributes = attributesOf(match[1] ?? '');
    const body = match[2] ?? '';
    const values = new Map<string, string>();
    const idToName = new Map<string, string>();
    for (const input of body.matchAll(/<input\b([^>]*)>/gi)) {
      const inputAttributes = attributesOf(input[1] ?? '');
      const name = inputAttributes.get('name');
      const type = (inputAttributes.get('type') ?? 'text').toLowerCase();
      const id = inputAttributes.get('id');
      if (name && id) idToName.set(id, name);
      if (!name || type === 'submit' || type === 'button' || type === 'file') continue;
      if (type === 'checkbox' || type === 'radio') {
        if (inputAttributes.has('checked')) values.set(name, inputAttributes.get('value') ?? 'on');
        continue;
      }
      if (type === 'hidden' || inputAttributes.has('value')) values.set(name, inputAttributes.get('value') ?? '');
    }
    for (const select of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const selectAttributes = attributesOf(select[1] ?? '');
      const name = selectAttributes.get('name');
      const id = selectAttributes.get('id');
      if (name && id) idToName.set(id, name);
      const options = [...(select[2] ?? '').matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/gi)].map((option) => {
        const optionAttributes = attributesOf(option[1] ?? '');
        return { value: optionAttributes.get('value') ?? collapse(option[2] ?? ''), selected: optionAttributes.has('selected') };
      });
      const chosen = options.find((option) => option.selected) ?? options[0];
      if (name && chosen) values.set(name, chosen.value);
    }
    for (const area of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
      const areaAttributes = attributesOf(area[1] ?? '');
      const name = areaAttributes.get('name');
      const id = areaAttributes.get('id');
      if (name && id) idToName.set(id, name);
      if (name) values.set(name, decodeEntities(area[2] ?? ''));
    }
    const labels = new Map<string, string>();
    for (const label of body.matchAll(/<label\b([^>]*)>([\s\S]*?)<\/label>/gi)) {
      const target = attributesOf(label[1] ?? '').get('for');
      const name = target === undefined ? undefined : idToName.get(target);
      if (name) labels.set(collapse(label[2] ?? ''), name);
    }
    const buttons: FormButton[] = [];
    for (const button of body.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)) {
      const buttonAttributes = attributesOf(button[1] ?? '');
      if ((buttonAttributes.get('type') ?? 'submit').toLowerCase() !== 'submit') continue;
      const name = buttonAttributes.get('name');
      const value = buttonAttributes.get('value');
      buttons.push({ text: collapse(button[2] ?? ''), ...(name === undefined ? {} : { name }), ...(value === undefined ? {} : { value }) });
    }
    const method = (attributes.get('method') ?? 'get').toLowerCase() === 'post' ? 'post' : 'get';
    forms.push({ action: attributes.get('action') ?? '', method, values, labels, buttons });
  }
  return forms;
}

/** The form holding a submit button whose text matches, with that button. */
export function formWithButton(forms: readonly HtmlForm[], button: string | RegExp): { form: HtmlForm; button: FormButton } | undefined {
  const matches = (text: string): boolean => (typeof button === 'string' ? text.toLowerCase() === button.toLowerCase() : button.test(text));
  for (const form of forms) {
    const found = form.buttons.find((candidate) => matches(candidate.text));
    if (found) return { form, button: found };
  }
  return undefined;
}

/** The form holding an input labelled `label` (exact text, case-insensitive). */
export function formWithLabel(forms: readonly HtmlForm[], label: string): HtmlForm | undefined {
  return forms.find((form) => [...form.labels.keys()].some((text) => text.toLowerCase() === label.toLowerCase()));
}

export function inputNameFor(form: HtmlForm, label: string): string | undefined {
  for (const [text, name] of form.labels) if (text.toLowerCase() === label.toLowerCase()) return name;
  return undefined;
}

/** The fields a browser would send when `button` is pressed with `filled` typed in (by input name). */
export function submission(
  form: HtmlForm,
  button: FormButton | undefined,
  filled: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const fields: Record<string, string> = Object.fromEntries(form.values);
  Object.assign(fields, filled);
  if (button?.name !== undefined) fields[button.name] = button.value ?? '';
  return fields;
}

/** The values of `attribute` on every `element` of the page (element and attribute as the target names them). */
export function attributeValues(html: string, element: string, attribute: string): string[] {
  const values: string[] = [];
  for (const match of html.matchAll(new RegExp(`<${element}\\b([^>]*)>`, 'gi'))) {
    const value = attributesOf(match[1] ?? '').get(attribute.toLowerCase());
    if (value !== undefined) values.push(value);
  }
  return values;
}

/** The visible text of a page (tags removed, whitespace collapsed), for "the page says …" checks. */
export function visibleText(html: string): string {
  return collapse(html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' '));
}
