import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './returnTo.ts';

const none = new Set<string>();

describe('safeReturnTo', () => {
  it.each([
    ['/home', '/home'],
    ['/oauth/authorize/resume?request=abc', '/oauth/authorize/resume?request=abc'],
    ['/a/../account#sso', '/account#sso'],
  ])('keeps the portal path %s', (input, expected) => {
    expect(safeReturnTo(input, none)).toBe(expected);
  });

  it.each([
    'https://evil.example/phish',
    '//evil.example/phish',
    '/\\evil.example',
    '/\tevil',
    'javascript:alert(1)',
    'home',
    '',
  ])('refuses %j (never off-site)', (input) => {
    expect(safeReturnTo(input, none)).toBeUndefined();
  });

  it('follows an absolute URL only with the relaystate-allow-offsite defect switch', () => {
    expect(safeReturnTo('https://evil.example/phish', new Set(['relaystate-allow-offsite']))).toBe('https://evil.example/phish');
  });
});
