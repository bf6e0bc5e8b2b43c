import { mkdtempSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ShardSetError,
  checkShardSet,
  parseShard,
  readShardManifests,
  sha256File,
  shardBaseName,
  sourceDigest,
  writeShardManifest,
  type ShardManifest,
  type ShardPosition,
} from './manifest.ts';

const MERGER = { harnessVersion: '0.1.0', sourceDigest: 'd'.repeat(64) };

function manifest(shard: ShardPosition, changes: Partial<ShardManifest> = {}): ShardManifest {
  return {
    format: 1,
    harnessVersion: '0.1.0',
    sourceDigest: 'd'.repeat(64),
    target: { kind: 'embedded' },
    selection: { vendors: ['okta'] },
    defects: [],
    mode: 'ci',
    shard,
    cut: [5, 3],
    blob: { file: `${shardBaseName(shard)}.zip`, sha256: '' },
    command: 'sso-harness certify --vendors okta',
    startedAt: '2026-12-07T00:00:00.000Z',
    durationMs: 1,
    counts: { passed: 1, failed: 0, skipped: 0 },
    secrets: { filesScanned: 1, secretsKnown: 1, removed: 0, leaks: [] },
    ...changes,
  };
}

const refusal = (manifests: ShardManifest[]): string => {
  try {
    checkShardSet(manifests, MERGER);
  } catch (error) {
    expect(error).toBeInstanceOf(ShardSetError);
    return (error as Error).message;
  }
  throw new Error('the set was accepted');
};

describe('parseShard', () => {
  it('reads i/N', () => {
    expect(parseShard('2/4')).toEqual({ current: 2, total: 4 });
    expect(parseShard(' 1/1 ')).toEqual({ current: 1, total: 1 });
  });
  it.each(['0/2', '3/2', '2', '1/0', 'a/b', '1/2/3', '-1/2', '1/65'])('refuses %s and says what to give', (value) => {
    expect(() => parseShard(value)).toThrow(/--shard takes "i\/N".*1 ≤ i ≤ N ≤ 64/);
  });
});

