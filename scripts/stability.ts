// Stability: run the whole certification N times in a row (default 10) and report the flakes —
// tests whose outcome is not the same in every run. Goal: none. Writes reports/stability.json.
//
//   npx node scripts/stability.ts [--runs N] [-- <certify options, e.g. --vendors okta>]
//
// Exit code: 0 no flake, 1 flakes (or a run produced no results), 2 bad options.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runNodeScript, exitCodeOf } from '../cli/testing/index.ts';
import { findFlakes, readPlaywrightResults, type RunOutcomes } from '../reporting/testing/index.ts';

const ROOT = join(import.meta.dirname, '..');
const RESULTS = join(ROOT, 'reports', 'playwright', 'results.json');
const OUT = join(ROOT, 'reports', 'stability');
const USAGE = 'Usage: npx node scripts/stability.ts [--runs N (default 10)] [-- <sso-harness certify options>]';

interface RunSummary {
  readonly run: number;
  readonly exitCode: number;
  readonly wallMs: number;
  readonly tests: number;
  readonly failed: number;
}

function parseOptions(argv: string[]): { runs: number; certifyArgs: string[] } {
  const split = argv.indexOf('--');
  const own = split === -1 ? argv : argv.slice(0, split);
  const certifyArgs = split === -1 ? [] : argv.slice(split + 1);
  const { values } = parseArgs({ args: own, options: { runs: { type: 'string' } }, strict: true });
  const runs = values.runs === undefined ? 10 : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 2)
    throw new TypeError(`--runs must be a whole number of at least 2 (flakes show between runs), not "${values.runs}".`);
  return { runs, certifyArgs };
}

async function main(): Promise<number> {
  let options: { runs: number; certifyArgs: string[] };
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  mkdirSync(OUT, { recursive: true });
  const outcomes: RunOutcomes[] = [];
  const summaries: RunSummary[] = [];
  for (let run = 1; run <= options.runs; run += 1) {
    process.stdout.write(`\n=== Stability run ${run} of ${options.runs}: sso-harness certify --ci ${options.certifyArgs.join(' ')}\n`);
    const result = await runNodeScript(join(ROOT, 'bin', 'sso-harness.js'), ['certify', '--ci', ...options.certifyArgs], { cwd: ROOT });
    if (result.interrupted) {
      process.stderr.write(`INTERRUPTED (${result.interrupted}) in run ${run}: no stability figures.\n`);
      return exitCodeOf(result.interrupted);
    }
    const parsed = readPlaywrightResults(RESULTS);
    if (!parsed) {
      process.stderr.write(
        `Run ${run} wrote no ${RESULTS}: it stopped before any test (exit ${result.code}). Fix that first; stability is measured on complete runs.\n`,
      );
      return 1;
    }
    // Each run's raw results are kept, to look at a flake's failing run afterwards.
    copyFileSync(RESULTS, join(OUT, `run-${run}.results.json`));
    outcomes.push(parsed);
    const failed = [...parsed.tests.values()].filter(
      (outcome) => outcome === 'failed' || outcome === 'timedOut' || outcome === 'interrupted',
    ).length;
    summaries.push({ run, exitCode: result.code, wallMs: result.ms, tests: parsed.tests.size, failed });
  }
  const flakes = findFlakes(outcomes);
  const alwaysFailing = [...(outcomes[0]?.tests.entries() ?? [])]
    .filter(([name]) => outcomes.every((run) => ['failed', 'timedOut'].includes(run.tests.get(name) ?? '')))
    .map(([name]) => name);
  writeFileSync(join(OUT, 'stability.json'), `${JSON.stringify({ runs: summaries, flakes, alwaysFailing }, null, 2)}\n`);

  process.stdout.write(`\nStability: ${options.runs} runs of ${summaries[0]?.tests ?? 0} test(s).\n`);
  for (const summary of summaries)
    process.stdout.write(
      `  run ${String(summary.run).padStart(2)}: exit ${summary.exitCode}, ${summary.tests} tests, ${summary.failed} failed, ${(summary.wallMs / 1000).toFixed(1)} s\n`,
    );
  if (alwaysFailing.length)
    process.stdout.write(
      `Failing in every run (a failure, not a flake): ${alwaysFailing.length}\n${alwaysFailing.map((name) => `  - ${name}`).join('\n')}\n`,
    );
  if (flakes.length === 0) {
    process.stdout.write(
      `No flaky test: every test had the same outcome in all ${options.runs} runs. (${join('reports', 'stability', 'stability.json')})\n`,
    );
    return 0;
  }
  process.stdout.write(
    `FLAKY: ${flakes.length} test(s) changed outcome between runs:\n${flakes.map((flake) => `  - ${flake.test}: ${flake.outcomes.join(', ')}`).join('\n')}\n`,
  );
  return 1;
}

process.exitCode = await main();
