// Wall time of the lifecycle + entry point matrix (issue 5 "CLI and performance": under 60 s on
// 2 cores): the eight lifecycle stories (each logs the user and the admin in on every entry point,
// three times) and the persona × entry point login matrix, in one Playwright run on the default
// workers. Also the CPU those runs cost (every process: runner, workers, browsers), because on two
// shared cores CPU ÷ 2 is the floor of the wall time. `--browser both` runs the same suites with
// the headless shell and with the full chromium, one after the other, for a same-run ratio.
// Figures, never assertions.
//
//   npx node bench/lifecycleMatrixWallTime.ts [--browser shell|full|both (default shell)] [--workers N]
import { readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runNodeScript } from '../cli/certify/childRun.ts';
import { HEADLESS_SHELL } from '../playwright.config.ts';
import { readPlaywrightResults } from '../suites/reporting/playwrightResults.ts';
import { formatMs, formatNumber, renderOutcomes, type BenchOutcome, type FigureRow } from './report.ts';

export const LIFECYCLE_MATRIX_GOAL_MS = 60_000;
const ROOT = join(import.meta.dirname, '..');
const PLAYWRIGHT_CLI = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const SUITES = ['suites/lifecycle', 'suites/login/entryPointLogin.spec.ts'];
const BINARIES = { shell: HEADLESS_SHELL, full: '/usr/bin/chromium' } as const;
const USAGE = 'Usage: npx node bench/lifecycleMatrixWallTime.ts [--browser shell|full|both (default shell)] [--workers N]';

type BrowserChoice = keyof typeof BINARIES;

export interface LifecycleMatrixRun {
  readonly browser: BrowserChoice;
  readonly wallMs: number;
  /** CPU of every process of the run (user + system), from the children's accounting. */
  readonly cpuMs: number;
  readonly tests: number;
  readonly failed: number;
}

/** User + system CPU (ms) of this process's children that have exited (Linux /proc/self/stat). */
function reapedChildrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
}

async function runOnce(browser: BrowserChoice, workers: number | undefined): Promise<LifecycleMatrixRun> {
  const output = join(tmpdir(), `sso-harness-bench-lifecycle-${process.pid}-${browser}.json`);
  const cpuBefore = reapedChildrenCpuMs();
  const result = await runNodeScript(PLAYWRIGHT_CLI, ['test', ...SUITES, '--reporter=json', ...(workers ? [`--workers=${workers}`] : [])], {
    cwd: ROOT,
    quiet: true,
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: output, SSO_HARNESS_CHROMIUM: BINARIES[browser] },
  });
  const cpuMs = reapedChildrenCpuMs() - cpuBefore;
  const outcomes = readPlaywrightResults(output);
  if (!outcomes) throw new Error(`The Playwright run with the ${browser} browser wrote no results (exit ${result.code}).`);
  const failed = [...outcomes.tests.values()].filter((outcome) => outcome === 'failed' || outcome === 'timedOut' || outcome === 'interrupted').length;
  return { browser, wallMs: result.ms, cpuMs, tests: outcomes.tests.size, failed };
}

export async function measureLifecycleMatrix(browsers: readonly BrowserChoice[], workers: number | undefined): Promise<BenchOutcome<{ runs: LifecycleMatrixRun[] }>> {
  const runs: LifecycleMatrixRun[] = [];
  for (const browser of browsers) runs.push(await runOnce(browser, workers));
  const full = runs.find((run) => run.browser === 'full');
  const cores = cpus().length;
  const rows: FigureRow[] = runs.flatMap((run) => {
    const against = run.browser === 'shell' && full ? full : undefined;
    return [
      {
        bench: 'lifecycle + matrix', metric: `${run.browser === 'shell' ? 'headless shell' : 'full chromium'}: wall (${run.tests} tests${run.failed ? `, ${run.failed} not passed` : ''})`,
        value: formatMs(run.wallMs), ...(against ? { ratio: `${formatNumber(run.wallMs / against.wallMs)}× full chromium` } : {}),
        goal: `< ${formatMs(LIFECYCLE_MATRIX_GOAL_MS)}`, verdict: run.wallMs < LIFECYCLE_MATRIX_GOAL_MS ? 'met' : 'not met',
      },
      {
        bench: 'lifecycle + matrix', metric: `${run.browser === 'shell' ? 'headless shell' : 'full chromium'}: CPU, all processes (÷ ${cores} cores)`,
        value: `${formatMs(run.cpuMs)} (${formatMs(run.cpuMs / cores)})`, ...(against ? { ratio: `${formatNumber(run.cpuMs / against.cpuMs)}× full chromium` } : {}),
      },
    ];
  });
  return {
    name: 'lifecycle + matrix wall time',
    results: { runs },
    rows,
    notes: [`one Playwright run of ${SUITES.join(' + ')} (json reporter only: no Allure, HTML or certification report), start-up included; CPU ÷ cores is the least wall time these cores allow.`],
  };
}

async function main(): Promise<number> {
  let browsers: BrowserChoice[];
  let workers: number | undefined;
  try {
    const { values } = parseArgs({ args: process.argv.slice(2), options: { browser: { type: 'string' }, workers: { type: 'string' } }, strict: true });
    const choice = values.browser ?? 'shell';
    if (choice !== 'shell' && choice !== 'full' && choice !== 'both') throw new TypeError(`--browser must be shell, full or both, not "${choice}".`);
    browsers = choice === 'both' ? ['shell', 'full'] : [choice];
    workers = values.workers === undefined ? undefined : Number(values.workers);
    if (workers !== undefined && (!Number.isInteger(workers) || workers < 1)) throw new TypeError(`--workers must be a positive whole number, not "${values.workers}".`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  try {
    console.log(renderOutcomes([await measureLifecycleMatrix(browsers, workers)]));
    return 0;
  } catch (error) {
    process.stderr.write(`The benchmark could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (import.meta.main) process.exitCode = await main();
