// Wall time of the conformance matrix on this machine (issue 6 "Reports and speed": at least 200
// scenarios, the full matrix including start-up under 60 s on 2 cores). Each run is
// `playwright test suites/conformance suites/security --workers=2` in a fresh process, timed from
// spawn to exit (start-up of the portal and IdPs per worker, every matrix account, every scenario).
// Only the JSON reporter runs, into a scratch directory: the figure is the matrix itself; the
// certification's reporters are measured by bench/certifyWallTime.ts. A figure, never an assertion
// (shared machines): the load average before and after each run is printed beside it, and so is
// the CPU time the run used (all its processes), whose share per core is what the wall time would
// be on an otherwise idle machine with perfect parallelism — a lower bound, measured in the same run.
//
//   npx node bench/conformanceWallTime.ts [--runs N (default 1)] [--workers N (default 2)]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { catalogScenarios, securityCheckScenarios, signatureScenarios } from '../suites/index.ts';
import { runBenchScript, wholeNumberOption } from './benchScript.ts';
import { runPlaywrightForBench } from './playwrightRun.ts';
import { formatMs, formatNumber, verdict, type BenchOutcome, type FigureRow } from './report.ts';
import { summarize, type Summary } from './stats.ts';

export const MATRIX_GOAL_MS = 60_000;
export const MATRIX_MIN_SCENARIOS = 200;
const USAGE = 'Usage: npx node bench/conformanceWallTime.ts [--runs N (default 1)] [--workers N (default 2)]';

export interface MatrixRun {
  readonly wallMs: number;
  /** User + system CPU time of the run's processes (Linux /proc; NaN elsewhere). */
  readonly cpuMs: number;
  readonly playwrightMs: number;
  readonly expected: number;
  readonly unexpected: number;
  readonly loadBefore: number;
  readonly loadAfter: number;
}

export interface ConformanceWallTimeResults {
  readonly runs: readonly MatrixRun[];
  readonly workers: number;
  readonly scenarios: number;
  readonly wallMs: Summary;
  readonly cpuMs: Summary;
}

interface JsonStats {
  readonly stats?: { readonly duration?: number; readonly expected?: number; readonly unexpected?: number };
}

/** CPU time of this process's reaped children (cutime + cstime of /proc/self/stat), in ms. */
export function childrenCpuMs(stat: string | undefined = readProcStat()): number {
  if (stat === undefined) return Number.NaN;
  // Fields after the parenthesised command name; cutime and cstime are fields 16 and 17 (proc(5)).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[13]) + Number(fields[14]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** USER_HZ on Linux (getconf CLK_TCK), the unit of /proc's CPU times. */
const CLOCK_TICKS_PER_SECOND = 100;

function readProcStat(): string | undefined {
  try {
    return readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return undefined;
  }
}

async function runMatrixOnce(workers: number): Promise<MatrixRun> {
  const loadBefore = loadavg()[0] ?? 0;
  const cpuBefore = childrenCpuMs();
  const run = await runPlaywrightForBench(['suites/conformance', 'suites/security', `--workers=${workers}`], {
    SSO_HARNESS_TARGET: 'embedded',
    SSO_HARNESS_PORTAL_DEFECTS: '',
  });
  const cpuMs = childrenCpuMs() - cpuBefore;
  if (run.report === undefined) throw new Error(`the matrix run wrote no results (Playwright exited ${run.code}).`);
  const stats = (run.report as JsonStats).stats;
  return {
    wallMs: run.wallMs,
    cpuMs,
    playwrightMs: stats?.duration ?? Number.NaN,
    expected: stats?.expected ?? 0,
    unexpected: stats?.unexpected ?? 0,
    loadBefore,
    loadAfter: loadavg()[0] ?? 0,
  };
}

export async function measureConformanceWallTime(runs: number, workers: number): Promise<BenchOutcome<ConformanceWallTimeResults>> {
  const scenarios = catalogScenarios().length + signatureScenarios().length + securityCheckScenarios().length;
  const measured: MatrixRun[] = [];
  for (let run = 0; run < runs; run += 1) measured.push(await runMatrixOnce(workers));
  const results: ConformanceWallTimeResults = {
    runs: measured,
    workers,
    scenarios,
    wallMs: summarize(measured.map((run) => run.wallMs)),
    cpuMs: summarize(measured.map((run) => run.cpuMs)),
  };
  const failed = measured.reduce((sum, run) => sum + run.unexpected, 0);
  const rows: FigureRow[] = [
    {
      bench: 'conformance matrix',
      metric: 'scenarios',
      value: formatNumber(scenarios),
      goal: `≥ ${MATRIX_MIN_SCENARIOS}`,
      verdict: verdict(scenarios >= MATRIX_MIN_SCENARIOS),
    },
    {
      bench: 'conformance matrix',
      metric: `wall time incl. start-up, ${workers} workers (median of ${runs})`,
      value: formatMs(results.wallMs.median),
      goal: `< ${formatMs(MATRIX_GOAL_MS)}`,
      verdict: verdict(results.wallMs.median < MATRIX_GOAL_MS),
    },
    { bench: 'conformance matrix', metric: 'min / max', value: `${formatMs(results.wallMs.min)} / ${formatMs(results.wallMs.max)}` },
    { bench: 'conformance matrix', metric: 'per scenario (median wall ÷ scenarios)', value: formatMs(results.wallMs.median / scenarios) },
    {
      bench: 'conformance matrix',
      metric: `CPU time of the run (median), and ÷ ${workers} cores`,
      value: `${formatMs(results.cpuMs.median)} → ${formatMs(results.cpuMs.median / workers)}`,
      ratio: `${formatNumber(results.cpuMs.median / workers / results.wallMs.median)}× the wall time`,
      goal: `< ${formatMs(MATRIX_GOAL_MS)} (idle machine)`,
      verdict: verdict(Number.isNaN(results.cpuMs.median) ? undefined : results.cpuMs.median / workers < MATRIX_GOAL_MS),
    },
    {
      bench: 'conformance matrix',
      metric: 'load average (1 min) before → after, per run',
      value: measured.map((run) => `${run.loadBefore.toFixed(1)} → ${run.loadAfter.toFixed(1)}`).join('; '),
    },
  ];
  const notes = [
    'each run: `playwright test suites/conformance suites/security` in a fresh process, JSON reporter only (the certification reporters are in bench/certifyWallTime.ts).',
    'a load average above the core count means other processes shared the CPU: the wall time is then an upper bound.',
    ...(failed > 0 ? [`${failed} test(s) failed: the time still counts, but run the matrix to see why.`] : []),
  ];
  return { name: 'conformance matrix wall time', results, rows, notes };
}

if (import.meta.main) {
  process.exitCode = await runBenchScript({
    usage: USAGE,
    resultsFile: 'conformance-wall-time.json',
    parse(argv) {
      const { values } = parseArgs({ args: [...argv], options: { runs: { type: 'string' }, workers: { type: 'string' } }, strict: true });
      return {
        runs: wholeNumberOption('runs', values.runs, 1),
        workers: wholeNumberOption('workers', values.workers, 2, { min: 1, max: 16 }),
      };
    },
    measure: ({ runs, workers }) => measureConformanceWallTime(runs, workers),
  });
}
