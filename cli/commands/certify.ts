// `sso-harness certify`: run the certification suites (Playwright, suites/) against the target,
// show progress, render the Allure 3 report, scan every report for the run's secrets, print the
// matrix and the verdict. Exit 0 only when certified. `--config` is the offline pre-enable check
// of one customer's files (support/offlineCertify).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildCertificationReport, type CertificationReport } from '../../support/report/certificationReport.ts';
import { writeCertificationReport } from '../../support/report/writers.ts';
import { runOfflineCertify } from '../../support/offlineCertify/run.ts';
import { RUN_ENV, runInfo } from '../../suites/reporting/runEnv.ts';
import { ledgerDir, readSecrets } from '../../suites/reporting/secrets/ledger.ts';
import { describeLeak, scanForSecrets } from '../../suites/reporting/secrets/scan.ts';
import { ENTRY_POINTS, PROTOCOLS, SELECTION_ENV, SelectionError, VENDORS, parseList, selectionEnv, titleGrep, type Selection } from '../../suites/reporting/selection.ts';
import { PREFLIGHT_PASSED_ENV, PreflightError, runPreflight } from '../../suites/target/preflight.ts';
import { TargetConfigError, loadTargetConfig, type TargetConfig } from '../../suites/target/targetConfig.ts';
import { parseDefects } from '../../portal/defects.ts';
import { SettingError, checkEnvSettings, parseWorkers, type Source } from '../../suites/target/runSettings.ts';
import { UsageError, parseCommandArgs, runCommand } from '../args.ts';
import { runNodeScript } from '../certify/childRun.ts';
import { renderSummary, type ReportPaths } from '../certify/summary.ts';
import { exitCodeOf, stopSignal, watchStopSignals } from '../stopSignals.ts';
import { runSelfCheck } from './certifySelfCheck.ts';

export const help = `Usage:
  sso-harness certify [--target embedded|<target file>] [--vendors LIST] [--protocols LIST]
                      [--entry LIST] [--workers N] [--ci]
  sso-harness certify --config <customer file> [--json] [--out DIR]
  sso-harness certify --self-check [--json] [--defects LIST] [--workers N]

Runs the whole certification — every vendor × protocol × entry point, the SSO lifecycle, the
fault catalog conformance matrix, seats and security suites — against the target, and writes:
  reports/certification.{json,md,html}   verdict, matrix, lifecycle stages, findings with fixes
  reports/allure-report/index.html       Allure 3 report (steps, decoded SAML / ID tokens, screenshots, traces)
  reports/playwright/html/index.html     Playwright HTML report
  reports/junit/playwright.xml           JUnit XML for CI
Every generated file is scanned for the run's secrets; a leak fails the run.
Exit code: 0 certified, 1 not certified (or a secret leaked), 2 bad options or a target file
that fails its preflight (before any test; the message names the setting to fix).

Options:
  --target T      "embedded" (default: the reference portal, started per worker) or a target
                  JSON file describing a real OE environment (README: "Pointing the harness at a
                  real OE environment"), checked before any test: login page, provisioning API
                  token, login selectors, admin and support logins.
  --vendors L     comma list of ${VENDORS.join(', ')} (default: all)
  --protocols L   comma list of ${PROTOCOLS.join(', ')} (default: both)
  --entry L       comma list of ${ENTRY_POINTS.join(', ')} (default: all); mobile = iPhone and Android
  --workers N     Playwright workers (default 2, or SSO_HARNESS_WORKERS)
  --ci            CI mode: the report says "ci"; same outputs, no interactive output
  --config FILE   offline pre-enable check of a customer file instead (support/offlineCertify/README.md)
  --json          with --config: print the report as JSON
  --out DIR       with --config: where certification.{json,md,html} go (default: reports)
  --self-check    prove the conformance matrix catches every defect switch of the reference
                  portal (portal/defects.ts): a baseline run, then one run per defect, each
                  stopping at its first catch; --json prints { scenarios, defects: [{ id, caught,
                  failingTests }] }; --defects LIST checks only those ids

A scoped run (--vendors/--protocols/--entry) gives a verdict for that scope only; the report says so.

Examples:
  npm start
  sso-harness certify --ci
  sso-harness certify --vendors okta,entra --protocols saml
  sso-harness certify --target oe-staging.json --workers 1
  sso-harness certify --config contoso.json
`;

