// `npm test` several times in a row while every core of the machine is kept busy: the flake check
// of a loaded CI runner. One busy-loop process per core (started here, each in its own process
// group, and stopped here whatever happens: the runs end, fail or are interrupted), then
// `node scripts/test.ts` (what `npm test` runs after its set-up) N times, each run's count line
// kept. Writes reports/under-load.json.
//
//   npm run test:under-load [-- --runs N (default 3)] [--busy-per-core K (default 1)]
//
// Exit code: 0 every run passed, 1 a run failed, 2 bad options, 130/143 interrupted.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runNodeScript, exitCodeOf, onStop } from '../cli/testing/index.ts';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'reports', 'under-load');
const USAGE = 'Usage: npm run test:under-load -- [--runs N (default 3)] [--busy-per-core K (default 1)]';

interface RunRecord {
  readonly run: number;
  readonly exitCode: number;
  readonly wallSeconds: number;
  readonly countLine: string;
  readonly loadAverage1m: number;
}

function wholeNumber(value: string | undefined, fallback: number, flag: string, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new TypeError(`${flag} must be a whole number of at least ${min}, not "${value}".`);
  return n;
}

/** One process per core spinning in a loop; stopped by `stop()` (SIGKILL to each one's group). */
function startBusyLoops(count: number): { readonly pids: readonly number[]; stop(): void } {
  const children: ChildProcess[] = Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore', detached: true }),
  );
  return {
    pids: children.flatMap((child) => (child.pid === undefined ? [] : [child.pid])),
    stop() {
      for (const child of children) {
        if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) continue;
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Gone already.
        }
      }
    },
  };
}

function countLine(): string {
  try {
    return (
      readFileSync(join(ROOT, 'reports', 'test-summary.txt'), 'utf8')
        .trim()
        .split('\n')
        .at(-1) ?? ''
    );
  } catch {
    return '(no count line: the run stopped before counting)';
  }
}

async function main(): Promise<number> {
  let runs: number;
  let perCore: number;
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: { runs: { type: 'string' }, 'busy-per-core': { type: 'string' } },
      strict: true,
    });
    runs = wholeNumber(values.runs, 3, '--runs', 1);
    perCore = wholeNumber(values['busy-per-core'], 1, '--busy-per-core', 1);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const cores = availableParallelism();
  const busy = startBusyLoops(cores * perCore);
  // The busy loops go whatever ends this process: the runs, a failure here, or a stop signal.
  process.once('exit', () => busy.stop());
  const stopListener = onStop(() => busy.stop());
  mkdirSync(OUT, { recursive: true });
  const records: RunRecord[] = [];
  try {
    process.stdout.write(
      `Under load: ${busy.pids.length} busy-loop process(es) on ${cores} core(s) (pids ${busy.pids.join(', ')}), then ${runs} run(s) of the test suite.\n`,
    );
    for (let run = 1; run <= runs; run += 1) {
      process.stdout.write(`\n=== Run ${run} of ${runs} under load\n`);
      const result = await runNodeScript(join(ROOT, 'scripts', 'test.ts'), [], { cwd: ROOT });
      records.push({
        run,
        exitCode: result.code,
        wallSeconds: Math.round(result.ms / 1000),
        countLine: countLine(),
        loadAverage1m: Number(loadavg()[0]?.toFixed(2)),
      });
      try {
        copyFileSync(join(ROOT, 'reports', 'test-summary.json'), join(OUT, `run-${run}.test-summary.json`));
      } catch {
        // No summary: the count line above says so.
      }
      if (result.interrupted) {
        process.stderr.write(`INTERRUPTED (${result.interrupted}) in run ${run}: the runs under load prove nothing.\n`);
        return exitCodeOf(result.interrupted);
      }
    }
  } finally {
    busy.stop();
    stopListener();
    writeFileSync(join(OUT, 'under-load.json'), `${JSON.stringify({ cores, busyLoops: busy.pids.length, runs: records }, null, 2)}\n`);
  }
  process.stdout.write(`\nUnder load (${busy.pids.length} busy loop(s) on ${cores} core(s)):\n`);
  for (const r of records)
    process.stdout.write(`  run ${r.run}: exit ${r.exitCode}, ${r.wallSeconds} s, load average ${r.loadAverage1m}: ${r.countLine}\n`);
  const failedRuns = records.filter((r) => r.exitCode !== 0).length;
  process.stdout.write(
    failedRuns === 0 ? `All ${runs} run(s) passed under load.\n` : `${failedRuns} of ${runs} run(s) FAILED under load.\n`,
  );
  return failedRuns === 0 ? 0 : 1;
}

process.exitCode = await main();
