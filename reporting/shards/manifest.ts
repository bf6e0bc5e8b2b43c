// What a shard of a sharded certification (`sso-harness certify --shard i/N --blob-dir DIR`) leaves
// beside its Playwright blob report: which harness ran it (version and a digest of its sources),
// against which target, with which selection and defect switches, which shard of how many, its
// counts and its secrets scan. `certify --merge DIR` reads every manifest in DIR and refuses a set
// that does not add up to one certification (checkShardSet) before it merges anything.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const SHARD_MANIFEST_FORMAT = 1;

export interface ShardPosition {
  readonly current: number;
  readonly total: number;
}

/** What the shards must share to add up to one certification. */
export interface ShardRunIdentity {
  readonly harnessVersion: string;
  /** SHA-256 over the harness's sources (sourceDigest): two checkouts of one commit agree, any code change differs. */
  readonly sourceDigest: string;
  /** "embedded", or the target file's name field and the SHA-256 of its content. */
  readonly target: { readonly kind: 'embedded' } | { readonly kind: 'file'; readonly name: string; readonly sha256: string };
  /** The certify options that scope the run, normalised (sorted lists; absent = all). */
  readonly selection: {
    readonly vendors?: readonly string[];
    readonly protocols?: readonly string[];
    readonly entryPoints?: readonly string[];
  };
  /** SSO_HARNESS_PORTAL_DEFECTS, sorted (embedded portal only). */
  readonly defects: readonly string[];
  readonly mode: 'ci' | 'full';
}

export interface ShardManifest extends ShardRunIdentity {
  readonly format: typeof SHARD_MANIFEST_FORMAT;
  readonly shard: ShardPosition;
  /** Tests per shard, as the run was cut (cli/certify/shardCut.ts): every shard of one run has the same. */
  readonly cut: readonly number[];
  /** The blob report beside this file. */
  readonly blob: { readonly file: string; readonly sha256: string };
  readonly command: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly counts: { readonly passed: number; readonly failed: number; readonly skipped: number };
  readonly secrets: {
    readonly filesScanned: number;
    readonly secretsKnown: number;
    readonly removed: number;
    readonly leaks: readonly string[];
  };
}

export const shardBaseName = ({ current, total }: ShardPosition): string => `shard-${current}-of-${total}`;

/** Parse `i/N` (1 ≤ i ≤ N ≤ 64); the message says what to give instead. */
export function parseShard(value: string): ShardPosition {
  const match = /^(\d{1,3})\/(\d{1,3})$/.exec(value.trim());
  const current = match ? Number(match[1]) : NaN;
  const total = match ? Number(match[2]) : NaN;
  if (!match || current < 1 || total < 1 || current > total || total > 64) {
    throw new Error(
      `--shard takes "i/N": this job's shard number i and the number of shards N, with 1 ≤ i ≤ N ≤ 64 (e.g. --shard 2/4), not "${value}".`,
    );
  }
  return { current, total };
}

const DIGESTED = ['bin', 'cli', 'lib', 'mock-idps', 'portal', 'reporting', 'suites', 'support'];
const DIGESTED_FILES = ['package.json', 'package-lock.json', 'playwright.config.ts'];

function* filesUnder(root: string, dir: string): Generator<string> {
  for (const name of readdirSync(join(root, dir)).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const path = join(dir, name);
    const stat = statSync(join(root, path));
    if (stat.isDirectory()) yield* filesUnder(root, path);
    else if (stat.isFile()) yield path;
  }
}

