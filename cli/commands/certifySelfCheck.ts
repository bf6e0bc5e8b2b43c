// `sso-harness certify --self-check`: proves the suites catch real SP bugs. Runs the matrix
// (suites/conformance + suites/security, plus the native-app suites for native rules) against the
// reference portal once without defect switches (the baseline must be green, so any later failure
// is the switch's doing), then once per defect switch (portal/defects.ts) — the `off` switches that
// skip a check and the `partial` ones that get it partly wrong — and reports, per SP rule, which
// scenarios catch each of its switches. A rule with a switch no scenario catches is a finding.
// Each switch first runs the scenarios that expect the refusal it bypasses (their `@reason` tag) or
// carry its rule's tag (`@rule:<id>`), all of them, to list every catching scenario; only if none
// fails does the whole matrix run, stopping at its first failure.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFECTS, DEFECT_IDS, RULES, isDefectId, type DefectId, type DefectInfo, type RuleId } from '../../portal/index.ts';
import {
  catalogScenarios,
  MATRIX_FIRST_ENV,
  securityCheckScenarios,
  signatureScenarios,
  SettingError,
  parseWorkers,
} from '../../suites/index.ts';
import { UsageError, parseCommandArgs, runCommand } from '../args.ts';
import { runNodeScript } from '../certify/childRun.ts';
import { exitCodeOf, watchStopSignals } from '../stopSignals.ts';

export const help = `Usage: sso-harness certify --self-check [--json] [--defects ID,ID…] [--workers N]

Proves the suites catch real SP bugs: runs the conformance matrix (and, for native-app rules,
the native-app suites) against the reference portal once without defects (must pass), then once
per defect switch of portal/defects.ts — switches that turn a check off and switches that get it
partly wrong (a prefix or case-insensitive compare, one of two values, a parameter checked only
when present, a window too wide) — and reports per SP rule which scenarios catch each switch.
A rule with a switch no scenario catches is a finding. Exit code 0 only when every switch was caught.

Options:
  --json          print { "scenarios": N, "rules": [{ "id", "check", "guarded", "switches": [{ "id", "kind",
                  "caught", "failingTests": [...] }] }], "findings": [...], "defects": [...] }
  --defects L     comma list of defect ids to check (default: all ${DEFECT_IDS.length})
  --workers N     Playwright workers per run (default 2)

Examples:
  sso-harness certify --self-check
  sso-harness certify --self-check --defects saml-skip-audience,oidc-skip-nonce --json
`;

const ROOT = resolve(import.meta.dirname, '..', '..');
const PLAYWRIGHT_CLI = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const MATRIX = ['suites/conformance', 'suites/security'];
/**
 * Where rules are exercised beyond the matrix: the native apps' endpoints, logins the account changes under (tests tagged with the rule).
 */
const NATIVE_SUITES = [
  'suites/login/nativeRefusals.spec.ts',
  'suites/login/nativeNearMiss.spec.ts',
  'suites/login/accountStateChanges.spec.ts',
];
const ACCOUNT_STATE_SUITES = ['suites/login/accountStateChanges.spec.ts'];
const SESSION_SUITES = ['suites/session'];
const AUTHORIZATION_SUITES = ['suites/authorization'];
const ENABLE_SUITES = ['suites/enable'];
const SEAT_DATA_SUITES = ['suites/seats/seatData.spec.ts'];
const METADATA_SUITES = ['suites/metadata'];

/** The suites a defect's runs cover. */
export function suitesFor(id: DefectId): readonly string[] {
  const rule = DEFECTS[id].rule;
  if (rule.startsWith('native.')) return [...MATRIX, ...NATIVE_SUITES];
  if (rule === 'web.sso-enabled') return [...MATRIX, ...ACCOUNT_STATE_SUITES];
  if (rule === 'web.return-path') return [...MATRIX, 'suites/login/passwordReturnPath.spec.ts'];
  // Session rules are the portal's own, whatever the IdP sends: the session suites alone exercise them.
  if (rule.startsWith('session.')) return SESSION_SUITES;
  if (rule === 'sso.enable-warnings') return ENABLE_SUITES;
  if (rule === 'seats.email-unique' || rule === 'audit.actor') return SEAT_DATA_SUITES;
  if (rule.startsWith('metadata.')) return METADATA_SUITES;
  if (
    rule === 'web.anti-forgery' ||
    rule === 'web.admin-role' ||
    rule === 'support.grant-scope' ||
    rule === 'tenant.isolation' ||
    rule === 'web.secrets-hidden' ||
    rule === 'harness.token'
  )
    return AUTHORIZATION_SUITES;
  return MATRIX;
}

/** The Playwright tag a suite gives the tests that exercise one rule (e.g. native-app suites). */
export function ruleTag(rule: RuleId): string {
  return `@rule:${rule}`;
}

export interface DefectResult {
  readonly id: string;
  readonly rule: RuleId;
  readonly kind: 'off' | 'partial';
  readonly caught: boolean;
  readonly failingTests: readonly string[];
}

