import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunSecret } from '../secrets/ledger.ts';
import { redactAndScanBlob } from './blobSecrets.ts';

const PASSWORD = 'oe-Blob_pw-77-TEST';
const COOKIE = 'Zq4ffNf0a9LrV2mC1bT8yPzQ';
const SECRETS: RunSecret[] = [
  { kind: 'password', value: PASSWORD },
  { kind: 'session-cookie', value: COOKIE },
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'blob-secrets-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const blobWith = (entries: Record<string, Uint8Array>): string => {
  const path = join(dir, 'shard-1-of-2.zip');
  writeFileSync(path, zipSync(entries));
  return path;
};

describe('redactAndScanBlob', () => {
  it("removes the run's secrets from the events, attachments and traces of a blob report, then finds none", () => {
    const events = [
      JSON.stringify({ method: 'onStepBegin', params: { step: { title: `fill "${PASSWORD}"` } } }),
      JSON.stringify({ method: 'onTestEnd', params: { result: { errors: [{ message: `cookie sid=${COOKIE}` }] } } }),
    ].join('\n');
    const trace = zipSync({ 'test.trace': strToU8(`{"type":"input","value":"${PASSWORD}"}`) });
    const path = blobWith({
      'report.jsonl': strToU8(events),
      'resources/a1.txt': strToU8(`hops: Cookie: sid=${COOKIE}`),
      'resources/b2.zip': trace,
    });
    const result = redactAndScanBlob(path, SECRETS);
    expect(result).toMatchObject({ removed: 3, leaks: [] });
    const entries = unzipSync(readFileSync(path));
    const text =
      strFromU8(entries['report.jsonl']!) +
      strFromU8(entries['resources/a1.txt']!) +
      strFromU8(unzipSync(entries['resources/b2.zip']!)['test.trace']!);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(COOKIE);
    expect(text).toContain('[removed]');
  });

  it('reports a secret it cannot remove (inside an archive that is no trace), naming the entry and the kind, never the value', () => {
    const other = zipSync({ 'notes.txt': strToU8(`password ${PASSWORD}`) });
    const path = blobWith({ 'report.jsonl': strToU8('{}'), 'resources/c3.zip': other });
    const result = redactAndScanBlob(path, SECRETS);
    expect(result.leaks).toHaveLength(1);
    expect(result.leaks[0]).toMatch(/shard-1-of-2\.zip \(inside: resources\/c3\.zip › notes\.txt\): password$/);
    expect(result.leaks.join('')).not.toContain(PASSWORD);
  });

  it('removes signed tokens by shape even without the ledger (a secret no fixture recorded)', () => {
    const jwt = `eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyQGV4YW1wbGUuY29tIn0.${'s'.repeat(40)}`;
    const path = blobWith({ 'report.jsonl': strToU8(`{"error":"${jwt}"}`) });
    expect(redactAndScanBlob(path, []).leaks).toEqual([]);
    expect(strFromU8(unzipSync(readFileSync(path))['report.jsonl']!)).not.toContain('s'.repeat(40));
  });
});
