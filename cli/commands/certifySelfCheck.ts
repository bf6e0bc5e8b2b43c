// `sso-harness certify --self-check`: proves the conformance matrix catches real SP bugs. Runs the
// matrix (suites/conformance + suites/security) against the reference portal once without defect
// switches (the baseline must be green, so any later failure is the switch's doing), then once per
// defect switch (portal/defects.ts) with `--max-failures=1`, and reports which tests caught it.
// To stop early, a defect's run starts with the matrix scenarios that expect the refusal the switch
// bypasses (their `@reason` tag); only if none of them fails does the whole matrix run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFECTS, DEFECT_IDS, isDefectId, type DefectId, type DefectInfo } from '../../portal/defects.ts';
import { catalogScenarios } from '../../suites/conformance/catalogScenarios.ts';
import { MATRIX_FIRST_ENV } from '../../suites/conformance/run/grouping.ts';
import { securityCheckScenarios } from '../../suites/security/securityChecks.ts';
import { signatureScenarios } from '../../suites/security/signatureMatrix.ts';
import { UsageError, parseCommandArgs, runCommand } from '../args.ts';

export const help = `Usage: sso-harness certify --self-check [--json] [--defects ID,ID…] [--workers N]

Proves the conformance matrix catches real SP bugs: runs it against the reference portal once
without defects (must pass), then once per defect switch of portal/defects.ts, each run stopping
at its first failing test, and reports for every defect whether the matrix caught it and with
which tests. Exit code 0 only when every defect was caught.

Options:
  --json          print { "scenarios": N, "defects": [{ "id", "caught", "failingTests": [...] }] }
  --defects L     comma list of defect ids to check (default: all ${DEFECT_IDS.length})
  --workers N     Playwright workers per run (default 2)

Examples:
  sso-harness certify --self-check
  sso-harness certify --self-check --defects saml-skip-audience,oidc-skip-nonce --json
`;

const ROOT = resolve(import.meta.dirname, '..', '..');
const PLAYWRIGHT_CLI = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const MATRIX = ['suites/conformance', 'suites/security'];

export interface DefectResult {
  readonly id: string;
  readonly caught: boolean;
  readonly failingTests: readonly string[];
}

export interface SelfCheckReport {
  readonly scenarios: number;
  readonly defects: readonly DefectResult[];
}

/** Every scenario of the matrix the self-check runs. */
export function matrixScenarioCount(): number {
  return catalogScenarios().length + signatureScenarios().length + securityCheckScenarios().length;
}

/** The protocol whose scenarios most likely catch the defect first: the matrix runs them first (order only; nothing is left out). */
export function protocolFirst(id: DefectId): 'saml' | 'oidc' {
  const where: string = DEFECTS[id].where;
  return /oidc|native/i.test(where) ? 'oidc' : 'saml';
}

interface JsonSuite {
  readonly title: string;
  readonly specs?: readonly { readonly title: string; readonly tests: readonly { readonly status: string; readonly annotations?: readonly { type: string; description?: string }[] }[] }[];
  readonly suites?: readonly JsonSuite[];
}

