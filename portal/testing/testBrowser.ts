// A cookie-keeping HTTP client for the portal's own tests: plain fetch against the app on
// 127.0.0.1, redirects not followed (tests assert each hop), CSRF tokens read from the forms —
// in the words of the portal's skin (its CSRF field, login paths and field names).
import { referenceSkin } from '../skin/reference/index.ts';
import type { PortalSkin } from '../skin/types.ts';

export class TestBrowser {
  readonly base: string;
  readonly skin: PortalSkin;
  readonly cookies = new Map<string, string>();

  constructor(base: string, skin: PortalSkin = referenceSkin) {
    this.base = base;
    this.skin = skin;
  }

  private remember(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, decodeURIComponent(value));
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; ');
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', this.cookieHeader());
    const response = await fetch(new URL(path, this.base), { ...init, headers, redirect: 'manual' });
    this.remember(response);
    return response;
  }

  get(path: string): Promise<Response> {
    return this.request(path);
  }

  post(path: string, fields: Record<string, string> | FormData): Promise<Response> {
    const body = fields instanceof FormData ? fields : new URLSearchParams(fields);
    return this.request(path, { method: 'POST', body });
  }

  /** GET `pagePath`, then post the form whose action is `action` with its CSRF token and `fields`. */
  async submit(pagePath: string, action: string, fields: Record<string, string> | FormData): Promise<Response> {
    const page = await (await this.get(pagePath)).text();
    const field = this.skin.fields.csrf;
    const token = csrfTokenOf(page, action, field);
    if (fields instanceof FormData) {
      fields.set(field, token);
      return this.post(action, fields);
    }
    return this.post(action, { [field]: token, ...fields });
  }

  /** Log in with a password through the two login steps; resolves with the final response. */
  async loginWithPassword(email: string, password: string): Promise<Response> {
    const { paths: P, query: Q, fields: F } = this.skin;
    const step1 = await this.submit(P.login, P.login, { [F.email]: email });
    const location = step1.headers.get('location') ?? '';
    if (!location.startsWith(P.passwordLogin)) return step1;
    const params = new URL(location, this.base).searchParams;
    return this.submit(location, P.passwordLogin, { [F.email]: email, [F.password]: password, [Q.account]: params.get(Q.account) ?? '', [Q.returnTo]: params.get(Q.returnTo) ?? '' });
  }
}

export function csrfTokenOf(page: string, action: string, field = '_csrf'): string {
  const escaped = action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const form = new RegExp(`<form[^>]*action="${escaped}"[^>]*>([\\s\\S]*?)</form>`).exec(page);
  const token = form?.[1] ? new RegExp(`name="${field}" value="([^"]+)"`).exec(form[1])?.[1] : undefined;
  if (!token) throw new Error(`No form posting to ${action} with a CSRF token on the page`);
  return token;
}
