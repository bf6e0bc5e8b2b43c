// `sso-harness certify --shard i/N --blob-dir DIR`: one shard of a certification (Playwright's own
// --shard), which writes its results and no verdict: DIR/shard-i-of-N.zip (Playwright's blob
// report, without the run's secrets: reporting/shards/blobSecrets.ts) and, last,
// DIR/shard-i-of-N.json (its manifest). `certify --merge DIR` turns all N into the reports.
// Exit 0: every test of the shard passed; 1: some failed or a secret stayed in the blob (the
// results are written all the same, and belong in the merge); 130/143: interrupted, nothing written.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  harnessVersion,
  SHARD_BLOB_ENV,
  ledgerDir,
  readSecrets,
  redactAndScanBlob,
  SHARD_MANIFEST_FORMAT,
  sha256File,
  shardBaseName,
  sourceDigest,
  writeShardManifest,
  type ShardManifest,
  type ShardPosition,
  type ShardRunIdentity,
} from '../../reporting/index.ts';
import { exitCodeOf, stopSignal } from '../stopSignals.ts';
import { runNodeScript } from './childRun.ts';
import { SHARD_WEIGHTS_ENV, cutShards } from './shardCut.ts';
import { playwrightEnv, playwrightTestArgs, type CertifyRunOptions } from './playwrightRun.ts';
import { OUTPUT_DIR, PLAYWRIGHT_CLI, REPORTS, ROOT, shown } from './reportPaths.ts';

export interface ShardOptions extends CertifyRunOptions {
  readonly shard: ShardPosition;
  readonly blobDir: string;
  readonly targetIdentity: ShardRunIdentity['target'];
}

/** The outcome of every test in a blob report's events (the last attempt of each). */
export function blobCounts(reportJsonl: string): ShardManifest['counts'] {
  const outcomes = new Map<string, 'passed' | 'failed' | 'skipped'>();
  const expected = new Map<string, string>();
  for (const line of reportJsonl.split('\n')) {
    if (!line.includes('"onTest')) continue;
    const event = JSON.parse(line) as {
      method: string;
      params: { test?: { testId: string; expectedStatus?: string }; result?: { status: string } };
    };
    if (event.method === 'onTestBegin' && event.params.test)
      expected.set(event.params.test.testId, event.params.test.expectedStatus ?? 'passed');
    if (event.method !== 'onTestEnd' || !event.params.test || !event.params.result) continue;
    const { testId } = event.params.test;
    const status = event.params.result.status;
    const wanted = event.params.test.expectedStatus ?? expected.get(testId) ?? 'passed';
    outcomes.set(testId, status === 'skipped' ? 'skipped' : status === wanted ? 'passed' : 'failed');
  }
  const count = (outcome: string): number => [...outcomes.values()].filter((value) => value === outcome).length;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}

/** The shard's staging directory, and reports/shard-staging/ when no other shard is staging there. */
function removeStaging(staging: string): void {
  rmSync(staging, { recursive: true, force: true });
  if (readdirSync(dirname(staging)).length === 0) rmSync(dirname(staging), { recursive: true, force: true });
}