describe('checkShardSet', () => {
  it('accepts every shard of one run, in shard order', () => {
    const set = checkShardSet([manifest({ current: 2, total: 2 }), manifest({ current: 1, total: 2 })], MERGER);
    expect(set.total).toBe(2);
    expect(set.manifests.map((item) => item.shard.current)).toEqual([1, 2]);
    expect(set.identity).toMatchObject({ target: { kind: 'embedded' }, selection: { vendors: ['okta'] }, mode: 'ci' });
  });
  it('refuses a set with a shard missing, naming it', () => {
    expect(refusal([manifest({ current: 1, total: 3 }), manifest({ current: 3, total: 3 })])).toMatch(
      /Shard 2\/3 is missing \(found 1\/3, 3\/3\)/,
    );
  });
  it('refuses shards cut differently', () => {
    expect(refusal([manifest({ current: 1, total: 2 }), manifest({ current: 2, total: 3 })])).toMatch(/cut differently/);
  });
  it('refuses a shard that is there twice', () => {
    expect(refusal([manifest({ current: 1, total: 2 }), manifest({ current: 1, total: 2 }), manifest({ current: 2, total: 2 })])).toMatch(
      /Shard 1\/2 is there twice/,
    );
  });
  it('refuses a shard of another harness: another version, or the same version number with other sources', () => {
    expect(refusal([manifest({ current: 1, total: 2 }), manifest({ current: 2, total: 2 }, { harnessVersion: '0.2.0' })])).toMatch(
      /Shard 2\/2 ran another harness \(version 0\.2\.0/,
    );
    expect(refusal([manifest({ current: 1, total: 2 }, { sourceDigest: 'e'.repeat(64) }), manifest({ current: 2, total: 2 })])).toMatch(
      /Shard 1\/2 ran another harness .*same commit/,
    );
  });
  it.each([
    ['target', { target: { kind: 'file', name: 'oe-staging', sha256: 'a'.repeat(64) } }, /another target \(target file "oe-staging"/],
    ['target file content', { target: { kind: 'file', name: 'oe-staging', sha256: 'b'.repeat(64) } }, /another target/],
    ['selection', { selection: { vendors: ['okta', 'entra'] } }, /another selection \(--vendors okta,entra\)/],
    ['selection (unscoped)', { selection: {} }, /another selection \(everything/],
    [
      'defect switches',
      { defects: ['saml-skip-audience'] },
      /another portal defect switches \(saml-skip-audience\) than shard 1\/2 \(none\)/,
    ],
    ['mode', { mode: 'full' }, /another mode \(full\)/],
    ['cut', { cut: [4, 4] }, /another cut \(tests per shard\) \(4:4\) than shard 1\/2 \(5:3\)/],
  ] as const)('refuses a shard run with another %s', (_what, changes, message) => {
    const first = manifest(
      { current: 1, total: 2 },
      _what === 'target file content' ? { target: { kind: 'file', name: 'oe-staging', sha256: 'a'.repeat(64) } } : {},
    );
    expect(refusal([first, manifest({ current: 2, total: 2 }, changes as Partial<ShardManifest>)])).toMatch(message);
  });
});

describe('readShardManifests', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shards-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const write = (shard: ShardPosition): void => {
    writeFileSync(join(dir, `${shardBaseName(shard)}.zip`), `blob ${shard.current}`);
    writeShardManifest(
      dir,
      manifest(shard, { blob: { file: `${shardBaseName(shard)}.zip`, sha256: sha256File(join(dir, `${shardBaseName(shard)}.zip`)) } }),
    );
  };

  it('reads every manifest whose blob is the one it describes', () => {
    write({ current: 1, total: 2 });
    write({ current: 2, total: 2 });
    expect(readShardManifests(dir).map((item) => item.shard.current)).toEqual([1, 2]);
  });
  it('refuses a blob changed after its shard wrote it, and a missing blob', () => {
    write({ current: 1, total: 1 });
    writeFileSync(join(dir, 'shard-1-of-1.zip'), 'other bytes');
    expect(() => readShardManifests(dir)).toThrow(/shard-1-of-1\.zip is not the blob report its manifest describes/);
    rmSync(join(dir, 'shard-1-of-1.zip'));
    expect(() => readShardManifests(dir)).toThrow(/its blob report shard-1-of-1\.zip is not in/);
  });
  it('refuses a renamed manifest, a directory without manifests, a missing directory and a foreign file', () => {
    write({ current: 1, total: 2 });
    renameSync(join(dir, 'shard-1-of-2.json'), join(dir, 'shard-2-of-2.json'));
    expect(() => readShardManifests(dir)).toThrow(/describes shard 1\/2: a renamed manifest/);
    rmSync(join(dir, 'shard-2-of-2.json'));
    expect(() => readShardManifests(dir)).toThrow(/holds no shard manifest.*--shard i\/N --blob-dir/);
    expect(() => readShardManifests(join(dir, 'nope'))).toThrow(/is not a directory/);
    writeFileSync(join(dir, 'shard-1-of-1.json'), '{"format": 0}');
    expect(() => readShardManifests(dir)).toThrow(/not a shard manifest of this harness/);
  });
});

describe('sourceDigest', () => {
  it('changes with any source file and with nothing else', () => {
    const root = mkdtempSync(join(tmpdir(), 'digest-'));
    try {
      mkdirSync(join(root, 'suites'));
      writeFileSync(join(root, 'suites', 'a.ts'), 'one');
      writeFileSync(join(root, 'README.md'), 'docs');
      const before = sourceDigest(root);
      writeFileSync(join(root, 'README.md'), 'other docs');
      expect(sourceDigest(root)).toBe(before);
      writeFileSync(join(root, 'suites', 'a.ts'), 'two');
      expect(sourceDigest(root)).not.toBe(before);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
