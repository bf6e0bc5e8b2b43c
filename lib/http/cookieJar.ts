// The cookie jar of every HTTP client of the project (RFC 6265, the parts loopback SSO uses): host-only cookies
// shared by every port of the host, as browsers share them (the portal and the IdPs all run on
// 127.0.0.1), path matching, replacement by name and path, deletion by Max-Age / Expires.

interface StoredCookie {
  readonly name: string;
  readonly value: string;
  readonly path: string;
  /** Epoch ms; undefined = a session cookie (lives as long as the browser). */
  readonly expires?: number;
}

/** RFC 6265 §5.1.4: the directory of the request path. */
function defaultPath(url: URL): string {
  const path = url.pathname;
  if (!path.startsWith('/') || path.lastIndexOf('/') === 0) return '/';
  return path.slice(0, path.lastIndexOf('/'));
}

/** RFC 6265 §5.1.4 path-match. */
export function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath.charAt(cookiePath.length) === '/';
}

export class CookieJar {
  readonly #cookies = new Map<string, StoredCookie>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Remember the cookies of one response (its Set-Cookie header lines) for `url`. */
  store(setCookies: readonly string[], url: URL): void {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const equals = pair.indexOf('=');
      if (equals <= 0) continue;
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      let path = defaultPath(url);
      let expires: number | undefined;
      let maxAge: number | undefined;
      for (const attribute of attributes) {
        const [rawKey = '', ...rest] = attribute.split('=');
        const key = rawKey.trim().toLowerCase();
        const attributeValue = rest.join('=').trim();
        if (key === 'path' && attributeValue.startsWith('/')) path = attributeValue;
        else if (key === 'max-age' && /^-?\d+$/.test(attributeValue)) maxAge = Number(attributeValue);
        else if (key === 'expires' && !Number.isNaN(Date.parse(attributeValue))) expires = Date.parse(attributeValue);
      }
      // Max-Age wins over Expires (RFC 6265 §5.3 step 3).
      if (maxAge !== undefined) expires = maxAge <= 0 ? 0 : this.#now() + maxAge * 1000;
      const key = `${name};${path}`;
      if (expires !== undefined && expires <= this.#now()) this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path, ...(expires === undefined ? {} : { expires }) });
    }
  }

  /** The Cookie header for a request to `url` (longest paths first, RFC 6265 §5.4), or undefined. */
  header(url: URL): string | undefined {
    const matching = this.#live()
      .filter((cookie) => pathMatches(url.pathname, cookie.path))
      .sort((a, b) => b.path.length - a.path.length);
    return matching.length === 0 ? undefined : matching.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
  }

  /** Names of the cookies currently held (for assertions). */
  names(): string[] {
    return [...new Set([...this.#live()].map((cookie) => cookie.name))];
  }

  /**
   * Name → value of the cookies currently held (the longest path's when a name is held twice), for a
   * test that hands its session to another client. A secret: never logged or attached.
   */
  values(): Map<string, string> {
    const values = new Map<string, string>();
    for (const cookie of [...this.#live()].sort((a, b) => b.path.length - a.path.length))
      if (!values.has(cookie.name)) values.set(cookie.name, cookie.value);
    return values;
  }

  #live(): StoredCookie[] {
    const now = this.#now();
    return [...this.#cookies.values()].filter((cookie) => cookie.expires === undefined || cookie.expires > now);
  }
}
