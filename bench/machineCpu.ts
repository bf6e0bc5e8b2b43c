// Busy CPU of the whole machine, for the suite benchmarks: CPU ÷ cores is the least wall time the
// cores allow, and its share of the wall time says whether a run is CPU-bound.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/**
 * Busy CPU time of the whole machine so far (ms; Linux /proc/stat, all cores): everything but idle
 * and I/O wait. Browser processes that Playwright kills at the end are never reaped into anyone's
 * children accounting (measured: up to 40% of the run's CPU went missing that way), so the run's CPU is
 * read machine-wide instead, which on a shared machine also counts whatever else ran meanwhile.
 */
export function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('cpu '));
  const ticks = (line ?? '').trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = ticks;
  return ((user + nice + system + irq + softirq + steal) * 1000) / 100;
}

/** The 1-minute load average, for the "state the machine's load" note of every suite benchmark. */
export const loadAverage = (): string => loadavg()[0]!.toFixed(1);
