// A minimal HTTP "browser" for tests over loopback: a path-aware cookie jar, redirects followed
// by hand (so a test sees every hop and stops at the SP's redirect URI without fetching it), and
// HTML forms filled by their labels, as a person (or Playwright's getByLabel) would.
import { freshConnectionFetch } from '../../lib/freshConnectionFetch.ts';


export interface FormField {
  readonly name: string;
  readonly value: string;
  readonly type: string;
  readonly label?: string;
}

export interface FormButton {
  readonly text: string;
  readonly name?: string;
  readonly value?: string;
}

export interface HtmlForm {
  readonly action: string;
  readonly fields: readonly FormField[];
  readonly buttons: readonly FormButton[];
}

export interface Hop {
  readonly url: URL;
  readonly status: number;
}

export interface Landing {
  /** Where the chain stopped: an HTML page, or the redirect URI (not fetched). */
  readonly url: URL;
  readonly status: number;
  readonly html: string;
  readonly reachedRedirectUri: boolean;
  readonly hops: readonly Hop[];
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return match?.[1] === undefined ? undefined : decodeEntities(match[1]);
}

function decodeEntities(value: string): string {
  return value.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

function textOf(html: string): string {
  return decodeEntities(html.replace(/<[^>]+>/g, '')).trim();
}

export function parseForms(html: string, base: URL): HtmlForm[] {
  const labels = new Map<string, string>();
  for (const match of html.matchAll(/<label\s+for="([^"]+)"[^>]*>([\s\S]*?)<\/label>/gi)) labels.set(match[1]!, textOf(match[2]!));
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map((match) => {
    const [, formTag = '', inner = ''] = match;
    const fields = [...inner.matchAll(/<input\b[^>]*>/gi)].flatMap(([tag]) => {
      const name = attribute(tag, 'name');
      if (name === undefined) return [];
      const id = attribute(tag, 'id');
      const label = id === undefined ? undefined : labels.get(id);
      return [{ name, value: attribute(tag, 'value') ?? '', type: attribute(tag, 'type') ?? 'text', ...(label === undefined ? {} : { label }) }];
    });
    const buttons = [...inner.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)].map(([, tag = '', text = '']) => {
      const name = attribute(tag, 'name');
      const value = attribute(tag, 'value');
      return { text: textOf(text), ...(name === undefined ? {} : { name }), ...(value === undefined ? {} : { value }) };
    });
    return { action: new URL(attribute(formTag, 'action') ?? base.href, base).href, fields, buttons };
  });
}

interface StoredCookie {
  readonly value: string;
  readonly path: string;
}

export class HttpBrowser {
  readonly #jar = new Map<string, StoredCookie>();

  cookieNames(): string[] {
    return [...new Set([...this.#jar.keys()].map((key) => key.split('\n')[0]!))];
  }

  #cookieHeader(url: URL): string {
    return [...this.#jar.entries()]
      .filter(([, cookie]) => url.pathname.startsWith(cookie.path) || `${url.pathname}/` === cookie.path)
      .sort(([, a], [, b]) => b.path.length - a.path.length)
      .map(([key, cookie]) => `${key.split('\n')[0]!}=${cookie.value}`)
      .join('; ');
  }

  #store(url: URL, response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const pathAttribute = attributes.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith('path='));
      const path = pathAttribute ? pathAttribute.slice(5) : url.pathname.replace(/\/[^/]*$/, '/') || '/';
      const key = `${name}\n${path}`;
      const expired = attributes.some((a) => /^expires=thu, 01 jan 1970/i.test(a.trim())) || value === '';
      if (expired) this.#jar.delete(key);
      else this.#jar.set(key, { value, path });
    }
  }

  /** One request, no redirect following; cookies sent and stored. */
  async request(url: URL | string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url);
    const headers: Record<string, string> = { cookie: this.#cookieHeader(target) };
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await freshConnectionFetch(target, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, redirect: 'manual', ...(body === undefined ? {} : { body }) });
    this.#store(target, response);
    return response;
  }

  /** Follow redirects until an HTML page, or until a Location starts with `redirectUri`. */
  async navigate(url: URL | string, redirectUri: string, init: { form?: Record<string, string> } = {}): Promise<Landing> {
    const hops: Hop[] = [];
    let target = new URL(url);
    let response = await this.request(target, init);
    for (let i = 0; i < 20; i++) {
      hops.push({ url: target, status: response.status });
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) {
        return { url: target, status: response.status, html: await response.text(), reachedRedirectUri: false, hops };
      }
      await response.body?.cancel();
      target = new URL(location, target);
      if (target.href.startsWith(redirectUri)) return { url: target, status: response.status, html: '', reachedRedirectUri: true, hops };
      response = await this.request(target);
    }
    throw new Error(`More than 20 redirects from ${String(url)}`);
  }

  /** Submit the form that has `buttonText`, with fields filled by label (or name) → value. */
  async submit(page: Landing, buttonText: string, values: Readonly<Record<string, string>>, redirectUri: string): Promise<Landing> {
    const forms = parseForms(page.html, page.url);
    const form = forms.find((candidate) => candidate.buttons.some((button) => button.text === buttonText));
    if (!form) throw new Error(`No form with a "${buttonText}" button on ${page.url.href}: ${forms.map((f) => f.buttons.map((b) => b.text).join('/')).join(', ') || 'no forms'}`);
    const data: Record<string, string> = {};
    for (const fieldOf of form.fields) data[fieldOf.name] = fieldOf.value;
    for (const [key, value] of Object.entries(values)) {
      const target = form.fields.find((candidate) => candidate.label === key) ?? form.fields.find((candidate) => candidate.name === key);
      if (!target) throw new Error(`No field labelled or named "${key}" in the form of ${page.url.href}`);
      data[target.name] = value;
    }
    const button = form.buttons.find((candidate) => candidate.text === buttonText);
    if (button?.name !== undefined) data[button.name] = button.value ?? '';
    return this.navigate(form.action, redirectUri, { form: data });
  }
}
