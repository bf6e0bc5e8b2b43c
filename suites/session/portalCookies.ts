// The portal's cookies as a browser holds them, told apart from the mock IdPs' (every server runs
// on 127.0.0.1, and cookies do not isolate ports): a cookie is the portal's when a response of the
// portal's origin set it. Each Set-Cookie header is kept as sent, so its attributes are judged as
// the portal wrote them (HttpOnly, SameSite, Secure), not as one browser interprets a missing one.
import type { BrowserContext, Cookie } from '@playwright/test';

export interface SetCookieHeader {
  readonly name: string;
  /** Attribute names in lower case → value ('' for flags such as HttpOnly). */
  readonly attributes: ReadonlyMap<string, string>;
  /** An empty value or an expiry in the past: the portal removed the cookie. */
  readonly removes: boolean;
}

export function parseSetCookie(header: string): SetCookieHeader | undefined {
  const [pair = '', ...parts] = header.split(';');
  const index = pair.indexOf('=');
  if (index <= 0) return undefined;
  const attributes = new Map<string, string>();
  for (const part of parts) {
    const at = part.indexOf('=');
    const key = (at < 0 ? part : part.slice(0, at)).trim().toLowerCase();
    if (key) attributes.set(key, at < 0 ? '' : part.slice(at + 1).trim());
  }
  const expires = attributes.get('expires');
  const removes =
    pair.slice(index + 1).trim() === '' || attributes.get('max-age') === '0' || (expires !== undefined && Date.parse(expires) < Date.now());
  return { name: pair.slice(0, index).trim(), attributes, removes };
}

/** What is wrong with a session cookie's Set-Cookie, in words (empty when nothing is). */
export function sessionCookieProblems(header: SetCookieHeader, https: boolean): string[] {
  const problems: string[] = [];
  if (!header.attributes.has('httponly')) problems.push('no HttpOnly (scripts on any page can read it)');
  const sameSite = header.attributes.get('samesite')?.toLowerCase();
  if (sameSite !== 'lax' && sameSite !== 'strict')
    problems.push(sameSite === undefined ? 'no SameSite attribute' : `SameSite=${header.attributes.get('samesite') ?? ''}`);
  if (https && !header.attributes.has('secure')) problems.push('no Secure over HTTPS');
  return problems;
}

export class PortalCookieWatch {
  readonly #origin: string;
  readonly #headers = new Map<string, SetCookieHeader>();
  readonly #pending = new Set<Promise<void>>();

  /** Starts watching the responses of `portalOrigin` in this browser context. */
  constructor(context: BrowserContext, portalOrigin: string) {
    this.#origin = portalOrigin;
    context.on('response', (response) => {
      if (new URL(response.url()).origin !== this.#origin) return;
      const read = response
        .headersArray()
        .then(
          (headers) => {
            for (const { name, value } of headers) {
              if (name.toLowerCase() !== 'set-cookie') continue;
              for (const line of value.split('\n')) {
                const parsed = parseSetCookie(line);
                if (parsed) this.#headers.set(parsed.name, parsed);
              }
            }
          },
          () => undefined,
        )
        .finally(() => this.#pending.delete(read));
      this.#pending.add(read);
    });
  }

  /** The last Set-Cookie header the portal sent for each cookie name, once every response seen so far is read. */
  async headers(): Promise<ReadonlyMap<string, SetCookieHeader>> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
    return this.#headers;
  }

  /** The portal's cookies this context holds now. */
  async cookies(context: BrowserContext): Promise<Cookie[]> {
    const names = await this.headers();
    return (await context.cookies()).filter((cookie) => names.has(cookie.name));
  }
}

/** Cookies of `after` that are new or hold another value than in `before`: what a login set. */
export function changedCookies(before: readonly Cookie[], after: readonly Cookie[]): Cookie[] {
  return after.filter((cookie) => !before.some((old) => old.name === cookie.name && old.value === cookie.value));
}
