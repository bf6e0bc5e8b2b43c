import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './returnTo.ts';

const none = new Set<string>();

describe('safeReturnTo', () => {
  it.each([
    ['/home', '/home'],
    ['/oauth/authorize/resume?request=abc', '/oauth/authorize/resume?request=abc'],
    ['/a/../account#sso', '/account#sso'],
    // Percent-encoded slashes stay a path of this portal.
    ['/%2f%2fevil.example', '/%2f%2fevil.example'],
  ])('keeps the portal path %s', (input, expected) => {
    expect(safeReturnTo(input, none)).toBe(expected);
  });

  it.each([
    'https://evil.example/phish',
    '//evil.example/phish',
    '/\\evil.example',
    '/\tevil',
    'javascript:alert(1)',
    // Dot segments that normalise into a protocol-relative path (an open redirect after a valid login).
    '/..//evil.example',
    '/.//evil.example',
    '/%2e%2e//evil.example',
    '/a/..//evil.example/phish',
    'home',
    '',
  ])('refuses %j (never off-site)', (input) => {
    expect(safeReturnTo(input, none)).toBeUndefined();
  });

  it('follows an absolute URL only with the relaystate-allow-offsite defect switch', () => {
    expect(safeReturnTo('https://evil.example/phish', new Set(['relaystate-allow-offsite']))).toBe('https://evil.example/phish');
  });

  it('the return-path-normalised-after-check switch checks the raw value and returns the normalised one (the open redirect it models)', () => {
    const defect = new Set(['return-path-normalised-after-check']);
    expect(safeReturnTo('/..//evil.example', defect)).toBe('//evil.example');
    expect(safeReturnTo('//evil.example', defect)).toBeUndefined();
    expect(safeReturnTo('/home?tab=1', defect)).toBe('/home?tab=1');
  });
});
