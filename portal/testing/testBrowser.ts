// A cookie-keeping HTTP client for the portal's own tests: plain fetch against the app on
// 127.0.0.1, redirects not followed (tests assert each hop), CSRF tokens read from the forms —
// in the words of the portal's skin (its CSRF field, login paths and field names).
import { CookieJar } from '../../lib/testing/index.ts';
import { referenceSkin } from '../skin/reference/index.ts';
import type { PortalSkin } from '../skin/types.ts';

export class TestBrowser {
  readonly base: string;
  readonly skin: PortalSkin;
  readonly jar = new CookieJar();

  constructor(base: string, skin: PortalSkin = referenceSkin) {
    this.base = base;
    this.skin = skin;
  }

  /** The cookies held, name → value as the portal set it (URI-decoded): a session to hand to a Playwright context in a test. */
  get cookies(): ReadonlyMap<string, string> {
    return new Map([...this.jar.values()].filter(([, value]) => value !== '').map(([name, value]) => [name, decodeURIComponent(value)]));
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(path, this.base);
    const headers = new Headers(init.headers);
    const cookie = this.jar.header(url);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.jar.store(response.headers.getSetCookie(), url);
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
    return this.submit(location, P.passwordLogin, {
      [F.email]: email,
      [F.password]: password,
      [Q.account]: params.get(Q.account) ?? '',
      [Q.returnTo]: params.get(Q.returnTo) ?? '',
    });
  }
}

export function csrfTokenOf(page: string, action: string, field = '_csrf'): string {
  const escaped = action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const form = new RegExp(`<form[^>]*action="${escaped}"[^>]*>([\\s\\S]*?)</form>`).exec(page);
  const token = form?.[1] ? new RegExp(`name="${field}" value="([^"]+)"`).exec(form[1])?.[1] : undefined;
  if (!token) throw new Error(`No form posting to ${action} with a CSRF token on the page`);
  return token;
}
