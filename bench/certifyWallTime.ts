// Wall time of a certification on this machine, against issue 15's goals on 2 cores:
//   per customer — one vendor × protocol, every entry point: the lifecycle story and that
//                  persona's scenarios (`certify --ci --vendors okta --protocols saml`), ≤ 15 s;
//   full         — everything (`certify --ci`), ≤ 60 s.
// Each run is `sso-harness certify --ci …` in a fresh process, timed from spawn to exit, as a person
// running `npm start` waits for it; the Playwright share comes from its JSON report, the machine's
// busy CPU from /proc/stat (÷ cores = the least wall time the cores allow), the load average before
// and after. A figure, never an assertion (shared machines): run it on a quiet machine.
//
//   npx node bench/certifyWallTime.ts [--scope per-customer|full|both (default both)] [--runs N (default 1)] [-- <certify options>]
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runNodeScript } from '../cli/testing/index.ts';
import { readPlaywrightResults } from '../reporting/testing/index.ts';
import { runBenchScript, wholeNumberOption } from './benchScript.ts';
import { loadAverage, machineBusyMs } from './machineCpu.ts';
import { formatMs, verdict, type BenchOutcome, type FigureRow } from './report.ts';
import { summarize, type Summary } from './stats.ts';

const ROOT = join(import.meta.dirname, '..');
const USAGE =
  'Usage: npx node bench/certifyWallTime.ts [--scope per-customer|full|both (default both)] [--runs N (default 1)] [-- <sso-harness certify options>]';

export const SCOPES = {
  'per-customer': {
    args: ['--vendors', 'okta', '--protocols', 'saml'],
    goalMs: 15_000,
    title: 'per customer (okta · SAML, every entry point)',
  },
  full: { args: [], goalMs: 60_000, title: 'full certification' },
} as const;
export type Scope = keyof typeof SCOPES;

export interface ScopeResults {
  readonly scope: Scope;
  readonly certifyArgs: readonly string[];
  readonly wallMs: Summary;
  readonly playwrightMs: Summary;
  readonly cpuMs: Summary;
  readonly tests: number;
  readonly exitCodes: readonly number[];
  readonly load: readonly string[];
}

async function measureScope(scope: Scope, runs: number, extraArgs: readonly string[]): Promise<ScopeResults> {
  const certifyArgs = [...SCOPES[scope].args, ...extraArgs];
  const wall: number[] = [];
  const playwright: number[] = [];
  const cpu: number[] = [];
  const exitCodes: number[] = [];
  const load: string[] = [];
  let tests = 0;
  for (let run = 0; run < runs; run += 1) {
    const loadBefore = loadAverage();
    const cpuBefore = machineBusyMs();
    const result = await runNodeScript(join(ROOT, 'bin', 'sso-harness.js'), ['certify', '--ci', ...certifyArgs], {
      cwd: ROOT,
      output: 'quiet',
    });
    if (result.interrupted) throw new Error(`certify run ${run + 1} (${scope}) was interrupted (${result.interrupted}): no figures.`);
    cpu.push(machineBusyMs() - cpuBefore);
    load.push(`${loadBefore} → ${loadAverage()}`);
    const outcomes = readPlaywrightResults(join(ROOT, 'reports', 'playwright', 'results.json'));
    if (!outcomes)
      throw new Error(
        `certify run ${run + 1} (${scope}) wrote no Playwright results (exit ${result.code}): it did not get to run the tests.`,
      );
    wall.push(result.ms);
    playwright.push(outcomes.durationMs);
    exitCodes.push(result.code);
    tests = outcomes.tests.size;
  }
  return {
    scope,
    certifyArgs,
    wallMs: summarize(wall),
    playwrightMs: summarize(playwright),
    cpuMs: summarize(cpu),
    tests,
    exitCodes,
    load,
  };
}

export async function measureCertifyWallTime(
  scopes: readonly Scope[],
  runs: number,
  extraArgs: readonly string[],
): Promise<BenchOutcome<{ readonly cores: number; readonly scopes: ScopeResults[] }>> {
  const cores = cpus().length;
  const results: ScopeResults[] = [];
  for (const scope of scopes) results.push(await measureScope(scope, runs, extraArgs));
  const rows: FigureRow[] = results.flatMap((result) => {
    const { goalMs } = SCOPES[result.scope];
    // Extra certify options (e.g. --entry web) change the scope: the title says so.
    const title = extraArgs.length === 0 ? SCOPES[result.scope].title : `${SCOPES[result.scope].title}, with ${extraArgs.join(' ')}`;
    const floor = result.cpuMs.median / cores;
    return [
      {
        bench: `certify: ${title}`,
        metric: `wall, median of ${runs} (${result.tests} tests)`,
        value: formatMs(result.wallMs.median),
        goal: `≤ ${formatMs(goalMs)}`,
        verdict: verdict(result.wallMs.median <= goalMs),
      },
      { bench: `certify: ${title}`, metric: 'of which Playwright (median)', value: formatMs(result.playwrightMs.median) },
      {
        bench: `certify: ${title}`,
        metric: `machine CPU busy ÷ ${cores} cores (wall ÷ that floor)`,
        value: `${formatMs(floor)} (${(result.wallMs.median / floor).toFixed(2)}×)`,
      },
      { bench: `certify: ${title}`, metric: 'load average (1 min) before → after each run', value: result.load.join('; ') },
    ];
  });
  const notes = [
    ...results.map(
      (result) =>
        `${result.scope}: \`sso-harness certify --ci ${result.certifyArgs.join(' ')}\` — start-up, every suite, the Allure report and the secrets scan.`,
    ),
    'machine CPU ÷ cores is the least wall time these cores allow: a wall ÷ floor near 1× is CPU-bound (only less work helps), well above 1× is waiting (more parallelism helps).',
    ...(results.some((result) => result.exitCodes.some((code) => code !== 0))
      ? [
          `exit codes ${results.map((result) => `${result.scope}: ${result.exitCodes.join(', ')}`).join('; ')}: a run that is not certified still counts for the time, but look at reports/certification.md.`,
        ]
      : []),
  ];
  return { name: 'certify wall time', results: { cores, scopes: results }, rows, notes };
}

if (import.meta.main) {
  process.exitCode = await runBenchScript({
    usage: USAGE,
    resultsFile: 'certify-wall-time.json',
    parse(argv) {
      const split = argv.indexOf('--');
      const { values } = parseArgs({
        args: [...(split === -1 ? argv : argv.slice(0, split))],
        options: { runs: { type: 'string' }, scope: { type: 'string' } },
        strict: true,
      });
      const scope = values.scope ?? 'both';
      if (scope !== 'both' && !Object.hasOwn(SCOPES, scope))
        throw new TypeError(`--scope must be per-customer, full or both, not "${scope}".`);
      return {
        runs: wholeNumberOption('runs', values.runs, 1),
        scopes: scope === 'both' ? (Object.keys(SCOPES) as Scope[]) : [scope as Scope],
        extraArgs: split === -1 ? [] : argv.slice(split + 1),
      };
    },
    measure: ({ runs, scopes, extraArgs }) => measureCertifyWallTime(scopes, runs, extraArgs),
  });
}
