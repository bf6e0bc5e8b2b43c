// Finds (and removes) many secret values at once in large files: a full certification writes
// over 100 MB of reports and knows thousands of secrets (every cookie and token of every login).
// Every value is at least MIN_SECRET_LENGTH bytes long, so a rolling hash of each 8-byte window
// (Rabin–Karp), checked first against a bit table, finds the candidates in one pass over the
// bytes; only those are compared with the secrets. Works on bytes, so binary files and UTF-8
// survive a redaction unchanged apart from the removed values.
import { MIN_SECRET_LENGTH, secretVariants, type RunSecret, type SecretKind } from './ledger.ts';

const KEY = 8;
const BASE = 257;
const TABLE_BITS = 22;
export const REDACTED = '[removed]';
const REDACTED_BYTES = Buffer.from(REDACTED);

interface Needle {
  readonly bytes: Uint8Array;
  readonly kind: SecretKind;
}

// BASE^(KEY-1) mod 2^32, to take the outgoing byte out of the rolling hash.
const OUTGOING = Array.from({ length: KEY - 1 }).reduce<number>((power) => Math.imul(power, BASE), 1);

function hashAt(bytes: Uint8Array, start: number): number {
  let hash = 0;
  // int32 arithmetic throughout (`| 0`): the scan loop stays on unboxed integers.
  for (let i = start; i < start + KEY; i += 1) hash = (Math.imul(hash, BASE) + bytes[i]!) | 0;
  return hash;
}

/** The bit of the candidate table a window hash falls on (the same expression is inlined in the scan loop). */
const slot = (hash: number): number => (hash ^ (hash >> TABLE_BITS)) & ((1 << TABLE_BITS) - 1);

function equalAt(bytes: Uint8Array, index: number, needle: Uint8Array): boolean {
  if (index + needle.length > bytes.length) return false;
  for (let i = 0; i < needle.length; i += 1) if (bytes[index + i] !== needle[i]) return false;
  return true;
}

export class SecretMatcher {
  readonly #byHash = new Map<number, Needle[]>();
  readonly #table = new Uint8Array(1 << (TABLE_BITS - 3));
  readonly size: number;

  constructor(secrets: readonly RunSecret[]) {
    const seen = new Set<string>();
    for (const secret of secrets) {
      for (const variant of secretVariants(secret.value)) {
        const bytes = Buffer.from(variant, 'utf8');
        if (bytes.length < MIN_SECRET_LENGTH || seen.has(variant)) continue;
        seen.add(variant);
        const hash = hashAt(bytes, 0);
        const list = this.#byHash.get(hash) ?? [];
        list.push({ bytes, kind: secret.kind });
        // Longest first, so a secret that contains another is matched whole.
        list.sort((a, b) => b.bytes.length - a.bytes.length);
        this.#byHash.set(hash, list);
        const bit = slot(hash);
        this.#table[bit >>> 3]! |= 1 << (bit & 7);
      }
    }
    this.size = seen.size;
  }

  /** Calls `onMatch` for every match, left to right, not overlapping. A plain loop: it runs once per byte of every report. */
  #forEachMatch(bytes: Uint8Array, onMatch: (index: number, needle: Needle) => void): void {
    const length = bytes.length;
    if (this.size === 0 || length < KEY) return;
    const table = this.#table;
    const mask = (1 << TABLE_BITS) - 1;
    let hash = hashAt(bytes, 0);
    let index = 0;
    for (;;) {
      const bit = (hash ^ (hash >> TABLE_BITS)) & mask;
      if ((table[bit >>> 3]! & (1 << (bit & 7))) !== 0) {
        const needle = this.#byHash.get(hash)?.find((candidate) => equalAt(bytes, index, candidate.bytes));
        if (needle) {
          onMatch(index, needle);
          index += needle.bytes.length;
          if (index + KEY > length) return;
          hash = hashAt(bytes, index);
          continue;
        }
      }
      if (index + KEY >= length) return;
      hash = (Math.imul((hash - Math.imul(bytes[index]!, OUTGOING)) | 0, BASE) + bytes[index + KEY]!) | 0;
      index += 1;
    }
  }

  /** The kinds of secret found in `bytes`, each once. */
  kindsIn(bytes: Uint8Array): SecretKind[] {
    const found = new Set<SecretKind>();
    this.#forEachMatch(bytes, (_index, needle) => found.add(needle.kind));
    return [...found];
  }

  /** `bytes` with every secret replaced by [removed]; `removed` counts the replacements. */
  redact(bytes: Uint8Array): { readonly bytes: Uint8Array; readonly removed: number } {
    const parts: Uint8Array[] = [];
    let copiedUpTo = 0;
    let removed = 0;
    this.#forEachMatch(bytes, (index, needle) => {
      parts.push(bytes.subarray(copiedUpTo, index), REDACTED_BYTES);
      copiedUpTo = index + needle.bytes.length;
      removed += 1;
    });
    if (removed === 0) return { bytes, removed };
    parts.push(bytes.subarray(copiedUpTo));
    return { bytes: Buffer.concat(parts), removed };
  }

  /** The same for a string. */
  redactText(text: string): string {
    const { bytes, removed } = this.redact(Buffer.from(text, 'utf8'));
    return removed === 0 ? text : Buffer.from(bytes).toString('utf8');
  }
}
