// A sharded certification on this machine against the unsharded one (issue 15): the same
// certification run whole, then as N shards one after the other (`certify --ci --shard i/N
// --blob-dir DIR`, as N CI machines would run them side by side) and merged (`certify --merge
// DIR`). Prints each shard's wall time and tests, the merge's wall time, the longest shard + merge
// (the wall time N machines would give), and whether the merged run equals the unsharded one:
// the same tests with the same outcomes, the same verdict and the same exit code. Figures, never
// assertions; run on a quiet machine.
//
//   npx node bench/shardMerge.ts [--shards N (default 2)] [--scope per-customer|full (default full)]
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runNodeScript } from '../cli/testing/index.ts';
import { readPlaywrightResults, type RunOutcomes } from '../reporting/testing/index.ts';
import { shardBaseName, type ShardManifest } from '../reporting/index.ts';
import { runBenchScript, wholeNumberOption } from './benchScript.ts';
import { SCOPES, type Scope } from './certifyWallTime.ts';
import { loadAverage } from './machineCpu.ts';
import { formatMs, verdict, type BenchOutcome, type FigureRow } from './report.ts';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin', 'sso-harness.js');
const OUT = join(ROOT, 'reports', 'bench', 'shard-merge');
const USAGE = 'Usage: npx node bench/shardMerge.ts [--shards N (default 2)] [--scope per-customer|full (default full)]';

interface RunFigures {
  readonly wallMs: number;
  readonly exitCode: number;
  readonly verdict: string;
  readonly outcomes: RunOutcomes;
}

export interface ShardMergeResults {
  readonly scope: Scope;
  readonly shards: number;
  readonly unsharded: { readonly wallMs: number; readonly exitCode: number; readonly verdict: string; readonly tests: number };
  readonly shardRuns: readonly {
    readonly shard: string;
    readonly wallMs: number;
    readonly exitCode: number;
    readonly counts: ShardManifest['counts'];
  }[];
  readonly merge: { readonly wallMs: number; readonly exitCode: number; readonly verdict: string; readonly tests: number };
  readonly equal: { readonly tests: boolean; readonly outcomes: boolean; readonly verdict: boolean; readonly exitCode: boolean };
  readonly differences: readonly string[];
  readonly load: string;
}

async function certify(args: readonly string[], reportsDir: string): Promise<{ readonly wallMs: number; readonly exitCode: number }> {
  const run = await runNodeScript(CLI, ['certify', ...args], { cwd: ROOT, env: { SSO_HARNESS_REPORTS_DIR: reportsDir }, output: 'quiet' });
  if (run.interrupted) throw new Error(`sso-harness certify ${args.join(' ')} was interrupted (${run.interrupted}): no figures.`);
  return { wallMs: run.ms, exitCode: run.code };
}

function figures(reportsDir: string, run: { readonly wallMs: number; readonly exitCode: number }, what: string): RunFigures {
  const outcomes = readPlaywrightResults(join(reportsDir, 'playwright', 'results.json'));
  if (!outcomes) throw new Error(`${what} wrote no Playwright results (exit ${run.exitCode}).`);
  const report = JSON.parse(readFileSync(join(reportsDir, 'certification.json'), 'utf8')) as { verdict: string };
  return { ...run, verdict: report.verdict, outcomes };
}

/** Tests present in one run only, or with another outcome: one line each (at most 10). */
function differencesOf(a: RunOutcomes, b: RunOutcomes): string[] {
  const lines: string[] = [];
  for (const [test, outcome] of a.tests)
    if (b.tests.get(test) !== outcome) lines.push(`${test}: unsharded ${outcome}, merged ${b.tests.get(test) ?? 'absent'}`);
  for (const [test, outcome] of b.tests) if (!a.tests.has(test)) lines.push(`${test}: unsharded absent, merged ${outcome}`);
  return lines.slice(0, 10);
}

