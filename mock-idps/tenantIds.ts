// Per-tenant vendor identifiers, derived deterministically from the harness tenant key, so a
// tenant's URLs are stable across restarts and two tenants never share a path.
import { createHash } from 'node:crypto';
import type { TenantIds, Vendor } from './types.ts';

const ALNUM = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER_ALNUM = '0123456789abcdefghijklmnopqrstuvwxyz';

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

export const TENANT_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function deriveTenantIds(key: string): TenantIds {
  return {
    key,
    tid: derivedGuid(key, 'tid'),
    // Okta developer orgs are `dev-<8 digits>`.
    org: `dev-${derivedDigits(key, 'org', 8)}`,
    // Google idpid: `C0` + 7 lower-case alphanumerics.
    idpid: `C0${derivedChars(key, 'idpid', 7, LOWER_ALNUM)}`,
    // Okta app ids are 20 characters starting with `exk`.
    exk: `exk${derivedChars(key, 'exk', 17, ALNUM)}`,
    slug: 'oomaenterprise_sso_1',
    tenant: `oe-${derivedChars(key, 'auth0', 8, LOWER_ALNUM)}`,
    // Auth0 client ids are 32 alphanumerics.
    clientId: derivedChars(key, 'client', 32, ALNUM),
  };
}

/** The id that appears as the first path segment after `/{vendor}/` for this tenant. */
export function vendorPathId(vendor: Vendor, ids: TenantIds): string {
  switch (vendor) {
    case 'entra': return ids.tid;
    case 'okta': return ids.org;
    case 'google': return ids.idpid;
    case 'auth0': return ids.tenant;
  }
}

/** Fill `{tid}`, `{org}`, `{idpid}`, `{exk}`, `{slug}`, `{tenant}`, `{clientId}` and `{base}`. */
export function fillTemplate(template: string, ids: TenantIds, base = ''): string {
  return template.replace(/\{(tid|org|idpid|exk|slug|tenant|clientId|base)\}/g, (_match, name: string) => {
    if (name === 'base') return base;
    return ids[name as Exclude<keyof TenantIds, 'key'>];
  });
}