const ROOT = resolve(import.meta.dirname, '..', '..');
// reports/ and test-results/, or both under SSO_HARNESS_REPORTS_DIR (as playwright.config.ts).
const REPORTS = process.env.SSO_HARNESS_REPORTS_DIR ? resolve(process.env.SSO_HARNESS_REPORTS_DIR) : join(ROOT, 'reports');
const PLAYWRIGHT_CLI = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const ALLURE_CLI = join(ROOT, 'node_modules', 'allure', 'cli.js');
const ALLURE_RESULTS = join(REPORTS, 'allure-results');
const ALLURE_REPORT = join(REPORTS, 'allure-report');
// Report name, and the tree grouped vendor › protocol › spec file (feature / story labels set by the evidence fixture).
const ALLURE_CONFIG = join(ROOT, 'suites', 'reporting', 'allure.config.json');
const OUTPUT_DIR = process.env.SSO_HARNESS_REPORTS_DIR ? join(REPORTS, 'test-results') : join(ROOT, 'test-results');

interface FullRunOptions {
  readonly target: string;
  readonly selection: Selection;
  readonly workers?: number;
  readonly ci: boolean;
  readonly commandLine: string;
}

/** A setting's check (suites/target/runSettings.ts) as this command's usage error: same words for the flag and its variable. */
function setting<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof SettingError) throw new UsageError(`sso-harness certify: ${error.message}`);
    throw error;
  }
}

/** The target from --target, else SSO_HARNESS_TARGET, else the embedded portal; with where it came from. */
function parseTarget(flag: string | undefined, env: NodeJS.ProcessEnv): { readonly target: string; readonly source: Source | 'default' } {
  const source: Source | 'default' = flag !== undefined ? '--target' : env.SSO_HARNESS_TARGET?.trim() ? 'SSO_HARNESS_TARGET' : 'default';
  const value = flag ?? env.SSO_HARNESS_TARGET?.trim();
  if (value === undefined || value === '' || value === 'embedded') return { target: 'embedded', source };
  const path = resolve(value);
  if (!existsSync(path)) throw new UsageError(`sso-harness certify: ${source} names ${path}, which does not exist. Give "embedded" (the reference portal) or a target JSON file (README: "Pointing the harness at a real OE environment").`);
  return { target: path, source };
}

/** Defect switches of the embedded portal (SSO_HARNESS_PORTAL_DEFECTS): known ids only, checked before any test. */
function checkDefectSwitches(env: NodeJS.ProcessEnv): void {
  const ids = (env.SSO_HARNESS_PORTAL_DEFECTS ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  try {
    parseDefects(ids);
  } catch (error) {
    throw new UsageError(`sso-harness certify: SSO_HARNESS_PORTAL_DEFECTS: ${(error as Error).message}`);
  }
}

/** The target as the Playwright run will see it (defect switches come from the environment). */
function loadTarget(target: string): TargetConfig {
  try {
    return loadTargetConfig({ SSO_HARNESS_TARGET: target, SSO_HARNESS_PORTAL_DEFECTS: process.env.SSO_HARNESS_PORTAL_DEFECTS });
  } catch (error) {
    if (error instanceof TargetConfigError) throw new UsageError(`sso-harness certify --target: ${error.message}`);
    throw error;
  }
}

/** A remote target is checked once here, before Playwright starts: one message and exit 2 instead of a failing test per test. */
async function preflight(config: TargetConfig): Promise<void> {
  if (config.kind === 'embedded') return;
  process.stdout.write(`sso-harness certify: checking the target file ${config.file} ("${config.name}")…\n`);
  try {
    await runPreflight(config, { log: (line) => process.stdout.write(`  ${line}\n`) });
  } catch (error) {
    if (error instanceof PreflightError) throw new UsageError(`sso-harness certify --target: ${error.message}`);
    throw error;
  }
}

function parseSelection(values: { vendors?: string; protocols?: string; entry?: string }): Selection {
  try {
    const vendors = parseList('vendors', values.vendors, VENDORS);
    const protocols = parseList('protocols', values.protocols, PROTOCOLS);
    const entryPoints = parseList('entry', values.entry, ENTRY_POINTS);
    const selection = { ...(vendors ? { vendors } : {}), ...(protocols ? { protocols } : {}), ...(entryPoints ? { entryPoints } : {}) };
    titleGrep(selection);
    return selection;
  } catch (error) {
    if (error instanceof SelectionError) throw new UsageError(`sso-harness certify: ${error.message}`);
    throw error;
  }
}

/** Tests whose titles name a native entry point left out of the selection ("web" is too common a word to filter on). */
export function entryGrepInvert(selection: Selection): string | undefined {
  if (!selection.entryPoints) return undefined;
  const words: string[] = [];
  if (!selection.entryPoints.includes('desktop')) words.push('\\bdesktop\\b');
  if (!selection.entryPoints.includes('mobile')) words.push('\\biphone\\b', '\\bandroid\\b', '\\bmobile\\b');
  return words.length ? words.join('|') : undefined;
}

function readReport(): CertificationReport | undefined {
  const path = join(REPORTS, 'certification.json');
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as CertificationReport;
  } catch {
    return undefined;
  }
}

