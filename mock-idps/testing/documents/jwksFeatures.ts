// The JWKS rows of vendors.md ("JWKS"), one feature per row and vendor (Entra's "vendor-specific"
// row is the only non-empty one of its row). Checks read the JSON as served.
import { createHash } from 'node:crypto';
import type { Vendor } from '../../types.ts';
import { all, matches, MOCK_HOST, same, type CheckResult, type DocumentFeature, type JsonObject } from './featureLedger.ts';
import { vendorCertificate } from './metadataChecks.ts';

type Key = Readonly<Record<string, unknown>>;
type KeyCheck = (key: Key) => CheckResult;

const keysOf = (doc: JsonObject): Key[] => (Array.isArray(doc.keys) ? (doc.keys as Key[]) : []);
/** The check holds for every published key (and there is one). */
const eachKey =
  (check: KeyCheck) =>
  (doc: JsonObject): CheckResult => {
    const keys = keysOf(doc);
    return keys.length === 0 ? 'no keys' : all(...keys.map(check));
  };

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const modulusBits = (key: Key): number => (typeof key.n === 'string' ? Buffer.from(key.n, 'base64url').length * 8 : 0);
const sha1Hex = /^[0-9A-F]{40}$/;

const topLevel = (doc: JsonObject): CheckResult => same('top-level members', Object.keys(doc), ['keys']);
const members = (...orders: string[][]) =>
  eachKey((key) =>
    orders.some((order) => same('', Object.keys(key), order) === true)
      ? true
      : `members ${Object.keys(key).join(', ')}, vendor ${orders.map((order) => order.join(', ')).join(' or ')}`,
  );
const rsaSignature = eachKey((key) =>
  all(same('kty / use / e', [key.kty, key.use, key.e], ['RSA', 'sig', 'AQAB']), same('modulus bits', modulusBits(key), 2048)),
);
const alg = (expected: string | undefined) => eachKey((key) => same('alg', key.alg, expected));
const noCertificate = eachKey((key) => same('x5c / x5t present', ['x5c' in key, 'x5t' in key], [false, false]));
const keyCount =
  (min: number, max: number) =>
  (doc: JsonObject): CheckResult => {
    const count = keysOf(doc).length;
    return count >= min && count <= max ? true : `${count} keys, vendor ${min === max ? min : `${min}–${max}`}`;
  };

const feature = (vendor: Vendor, name: string, check: (doc: JsonObject) => CheckResult): DocumentFeature<'jwks'> => ({
  document: 'jwks',
  vendor,
  feature: name,
  check,
});
const notModelled = (vendor: Vendor, name: string, why: string, check?: (doc: JsonObject) => CheckResult): DocumentFeature<'jwks'> => ({
  document: 'jwks',
  vendor,
  feature: name,
  notModelled: why,
  ...(check ? { check } : {}),
});

export const JWKS_FEATURES: readonly DocumentFeature<'jwks'>[] = [
  feature('entra', 'top level', topLevel),
  feature('entra', 'key members, in order', members(['kty', 'use', 'kid', 'x5t', 'n', 'e', 'x5c', 'issuer'])),
  feature('entra', 'kty / use / e / n', rsaSignature),
  feature('entra', 'alg (absent)', alg(undefined)),
  feature(
    'entra',
    'kid (27-char base64url, equal to x5t)',
    eachKey((key) =>
      all(matches('kid', key.kid, BASE64URL), same('kid length', String(key.kid).length, 27), same('kid = x5t', key.kid, key.x5t)),
    ),
  ),
  feature(
    'entra',
    'x5c / x5t (both; x5c one self-signed certificate, CN=accounts.accesscontrol.windows.net, 5 years; x5t its SHA-1)',
    eachKey((key) => {
      if (!Array.isArray(key.x5c) || key.x5c.length !== 1 || typeof key.x5c[0] !== 'string') return 'x5c is not one certificate';
      const der = Buffer.from(key.x5c[0], 'base64');
      return all(
        vendorCertificate(der, 'CN=accounts.accesscontrol.windows.net', { years: 5 }),
        same('x5t', key.x5t, createHash('sha1').update(der).digest('base64url')),
      );
    }),
  ),
  notModelled(
    'entra',
    'number of keys (7 on common)',
    "the persona models a tenant's document and publishes its current signing key (and the previous one during a rollover), not common's 7 work/school and consumer keys",
    keyCount(7, 7),
  ),
  feature(
    'entra',
    'vendor-specific (per-key issuer: the literal …/{tenantid}/v2.0; no consumer keys outside common)',
    eachKey((key) => matches('issuer', key.issuer, new RegExp(`^${MOCK_HOST.entra}/\\{tenantid\\}/v2\\.0$`))),
  ),

  feature('okta', 'top level', topLevel),
  feature('okta', 'key members, in order', members(['kty', 'alg', 'kid', 'use', 'e', 'n'])),
  feature('okta', 'kty / use / e / n', rsaSignature),
  feature('okta', 'alg', alg('RS256')),
  feature(
    'okta',
    'kid (43-char base64url)',
    eachKey((key) => all(matches('kid', key.kid, BASE64URL), same('kid length', String(key.kid).length, 43))),
  ),
  feature('okta', 'x5c / x5t (neither)', noCertificate),
  feature('okta', 'number of keys (custom AS capture: 1; docs: 2–3 on the org AS)', keyCount(1, 3)),

  feature('google', 'top level', topLevel),
  feature(
    'google',
    'key members, in order (either published order)',
    members(['alg', 'use', 'kty', 'e', 'n', 'kid'], ['n', 'kid', 'e', 'alg', 'kty', 'use']),
  ),
  feature('google', 'kty / use / e / n', rsaSignature),
  feature('google', 'alg', alg('RS256')),
  feature(
    'google',
    'kid (40 lowercase hex)',
    eachKey((key) => matches('kid', key.kid, /^[0-9a-f]{40}$/)),
  ),
  feature('google', 'x5c / x5t (neither)', noCertificate),
  feature('google', 'number of keys (2)', keyCount(2, 2)),

  feature('auth0', 'top level', topLevel),
  feature('auth0', 'key members, in order (docs example)', members(['alg', 'kty', 'use', 'x5c', 'n', 'e', 'kid', 'x5t'])),
  feature('auth0', 'kty / use / e / n', rsaSignature),
  feature('auth0', 'alg', alg('RS256')),
  feature(
    'auth0',
    'kid (legacy tenant: base64 of the uppercase hex SHA-1 thumbprint, equal to x5t)',
    eachKey((key) =>
      all(
        same('kid = x5t', key.kid, key.x5t),
        sha1Hex.test(Buffer.from(String(key.kid), 'base64url').toString('ascii'))
          ? true
          : `kid ${String(key.kid)} does not decode to uppercase hex SHA-1`,
      ),
    ),
  ),
  feature(
    'auth0',
    'x5c / x5t (both)',
    eachKey((key) =>
      same(
        'x5c is one DER certificate, x5t present',
        [
          Array.isArray(key.x5c) &&
            key.x5c.length === 1 &&
            Buffer.from(String(key.x5c[0]), 'base64').subarray(0, 2).toString('hex') === '3082',
          typeof key.x5t === 'string',
        ],
        [true, true],
      ),
    ),
  ),
  feature('auth0', 'number of keys (one signing key at a time, more during rotation)', keyCount(1, 3)),
];
