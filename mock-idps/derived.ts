// Deterministic identifiers from a key: the persona files shape their vendor ids with these, and
// tenantIds.ts its tenant ids. Apart from tenantIds.ts so persona data can use them without a cycle.
import { createHash } from 'node:crypto';

/** A stream of deterministic bytes for `key` and `label`. */
export function derivedBytes(key: string, label: string, length: number): Buffer {
  const chunks: Buffer[] = [];
  for (let i = 0; chunks.length * 32 < length; i++) {
    chunks.push(createHash('sha256').update(`sso-harness|${label}|${i}|${key}`).digest());
  }
  return Buffer.concat(chunks).subarray(0, length);
}

export function derivedChars(key: string, label: string, length: number, alphabet: string): string {
  return [...derivedBytes(key, label, length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

export function derivedDigits(key: string, label: string, length: number): string {
  // The first digit is never 0, so the value reads as a number (Google `sub`, Okta org suffix).
  const digits = derivedChars(key, label, length, '0123456789');
  return (digits.startsWith('0') ? '1' : '') + digits.slice(digits.startsWith('0') ? 1 : 0);
}

/** RFC 4122 version-4-shaped GUID (Entra tenant ids and object ids look like this). */
export function derivedGuid(key: string, label: string): string {
  const b = derivedBytes(key, label, 16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
