// The run's secrets ledger: every secret a fixture creates or sees (passwords, client secrets,
// session cookies, tokens, signed SAML responses) is appended here, so that the reporters can
// remove them from traces and scan every report file for them. It lives in Playwright's output
// directory, which Playwright empties at the start of each run: one ledger per run. Only the
// trace redactor and the secrets scan read it; it is never attached or copied into reports/.
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const LEDGER_DIR_NAME = '.run-secrets';

export type SecretKind = 'password' | 'client-secret' | 'session-cookie' | 'token' | 'saml-response' | 'private-key' | 'other';

export interface RunSecret {
  readonly kind: SecretKind;
  readonly value: string;
}

/** Shorter values would match ordinary words and numbers in reports. */
export const MIN_SECRET_LENGTH = 8;

export function ledgerDir(outputDir: string): string {
  return process.env.SSO_HARNESS_SECRETS_LEDGER ?? join(outputDir, LEDGER_DIR_NAME);
}

const written = new Set<string>();

/** Append a secret (once per process); values shorter than MIN_SECRET_LENGTH are ignored. */
export function recordSecret(dir: string, kind: SecretKind, value: string | undefined | null): void {
  if (typeof value !== 'string') return;
  const trimmed = value.trim();
  const key = `${dir}\n${trimmed}`;
  if (trimmed.length < MIN_SECRET_LENGTH || written.has(key)) return;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify({ kind, value: trimmed })}\n`, { mode: 0o600 });
  written.add(key);
}

/** How far this process has read each ledger file, and what it found: the ledger only grows during a run. */
interface LedgerCursor {
  /** Per file: how far it was read, and its first bytes (a file that no longer starts with them is another run's). */
  readonly offsets: Map<string, { readonly head: Buffer; readonly offset: number }>;
  readonly byValue: Map<string, RunSecret>;
}
const cursors = new Map<string, LedgerCursor>();

const HEAD_BYTES = 256;

function bytesOf(path: string, from: number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  const fd = openSync(path, 'r');
  try {
    return bytes.subarray(0, readSync(fd, bytes, 0, length, from));
  } finally {
    closeSync(fd);
  }
}

/** The complete lines of `path` from byte `from` on, and the offset after the last of them. */
function linesFrom(path: string, from: number, size: number): { readonly lines: string[]; readonly next: number } {
  const bytes = bytesOf(path, from, size - from);
  // A line another worker is still appending waits for the next read; a crashed worker's cut-short last line is never read.
  const end = bytes.lastIndexOf(0x0a);
  if (end < 0) return { lines: [], next: from };
  return { lines: bytes.subarray(0, end).toString('utf8').split('\n'), next: from + end + 1 };
}

/**
 * Every secret recorded in this run, by any worker. Read incrementally: each call reads only what
 * was appended since the last (every test's evidence asks when the test ends; reading the whole
 * ledger each time grew with the square of the run's length).
 */
export function readSecrets(dir: string): RunSecret[] {
  if (!existsSync(dir)) {
    cursors.delete(dir);
    return [];
  }
  let cursor = cursors.get(dir);
  if (!cursor) {
    cursor = { offsets: new Map(), byValue: new Map() };
    cursors.set(dir, cursor);
  }
  const names = readdirSync(dir).filter((file) => file.endsWith('.jsonl'));
  if ([...cursor.offsets.keys()].some((name) => !names.includes(name))) {
    // A file read before is gone: another run's ledger.
    cursors.delete(dir);
    return readSecrets(dir);
  }
  for (const name of names) {
    const path = join(dir, name);
    const { size } = statSync(path);
    const read = cursor.offsets.get(name);
    if (read && (size < read.offset || !bytesOf(path, 0, read.head.length).equals(read.head))) {
      // Not the file read before (a new run's ledger in the same folder): read the ledger anew.
      cursors.delete(dir);
      return readSecrets(dir);
    }
    const from = read?.offset ?? 0;
    if (size === from) continue;
    const { lines, next } = linesFrom(path, from, size);
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        const item = JSON.parse(line) as RunSecret;
        if (typeof item.value === 'string' && item.value.length >= MIN_SECRET_LENGTH) cursor.byValue.set(item.value, item);
      } catch {
        // A line cut short by a crashed worker: the rest of the ledger still counts.
      }
    }
    const headLength = Math.min(next, HEAD_BYTES);
    cursor.offsets.set(name, { head: read && read.head.length === headLength ? read.head : bytesOf(path, 0, headLength), offset: next });
  }
  return [...cursor.byValue.values()];
}

/** The forms a secret takes in files: as is, URL-encoded (query strings, form bodies) and JSON-escaped. */
export function secretVariants(value: string): string[] {
  const variants = new Set([
    value,
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    JSON.stringify(value).slice(1, -1),
  ]);
  return [...variants].filter((variant) => variant.length >= MIN_SECRET_LENGTH);
}
