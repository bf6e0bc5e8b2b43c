// Memory of the mock IdP server after 1,000 and after 10,000 complete logins (SAML and OIDC
// mixed, every one a new browser through the vendor login pages), after forced GC, in a fresh
// process started with --expose-gc. Growth from 1k to 10k should stay within 10%.
import { startBenchChild } from './childProcess.ts';
import { benchMain, MEMORY_BASELINE_LOGINS } from './options.ts';
import type { MemoryCheckpoint, MemoryChildResult } from './memory/child.ts';
import { formatBytes, formatNumber, verdict, type BenchOutcome, type FigureRow } from './report.ts';
import { growthPercent } from './stats.ts';

export const MEMORY_GROWTH_GOAL_PERCENT = 10;
const CHILD_URL = new URL('./memory/child.ts', import.meta.url);

export interface MemoryResults extends MemoryChildResult {
  readonly baseline: MemoryCheckpoint | undefined;
  readonly final: MemoryCheckpoint | undefined;
  readonly rssGrowthPercent: number | undefined;
  readonly heapGrowthPercent: number | undefined;
}

export interface MemoryOptions {
  readonly logins: number;
  readonly maxSeconds: number;
  readonly concurrency: number;
}

export function summarizeMemory(child: MemoryChildResult): MemoryResults {
  const baseline = child.checkpoints.find((c) => c.logins === MEMORY_BASELINE_LOGINS);
  const last = child.checkpoints.at(-1);
  const final = last && baseline && last.logins > baseline.logins ? last : undefined;
  return {
    ...child,
    baseline,
    final,
    rssGrowthPercent: baseline && final ? growthPercent(baseline.rssBytes, final.rssBytes) : undefined,
    heapGrowthPercent: baseline && final ? growthPercent(baseline.heapUsedBytes, final.heapUsedBytes) : undefined,
  };
}

export async function measureIdpMemory(options: MemoryOptions): Promise<BenchOutcome<MemoryResults>> {
  if (!(Number.isInteger(options.logins) && options.logins > MEMORY_BASELINE_LOGINS)) {
    throw new RangeError(
      `logins must be a whole number above ${MEMORY_BASELINE_LOGINS} (growth is measured from the ${MEMORY_BASELINE_LOGINS}-login checkpoint), not ${options.logins}.`,
    );
  }
  const maxMs = options.maxSeconds * 1000;
  const child = startBenchChild<MemoryChildResult>(CHILD_URL, [String(options.logins), String(maxMs), String(options.concurrency)], {
    execArgv: ['--expose-gc'],
    messageTimeoutMs: maxMs + 60_000,
  });
  try {
    const results = summarizeMemory((await child.message).value);
    return { name: 'memory', results, rows: memoryRows(results), notes: memoryNotes(results) };
  } finally {
    await child.stop();
  }
}

export function memoryRows(results: MemoryResults): FigureRow[] {
  const { baseline, final } = results;
  if (!baseline) {
    return [
      {
        bench: 'memory',
        metric: `after ${MEMORY_BASELINE_LOGINS} logins`,
        value: `not reached (${results.checkpoints.at(-1)?.logins ?? 0} logins in the time bound)`,
        verdict: 'n/a',
      },
    ];
  }
  const growth = (value: number | undefined): string => (value === undefined ? 'n/a' : `${value >= 0 ? '+' : ''}${formatNumber(value)}%`);
  const finalLabel = final ? `${formatNumber(final.logins)} logins` : `${formatNumber(results.target)} logins (not reached)`;
  const goal = `≤ ${MEMORY_GROWTH_GOAL_PERCENT}% growth`;
  return [
    {
      bench: 'memory',
      metric: `RSS / heap used after ${formatNumber(baseline.logins)} logins`,
      value: `${formatBytes(baseline.rssBytes)} / ${formatBytes(baseline.heapUsedBytes)}`,
    },
    {
      bench: 'memory',
      metric: `RSS / heap used after ${finalLabel}`,
      value: final ? `${formatBytes(final.rssBytes)} / ${formatBytes(final.heapUsedBytes)}` : 'n/a',
    },
    {
      bench: 'memory',
      metric: `RSS growth ${formatNumber(baseline.logins)} → ${finalLabel}`,
      value: growth(results.rssGrowthPercent),
      goal,
      verdict: verdict(
        results.rssGrowthPercent === undefined || final?.logins !== results.target
          ? undefined
          : results.rssGrowthPercent <= MEMORY_GROWTH_GOAL_PERCENT,
      ),
    },
    {
      bench: 'memory',
      metric: `heap growth ${formatNumber(baseline.logins)} → ${finalLabel}`,
      value: growth(results.heapGrowthPercent),
      goal,
      verdict: verdict(
        results.heapGrowthPercent === undefined || final?.logins !== results.target
          ? undefined
          : results.heapGrowthPercent <= MEMORY_GROWTH_GOAL_PERCENT,
      ),
    },
  ];
}

function memoryNotes(results: MemoryResults): string[] {
  const trend = results.checkpoints
    .map((c) => `${formatNumber(c.logins)}: ${formatNumber(c.heapUsedBytes / 1048576)} MiB heap, ${c.tenantSessions} IdP sessions`)
    .join('; ');
  return [
    `a login is a new browser through the vendor login pages: SAML (IdP-initiated, until the signed response is in the auto-POST form) and OIDC (authorize → login → code → token → userinfo) alternate over all eight personas of one tenant; ${results.concurrency} in flight; server and driver in one process started with --expose-gc, GC forced before each reading.`,
    `trend (logins: heap used, IdP sessions held by the tenant): ${trend}.`,
    ...(results.stoppedBy === 'time'
      ? [
          `the time bound stopped the run at ${formatNumber(results.checkpoints.at(-1)?.logins ?? 0)} of ${formatNumber(results.target)} logins; the verdict needs the full count.`,
        ]
      : []),
  ];
}

if (import.meta.main)
  await benchMain((o) => measureIdpMemory({ logins: o.logins, maxSeconds: o.memorySeconds, concurrency: o.concurrency }));