export interface RuleResult {
  readonly id: RuleId;
  readonly check: string;
  /** Every switch of the rule was caught by at least one scenario. */
  readonly guarded: boolean;
  readonly switches: readonly DefectResult[];
}

export interface SelfCheckReport {
  readonly scenarios: number;
  readonly rules: readonly RuleResult[];
  /** One line per switch no scenario caught (a rule that is not guarded against that bug). */
  readonly findings: readonly string[];
  readonly defects: readonly DefectResult[];
}

/** Group the switch results by rule, in RULES order; a rule's switches in the order they ran. */
export function byRule(defects: readonly DefectResult[]): { readonly rules: RuleResult[]; readonly findings: string[] } {
  const rules = (Object.keys(RULES) as RuleId[])
    .map((id) => {
      const switches = defects.filter((d) => d.rule === id);
      return { id, check: RULES[id], guarded: switches.every((d) => d.caught), switches };
    })
    .filter((rule) => rule.switches.length > 0);
  const findings = defects
    .filter((d) => !d.caught)
    .map(
      (d) =>
        `Rule ${d.rule} ("${RULES[d.rule]}") is not guarded against ${d.kind === 'off' ? 'a skipped check' : 'a partial bug'}: with ${d.id} (${DEFECTS[d.id as DefectId].description}) no scenario failed. Add a scenario that this bug lets through.`,
    );
  return { rules, findings };
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
  readonly specs?: readonly {
    readonly title: string;
    readonly tests: readonly { readonly status: string; readonly annotations?: readonly { type: string; description?: string }[] }[];
  }[];
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

/** `--grep` for the scenarios expecting the refusal this switch bypasses (their reason tag), or undefined when it bypasses none. */
export function bypassedReasonGrep(id: DefectId): string | undefined {
  const info: DefectInfo = DEFECTS[id];
  return info.bypasses === undefined ? undefined : `@${info.bypasses}(?![\\w-])`;
}

/** `--grep` for a switch's focused run: its bypassed reason's scenarios and the tests tagged with its rule. */
export function focusGrep(id: DefectId): string {
  const rule = `${ruleTag(DEFECTS[id].rule).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.-])`;
  const reason = bypassedReasonGrep(id);
  return reason === undefined ? rule : `${reason}|${rule}`;
}

/** One Playwright run of the matrix against the reference portal with these defect switches. */
interface RunPlan {
  readonly suites: readonly string[];
  readonly workers: number;
  readonly first: 'saml' | 'oidc';
  readonly grep?: string;
  /** Stop at the first failing test (the whole-matrix run); a focused run lists every catching scenario. */
  readonly stopAtFirstFailure: boolean;
}

/** A stop signal came while a matrix run was going: it was stopped, and so is the self-check (no verdict). */
class SelfCheckInterrupted extends Error {
  readonly signal: NodeJS.Signals;
  constructor(signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
    this.signal = signal;
  }
}

async function runMatrix(defects: readonly DefectId[], plan: RunPlan): Promise<MatrixRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'sso-self-check-'));
  const resultsFile = join(scratch, 'results.json');
  const started = Date.now();
  const args = [
    'test',
    ...plan.suites,
    '--reporter=json',
    `--workers=${plan.workers}`,
    `--output=${join(scratch, 'test-results')}`,
    ...(plan.stopAtFirstFailure ? ['--max-failures=1'] : []),
    ...(plan.grep ? [`--grep=${plan.grep}`] : []),
  ];
  try {
    const child = await runNodeScript(PLAYWRIGHT_CLI, args, {
      cwd: ROOT,
      env: {
        SSO_HARNESS_TARGET: 'embedded',
        SSO_HARNESS_PORTAL_DEFECTS: defects.join(','),
        PLAYWRIGHT_JSON_OUTPUT_NAME: resultsFile,
        [MATRIX_FIRST_ENV]: plan.first,
      },
      output: 'tail',
    });
    if (child.interrupted !== undefined) throw new SelfCheckInterrupted(child.interrupted);
    const stderr = child.stderrTail ?? '';
    let report: { suites?: readonly JsonSuite[]; errors?: readonly { message?: string }[] };
    try {
      report = JSON.parse(readFileSync(resultsFile, 'utf8')) as typeof report;
    } catch {
      throw new Error(`The matrix run with defects [${defects.join(', ') || 'none'}] wrote no results: ${stderr.trim() || 'no output'}`);
    }
    const errors = (report.errors ?? []).map((error) => error.message ?? '').filter(Boolean);
    if (errors.length > 0 && failingTestsOf(report).length === 0)
      throw new Error(
        `The matrix run with defects [${defects.join(', ') || 'none'}] failed outside any test: ${errors.join(' | ').slice(0, 2_000)}`,
      );
    return { failingTests: failingTestsOf(report), ms: Date.now() - started };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function parseDefects(value: string | undefined): DefectId[] {
  if (value === undefined) return [...DEFECT_IDS];
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const unknown = ids.filter((id) => !isDefectId(id));
  if (ids.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `sso-harness certify --self-check: ${unknown.length > 0 ? `unknown defect id(s) ${unknown.join(', ')}` : '--defects is empty'}. Valid ids: ${DEFECT_IDS.join(', ')}.`,
    );
  }
  return ids as DefectId[];
}