/** Titles (file › describe › test) of the tests whose outcome was not the expected one. */
export function failingTestsOf(report: { readonly suites?: readonly JsonSuite[] }): string[] {
  const failing: string[] = [];
  const walk = (suite: JsonSuite, path: readonly string[]): void => {
    const here = suite.title ? [...path, suite.title] : path;
    for (const spec of suite.specs ?? []) {
      if (spec.tests.some((test) => test.status === 'unexpected')) failing.push([...here, spec.title].join(' › '));
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  return failing;
}

interface MatrixRun {
  readonly failingTests: string[];
  readonly ms: number;
}

/** `--grep` for the scenarios expecting this reason code (their tag), or undefined when the defect bypasses no refusal. */
export function bypassedReasonGrep(id: DefectId): string | undefined {
  const info: DefectInfo = DEFECTS[id];
  return info.bypasses === undefined ? undefined : `@${info.bypasses}(?![\\w-])`;
}

/** One Playwright run of the matrix against the reference portal with these defect switches. */
async function runMatrix(defects: readonly DefectId[], workers: number, first: 'saml' | 'oidc', grep?: string): Promise<MatrixRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'sso-self-check-'));
  const resultsFile = join(scratch, 'results.json');
  const started = Date.now();
  const args = [PLAYWRIGHT_CLI, 'test', ...MATRIX, '--reporter=json', `--workers=${workers}`, `--output=${join(scratch, 'test-results')}`, ...(defects.length > 0 ? ['--max-failures=1'] : []), ...(grep ? [`--grep=${grep}`] : [])];
  try {
    const stderr = await new Promise<string>((done, fail) => {
      const child = spawn(process.execPath, args, {
        cwd: ROOT,
        env: { ...process.env, SSO_HARNESS_TARGET: 'embedded', SSO_HARNESS_PORTAL_DEFECTS: defects.join(','), PLAYWRIGHT_JSON_OUTPUT_NAME: resultsFile, [MATRIX_FIRST_ENV]: first },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let text = '';
      child.stderr.on('data', (chunk: Buffer) => { text = (text + chunk.toString()).slice(-4_000); });
      child.once('error', fail);
      child.once('close', () => done(text));
    });
    let report: { suites?: readonly JsonSuite[]; errors?: readonly { message?: string }[] };
    try {
      report = JSON.parse(readFileSync(resultsFile, 'utf8')) as typeof report;
    } catch {
      throw new Error(`The matrix run with defects [${defects.join(', ') || 'none'}] wrote no results: ${stderr.trim() || 'no output'}`);
    }
    const errors = (report.errors ?? []).map((error) => error.message ?? '').filter(Boolean);
    if (errors.length > 0 && failingTestsOf(report).length === 0) throw new Error(`The matrix run with defects [${defects.join(', ') || 'none'}] failed outside any test: ${errors.join(' | ').slice(0, 2_000)}`);
    return { failingTests: failingTestsOf(report), ms: Date.now() - started };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function parseDefects(value: string | undefined): DefectId[] {
  if (value === undefined) return [...DEFECT_IDS];
  const ids = value.split(',').map((id) => id.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !isDefectId(id));
  if (ids.length === 0 || unknown.length > 0) {
    throw new UsageError(`sso-harness certify --self-check: ${unknown.length > 0 ? `unknown defect id(s) ${unknown.join(', ')}` : '--defects is empty'}. Valid ids: ${DEFECT_IDS.join(', ')}.`);
  }
  return ids as DefectId[];
}

export function renderSelfCheck(report: SelfCheckReport, baselineMs: number, timings: ReadonlyMap<string, number>): string {
  const width = Math.max(...report.defects.map((d) => d.id.length));
  const lines = report.defects.map((d) => `  ${d.caught ? 'caught    ' : 'NOT CAUGHT'}  ${d.id.padEnd(width)}  ${((timings.get(d.id) ?? 0) / 1000).toFixed(1).padStart(5)} s  ${d.failingTests[0] ?? '(no test failed: add a scenario that exercises this check)'}${d.failingTests.length > 1 ? ` (+${d.failingTests.length - 1})` : ''}`);
  const missed = report.defects.filter((d) => !d.caught);
  return [
    `Self-check of the conformance matrix (${report.scenarios} scenarios) against the reference portal.`,
    `Baseline without defects: green (${(baselineMs / 1000).toFixed(1)} s).`,
    ...lines,
    missed.length === 0 ? `Every defect switch (${report.defects.length}) was caught.` : `${missed.length} of ${report.defects.length} defect switches were NOT caught: ${missed.map((d) => d.id).join(', ')}.`,
    '',
  ].join('\n');
}

export async function runSelfCheck(args: string[]): Promise<number> {
  return runCommand(async () => {
    const { values } = parseCommandArgs('certify --self-check', args, { json: { type: 'boolean' }, defects: { type: 'string' }, workers: { type: 'string' } });
    const defects = parseDefects(values.defects);
    const workers = values.workers === undefined ? 2 : Number(values.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 16) throw new UsageError(`sso-harness certify --self-check: --workers must be a whole number from 1 to 16, not "${values.workers ?? ''}".`);
    const progress = (line: string): void => { process.stderr.write(`${line}\n`); };

    progress('Self-check: baseline run of the matrix without defects…');
    const baseline = await runMatrix([], workers, 'saml');
    if (baseline.failingTests.length > 0) {
      process.stderr.write(`The matrix is not green without defects, so a failure with a defect would prove nothing. Fix these first (or ledger a known deviation in suites/conformance/ledger/expected-failures.json):\n${baseline.failingTests.map((title) => `  - ${title}`).join('\n')}\n`);
      return 1;
    }
    const results: DefectResult[] = [];
    const timings = new Map<string, number>();
    for (const id of defects) {
      const grep = bypassedReasonGrep(id);
      const focused = grep === undefined ? undefined : await runMatrix([id], workers, protocolFirst(id), grep);
      const run = focused && focused.failingTests.length > 0 ? focused : await runMatrix([id], workers, protocolFirst(id));
      results.push({ id, caught: run.failingTests.length > 0, failingTests: run.failingTests });
      timings.set(id, run.ms + (focused && focused !== run ? focused.ms : 0));
      progress(`  ${id}: ${run.failingTests.length > 0 ? `caught by ${run.failingTests[0] ?? ''}` : 'NOT caught'} (${(run.ms / 1000).toFixed(1)} s)`);
    }
    const report: SelfCheckReport = { scenarios: matrixScenarioCount(), defects: results };
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderSelfCheck(report, baseline.ms, timings));
    return results.every((result) => result.caught) ? 0 : 1;
  });
}
