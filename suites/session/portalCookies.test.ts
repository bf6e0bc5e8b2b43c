import { describe, expect, it } from 'vitest';
import { changedCookies, parseSetCookie, sessionCookieProblems } from './portalCookies.ts';

describe('Set-Cookie as the portal sent it', () => {
  it('reads the name and the attributes, flags included', () => {
    const header = parseSetCookie('sid=abc; Path=/; HttpOnly; SameSite=Lax');
    expect(header?.name).toBe('sid');
    expect([...(header?.attributes ?? [])]).toEqual([
      ['path', '/'],
      ['httponly', ''],
      ['samesite', 'Lax'],
    ]);
    expect(header?.removes).toBe(false);
  });

  it.each(['sid=; Path=/', 'sid=x; Max-Age=0', 'sid=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT'])('%s removes the cookie', (line) => {
    expect(parseSetCookie(line)?.removes).toBe(true);
  });

  it('ignores a header without a name', () => {
    expect(parseSetCookie('=x; Path=/')).toBeUndefined();
  });
});

describe('what a session cookie needs', () => {
  const problems = (line: string, https = false): string[] => {
    const header = parseSetCookie(line);
    if (!header) throw new Error('unparsed');
    return sessionCookieProblems(header, https);
  };

  it('HttpOnly and SameSite=Lax or Strict, in any letter case', () => {
    expect(problems('sid=x; httponly; samesite=strict')).toEqual([]);
    expect(problems('sid=x; HttpOnly; SameSite=Lax')).toEqual([]);
  });

  it('names each missing or wrong attribute', () => {
    expect(problems('sid=x')).toEqual(['no HttpOnly (scripts on any page can read it)', 'no SameSite attribute']);
    expect(problems('sid=x; HttpOnly; SameSite=None; Secure')).toEqual(['SameSite=None']);
    expect(problems('sid=x; HttpOnly; SameSite=Lax', true)).toEqual(['no Secure over HTTPS']);
  });
});

describe('cookies a login set', () => {
  const cookie = (name: string, value: string) => ({
    name,
    value,
    domain: '127.0.0.1',
    path: '/',
    expires: -1,
    httpOnly: true,
    secure: false,
    sameSite: 'Lax' as const,
  });

  it('are the new ones and the ones whose value changed', () => {
    const before = [cookie('browser', 'b1'), cookie('sid', 'old')];
    const after = [cookie('browser', 'b1'), cookie('sid', 'new'), cookie('csrf', 'c')];
    expect(changedCookies(before, after).map((c) => c.name)).toEqual(['sid', 'csrf']);
  });
});
