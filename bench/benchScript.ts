// The entry point of a benchmark script with options of its own (the suite benchmarks): bad
// options print the message and the usage (exit 2); a benchmark that cannot run says why (exit 1);
// otherwise the table is printed and, when named, the raw results are kept under reports/bench/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderOutcomes, type BenchOutcome } from './report.ts';

const REPORTS_BENCH = join(import.meta.dirname, '..', 'reports', 'bench');

/** A whole-number option: `fallback` when absent, else at least `min` (and at most `max`). */
export function wholeNumberOption(
  name: string,
  value: string | undefined,
  fallback: number,
  bounds: { readonly min: number; readonly max?: number } = { min: 1 },
): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (Number.isInteger(parsed) && parsed >= bounds.min && (bounds.max === undefined || parsed <= bounds.max)) return parsed;
  const range =
    bounds.max === undefined
      ? bounds.min === 1
        ? 'a positive whole number'
        : `a whole number of at least ${bounds.min}`
      : `a whole number from ${bounds.min} to ${bounds.max}`;
  throw new TypeError(`--${name} must be ${range}, not "${value}".`);
}

export interface BenchScript<O, T> {
  readonly usage: string;
  /** Throws (a TypeError, or parseArgs' own error) on bad options. */
  parse(argv: readonly string[]): O;
  measure(options: O): Promise<BenchOutcome<T>>;
  /** File name under reports/bench/ for the raw results, if they are kept. */
  readonly resultsFile?: string;
}

export async function runBenchScript<O, T>(script: BenchScript<O, T>, argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  let options: O;
  try {
    options = script.parse(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${script.usage}\n`);
    return 2;
  }
  try {
    const outcome = await script.measure(options);
    if (script.resultsFile) {
      mkdirSync(REPORTS_BENCH, { recursive: true });
      writeFileSync(join(REPORTS_BENCH, script.resultsFile), `${JSON.stringify(outcome.results, null, 2)}\n`);
    }
    process.stdout.write(`${renderOutcomes([outcome])}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`The benchmark could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
