// A shard's blob report leaves the machine (a CI artefact), and the merge has no secrets ledger: the
// ledger holds the secrets themselves and never leaves the shard. So the shard does here what the
// certification reporter does for an unsharded run: every entry of the blob (the test events with
// step titles and errors, every attachment; traces were redacted as each test ended) is rewritten
// without the run's secrets, then the blob is scanned for them and for secret shapes.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import type { RunSecret } from '../secrets/ledger.ts';
import { SecretMatcher } from '../secrets/matcher.ts';
import { BINARY, redactBytes, redactTraceBytes } from '../secrets/redactTraces.ts';
import { describeLeak, isZip, scanForSecrets } from '../secrets/scan.ts';

export interface BlobSecretsResult {
  /** Entries rewritten without a secret. */
  readonly removed: number;
  readonly filesScanned: number;
  /** One line per leak left after redaction (file and kind, never the value). */
  readonly leaks: readonly string[];
  /** The blob's test events (report.jsonl) as now written; empty when it has none. */
  readonly events: string;
}

/** Rewrite the blob zip at `path` without `secrets`, then scan it; the blob is replaced by rename. */
export function redactAndScanBlob(path: string, secrets: readonly RunSecret[]): BlobSecretsResult {
  const matcher = new SecretMatcher(secrets);
  const entries: Record<string, Uint8Array> = unzipSync(readFileSync(path));
  let removed = 0;
  for (const [name, content] of Object.entries(entries)) {
    if (BINARY.has(extname(name).toLowerCase())) continue;
    // A trace the trace redactor has not seen (it redacts as each test ends) is rewritten entry by entry too.
    const redacted = isZip(content) ? redactTraceBytes(content, matcher) : redactBytes(content, matcher);
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
  const events = entries['report.jsonl'];
  return { removed, filesScanned, leaks: leaks.map(describeLeak), events: events ? strFromU8(events) : '' };
}