const shown = (path: string): string => relative(process.cwd(), path) || path;

/**
 * A stopped run: Playwright and everything it started are gone (cli/certify/childRun.ts). The
 * certification report says "interrupted" — the one Playwright wrote when it stopped in time, or
 * this one — so that no earlier verdict is left looking current. No Allure rendering.
 */
async function interrupted(signal: NodeJS.Signals, options: FullRunOptions, started: number): Promise<number> {
  rmSync(ALLURE_REPORT, { recursive: true, force: true });
  const written = readReport();
  if (written?.verdict !== 'interrupted') {
    const report = buildCertificationReport({
      run: runInfo(new Date(started), Date.now() - started, { ...process.env, SSO_HARNESS_TARGET: options.target, [RUN_ENV.mode]: options.ci ? 'ci' : 'full', [RUN_ENV.command]: options.commandLine }),
      findings: [{ area: 'run', check: 'run.interrupted', severity: 'blocking', owner: 'run', title: 'The run was stopped before it finished', detail: `sso-harness certify received ${signal} and stopped Playwright before its reports were complete: this report gives no verdict.`, fix: 'Run the certification again to completion.' }],
      interrupted: true,
    });
    await writeCertificationReport(report, REPORTS);
  }
  process.stdout.write(`\nINTERRUPTED (${signal}): the certification was stopped before it finished — no verdict. ${shown(join(REPORTS, 'certification.json'))} says "interrupted".\n`);
  return exitCodeOf(signal);
}

