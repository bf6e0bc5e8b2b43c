// CSRF protection for every form: the token is an HMAC of the cookie the form's action relies on
// (the session cookie once logged in, the browser cookie before), so it cannot be forged by a
// third-party site and it changes when the session does. Nothing is stored server-side. The form
// field carrying it is named by the skin (`fields.csrf`).
import { createHmac, timingSafeEqual } from 'node:crypto';

export function csrfToken(key: Buffer, binding: string): string {
  return createHmac('sha256', key).update(`csrf:${binding}`).digest('base64url');
}

export function isValidCsrfToken(key: Buffer, binding: string, token: unknown): boolean {
  if (typeof token !== 'string' || token === '') return false;
  const expected = Buffer.from(csrfToken(key, binding));
  const actual = Buffer.from(token);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
