// Wall time of the lifecycle + entry point matrix (issue 5 "CLI and performance": under 60 s on
// 2 cores): the eight lifecycle stories (each logs the user and the admin in on every entry point,
// three times) and the persona × entry point login matrix, in one Playwright run on the default
// workers. Also the machine's busy CPU meanwhile: CPU ÷ cores is the least wall time these cores
// allow, and its share of the wall time says whether the run is CPU-bound (run it on a quiet machine). `--browser both` runs the same
// suites with
// the headless shell and with the full chromium, one after the other, for a same-run ratio.
// Figures, never assertions.
//
//   npx node bench/lifecycleMatrixWallTime.ts [--browser shell|full|both (default shell)] [--workers N]
import { cpus } from 'node:os';
import { machineBusyMs } from './machineCpu.ts';
import { parseArgs } from 'node:util';
import { HEADLESS_SHELL } from '../lib/testing/index.ts';
import { parsePlaywrightResults } from '../reporting/testing/index.ts';
import { runBenchScript, wholeNumberOption } from './benchScript.ts';
import { runPlaywrightForBench } from './playwrightRun.ts';
import { formatMs, formatNumber, type BenchOutcome, type FigureRow } from './report.ts';

export const LIFECYCLE_MATRIX_GOAL_MS = 60_000;
const SUITES = ['suites/lifecycle', 'suites/login/entryPointLogin.spec.ts'];
const BINARIES = { shell: HEADLESS_SHELL, full: '/usr/bin/chromium' } as const;
const USAGE = 'Usage: npx node bench/lifecycleMatrixWallTime.ts [--browser shell|full|both (default shell)] [--workers N]';

type BrowserChoice = keyof typeof BINARIES;

export interface LifecycleMatrixRun {
  readonly browser: BrowserChoice;
  readonly wallMs: number;
  /** Busy CPU of the whole machine during the run (every process of the run, and anything else running). */
  readonly cpuMs: number;
  readonly tests: number;
  readonly failed: number;
}

async function runOnce(browser: BrowserChoice, workers: number | undefined): Promise<LifecycleMatrixRun> {
  const cpuBefore = machineBusyMs();
  const run = await runPlaywrightForBench([...SUITES, ...(workers ? [`--workers=${workers}`] : [])], {
    SSO_HARNESS_CHROMIUM: BINARIES[browser],
  });
  const cpuMs = machineBusyMs() - cpuBefore;
  if (run.report === undefined) throw new Error(`The Playwright run with the ${browser} browser wrote no results (exit ${run.code}).`);
  const outcomes = parsePlaywrightResults(run.report as Parameters<typeof parsePlaywrightResults>[0]);
  const failed = [...outcomes.tests.values()].filter(
    (outcome) => outcome === 'failed' || outcome === 'timedOut' || outcome === 'interrupted',
  ).length;
  return { browser, wallMs: run.wallMs, cpuMs, tests: outcomes.tests.size, failed };
}

export async function measureLifecycleMatrix(
  browsers: readonly BrowserChoice[],
  workers: number | undefined,
): Promise<BenchOutcome<{ runs: LifecycleMatrixRun[] }>> {
  const runs: LifecycleMatrixRun[] = [];
  for (const browser of browsers) runs.push(await runOnce(browser, workers));
  const full = runs.find((run) => run.browser === 'full');
  const cores = cpus().length;
  const rows: FigureRow[] = runs.flatMap((run) => {
    const against = run.browser === 'shell' && full ? full : undefined;
    return [
      {
        bench: 'lifecycle + matrix',
        metric: `${run.browser === 'shell' ? 'headless shell' : 'full chromium'}: wall (${run.tests} tests${run.failed ? `, ${run.failed} not passed` : ''})`,
        value: formatMs(run.wallMs),
        ...(against ? { ratio: `${formatNumber(run.wallMs / against.wallMs)}× full chromium` } : {}),
        goal: `< ${formatMs(LIFECYCLE_MATRIX_GOAL_MS)}`,
        verdict: run.wallMs < LIFECYCLE_MATRIX_GOAL_MS ? 'met' : 'not met',
      },
      {
        bench: 'lifecycle + matrix',
        metric: `${run.browser === 'shell' ? 'headless shell' : 'full chromium'}: machine CPU busy (÷ ${cores} cores; share of the wall time)`,
        value: `${formatMs(run.cpuMs)} (${formatMs(run.cpuMs / cores)}; ${Math.round((100 * run.cpuMs) / cores / run.wallMs)}%)`,
        ...(against ? { ratio: `${formatNumber(run.cpuMs / against.cpuMs)}× full chromium` } : {}),
      },
    ];
  });
  return {
    name: 'lifecycle + matrix wall time',
    results: { runs },
    rows,
    notes: [
      `one Playwright run of ${SUITES.join(' + ')} (json reporter only: no Allure, HTML or certification report), start-up included; machine CPU ÷ cores is the least wall time these cores allow; near 100% of the wall time = CPU-bound. Measure on a quiet machine.`,
    ],
  };
}

if (import.meta.main) {
  process.exitCode = await runBenchScript({
    usage: USAGE,
    parse(argv) {
      const { values } = parseArgs({
        args: [...argv],
        options: { browser: { type: 'string' }, workers: { type: 'string' } },
        strict: true,
      });
      const choice = values.browser ?? 'shell';
      if (choice !== 'shell' && choice !== 'full' && choice !== 'both')
        throw new TypeError(`--browser must be shell, full or both, not "${choice}".`);
      const browsers: BrowserChoice[] = choice === 'both' ? ['shell', 'full'] : [choice];
      return { browsers, workers: values.workers === undefined ? undefined : wholeNumberOption('workers', values.workers, 2) };
    },
    measure: ({ browsers, workers }) => measureLifecycleMatrix(browsers, workers),
  });
}