export async function runShard(options: ShardOptions): Promise<number> {
  const started = Date.now();
  const name = shardBaseName(options.shard);
  const blobDir = resolve(options.blobDir);
  mkdirSync(blobDir, { recursive: true });
  // This shard's earlier results go first: a run that does not finish leaves the shard missing, never stale.
  for (const stale of [`${name}.json`, `${name}.zip`]) rmSync(join(blobDir, stale), { force: true });
  // Playwright's blob reporter empties its directory before writing: one of its own, never the shared DIR.
  const staging = join(REPORTS, 'shard-staging', name);
  const stagedBlob = join(staging, `${name}.zip`);
  rmSync(staging, { recursive: true, force: true });

  const position = `${options.shard.current}/${options.shard.total}`;
  const cut = await cutShards(playwrightTestArgs(options), playwrightEnv(options), options.shard.total, ROOT);
  if ('interrupted' in cut) {
    process.stdout.write(
      `\nINTERRUPTED (${cut.interrupted}): shard ${position} was stopped while listing its tests — nothing written to ${shown(blobDir)}.\n`,
    );
    return exitCodeOf(cut.interrupted);
  }
  const args = [...playwrightTestArgs(options), `--shard=${position}`];
  const tests = cut.counts.reduce((sum, count) => sum + count, 0);
  process.stdout.write(
    `sso-harness certify: shard ${position} of ${options.target === 'embedded' ? 'the embedded reference portal' : options.target}; Playwright ${args.slice(1).join(' ')}\n` +
      `  cut by cost (suites/testCosts.ts): tests per shard ${cut.counts.join(':')}, about ${cut.seconds.map((seconds) => `${seconds} s`).join(' / ')} of work; this shard ${cut.counts[options.shard.current - 1] ?? 0} of ${tests} tests\n`,
  );
  const playwright = await runNodeScript(PLAYWRIGHT_CLI, args, {
    cwd: ROOT,
    env: {
      ...playwrightEnv(options),
      [SHARD_BLOB_ENV]: stagedBlob,
      // No tests at all: Playwright's own (empty) cut; weights that add up to nothing would divide by zero.
      ...(tests > 0 ? { [SHARD_WEIGHTS_ENV]: cut.counts.join(':') } : {}),
    },
  });
  const signal = playwright.interrupted ?? stopSignal();
  if (signal !== undefined) {
    removeStaging(staging);
    process.stdout.write(
      `\nINTERRUPTED (${signal}): shard ${options.shard.current}/${options.shard.total} was stopped before it finished — nothing written to ${shown(blobDir)}; run this shard again before the merge.\n`,
    );
    return exitCodeOf(signal);
  }
  if (!existsSync(stagedBlob)) {
    removeStaging(staging);
    process.stdout.write(
      `\nShard ${options.shard.current}/${options.shard.total}: Playwright exited ${playwright.code} without a blob report — nothing written to ${shown(blobDir)}; see the errors above.\n`,
    );
    return 1;
  }

  const runSecrets = readSecrets(ledgerDir(OUTPUT_DIR));
  const secrets = redactAndScanBlob(stagedBlob, runSecrets);
  const counts = blobCounts(secrets.events);
  // Into DIR under a temporary name, then renamed: the manifest, written last, vouches for a whole blob.
  copyFileSync(stagedBlob, join(blobDir, `${name}.zip.partial`));
  renameSync(join(blobDir, `${name}.zip.partial`), join(blobDir, `${name}.zip`));
  removeStaging(staging);
  const manifest: ShardManifest = {
    format: SHARD_MANIFEST_FORMAT,
    harnessVersion: harnessVersion(),
    sourceDigest: sourceDigest(ROOT),
    target: options.targetIdentity,
    selection: Object.fromEntries(Object.entries(options.selection).map(([key, value]) => [key, [...(value as string[])].sort()])),
    defects: (process.env.SSO_HARNESS_PORTAL_DEFECTS ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean)
      .sort(),
    mode: options.ci ? 'ci' : 'full',
    shard: options.shard,
    cut: cut.counts,
    blob: { file: `${name}.zip`, sha256: sha256File(join(blobDir, `${name}.zip`)) },
    command: options.commandLine,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    counts,
    secrets: { filesScanned: secrets.filesScanned, secretsKnown: runSecrets.length, removed: secrets.removed, leaks: secrets.leaks },
  };
  writeShardManifest(blobDir, manifest);

  const leaks = secrets.leaks.length
    ? `; ${secrets.leaks.length} secret(s) left in the blob report (values not shown):\n${secrets.leaks.map((leak) => `  - ${leak}`).join('\n')}`
    : '';
  process.stdout.write(
    `\nShard ${options.shard.current}/${options.shard.total}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${((Date.now() - started) / 1000).toFixed(1)} s)${leaks}.\n`,
  );
  process.stdout.write(
    `Wrote ${shown(join(blobDir, `${name}.zip`))} and ${name}.json: no verdict yet — once every shard is in ${shown(blobDir)}, run \`sso-harness certify --merge ${shown(blobDir)}\`.\n`,
  );
  return playwright.code === 0 && counts.failed === 0 && secrets.leaks.length === 0 ? 0 : 1;
}
