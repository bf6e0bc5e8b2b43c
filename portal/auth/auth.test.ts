import { describe, expect, it } from 'vitest';
import { parseCookies } from './cookies.ts';
import { csrfToken, isValidCsrfToken } from './csrf.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.ts';

describe('scrypt passwords', () => {
  it('stores scrypt parameters, salt and hash, and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(stored).not.toContain('correct horse');
    await expect(verifyPassword('correct horse battery staple', stored)).resolves.toBe(true);
    await expect(verifyPassword('Correct horse battery staple', stored)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it.each(['', 'bcrypt$x', 'scrypt$1$2$3', 'scrypt$32768$8$1$c2FsdA==$'])('refuses a malformed stored hash %j', async (stored) => {
    await expect(verifyPassword('anything', stored)).resolves.toBe(false);
  });

  it('the dummy check never succeeds', async () => {
    await expect(verifyAgainstDummy('dummy password that matches nothing')).resolves.toBe(false);
  });
});

describe('CSRF tokens', () => {
  const key = Buffer.alloc(32, 7);

  it('accept the token of the same binding only', () => {
    const token = csrfToken(key, 'seat:abc');
    expect(isValidCsrfToken(key, 'seat:abc', token)).toBe(true);
    expect(isValidCsrfToken(key, 'seat:abd', token)).toBe(false);
    expect(isValidCsrfToken(Buffer.alloc(32, 8), 'seat:abc', token)).toBe(false);
  });

  it.each([undefined, '', 'x', 42])('refuse %j', (token) => {
    expect(isValidCsrfToken(key, 'seat:abc', token)).toBe(false);
  });
});

describe('cookie parsing', () => {
  it('reads name=value pairs, keeps the first of duplicates and skips bad encodings', () => {
    const cookies = parseCookies('a=1; b="two"; a=3; c=%E0%A4%A; d=x%20y');
    expect([...cookies]).toEqual([
      ['a', '1'],
      ['b', 'two'],
      ['d', 'x y'],
    ]);
  });
});
