import { describe, expect, it } from 'vitest';
import { CookieJar, pathMatches } from './cookieJar.ts';

const NOW = Date.parse('2024-06-01T00:00:00Z');
const jar = (): CookieJar => new CookieJar(() => NOW);
const at = (url: string): URL => new URL(url);

describe('CookieJar', () => {
  it('sends a host cookie to every port of the host, as browsers do (portal and IdPs share 127.0.0.1)', () => {
    const cookies = jar();
    cookies.store(['oe_pending=abc; Path=/; HttpOnly; SameSite=Lax'], at('http://127.0.0.1:4000/sso/1/start'));
    expect(cookies.header(at('http://127.0.0.1:5000/anything'))).toBe('oe_pending=abc');
  });

  it('scopes cookies by path, default path the request directory, longest path first', () => {
    const cookies = jar();
    cookies.store(['idp=1; Path=/okta/org1'], at('http://127.0.0.1:5000/okta/org1/sso'));
    cookies.store(['dir=2'], at('http://127.0.0.1:5000/a/b/page'));
    cookies.store(['root=3; Path=/'], at('http://127.0.0.1:5000/'));
    expect(cookies.header(at('http://127.0.0.1:5000/okta/org1/login'))).toBe('idp=1; root=3');
    expect(cookies.header(at('http://127.0.0.1:5000/okta/org10'))).toBe('root=3');
    expect(cookies.header(at('http://127.0.0.1:5000/a/b/other'))).toBe('dir=2; root=3');
  });

  it('replaces by name and path, and deletes on Max-Age=0 or a past Expires (Max-Age wins)', () => {
    const cookies = jar();
    const url = at('http://127.0.0.1:4000/');
    cookies.store(['a=1; Path=/', 'b=2; Path=/', 'c=3; Path=/'], url);
    cookies.store(
      [
        'a=one; Path=/',
        'b=; Path=/; Max-Age=0',
        'c=3; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
        'd=4; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
      ],
      url,
    );
    expect(cookies.header(url)).toBe('a=one; d=4');
    expect(cookies.names()).toEqual(['a', 'd']);
  });

  it('forgets expired cookies as time passes and ignores malformed lines', () => {
    let now = NOW;
    const cookies = new CookieJar(() => now);
    const url = at('http://127.0.0.1:4000/');
    cookies.store(['short=1; Max-Age=10', '=novalue', 'noequals'], url);
    expect(cookies.header(url)).toBe('short=1');
    now += 11_000;
    expect(cookies.header(url)).toBeUndefined();
  });

  it.each([
    ['/a/b', '/a/b', true],
    ['/a/b/c', '/a/b', true],
    ['/a/bc', '/a/b', false],
    ['/a/b/c', '/a/b/', true],
    ['/a', '/a/b', false],
  ])('path %s matches cookie path %s: %s', (request, cookie, matches) => {
    expect(pathMatches(request, cookie)).toBe(matches);
  });
});
