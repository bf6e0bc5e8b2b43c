// Playwright traces record what a test typed (the password in `fill`), every request with its
// body and cookies, and DOM snapshots (the hidden SAMLResponse field of the IdP's auto-post form).
// The trace on failure is evidence the reports keep, so before any reporter copies it, every
// secret of the run is removed from it, entry by entry. The trace viewer still opens it.
import { existsSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import type { RunSecret } from './ledger.ts';
import { REDACTED, SecretMatcher } from './matcher.ts';

/** Entries that cannot carry a secret as text (images, video, fonts). */
export const BINARY = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.webm', '.woff', '.woff2']);

// Signed SAML responses and ID tokens that no fixture saw (e.g. a second browser the fixtures did
// not track) are removed by shape: the form field and the JWS signature.
const SHAPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/(SAMLResponse=)[^&\s"'\\<]+/g, `$1${REDACTED}`],
  [/("name":"SAMLResponse","value":")[^"]*/g, `$1${REDACTED}`],
  [/(name="SAMLResponse"[^>]*?value=")[^"]*/g, `$1${REDACTED}`],
  [/(\beyJ[\w-]{10,}\.eyJ[\w-]{10,}\.)[\w-]{20,}/g, `$1${REDACTED}`],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, '[private key removed]'],
];

const isTrace = (entries: Record<string, Uint8Array>): boolean =>
  Object.keys(entries).some((name) => /(^|[-/])(test|trace)\.trace$/.test(name) || /^\d+-trace\.trace$/.test(name));

/** Redact one entry's bytes; returns undefined when nothing changed. */
export function redactBytes(bytes: Uint8Array, matcher: SecretMatcher): Uint8Array | undefined {
  const { bytes: redacted, removed } = matcher.redact(bytes);
  const original = Buffer.from(redacted.buffer, redacted.byteOffset, redacted.byteLength).toString('latin1');
  let text = original;
  for (const [pattern, replacement] of SHAPES) text = text.replace(pattern, replacement);
  if (text !== original) return Buffer.from(text, 'latin1');
  return removed > 0 ? redacted : undefined;
}

/** A Playwright trace zip's bytes without the secrets; undefined when it is not a trace or had none. */
export function redactTraceBytes(zip: Uint8Array, matcher: SecretMatcher): Uint8Array | undefined {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch {
    return undefined;
  }
  if (!isTrace(entries)) return undefined;
  let changed = false;
  for (const [name, content] of Object.entries(entries)) {
    if (BINARY.has(extname(name).toLowerCase())) continue;
    const redacted = redactBytes(content, matcher);
    if (redacted) {
      entries[name] = redacted;
      changed = true;
    }
  }
  return changed ? zipSync(entries, { level: 1 }) : undefined;
}

/** Rewrite a Playwright trace zip without the secrets; false when it is not a trace or had none. */
export function redactTraceFile(path: string, secrets: readonly RunSecret[], matcher = new SecretMatcher(secrets)): boolean {
  let redacted: Uint8Array | undefined;
  try {
    redacted = redactTraceBytes(readFileSync(path), matcher);
  } catch {
    return false;
  }
  if (!redacted) return false;
  // Write beside and rename, so a reader never sees half a zip.
  const temporary = `${path}.redacting`;
  writeFileSync(temporary, redacted);
  renameSync(temporary, path);
  return true;
}

function* zipFiles(path: string): Generator<string> {
  if (!existsSync(path)) return;
  const stat = statSync(path);
  if (stat.isFile()) {
    if (path.endsWith('.zip')) yield path;
    return;
  }
  if (stat.isDirectory()) for (const name of readdirSync(path)) yield* zipFiles(join(path, name));
}

/** Redact every trace zip under these paths (reporters copy traces: HTML report, Allure results). */
export function redactTracesUnder(paths: readonly string[], secrets: readonly RunSecret[]): number {
  const matcher = new SecretMatcher(secrets);
  let count = 0;
  for (const root of paths) for (const file of zipFiles(root)) if (redactTraceFile(file, secrets, matcher)) count += 1;
  return count;
}