export function renderSelfCheck(report: SelfCheckReport, baselineMs: number, timings: ReadonlyMap<string, number>): string {
  const width = Math.max(...report.defects.map((d) => d.id.length));
  const line = (d: DefectResult): string =>
    `  ${d.caught ? 'caught    ' : 'NOT CAUGHT'}  ${d.kind.padEnd(7)}  ${d.id.padEnd(width)}  ${((timings.get(d.id) ?? 0) / 1000).toFixed(1).padStart(5)} s  ${d.failingTests[0] ?? '(no test failed: add a scenario that exercises this check)'}${d.failingTests.length > 1 ? ` (+${d.failingTests.length - 1})` : ''}`;
  const missed = report.defects.filter((d) => !d.caught);
  const partial = report.defects.filter((d) => d.kind === 'partial').length;
  const unguarded = report.rules.filter((rule) => !rule.guarded);
  return [
    `Self-check of the conformance matrix (${report.scenarios} scenarios) against the reference portal.`,
    `Baseline without defects: green (${(baselineMs / 1000).toFixed(1)} s).`,
    ...report.rules.flatMap((rule) => [`${rule.id}: ${rule.check}${rule.guarded ? '' : '  — NOT GUARDED'}`, ...rule.switches.map(line)]),
    missed.length === 0
      ? `Every defect switch (${report.defects.length}: ${report.defects.length - partial} off, ${partial} partial) was caught; every rule (${report.rules.length}) is guarded.`
      : `${missed.length} of ${report.defects.length} defect switches were NOT caught: ${missed.map((d) => d.id).join(', ')}. Rules not guarded: ${unguarded.map((rule) => rule.id).join(', ')}.`,
    ...report.findings.map((finding) => `  finding: ${finding}`),
    '',
  ].join('\n');
}

/** --workers, checked as certify checks it (suites/target/runSettings.ts). */
function workersFlag(value: string): number {
  try {
    return parseWorkers(value, '--workers');
  } catch (error) {
    if (error instanceof SettingError) throw new UsageError(`sso-harness certify --self-check: ${error.message}`);
    throw error;
  }
}

export async function runSelfCheck(args: string[]): Promise<number> {
  return runCommand(async () => {
    const { values } = parseCommandArgs('certify --self-check', args, {
      json: { type: 'boolean' },
      defects: { type: 'string' },
      workers: { type: 'string' },
    });
    const defects = parseDefects(values.defects);
    const workers = values.workers === undefined ? 2 : workersFlag(values.workers);
    const progress = (line: string): void => {
      process.stderr.write(`${line}\n`);
    };
    watchStopSignals();
    try {
      return await checkDefects(defects, workers, values.json ?? false, progress);
    } catch (error) {
      if (!(error instanceof SelfCheckInterrupted)) throw error;
      process.stderr.write(`\nINTERRUPTED (${error.signal}): the self-check was stopped before it finished — no verdict.\n`);
      return exitCodeOf(error.signal);
    }
  });
}

async function checkDefects(
  defects: readonly DefectId[],
  workers: number,
  json: boolean,
  progress: (line: string) => void,
): Promise<number> {
  const baselineSuites = [...new Set(defects.flatMap((id) => suitesFor(id)))];
  progress(`Self-check: baseline run of ${baselineSuites.join(', ')} without defects…`);
  const baseline = await runMatrix([], { suites: baselineSuites, workers, first: 'saml', stopAtFirstFailure: false });
  if (baseline.failingTests.length > 0) {
    process.stderr.write(
      `The matrix is not green without defects, so a failure with a defect would prove nothing. Fix these first (or ledger a known deviation in suites/conformance/ledger/expected-failures.json):\n${baseline.failingTests.map((title) => `  - ${title}`).join('\n')}\n`,
    );
    return 1;
  }
  const results: DefectResult[] = [];
  const timings = new Map<string, number>();
  for (const id of defects) {
    const base = { suites: suitesFor(id), workers, first: protocolFirst(id) };
    const focused = await runMatrix([id], { ...base, grep: focusGrep(id), stopAtFirstFailure: false });
    const run = focused.failingTests.length > 0 ? focused : await runMatrix([id], { ...base, stopAtFirstFailure: true });
    const info = DEFECTS[id];
    results.push({ id, rule: info.rule, kind: info.kind, caught: run.failingTests.length > 0, failingTests: run.failingTests });
    timings.set(id, run.ms + (focused !== run ? focused.ms : 0));
    progress(
      `  ${id} (${info.kind}, ${info.rule}): ${run.failingTests.length > 0 ? `caught by ${run.failingTests.length} test(s), first ${run.failingTests[0] ?? ''}` : 'NOT caught'} (${((timings.get(id) ?? 0) / 1000).toFixed(1)} s)`,
    );
  }
  const { rules, findings } = byRule(results);
  const report: SelfCheckReport = { scenarios: matrixScenarioCount(), rules, findings, defects: results };
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : renderSelfCheck(report, baseline.ms, timings));
  return results.every((result) => result.caught) ? 0 : 1;
}