export async function measureShardMerge(scope: Scope, shards: number): Promise<BenchOutcome<ShardMergeResults>> {
  const load = loadAverage();
  rmSync(OUT, { recursive: true, force: true });
  const selection = ['--ci', ...SCOPES[scope].args];
  const wholeDir = join(OUT, 'unsharded');
  const unsharded = figures(wholeDir, await certify(selection, wholeDir), 'the unsharded run');

  const shardedDir = join(OUT, 'sharded');
  const blobDir = join(shardedDir, 'blob');
  const shardRuns: ShardMergeResults['shardRuns'][number][] = [];
  for (let current = 1; current <= shards; current += 1) {
    const run = await certify([...selection, '--shard', `${current}/${shards}`, '--blob-dir', blobDir], shardedDir);
    const manifest = JSON.parse(readFileSync(join(blobDir, `${shardBaseName({ current, total: shards })}.json`), 'utf8')) as ShardManifest;
    shardRuns.push({ shard: `${current}/${shards}`, wallMs: run.wallMs, exitCode: run.exitCode, counts: manifest.counts });
  }
  const merge = figures(shardedDir, await certify(['--merge', blobDir], shardedDir), 'the merge');

  const differences = differencesOf(unsharded.outcomes, merge.outcomes);
  const equal = {
    tests:
      unsharded.outcomes.tests.size === merge.outcomes.tests.size &&
      [...unsharded.outcomes.tests.keys()].every((test) => merge.outcomes.tests.has(test)),
    outcomes: differences.length === 0,
    verdict: unsharded.verdict === merge.verdict,
    exitCode: unsharded.exitCode === merge.exitCode,
  };
  const results: ShardMergeResults = {
    scope,
    shards,
    load,
    shardRuns,
    equal,
    differences,
    unsharded: { wallMs: unsharded.wallMs, exitCode: unsharded.exitCode, verdict: unsharded.verdict, tests: unsharded.outcomes.tests.size },
    merge: { wallMs: merge.wallMs, exitCode: merge.exitCode, verdict: merge.verdict, tests: merge.outcomes.tests.size },
  };
  const longest = Math.max(...shardRuns.map((run) => run.wallMs));
  const rows: FigureRow[] = [
    {
      bench: 'shard + merge',
      metric: `unsharded (${results.unsharded.tests} tests)`,
      value: `${formatMs(unsharded.wallMs)}, ${unsharded.verdict}, exit ${unsharded.exitCode}`,
    },
    ...shardRuns.map((run) => ({
      bench: 'shard + merge',
      metric: `shard ${run.shard} (${run.counts.passed + run.counts.failed + run.counts.skipped} tests)`,
      value: `${formatMs(run.wallMs)}, exit ${run.exitCode}`,
    })),
    {
      bench: 'shard + merge',
      metric: `merge (${results.merge.tests} tests)`,
      value: `${formatMs(merge.wallMs)}, ${merge.verdict}, exit ${merge.exitCode}`,
    },
    {
      bench: 'shard + merge',
      metric: `on ${shards} machines: longest shard + merge`,
      value: formatMs(longest + merge.wallMs),
      ratio: `${(unsharded.wallMs / (longest + merge.wallMs)).toFixed(2)}× faster than unsharded`,
    },
    {
      bench: 'shard + merge',
      metric: 'merged = unsharded: tests, outcomes, verdict, exit code',
      value: `${equal.tests}, ${equal.outcomes}, ${equal.verdict}, ${equal.exitCode}`,
      verdict: verdict(Object.values(equal).every(Boolean)),
    },
  ];
  const notes = [
    `scope ${scope}: \`sso-harness certify ${selection.join(' ')}\`; the shards ran one after the other on this machine (load average ${load} at the start), as ${shards} machines would run them at once.`,
    ...differences.map((line) => `differs: ${line}`),
  ];
  return { name: 'shard + merge', results, rows, notes };
}

if (import.meta.main) {
  process.exitCode = await runBenchScript({
    usage: USAGE,
    resultsFile: 'shard-merge.json',
    parse(argv) {
      const { values } = parseArgs({ args: [...argv], options: { shards: { type: 'string' }, scope: { type: 'string' } }, strict: true });
      const scope = values.scope ?? 'full';
      if (!Object.hasOwn(SCOPES, scope)) throw new TypeError(`--scope must be per-customer or full, not "${scope}".`);
      return { shards: wholeNumberOption('shards', values.shards, 2, { min: 2, max: 16 }), scope: scope as Scope };
    },
    measure: ({ shards, scope }) => measureShardMerge(scope, shards),
  });
}
