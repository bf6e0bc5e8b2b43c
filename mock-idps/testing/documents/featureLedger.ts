// The feature ledger's types and the few readers its checks share. A feature is one cell of the
// vendor tables in ../shared/reference/vendors.md ("Documents: IdP metadata, OIDC discovery, JWKS"):
// a row × a vendor column, or a per-vendor fact listed in prose right under a table. Its check reads
// the document as the mock serves it (text or JSON, never the code that wrote it) and says whether
// the vendor fact holds; a fact the mock cannot or does not reproduce is `notModelled`, with why.
import type { Vendor } from '../../types.ts';

export type DocumentKind = 'metadata' | 'discovery' | 'jwks';

/** A JSON object as parsed from the wire. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** What each kind of document is, as the checks read it. */
export interface DocumentOf {
  /** The metadata XML, byte for byte as served. */
  readonly metadata: string;
  readonly discovery: JsonObject;
  readonly jwks: JsonObject;
}

/** Where the document was fetched from: the "where" and "discovery" rows are about this URL. */
export interface Served {
  readonly url: string;
}

/** true when the vendor fact holds; otherwise what differs. */
export type CheckResult = true | string;

export interface DocumentFeature<K extends DocumentKind = DocumentKind> {
  readonly document: K;
  /** The row's name as in vendors.md (with a note where only the path shape is compared). */
  readonly feature: string;
  readonly vendor: Vendor;
  readonly check?: (doc: DocumentOf[K], served: Served) => CheckResult;
  /** Why the mock does not reproduce this fact (one line); "mock differs: …" when it could but does not. */
  readonly notModelled?: string;
}

export type AnyDocumentFeature = DocumentFeature<'metadata'> | DocumentFeature<'discovery'> | DocumentFeature<'jwks'>;

/** Values compared as JSON (arrays in order); the difference spelled out. */
export function same(label: string, actual: unknown, expected: unknown): CheckResult {
  return JSON.stringify(actual) === JSON.stringify(expected)
    ? true
    : `${label}: ${JSON.stringify(actual)}, vendor ${JSON.stringify(expected)}`;
}

/** Every check of a feature must hold: the first that does not is the answer. */
export function all(...results: CheckResult[]): CheckResult {
  return results.find((result) => result !== true) ?? true;
}

export function matches(label: string, actual: unknown, pattern: RegExp): CheckResult {
  return typeof actual === 'string' && pattern.test(actual) ? true : `${label}: ${JSON.stringify(actual)} is not shaped ${String(pattern)}`;
}

/**
 * Where a vendor's public host sits in the mock: the mock has one host (127.0.0.1:port) and gives
 * each vendor a path prefix standing for the vendor's host. The tenant part of the host
 * (`{org}.okta.com`, `{tenant}`) becomes a path segment; Entra's `{tid}` is already in its paths.
 * Google's several hosts (accounts.google.com, oauth2.googleapis.com, …) all map to its prefix, so
 * for Google (and Entra's graph.microsoft.com userinfo) only the path after the host is compared.
 */
export const MOCK_HOST: Readonly<Record<Vendor, string>> = {
  entra: String.raw`https?://[^/]+/entra`,
  okta: String.raw`https?://[^/]+/okta/[a-z0-9-]+`,
  google: String.raw`https?://[^/]+/google/C0[A-Za-z0-9]+`,
  auth0: String.raw`https?://[^/]+/auth0/[a-z0-9-]+`,
};

export const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** A URL shaped `{vendor host}{path}`, the path a regular-expression source. */
export const atVendorHost = (vendor: Vendor, path: string): RegExp => new RegExp(`^${MOCK_HOST[vendor]}${path}$`);
