// What a browser step costs the machine, for each Chromium binary the suites could drive: Debian's
// full `chromium` in headless mode and `chromium-headless-shell` (what headless runs use, see
// playwright.config.ts). A lifecycle test opens about ten browser contexts and loads some three
// hundred documents, so these per-step costs decide how many lifecycles two cores run in a minute.
// CPU is read from /proc for every process of the browser (Linux), wall time around each step.
// Figures, never assertions; the ratio is measured in the same run.
//
//   npx node bench/browserCost.ts [--rounds N (default 10)]
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS } from '../lib/index.ts';
import { HEADLESS_SHELL, processTable } from '../lib/testing/index.ts';
import { startEmbeddedPortal } from '../portal/index.ts';
import { runBenchScript, wholeNumberOption } from './benchScript.ts';
import { formatMs, formatNumber, type BenchOutcome, type FigureRow } from './report.ts';

const FULL_CHROMIUM = '/usr/bin/chromium';
const USAGE = 'Usage: npx node bench/browserCost.ts [--rounds N (default 10)]';
const CLOCK_TICKS_PER_SECOND = 100;

export interface StepCost {
  /** CPU of every browser process (ms per step). */
  readonly cpuMs: number;
  readonly wallMs: number;
}

export interface BrowserCostResults {
  readonly rounds: number;
  readonly binaries: Readonly<Record<string, { readonly newContext: StepCost; readonly pageLoad: StepCost }>>;
}

/** CPU time (ms) of the processes below `root` (not `root` itself), including their reaped children. */
function browserCpuMs(root: number): number {
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const { pid, ppid, fields } of processTable()) {
    parent.set(pid, ppid);
    // utime, stime, cutime, cstime: a renderer that exited is counted in its parent's cutime.
    cpu.set(
      pid,
      ([11, 12, 13, 14] as const).reduce((sum, index) => sum + Number(fields[index]), 0),
    );
  }
  let ticks = 0;
  for (const [pid, own] of cpu) {
    if (pid === root) continue;
    for (let at: number | undefined = pid; at !== undefined && at > 1; at = parent.get(at)) {
      if (at === root) {
        ticks += own;
        break;
      }
    }
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

async function costOf(rootPid: number, rounds: number, step: () => Promise<void>): Promise<StepCost> {
  await step(); // warm-up
  const cpuBefore = browserCpuMs(rootPid);
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) await step();
  return { cpuMs: (browserCpuMs(rootPid) - cpuBefore) / rounds, wallMs: (performance.now() - started) / rounds };
}

async function measureBinary(
  executablePath: string,
  loginUrl: string,
  rounds: number,
): Promise<{ newContext: StepCost; pageLoad: StepCost }> {
  // The browser is this process's child: its CPU is that of our descendants (not our own).
  const browser: Browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const rootPid = process.pid;
  try {
    const newContext = await costOf(rootPid, rounds, async () => {
      const context = await browser.newContext();
      await (await context.newPage()).goto(loginUrl);
      await context.close();
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    const pageLoad = await costOf(rootPid, rounds * 2, async () => {
      await page.goto(loginUrl);
    });
    await context.close();
    return { newContext, pageLoad };
  } finally {
    await browser.close();
  }
}

/** What a new context and a page load cost each of `binaries`, against the reference portal's login page. */
export async function browserStepCosts(
  binaries: readonly string[],
  rounds: number,
): Promise<Record<string, { newContext: StepCost; pageLoad: StepCost }>> {
  const portal = await startEmbeddedPortal({ log: () => undefined });
  const results: Record<string, { newContext: StepCost; pageLoad: StepCost }> = {};
  try {
    for (const binary of binaries) results[binary] = await measureBinary(binary, `${portal.url}/login`, rounds);
  } finally {
    await portal.close();
  }
  return results;
}

export async function measureBrowserCost(rounds: number): Promise<BenchOutcome<BrowserCostResults>> {
  const binaries = [FULL_CHROMIUM, HEADLESS_SHELL].filter((path) => existsSync(path));
  if (binaries.length === 0) throw new Error(`Neither ${FULL_CHROMIUM} nor ${HEADLESS_SHELL} exists: run bash scripts/setup.sh.`);
  const results = await browserStepCosts(binaries, rounds);
  const full = results[FULL_CHROMIUM];
  const ratio = (shell: number, against: number | undefined): string | undefined =>
    against ? `${formatNumber(shell / against)}× full chromium` : undefined;
  const rows: FigureRow[] = Object.entries(results).flatMap(([binary, cost]) => {
    const name = binary === HEADLESS_SHELL ? 'headless shell' : 'full chromium';
    const isShell = binary === HEADLESS_SHELL;
    return [
      {
        bench: 'browser cost',
        metric: `${name}: new context + page + load + close (CPU)`,
        value: formatMs(cost.newContext.cpuMs),
        ...(isShell ? { ratio: ratio(cost.newContext.cpuMs, full?.newContext.cpuMs) } : {}),
      },
      { bench: 'browser cost', metric: `${name}: new context … (wall)`, value: formatMs(cost.newContext.wallMs) },
      {
        bench: 'browser cost',
        metric: `${name}: page load, same tab (CPU)`,
        value: formatMs(cost.pageLoad.cpuMs),
        ...(isShell ? { ratio: ratio(cost.pageLoad.cpuMs, full?.pageLoad.cpuMs) } : {}),
      },
      { bench: 'browser cost', metric: `${name}: page load, same tab (wall)`, value: formatMs(cost.pageLoad.wallMs) },
    ];
  });
  return {
    name: 'browser cost',
    results: { rounds, binaries: results },
    rows,
    notes: [
      `CPU of every process of the browser (from /proc), per step, over ${rounds} rounds (page loads: ${rounds * 2}); the page is the reference portal's login page on loopback.`,
    ],
  };
}

if (import.meta.main) {
  process.exitCode = await runBenchScript({
    usage: USAGE,
    parse(argv) {
      const { values } = parseArgs({ args: [...argv], options: { rounds: { type: 'string' } }, strict: true });
      return wholeNumberOption('rounds', values.rounds, 10);
    },
    measure: measureBrowserCost,
  });
}
