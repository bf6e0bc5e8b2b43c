// The foreign portal's form controls and message boxes. Same accessibility semantics as the
// reference portal (a label for every field, hints and errors tied with aria-describedby,
// aria-invalid on a field in error, role=alert / status / note), its own markup.
import { attributes, html, type SafeHtml } from '../../../web/html.ts';
import { fieldId } from '../paths.ts';

interface Field {
  readonly name: string;
  readonly label: string;
  readonly help?: string;
  readonly error?: string;
}

function describedBy(id: string, f: Field): Record<string, string | undefined> {
  const ids = [f.help ? `${id}-help` : '', f.error ? `${id}-problem` : ''].filter(Boolean).join(' ');
  return { 'aria-describedby': ids || undefined, 'aria-invalid': f.error ? 'true' : undefined };
}

function below(id: string, f: Field): SafeHtml {
  return html`${f.help && html`<small class="fx-help" id="${id}-help">${f.help}</small>`}${f.error && html`<strong class="fx-problem" id="${id}-problem">${f.error}</strong>`}`;
}

export function input(
  f: Field & {
    readonly value: string;
    readonly type?: string;
    readonly required?: boolean;
    readonly autocomplete?: string;
    readonly accept?: string;
  },
): SafeHtml {
  const id = fieldId(f.name);
  const hidden = f.type === 'password' || f.type === 'file';
  return html`<p class="fx-row"><label class="fx-label" for="${id}">${f.label}</label>
<input class="fx-input"${attributes({ type: f.type ?? 'text', name: f.name, id, value: hidden ? undefined : f.value, required: f.required, autocomplete: f.autocomplete, accept: f.accept, ...describedBy(id, f) })}>${below(id, f)}</p>`;
}

export function textarea(f: Field & { readonly value: string; readonly rows?: number }): SafeHtml {
  const id = fieldId(f.name);
  return html`<p class="fx-row"><label class="fx-label" for="${id}">${f.label}</label>
<textarea class="fx-input fx-mono"${attributes({ name: f.name, id, rows: String(f.rows ?? 5), ...describedBy(id, f) })}>${f.value}</textarea>${below(id, f)}</p>`;
}

export function tick(f: Field & { readonly checked: boolean }): SafeHtml {
  const id = fieldId(f.name);
  return html`<p class="fx-row fx-row--tick"><input${attributes({ type: 'checkbox', name: f.name, id, value: '1', checked: f.checked, ...describedBy(id, f) })}> <label for="${id}">${f.label}</label>${below(id, f)}</p>`;
}

export function dropdown(
  f: Field & { readonly value: string; readonly options: readonly { readonly value: string; readonly label: string }[] },
): SafeHtml {
  const id = fieldId(f.name);
  return html`<p class="fx-row"><label class="fx-label" for="${id}">${f.label}</label>
<select class="fx-input"${attributes({ name: f.name, id, ...describedBy(id, f) })}>${f.options.map((o) => html`<option${attributes({ value: o.value, selected: o.value === f.value })}>${o.label}</option>`)}</select>${below(id, f)}</p>`;
}

export function choice(
  f: Field & { readonly value: string; readonly options: readonly { readonly value: string; readonly label: string }[] },
): SafeHtml {
  const id = fieldId(f.name);
  return html`<div class="fx-choice" role="radiogroup" aria-labelledby="${id}-title"${attributes({ 'aria-describedby': f.error ? `${id}-problem` : undefined })}><span class="fx-label" id="${id}-title">${f.label}</span>
${f.options.map((o) => html`<span class="fx-option"><input${attributes({ type: 'radio', name: f.name, id: `${id}-${o.value}`, value: o.value, checked: o.value === f.value })}><label for="${id}-${o.value}">${o.label}</label></span>`)}${below(id, f)}</div>`;
}

export function hidden(name: string, value: string | number | undefined): SafeHtml {
  return value === undefined || value === '' ? html`` : html`<input type="hidden" name="${name}" value="${value}">`;
}

export function button(
  label: string,
  kind: 'main' | 'plain' | 'danger' = 'main',
  extra: Readonly<Record<string, string | boolean | undefined>> = {},
): SafeHtml {
  return html`<button class="fx-btn fx-btn--${kind}"${attributes({ type: 'submit', ...extra })}>${label}</button>`;
}

/** A form posting to `action`: the CSRF field first, then `body`. */
export function form(
  action: string,
  csrf: SafeHtml,
  body: SafeHtml,
  opts: { readonly multipart?: boolean; readonly inline?: boolean } = {},
): SafeHtml {
  return html`<form class="${opts.inline ? 'fx-form fx-form--inline' : 'fx-form'}" action="${action}" method="post" novalidate${attributes({ enctype: opts.multipart ? 'multipart/form-data' : undefined })}>${csrf}${body}</form>`;
}

export function done(text: string): SafeHtml {
  return html`<div class="fx-banner fx-banner--done" role="status">${text}</div>`;
}

export function problem(body: SafeHtml | string): SafeHtml {
  return html`<div class="fx-banner fx-banner--problem" role="alert">${body}</div>`;
}

export function heedList(intro: string, items: readonly string[]): SafeHtml {
  return html`<aside class="fx-banner fx-banner--heed" role="note"><b>${intro}</b><ul>${items.map((item) => html`<li>${item}</li>`)}</ul></aside>`;
}

/** The problems of a refused form, each linked to its field. */
export function problemList(title: string, problems: readonly { readonly message: string; readonly name?: string }[]): SafeHtml {
  if (problems.length === 0) return html``;
  return problem(
    html`<b>${title}</b><ol>${problems.map((p) => html`<li>${p.name ? html`<a href="#${fieldId(p.name)}">${p.message}</a>` : p.message}</li>`)}</ol>`,
  );
}

export function when(epochMs: number): string {
  return new Date(epochMs).toUTCString().replace(' GMT', ' (UTC)');
}
