// `npm test`: typecheck, lint, vitest (library tests beside the code) and Playwright (suites/),
// all run even when one fails; then one closing line `N passed, N failed[, N skipped]` that
// counts every test that ran plus the typecheck and lint checks. Exit 1 on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Tally { passed: number; failed: number; skipped: number }
interface StepResult extends Tally { step: string; note: string }

const root = join(import.meta.dirname, '..');
const reports = join(root, 'reports');
const bin = (name: string): string => join(root, 'node_modules', '.bin', name);

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  process.stdout.write(`\n▶ ${[command.replace(`${root}/`, ''), ...args].join(' ')}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function readJson(path: string): unknown {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

function check(step: string, command: string, args: string[]): StepResult {
  const ok = run(command, args) === 0;
  return { step, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, note: ok ? 'ok' : 'FAILED' };
}

function vitest(): StepResult {
  const out = join(reports, 'vitest', 'results.json');
  rmSync(out, { force: true });
  const status = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  const json = readJson(out) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; numFailedTestSuites: number } | undefined;
  if (!json) return { step: 'vitest', passed: 0, failed: 1, skipped: 0, note: `did not run (exit ${status})` };
  // A test file that fails to load counts as a failure even though it holds no counted test.
  const failed = json.numFailedTests + (status !== 0 && json.numFailedTests === 0 ? Math.max(1, json.numFailedTestSuites) : 0);
  return { step: 'vitest', passed: json.numPassedTests, failed, skipped: json.numPendingTests + json.numTodoTests, note: status === 0 ? 'ok' : 'FAILED' };
}

function playwright(): StepResult {
  const out = join(reports, 'playwright', 'results.json');
  rmSync(out, { force: true });
  const status = run(bin('playwright'), ['test']);
  const json = readJson(out) as { stats?: { expected: number; unexpected: number; flaky: number; skipped: number }; errors?: unknown[] } | undefined;
  if (!json?.stats) return { step: 'playwright', passed: 0, failed: 1, skipped: 0, note: `did not run (exit ${status})` };
  const { expected, unexpected, flaky, skipped } = json.stats;
  // No retries are configured, so "flaky" cannot happen; if it ever does, it is a failure.
  const failed = unexpected + flaky + (status !== 0 && unexpected + flaky === 0 ? 1 : 0);
  return { step: 'playwright', passed: expected, failed, skipped, note: status === 0 ? 'ok' : 'FAILED' };
}

mkdirSync(reports, { recursive: true });
const results: StepResult[] = [
  check('typecheck', bin('tsc'), ['--noEmit', '-p', '.']),
  check('lint', bin('eslint'), ['.', '--max-warnings', '0']),
  vitest(),
  playwright(),
  // A portal the suites have never seen (the reference portal's foreign skin, a separate process,
  // provisioned over HTTP only), certified whole through its target file: after the suites, with
  // reports of its own (reports/foreign/), so that it never touches theirs.
  check('foreign e2e', process.execPath, [join(root, 'scripts', 'foreignTargetE2e.ts')]),
];

const total = results.reduce<Tally>((sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
const line = `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`;
writeFileSync(join(reports, 'test-summary.json'), JSON.stringify({ ...total, steps: results }, null, 2));
writeFileSync(join(reports, 'test-summary.txt'), `${line}\n`);
process.stdout.write('\n');
for (const r of results) process.stdout.write(`  ${r.step.padEnd(11)} ${r.note.padEnd(22)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped\n`);
process.stdout.write(`${line}\n`);
process.exitCode = total.failed > 0 ? 1 : 0;
