// A shard's blob report leaves the machine (a CI artefact), and the merge has no secrets ledger: the
// ledger holds the secrets themselves and never leaves the shard. So the shard does here what the
// certification reporter does for an unsharded run: every entry of the blob (the test events with
// step titles and errors, every attachment; traces were redacted as each test ended) is rewritten
// without the run's secrets, then the blob is scanned for them and for secret shapes.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import type { RunSecret } from '../secrets/ledger.ts';
import { SecretMatcher } from '../secrets/matcher.ts';
import { redactBytes, redactTraceFile } from '../secrets/redactTraces.ts';
import { describeLeak, scanForSecrets } from '../secrets/scan.ts';

const BINARY = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.webm', '.woff', '.woff2']);
const isZip = (bytes: Uint8Array): boolean => bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

export interface BlobSecretsResult {
  /** Entries rewritten without a secret. */
  readonly removed: number;
  readonly filesScanned: number;
  /** One line per leak left after redaction (file and kind, never the value). */
  readonly leaks: readonly string[];
}

/** Rewrite the blob zip at `path` without `secrets`, then scan it; the blob is replaced by rename. */
export function redactAndScanBlob(path: string, secrets: readonly RunSecret[]): BlobSecretsResult {
  const matcher = new SecretMatcher(secrets);
  const entries: Record<string, Uint8Array> = unzipSync(readFileSync(path));
  let removed = 0;
  for (const [name, content] of Object.entries(entries)) {
    if (BINARY.has(extname(name).toLowerCase())) continue;
    if (isZip(content)) {
      // A trace the trace redactor has not seen (it redacts as each test ends): the same rewrite, through a file.
      const scratch = `${path}.entry.zip`;
      writeFileSync(scratch, content);
      try {
        if (redactTraceFile(scratch, secrets, matcher)) {
          entries[name] = readFileSync(scratch);
          removed += 1;
        }
      } finally {
        rmSync(scratch, { force: true });
      }
      continue;
    }
    const redacted = redactBytes(content, matcher);
    if (redacted) {
      entries[name] = redacted;
      removed += 1;
    }
  }
  if (removed > 0) {
    writeFileSync(`${path}.redacting`, zipSync(entries, { level: 6 }));
    renameSync(`${path}.redacting`, path);
  }
  const { leaks, filesScanned } = scanForSecrets([path], secrets);
  return { removed, filesScanned, leaks: leaks.map(describeLeak) };
}