async function runFull(options: FullRunOptions): Promise<number> {
  const started = Date.now();
  // Results of an earlier run must never show up in this run's reports.
  for (const stale of [ALLURE_RESULTS, ALLURE_REPORT, ...['json', 'md', 'html'].map((ext) => join(REPORTS, `certification.${ext}`))]) rmSync(stale, { recursive: true, force: true });

  const grep = titleGrep(options.selection);
  const grepInvert = entryGrepInvert(options.selection);
  const args = ['test', ...(grep ? [`--grep=${grep}`] : []), ...(grepInvert ? [`--grep-invert=${grepInvert}`] : []), ...(options.workers ? [`--workers=${options.workers}`] : [])];
  process.stdout.write(`sso-harness certify: ${options.target === 'embedded' ? 'embedded reference portal' : options.target}; Playwright ${args.slice(1).join(' ') || '(all suites)'}\n`);
  const playwright = await runNodeScript(PLAYWRIGHT_CLI, args, {
    cwd: ROOT,
    env: {
      SSO_HARNESS_TARGET: options.target,
      ...(options.target === 'embedded' ? {} : { [PREFLIGHT_PASSED_ENV]: options.target }),
      [RUN_ENV.progress]: '1',
      [RUN_ENV.mode]: options.ci ? 'ci' : 'full',
      [RUN_ENV.command]: options.commandLine,
      // A selection left in the caller's environment must not scope this run.
      ...Object.fromEntries(Object.values(SELECTION_ENV).map((name) => [name, undefined])),
      ...selectionEnv(options.selection),
    },
  });

  const signal = playwright.interrupted ?? stopSignal();
  if (signal !== undefined) return interrupted(signal, options, started);

  const problems: string[] = [];
  let allureMs: number | undefined;
  if (existsSync(ALLURE_RESULTS)) {
    process.stdout.write('Rendering the Allure report…\n');
    const allure = await runNodeScript(ALLURE_CLI, ['generate', ALLURE_RESULTS, '--config', ALLURE_CONFIG, '--output', ALLURE_REPORT], { cwd: ROOT, output: 'quiet' });
    const stopped = allure.interrupted ?? stopSignal();
    if (stopped !== undefined) return interrupted(stopped, options, started);
    allureMs = allure.ms;
    if (allure.code !== 0) problems.push(`The Allure report could not be rendered (allure generate exited ${allure.code}); the other reports are complete.`);
  } else {
    problems.push('Playwright wrote no Allure results: the run stopped before any test (see the output above).');
  }

  // The certification reporter scanned everything else at the end of the Playwright run; the
  // Allure report was rendered after it, from copies of the same attachments.
  const secrets = readSecrets(ledgerDir(OUTPUT_DIR));
  const { leaks } = scanForSecrets([ALLURE_REPORT], secrets);
  for (const leak of leaks) problems.push(`Secret in a generated file: ${describeLeak(leak)}`);
  if (existsSync(ALLURE_REPORT) && leaks.length === 0) process.stdout.write('Secrets scan of the Allure report: none found.\n');

  const report = readReport();
  if (!report) {
    process.stdout.write(`\nNOT CERTIFIED: no certification report was written (Playwright exited ${playwright.code}); see the errors above.\n`);
    return 1;
  }
  if (playwright.code !== 0 && report.verdict === 'certified') problems.push(`Playwright exited ${playwright.code} although every test passed: see its output above.`);
  const paths: ReportPaths[] = [
    { label: 'Certification report', path: `${shown(join(REPORTS, 'certification.html'))} (.json, .md)` },
    ...(existsSync(join(ALLURE_REPORT, 'index.html')) ? [{ label: 'Allure report', path: shown(join(ALLURE_REPORT, 'index.html')) }] : []),
    { label: 'Playwright report', path: shown(join(REPORTS, 'playwright', 'html', 'index.html')) },
    { label: 'JUnit XML', path: shown(join(REPORTS, 'junit', 'playwright.xml')) },
  ];
  process.stdout.write(renderSummary(report, paths, { wallMs: Date.now() - started, playwrightMs: playwright.ms, ...(allureMs !== undefined ? { allureMs } : {}) }, problems));
  return report.verdict === 'certified' && problems.length === 0 ? 0 : 1;
}

export async function run(args: string[]): Promise<number> {
  // The matrix self-check (issue 6) is its own command body: cli/commands/certifySelfCheck.ts.
  if (args.includes('--self-check')) return runSelfCheck(args.filter((arg) => arg !== '--self-check'));
  return runCommand(async () => {
    const { values } = parseCommandArgs('certify', args, {
      target: { type: 'string' },
      vendors: { type: 'string' },
      protocols: { type: 'string' },
      entry: { type: 'string' },
      workers: { type: 'string' },
      ci: { type: 'boolean' },
      config: { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
    });
    if (values.config !== undefined) {
      const clashing = (['target', 'vendors', 'protocols', 'entry', 'workers'] as const).filter((name) => values[name] !== undefined);
      if (clashing.length) throw new UsageError(`sso-harness certify: --config checks a customer's files offline; it does not take ${clashing.map((name) => `--${name}`).join(', ')}.`);
      return runOfflineCertify({ configPath: values.config, json: values.json ?? false, out: values.out ?? 'reports' });
    }
    if (values.json || values.out) throw new UsageError('sso-harness certify: --json and --out go with --config; a full run writes reports/certification.json.');
    // Every setting, flag or environment variable, is checked before any work (exit 2 on a bad one).
    setting(() => checkEnvSettings(process.env));
    checkDefectSwitches(process.env);
    const { target, source } = parseTarget(values.target, process.env);
    if (source === 'SSO_HARNESS_TARGET') process.stdout.write(`sso-harness certify: the target comes from SSO_HARNESS_TARGET (${target}).\n`);
    const workers = values.workers !== undefined ? setting(() => parseWorkers(values.workers!, '--workers')) : undefined;
    const options: FullRunOptions = {
      target,
      selection: parseSelection(values),
      ...(workers !== undefined ? { workers } : {}),
      ci: values.ci ?? Boolean(process.env.CI),
      commandLine: ['sso-harness certify', ...args].join(' '),
    };
    // From here on a stop signal stops what this command started and leaves an "interrupted" report.
    watchStopSignals();
    await preflight(loadTarget(target));
    const early = stopSignal();
    if (early !== undefined) return interrupted(early, options, Date.now());
    return runFull(options);
  });
}
