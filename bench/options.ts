// Options shared by `bench/run.ts` and each benchmark run on its own (`node bench/idpColdStart.ts
// --runs 5`), and the entry point that turns bad options into a usage message and exit code 2.
import { parseArgs } from 'node:util';
import { renderOutcomes, type BenchOutcome } from './report.ts';

/** Memory growth is measured from this checkpoint (see idpMemory.ts). */
export const MEMORY_BASELINE_LOGINS = 1000;

export interface RunOptions {
  readonly runs: number;
  readonly seconds: number;
  readonly logins: number;
  readonly memorySeconds: number;
  readonly concurrency: number;
}

const USAGE =
  'Usage: node bench/run.ts (or one benchmark, e.g. bench/idpColdStart.ts) [--runs N (cold starts per server, default 10)] [--seconds S (per throughput loop, default 3)] [--logins N (memory, default 10000)] [--memory-seconds S (time bound of the memory run, default 300)] [--concurrency N (flows in flight, default 4)]';

function positive(name: string, value: string | undefined, fallback: number, integer: boolean): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!(Number.isFinite(parsed) && parsed > 0 && (!integer || Number.isInteger(parsed)))) {
    throw new TypeError(`--${name} must be a positive ${integer ? 'whole ' : ''}number, not "${value}".\n${USAGE}`);
  }
  return parsed;
}

function moreThanBaseline(logins: number): number {
  if (logins <= MEMORY_BASELINE_LOGINS)
    throw new TypeError(
      `--logins must be more than ${MEMORY_BASELINE_LOGINS} (memory growth is measured from the ${MEMORY_BASELINE_LOGINS}-login checkpoint), not ${logins}.\n${USAGE}`,
    );
  return logins;
}

export function parseRunOptions(args: string[]): RunOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        runs: { type: 'string' },
        seconds: { type: 'string' },
        logins: { type: 'string' },
        'memory-seconds': { type: 'string' },
        concurrency: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new TypeError(`${(error as Error).message}.\n${USAGE}`, { cause: error });
  }
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? values[name] : undefined);
  return {
    runs: positive('runs', text('runs'), 10, true),
    seconds: positive('seconds', text('seconds'), 3, false),
    logins: moreThanBaseline(positive('logins', text('logins'), 10_000, true)),
    memorySeconds: positive('memory-seconds', text('memory-seconds'), 300, false),
    concurrency: positive('concurrency', text('concurrency'), 4, true),
  };
}

/** Entry point of a benchmark run on its own: parse options, measure, print the table. */
export async function benchMain(measure: (options: RunOptions) => Promise<BenchOutcome<unknown>>): Promise<void> {
  let options: RunOptions;
  try {
    options = parseRunOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    console.log(renderOutcomes([await measure(options)]));
  } catch (error) {
    process.stderr.write(`The benchmark could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
