// Per-tenant vendor identifiers, derived deterministically from the harness tenant key, so a
// tenant's URLs are stable across restarts and two tenants never share a path.
import { derivedChars, derivedDigits, derivedGuid } from './derived.ts';
import { VENDOR_PERSONAS } from './personas/index.ts';
import type { TenantIds, Vendor } from './types.ts';

const ALNUM = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER_ALNUM = '0123456789abcdefghijklmnopqrstuvwxyz';

export { derivedBytes, derivedChars, derivedDigits, derivedGuid } from './derived.ts';

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
  return ids[VENDOR_PERSONAS[vendor].facts.pathId];
}

/** Fill `{tid}`, `{org}`, `{idpid}`, `{exk}`, `{slug}`, `{tenant}`, `{clientId}` and `{base}`. */
export function fillTemplate(template: string, ids: TenantIds, base = ''): string {
  return template.replace(/\{(tid|org|idpid|exk|slug|tenant|clientId|base)\}/g, (_match, name: string) => {
    if (name === 'base') return base;
    return ids[name as Exclude<keyof TenantIds, 'key'>];
  });
}
