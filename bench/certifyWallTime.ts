// Wall time of the full certification on this machine (issue 5 "CLI and performance": the whole
// lifecycle + entry point matrix in under 60 s on 2 cores). Each run is `sso-harness certify --ci`
// in a fresh process, timed from spawn to exit, as a person running `npm start` waits for it; the
// Playwright share comes from its JSON report. A figure, never an assertion (shared machines).
//
//   npx node bench/certifyWallTime.ts [--runs N (default 1)] [-- <certify options>]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runNodeScript } from '../cli/certify/childRun.ts';
import { readPlaywrightResults } from '../suites/reporting/playwrightResults.ts';
import { runBenchScript, wholeNumberOption } from './benchScript.ts';
import { formatMs, verdict, type BenchOutcome, type FigureRow } from './report.ts';
import { summarize, type Summary } from './stats.ts';

export const CERTIFY_GOAL_MS = 60_000;
const ROOT = join(import.meta.dirname, '..');
const USAGE = 'Usage: npx node bench/certifyWallTime.ts [--runs N (default 1)] [-- <sso-harness certify options>]';

export interface CertifyWallTimeResults {
  readonly runs: number;
  readonly certifyArgs: readonly string[];
  readonly wallMs: Summary;
  readonly playwrightMs: Summary;
  readonly tests: number;
  readonly exitCodes: readonly number[];
}

export async function measureCertifyWallTime(runs: number, certifyArgs: readonly string[]): Promise<BenchOutcome<CertifyWallTimeResults>> {
  const wall: number[] = [];
  const playwright: number[] = [];
  const exitCodes: number[] = [];
  let tests = 0;
  for (let run = 0; run < runs; run += 1) {
    const result = await runNodeScript(join(ROOT, 'bin', 'sso-harness.js'), ['certify', '--ci', ...certifyArgs], { cwd: ROOT });
    if (result.interrupted) throw new Error(`certify run ${run + 1} was interrupted (${result.interrupted}): no figures.`);
    const outcomes = readPlaywrightResults(join(ROOT, 'reports', 'playwright', 'results.json'));
    if (!outcomes) throw new Error(`certify run ${run + 1} wrote no Playwright results (exit ${result.code}): it did not get to run the tests.`);
    wall.push(result.ms);
    playwright.push(outcomes.durationMs);
    exitCodes.push(result.code);
    tests = outcomes.tests.size;
  }
  const results: CertifyWallTimeResults = { runs, certifyArgs, wallMs: summarize(wall), playwrightMs: summarize(playwright), tests, exitCodes };
  const rows: FigureRow[] = [
    { bench: 'certify wall time', metric: `median of ${runs} (${tests} tests)`, value: formatMs(results.wallMs.median), goal: `< ${formatMs(CERTIFY_GOAL_MS)}`, verdict: verdict(results.wallMs.median < CERTIFY_GOAL_MS) },
    { bench: 'certify wall time', metric: 'min / max', value: `${formatMs(results.wallMs.min)} / ${formatMs(results.wallMs.max)}` },
    { bench: 'certify wall time', metric: 'of which Playwright (median)', value: formatMs(results.playwrightMs.median) },
  ];
  const notes = [
    `each run is \`sso-harness certify --ci ${certifyArgs.join(' ')}\`: start-up, every suite, the Allure report and the secrets scan.`,
    ...(exitCodes.some((code) => code !== 0) ? [`exit codes ${exitCodes.join(', ')}: a run that is not certified still counts for the time, but look at reports/certification.md.`] : []),
  ];
  return { name: 'certify wall time', results, rows, notes };
}

if (import.meta.main) {
  process.exitCode = await runBenchScript({
    usage: USAGE,
    resultsFile: 'certify-wall-time.json',
    parse(argv) {
      const split = argv.indexOf('--');
      const { values } = parseArgs({ args: [...(split === -1 ? argv : argv.slice(0, split))], options: { runs: { type: 'string' } }, strict: true });
      return { runs: wholeNumberOption('runs', values.runs, 1), certifyArgs: split === -1 ? [] : argv.slice(split + 1) };
    },
    measure: ({ runs, certifyArgs }) => measureCertifyWallTime(runs, certifyArgs),
  });
}
