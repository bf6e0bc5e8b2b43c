// `npm test`: typecheck, lint, vitest (library tests beside the code), Playwright (suites/) and the
// end-to-end certifications (a foreign portal; a sharded run merged),
// all run even when one fails; then one closing line `N passed, N failed[, N skipped]` that
// counts every test that ran plus the typecheck and lint checks. Exit 1 on any failure.
// A stop signal (SIGINT, SIGTERM, SIGHUP) stops the running step and everything it started (each
// step leads its own process group), runs no further step, and ends 130/143 with a count line
// that says so: an interrupted run never claims success.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runNodeScript, exitCodeOf, stopSignal, watchStopSignals } from '../cli/testing/index.ts';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
interface StepResult extends Tally {
  step: string;
  note: string;
}

const root = join(import.meta.dirname, '..');
const reports = join(root, 'reports');
const bin = (name: string): string => join(root, 'node_modules', '.bin', name);

/** Run a Node script (every step is one: the tools' bins are JavaScript) with this Node; its exit code. */
async function run(script: string, args: string[]): Promise<number> {
  process.stdout.write(`\n▶ ${[script.replace(`${root}/`, ''), ...args].join(' ')}\n`);
  return (await runNodeScript(script, args, { cwd: root })).code;
}

function readJson(path: string): unknown {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

async function check(step: string, script: string, args: string[]): Promise<StepResult> {
  const ok = (await run(script, args)) === 0;
  return { step, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, note: ok ? 'ok' : 'FAILED' };
}

async function lint(): Promise<StepResult> {
  const eslint = await check('lint', bin('eslint'), ['.', '--max-warnings', '0']);
  const prettier = await check('lint', bin('prettier'), ['--check', '.', '--log-level', 'warn']);
  return eslint.failed ? eslint : prettier;
}

async function vitest(): Promise<StepResult> {
  const out = join(reports, 'vitest', 'results.json');
  rmSync(out, { force: true });
  const status = await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  const json = readJson(out) as
    | { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; numFailedTestSuites: number }
    | undefined;
  if (!json) return { step: 'vitest', passed: 0, failed: 1, skipped: 0, note: `did not run (exit ${status})` };
  // A test file that fails to load counts as a failure even though it holds no counted test.
  const failed = json.numFailedTests + (status !== 0 && json.numFailedTests === 0 ? Math.max(1, json.numFailedTestSuites) : 0);
  return {
    step: 'vitest',
    passed: json.numPassedTests,
    failed,
    skipped: json.numPendingTests + json.numTodoTests,
    note: status === 0 ? 'ok' : 'FAILED',
  };
}

async function playwright(): Promise<StepResult> {
  const out = join(reports, 'playwright', 'results.json');
  rmSync(out, { force: true });
  const status = await run(bin('playwright'), ['test']);
  const json = readJson(out) as
    { stats?: { expected: number; unexpected: number; flaky: number; skipped: number }; errors?: unknown[] } | undefined;
  if (!json?.stats) return { step: 'playwright', passed: 0, failed: 1, skipped: 0, note: `did not run (exit ${status})` };
  const { expected, unexpected, flaky, skipped } = json.stats;
  // No retries are configured, so "flaky" cannot happen; if it ever does, it is a failure.
  const failed = unexpected + flaky + (status !== 0 && unexpected + flaky === 0 ? 1 : 0);
  return { step: 'playwright', passed: expected, failed, skipped, note: status === 0 ? 'ok' : 'FAILED' };
}

const STEPS: readonly (readonly [string, () => Promise<StepResult>])[] = [
  ['typecheck', () => check('typecheck', bin('tsc'), ['--noEmit', '-p', '.'])],
  // Lint is ESLint's rules and Prettier's layout (.prettierrc.json): one check, so a long line fails it like an unused variable.
  ['lint', async () => lint()],
  ['vitest', vitest],
  ['playwright', playwright],
  // A portal the suites have never seen (the reference portal's foreign skin, a separate process,
  // provisioned over HTTP only), certified whole through its target file: after the suites, with
  // reports of its own (reports/foreign/), so that it never touches theirs.
  ['foreign e2e', () => check('foreign e2e', join(root, 'scripts', 'foreignTargetE2e.ts'), [])],
  // One persona certified as 2 shards and merged (reports/sharded/): the merged reports hold every
  // listed test once and certify, and a merge with a shard missing is refused.
  ['sharded e2e', () => check('sharded e2e', join(root, 'scripts', 'shardedCertifyE2e.ts'), [])],
];

watchStopSignals();
mkdirSync(reports, { recursive: true });
rmSync(join(reports, 'test-summary.txt'), { force: true });
const results: StepResult[] = [];
for (const [step, runStep] of STEPS) {
  if (stopSignal() !== undefined) {
    results.push({ step, passed: 0, failed: 0, skipped: 0, note: 'not run (interrupted)' });
    continue;
  }
  const result = await runStep();
  const interrupted = stopSignal();
  // A step stopped by the signal counts as failed whatever it reported.
  results.push(
    interrupted === undefined ? result : { ...result, failed: Math.max(result.failed, 1), note: `INTERRUPTED (${interrupted})` },
  );
}

const total = results.reduce<Tally>(
  (sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
const line = `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`;
writeFileSync(join(reports, 'test-summary.json'), JSON.stringify({ ...total, steps: results }, null, 2));
writeFileSync(join(reports, 'test-summary.txt'), `${line}\n`);
process.stdout.write('\n');
for (const r of results)
  process.stdout.write(`  ${r.step.padEnd(11)} ${r.note.padEnd(22)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped\n`);
process.stdout.write(`${line}\n`);
const signal = stopSignal();
if (signal !== undefined) process.stdout.write(`INTERRUPTED (${signal}): the run was stopped, so it proves nothing.\n`);
process.exitCode = signal !== undefined ? exitCodeOf(signal) : total.failed > 0 ? 1 : 0;