/** SHA-256 over every source file of the harness (path and content), in a stable order. */
export function sourceDigest(root: string): string {
  const hash = createHash('sha256');
  const files = [
    ...DIGESTED.filter((dir) => existsSync(join(root, dir))).flatMap((dir) => [...filesUnder(root, dir)]),
    ...DIGESTED_FILES.filter((file) => existsSync(join(root, file))),
  ];
  for (const file of files.sort()) {
    hash.update(`${relative('.', file).split('\\').join('/')}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export const sha256File = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Written last and by rename, so that a manifest present means its blob is complete. */
export function writeShardManifest(dir: string, manifest: ShardManifest): string {
  const path = join(dir, `${shardBaseName(manifest.shard)}.json`);
  writeFileSync(`${path}.partial`, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(`${path}.partial`, path);
  return path;
}

export class ShardSetError extends Error {}

export interface ShardSet {
  readonly manifests: readonly ShardManifest[];
  readonly total: number;
  readonly identity: ShardRunIdentity;
}

const MANIFEST_NAME = /^shard-(\d+)-of-(\d+)\.json$/;

function readManifest(path: string): ShardManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ShardSetError(`${path} is not a shard manifest (${(error as Error).message}). Copy each shard's blob directory unchanged.`);
  }
  const manifest = parsed as Partial<ShardManifest>;
  if (manifest.format !== SHARD_MANIFEST_FORMAT || !manifest.shard || !manifest.blob || typeof manifest.sourceDigest !== 'string') {
    throw new ShardSetError(
      `${path} is not a shard manifest of this harness (format ${String(manifest.format)}, expected ${SHARD_MANIFEST_FORMAT}): merge shards written by the same harness version.`,
    );
  }
  return manifest as ShardManifest;
}

/** Every manifest in `dir` (shard-i-of-N.json), with its blob checked against the recorded digest. */
export function readShardManifests(dir: string): ShardManifest[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new ShardSetError(
      `${dir} is not a directory. Give the directory holding every shard's shard-i-of-N.zip and .json (--blob-dir of the shard runs).`,
    );
  const names = readdirSync(dir)
    .filter((name) => MANIFEST_NAME.test(name))
    .sort();
  if (names.length === 0)
    throw new ShardSetError(
      `${dir} holds no shard manifest (shard-i-of-N.json). Run \`sso-harness certify --shard i/N --blob-dir ${dir}\` for every shard, or copy each shard job's blob directory here.`,
    );
  return names.map((name) => {
    const manifest = readManifest(join(dir, name));
    if (`${shardBaseName(manifest.shard)}.json` !== name)
      throw new ShardSetError(
        `${join(dir, name)} describes shard ${manifest.shard.current}/${manifest.shard.total}: a renamed manifest. Copy each shard's files under the names it wrote.`,
      );
    const blob = join(dir, manifest.blob.file);
    if (!existsSync(blob))
      throw new ShardSetError(
        `Shard ${manifest.shard.current}/${manifest.shard.total}: its blob report ${manifest.blob.file} is not in ${dir}. Copy the shard's whole blob directory.`,
      );
    if (sha256File(blob) !== manifest.blob.sha256)
      throw new ShardSetError(
        `Shard ${manifest.shard.current}/${manifest.shard.total}: ${manifest.blob.file} is not the blob report its manifest describes (its content changed). Copy the shard's files unchanged, or run that shard again.`,
      );
    return manifest;
  });
}

const describeTarget = (target: ShardRunIdentity['target']): string =>
  target.kind === 'embedded' ? 'the embedded reference portal' : `target file "${target.name}" (sha256 ${target.sha256.slice(0, 12)}…)`;
const describeSelection = (selection: ShardRunIdentity['selection']): string =>
  Object.entries(selection)
    .map(([key, value]) => `--${key === 'entryPoints' ? 'entry' : key} ${(value as string[]).join(',')}`)
    .join(' ') || 'everything (no --vendors/--protocols/--entry)';
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The shards add up to one certification: one N, every shard 1..N exactly once, one harness (the
 * merging one: its reporters read the shards' events), one target, selection, defect switches and mode.
 */
export function checkShardSet(
  manifests: readonly ShardManifest[],
  merger: { readonly harnessVersion: string; readonly sourceDigest: string },
): ShardSet {
  const first = manifests[0];
  if (!first) throw new ShardSetError('No shard to merge.');
  const totals = [...new Set(manifests.map((manifest) => manifest.shard.total))];
  if (totals.length > 1)
    throw new ShardSetError(
      `The shards were cut differently: ${totals.map((total) => `${manifests.filter((manifest) => manifest.shard.total === total).length} of ${total}`).join(', ')}. Merge the shards of one run (the same --shard i/N total), in a directory of their own.`,
    );
  const total = first.shard.total;
  const seen = manifests.map((manifest) => manifest.shard.current);
  const twice = seen.find((current, index) => seen.indexOf(current) !== index);
  if (twice !== undefined)
    throw new ShardSetError(`Shard ${twice}/${total} is there twice: merge the shards of one run, in a directory of their own.`);
  const missing = Array.from({ length: total }, (_, index) => index + 1).filter((current) => !seen.includes(current));
  if (missing.length)
    throw new ShardSetError(
      `Shard${missing.length > 1 ? 's' : ''} ${missing.map((current) => `${current}/${total}`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing (found ${[
        ...seen,
      ]
        .sort((a, b) => a - b)
        .map((current) => `${current}/${total}`)
        .join(
          ', ',
        )}). A merge without every shard would certify part of the run: run the missing shard${missing.length > 1 ? 's' : ''} (or wait for ${missing.length > 1 ? 'their' : 'its'} job) and copy ${missing.length > 1 ? 'their' : 'its'} blob directory here.`,
    );
  for (const manifest of manifests) {
    const where = `Shard ${manifest.shard.current}/${total}`;
    if (manifest.harnessVersion !== merger.harnessVersion || manifest.sourceDigest !== merger.sourceDigest) {
      throw new ShardSetError(
        `${where} ran another harness (version ${manifest.harnessVersion}, sources ${manifest.sourceDigest.slice(0, 12)}…) than this one (version ${merger.harnessVersion}, sources ${merger.sourceDigest.slice(0, 12)}…). Run every shard and the merge from the same commit.`,
      );
    }
    const differences: ReadonlyArray<readonly [string, boolean, string, string]> = [
      ['target', same(manifest.target, first.target), describeTarget(manifest.target), describeTarget(first.target)],
      ['selection', same(manifest.selection, first.selection), describeSelection(manifest.selection), describeSelection(first.selection)],
      [
        'portal defect switches',
        same(manifest.defects, first.defects),
        manifest.defects.join(',') || 'none',
        first.defects.join(',') || 'none',
      ],
      ['mode', manifest.mode === first.mode, manifest.mode, first.mode],
      ['cut (tests per shard)', same(manifest.cut ?? [], first.cut ?? []), (manifest.cut ?? []).join(':'), (first.cut ?? []).join(':')],
    ];
    for (const [what, equal, theirs, ours] of differences) {
      if (!equal)
        throw new ShardSetError(
          `${where} ran with another ${what} (${theirs}) than shard ${first.shard.current}/${total} (${ours}). Every shard of one certification takes the same --target, --vendors, --protocols, --entry, --ci and SSO_HARNESS_PORTAL_DEFECTS.`,
        );
    }
  }
  const sorted = [...manifests].sort((a, b) => a.shard.current - b.shard.current);
  const { harnessVersion, sourceDigest, target, selection, defects, mode } = first;
  return { manifests: sorted, total, identity: { harnessVersion, sourceDigest, target, selection, defects, mode } };
}
