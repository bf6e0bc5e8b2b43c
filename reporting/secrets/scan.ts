// The secrets scan: every file the run generated (reports/, Playwright's output directory), zip
// archives (traces, the HTML report's attachments) opened entry by entry, searched for the run's
// secrets and for secret shapes no ledger can list (PEM private keys, signed JWTs, XML signature
// values). A finding names the file and the kind of secret, never the value.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import type { RunSecret } from './ledger.ts';
import { SecretMatcher } from './matcher.ts';

export type LeakKind = RunSecret['kind'] | 'private-key-pem' | 'signed-jwt' | 'xml-signature-value';

export interface Leak {
  /** Relative to the working directory. */
  readonly file: string;
  /** The archive entry, for zip files. */
  readonly entry?: string;
  readonly kind: LeakKind;
}

export interface ScanResult {
  readonly filesScanned: number;
  readonly leaks: readonly Leak[];
}

// Compressed images and video cannot carry a secret as text; a password field renders as dots.
const SKIP_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.webm', '.woff', '.woff2', '.ico']);

const SHAPES: ReadonlyArray<readonly [RegExp, LeakKind]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'private-key-pem'],
  // A compact JWS whose third part is present: a usable token (redacted ones end in ".[removed]").
  [/\beyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{20,}/, 'signed-jwt'],
  [/<(?:[\w.-]+:)?SignatureValue\b[^>]*>\s*[A-Za-z0-9+/]{40,}/, 'xml-signature-value'],
];

/** A zip archive's local-file signature (PK\x03\x04). */
export const isZip = (bytes: Uint8Array): boolean =>
  bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

function* walk(path: string, exclude: ReadonlySet<string>): Generator<string> {
  if (exclude.has(resolve(path)) || !existsSync(path)) return;
  const stat = statSync(path);
  if (stat.isFile()) {
    yield path;
    return;
  }
  if (!stat.isDirectory()) return;
  for (const name of readdirSync(path).sort()) {
    // Playwright's scratch space while a worker records a trace; deleted when the worker ends.
    if (name.startsWith('.playwright-artifacts-')) continue;
    yield* walk(join(path, name), exclude);
  }
}

function scanBytes(
  bytes: Uint8Array,
  matcher: SecretMatcher,
  report: (kind: LeakKind, entry?: string) => void,
  entry?: string,
  depth = 0,
): void {
  if (isZip(bytes) && depth < 2) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(bytes);
    } catch {
      entries = {};
    }
    for (const [name, content] of Object.entries(entries)) {
      if (SKIP_EXTENSIONS.has(extname(name).toLowerCase())) continue;
      scanBytes(content, matcher, report, entry ? `${entry} › ${name}` : name, depth + 1);
    }
    return;
  }
  for (const kind of matcher.kindsIn(bytes)) report(kind, entry);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  for (const [pattern, kind] of SHAPES) if (pattern.test(text)) report(kind, entry);
  // The Playwright HTML report carries its data as a base64 zip inside index.html.
  if (depth < 2) {
    for (const embedded of text.matchAll(/data:application\/zip;base64,([A-Za-z0-9+/=]+)/g)) {
      scanBytes(Buffer.from(embedded[1]!, 'base64'), matcher, report, `${entry ? `${entry} › ` : ''}embedded zip`, depth + 1);
    }
  }
}

/** Scan files and directories (recursively); `exclude` paths (e.g. the ledger) are skipped. */
export function scanForSecrets(
  paths: readonly string[],
  secrets: readonly RunSecret[],
  options: { readonly exclude?: readonly string[] } = {},
): ScanResult {
  const matcher = new SecretMatcher(secrets);
  const exclude = new Set((options.exclude ?? []).map((path) => resolve(path)));
  const leaks: Leak[] = [];
  const seen = new Set<string>();
  let filesScanned = 0;
  for (const root of paths) {
    for (const file of walk(root, exclude)) {
      if (SKIP_EXTENSIONS.has(extname(file).toLowerCase()) || seen.has(resolve(file))) continue;
      seen.add(resolve(file));
      filesScanned += 1;
      const name = relative(process.cwd(), file) || file;
      scanBytes(readFileSync(file), matcher, (kind, entry) => {
        if (!leaks.some((leak) => leak.file === name && leak.entry === entry && leak.kind === kind))
          leaks.push({ file: name, ...(entry ? { entry } : {}), kind });
      });
    }
  }
  return { filesScanned, leaks };
}

/** One line per leak, for the console and the report: where, and what kind — never the value. */
export function describeLeak(leak: Leak): string {
  return `${leak.file}${leak.entry ? ` (inside: ${leak.entry})` : ''}: ${leak.kind}`;
}
