// SAML ID values in each vendor's own format (xs:ID: must not start with a digit).
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { SamlPersona } from '../types.ts';

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function samlId(style: SamlPersona['wire']['idStyle']): string {
  switch (style) {
    // Entra: `_` + UUID
    case 'underscore-uuid':
      return `_${randomUUID()}`;
    // Okta: `id` + 25–27 digits
    case 'okta-digits':
      return `id${Array.from({ length: 25 + randomInt(3) }, () => randomInt(10)).join('')}`;
    // Google: `_` + 32 hex
    case 'underscore-hex32':
      return `_${randomBytes(16).toString('hex')}`;
    // Auth0: `_` + random alphanumerics
    case 'underscore-alnum':
      return `_${Array.from(randomBytes(20), (b) => ALNUM[b % ALNUM.length]).join('')}`;
  }
}

/** SAML dateTime in UTC; vendors differ only in the milliseconds, which SPs ignore. */
export function samlInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
