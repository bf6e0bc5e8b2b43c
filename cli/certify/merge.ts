// `sso-harness certify --merge DIR`: the shards of one certification (DIR/shard-i-of-N.{zip,json},
// written by `certify --shard i/N --blob-dir DIR`) become the reports of one run — certification
// json/md/html, Allure, Playwright HTML, JUnit — with the verdict and exit code an unsharded run
// gives. Playwright's merge-reports replays the shards' events into the same reporters as an
// unsharded run (playwright.config.ts). A set of shards that does not add up to one run (one
// missing, another harness, target, selection or defect switches) is refused before anything.
import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  harnessVersion,
  RUN_ENV,
  SHARD_BLOB_ENV,
  ShardSetError,
  checkShardSet,
  readShardManifests,
  sourceDigest,
  type ShardSet,
} from '../../reporting/index.ts';
import { UsageError } from '../args.ts';
import { stopSignal } from '../stopSignals.ts';
import { runNodeScript } from './childRun.ts';
import { finishRun, interruptedRun } from './finishRun.ts';
import { reportersEnv } from './playwrightRun.ts';
import { ALLURE_REPORT, ALLURE_RESULTS, CERTIFICATION_FILES, PLAYWRIGHT_CLI, REPORTS, ROOT, shown } from './reportPaths.ts';

/** The shards in `dir`, checked to add up to one certification by this harness; a refusal is a usage error (exit 2). */
export function readShardSet(dir: string): ShardSet {
  try {
    return checkShardSet(readShardManifests(dir), { harnessVersion: harnessVersion(), sourceDigest: sourceDigest(ROOT) });
  } catch (error) {
    if (error instanceof ShardSetError) throw new UsageError(`sso-harness certify --merge: ${error.message}`);
    throw error;
  }
}

/** The reporters' view of the merged run, as the shards' Playwright runs had it. */
function mergedRunEnv(set: ShardSet, dir: string, commandLine: string): NodeJS.ProcessEnv {
  const { target, selection, defects, mode } = set.identity;
  const shardCommand = set.manifests[0]!.command.replace(/ --shard \S+| --blob-dir \S+/g, '');
  return {
    ...reportersEnv({
      target: target.kind === 'embedded' ? 'embedded' : `target file "${target.name}"`,
      selection,
      ci: mode === 'ci',
      commandLine: `${commandLine} (${set.total} shard(s) of: ${shardCommand})`,
    }),
    SSO_HARNESS_PORTAL_DEFECTS: defects.join(','),
    [RUN_ENV.mergedFrom]: dir,
    [SHARD_BLOB_ENV]: undefined,
  };
}

/** merge-reports unpacks each blob into DIR (its events as report*.jsonl, attachments under resources/): the reports have their copies. */
function removeExtracted(dir: string): void {
  for (const name of readdirSync(dir))
    if (name === 'resources' || /^report(-\d+)?\.jsonl$/.test(name)) rmSync(join(dir, name), { recursive: true, force: true });
}

export async function runMerge(blobDir: string, commandLine: string): Promise<number> {
  const started = Date.now();
  const dir = resolve(blobDir);
  const set = readShardSet(dir);
  process.stdout.write(`sso-harness certify --merge: ${set.total} shard(s) from ${shown(dir)} (harness ${set.identity.harnessVersion}):\n`);
  for (const manifest of set.manifests) {
    const { passed, failed, skipped } = manifest.counts;
    process.stdout.write(
      `  shard ${manifest.shard.current}/${set.total}: ${passed} passed, ${failed} failed, ${skipped} skipped (${(manifest.durationMs / 1000).toFixed(1)} s)\n`,
    );
  }
  const problems = set.manifests.flatMap((manifest) =>
    manifest.secrets.leaks.map((leak) => `Secret in shard ${manifest.shard.current}/${set.total}'s blob report: ${leak}`),
  );

  // Results of an earlier run must never show up in this run's reports.
  for (const stale of [ALLURE_RESULTS, ALLURE_REPORT, ...CERTIFICATION_FILES]) rmSync(stale, { recursive: true, force: true });
  removeExtracted(dir);
  const runEnv = mergedRunEnv(set, dir, commandLine);
  const merge = await runNodeScript(PLAYWRIGHT_CLI, ['merge-reports', '--config', join(ROOT, 'playwright.config.ts'), dir], {
    cwd: ROOT,
    env: runEnv,
  });
  removeExtracted(dir);
  const signal = merge.interrupted ?? stopSignal();
  if (signal !== undefined) return interruptedRun(signal, runEnv, started);
  process.stdout.write(`Merged into ${shown(REPORTS)}.\n`);
  return finishRun({ started, runEnv, playwright: merge, producer: 'playwright merge-reports', problems });
}
