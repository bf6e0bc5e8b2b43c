// Accessible form controls: every input has a <label>, hints and errors are tied to it with
// aria-describedby, and an invalid input says so (aria-invalid), so page objects find fields
// with getByLabel and screen readers read the error with the field.
import { attributes, html, type SafeHtml } from './html.ts';

interface ControlBase {
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly error?: string;
  /** Defaults to the name. */
  readonly id?: string;
}

function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

/** aria-describedby and aria-invalid of a control. */
function ariaOf(id: string, o: ControlBase): Record<string, string | undefined> {
  return { 'aria-describedby': describedBy(id, o.hint, o.error), 'aria-invalid': o.error ? 'true' : undefined };
}

function notes(id: string, hint: string | undefined, error: string | undefined): SafeHtml {
  return html`${hint && html`<p class="hint" id="${id}-hint">${hint}</p>`}${error && html`<p class="field-error" id="${id}-error">${error}</p>`}`;
}

export interface TextInputOptions extends ControlBase {
  readonly value: string;
  readonly type?: 'text' | 'email' | 'password' | 'url' | 'number' | 'file';
  readonly readonly?: boolean;
  readonly required?: boolean;
  readonly autocomplete?: string;
  readonly accept?: string;
}

export function textInput(o: TextInputOptions): SafeHtml {
  const id = o.id ?? o.name;
  const secretOrFile = o.type === 'password' || o.type === 'file';
  return html`<div class="control"><label for="${id}">${o.label}</label>
<input${attributes({ id, name: o.name, type: o.type ?? 'text', value: secretOrFile ? undefined : o.value, ...ariaOf(id, o), readonly: o.readonly, required: o.required, autocomplete: o.autocomplete, accept: o.accept })}>
${notes(id, o.hint, o.error)}</div>`;
}

export function textArea(o: ControlBase & { readonly value: string; readonly rows?: number }): SafeHtml {
  const id = o.id ?? o.name;
  return html`<div class="control"><label for="${id}">${o.label}</label>
<textarea${attributes({ id, name: o.name, rows: String(o.rows ?? 6), ...ariaOf(id, o) })}>${o.value}</textarea>
${notes(id, o.hint, o.error)}</div>`;
}

export function checkboxInput(o: ControlBase & { readonly checked: boolean }): SafeHtml {
  const id = o.id ?? o.name;
  return html`<div class="control"><input${attributes({ id, name: o.name, type: 'checkbox', value: 'on', checked: o.checked, ...ariaOf(id, o) })}>
<label class="inline" for="${id}">${o.label}</label>
${notes(id, o.hint, o.error)}</div>`;
}

export function selectInput(
  o: ControlBase & { readonly value: string; readonly options: readonly { readonly value: string; readonly label: string }[] },
): SafeHtml {
  const id = o.id ?? o.name;
  return html`<div class="control"><label for="${id}">${o.label}</label>
<select${attributes({ id, name: o.name, ...ariaOf(id, o) })}>
${o.options.map((option) => html`<option${attributes({ value: option.value, selected: option.value === o.value })}>${option.label}</option>`)}
</select>
${notes(id, o.hint, o.error)}</div>`;
}

export function radioGroup(
  o: ControlBase & { readonly value: string; readonly options: readonly { readonly value: string; readonly label: string }[] },
): SafeHtml {
  const id = o.id ?? o.name;
  return html`<fieldset${attributes({ 'aria-describedby': describedBy(id, o.hint, o.error) })}><legend>${o.label}</legend>
${o.options.map((option) => html`<div><input${attributes({ type: 'radio', id: `${id}-${option.value}`, name: o.name, value: option.value, checked: option.value === o.value })}><label class="inline" for="${id}-${option.value}">${option.label}</label></div>`)}
${notes(id, o.hint, o.error)}</fieldset>`;
}

/** A summary at the top of a refused form, linking each problem to its field. */
export function errorSummary(
  title: string,
  errors: readonly { readonly field: string; readonly message: string }[],
  knownFields: ReadonlySet<string>,
): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div role="alert" class="error" id="error-summary"><h4>${title}</h4><ul>
${errors.map((error) => html`<li>${knownFields.has(error.field) ? html`<a href="#${error.field}">${error.message}</a>` : error.message}</li>`)}
</ul></div>`;
}
