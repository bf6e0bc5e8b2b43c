// Last reporter in playwright.config.ts: turns the run into reports/certification.{json,md,html}
// (reporting/report writers) once every other reporter has written its files, then runs the
// secrets gate: traces copied by other reporters are redacted, and every generated file is
// scanned for the run's secrets. A leak fails the run, is listed in the report as a blocking
// finding (file and kind of secret, never the value), and is printed.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestError, TestResult } from '@playwright/test/reporter';
import { writeCertificationReport } from './report/writers.ts';
import type { CertificationReport } from './report/certificationReport.ts';
import type { Evidence } from './findings/finding.ts';
import { errorLine } from './errorLine.ts';
import { scrubPatterns } from '../lib/index.ts';
import { REQUIRED_SUITES, RUN_ENV, runInfo, runScope } from './runEnv.ts';
import { buildRunReport, type StageRecord, type TestOutcome, type TestRecord } from './runReport.ts';
import { ledgerDir, readSecrets, type RunSecret } from './secrets/ledger.ts';
import { SecretMatcher } from './secrets/matcher.ts';
import { redactTracesUnder } from './secrets/redactTraces.ts';
import { redactStepTitlesUnder } from './secrets/stepTitles.ts';
import { describeLeak, scanForSecrets, type Leak } from './secrets/scan.ts';

export interface CertificationReporterOptions {
  /** Where certification.{json,md,html} go, and the root of the secrets scan (default `reports`). */
  readonly outputDir?: string;
}

function outcomeOf(test: TestCase, result: TestResult): { outcome: TestOutcome; unexpectedPass: boolean } {
  if (result.status === 'skipped') return { outcome: 'skipped', unexpectedPass: false };
  // test.fail(): a ledgered known deviation. Failing is what it is expected to do; passing means the ledger is stale.
  if (test.expectedStatus === 'failed')
    return result.status === 'failed' ? { outcome: 'known-deviation', unexpectedPass: false } : { outcome: 'pass', unexpectedPass: true };
  // Stopped by an interruption: it did not finish, so it says nothing about the portal (the run's verdict is "interrupted").
  if (result.status === 'interrupted') return { outcome: 'skipped', unexpectedPass: false };
  return { outcome: result.status === 'passed' ? 'pass' : 'fail', unexpectedPass: false };
}

/** Where the reporter writes a failed test's in-memory attachments (hops, decoded SAML, final page) as files, under the reports. */
export const EVIDENCE_DIR = 'evidence';

const fileNameOf = (name: string): string => name.replace(/[^A-Za-z0-9 ._()-]+/g, '_').slice(0, 120) || 'attachment';

/**
 * A failed test's evidence: its files (trace, screenshot, error context; in-memory attachments such
 * as HTTP hops, decoded SAML and final pages are written under reports/evidence/) and its entry in
 * the Playwright report. Paths are relative to the reports directory.
 */
export function evidenceOf(
  test: TestCase,
  result: TestResult,
  reportsDir: string,
  mergedFrom = process.env[RUN_ENV.mergedFrom],
): Evidence[] {
  const files: Evidence[] = [];
  const copy = (name: string, content: string | Buffer): Evidence => {
    const dir = join(reportsDir, EVIDENCE_DIR, test.id);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, fileNameOf(name));
    writeFileSync(file, content);
    return { label: name, path: relative(reportsDir, file).split(sep).join('/') };
  };
  for (const attachment of result.attachments) {
    // allure-playwright passes its labels and steps as attachments: they are no evidence.
    if (attachment.contentType.startsWith('application/vnd.allure')) continue;
    if (attachment.path !== undefined && existsSync(attachment.path)) {
      // A merged run's attachments sit in the shards' blob directory, which is not part of the reports: copied beside them.
      const fromShard = mergedFrom !== undefined && !relative(resolve(mergedFrom), resolve(attachment.path)).startsWith('..');
      files.push(
        fromShard
          ? copy(`${attachment.name}${extname(attachment.path)}`, readFileSync(attachment.path))
          : { label: attachment.name, path: relative(reportsDir, attachment.path).split(sep).join('/') },
      );
    } else if (attachment.body !== undefined) {
      files.push(copy(attachment.name, attachment.body));
    }
  }
  return [{ label: 'Playwright report entry (steps, trace, screenshot)', path: `playwright/html/index.html#?testId=${test.id}` }, ...files];
}

function* specFiles(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && !name.startsWith('.')) yield* specFiles(path);
    } else if (name.endsWith('.spec.ts')) {
      yield path;
    }
  }
}

/**
 * The report files of a Playwright run under reports/ (playwright.config.ts reporters; the Allure report is scanned by certify after
 * rendering).
 */
export const RUN_REPORTS = [
  'certification.json',
  'certification.md',
  'certification.html',
  'playwright',
  'junit',
  'allure-results',
  'evidence',
] as const;

export default class CertificationReporter implements Reporter {
  readonly #outputDir: string;
  #config: FullConfig | undefined;
  #testDir = 'suites';
  #began = new Date();
  #filesOnDisk: string[] = [];
  #filesInRun = new Set<string>();
  readonly #records: Array<{ test: TestCase; result: TestResult }> = [];
  readonly #globalErrors: string[] = [];

  constructor(options: CertificationReporterOptions = {}) {
    this.#outputDir = resolve(process.env[RUN_ENV.reportsDir] || options.outputDir || 'reports');
  }

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.#config = config;
    // An earlier run's evidence must never sit beside this run's findings.
    rmSync(join(this.#outputDir, EVIDENCE_DIR), { recursive: true, force: true });
    this.#began = new Date();
    this.#testDir = config.projects[0]?.testDir ?? resolve('suites');
    this.#filesOnDisk = [...specFiles(this.#testDir)].map((file) => relative(this.#testDir, file)).sort();
    this.#filesInRun = new Set(suite.allTests().map((test) => relative(this.#testDir, test.location.file)));
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.#records.push({ test, result });
  }

  onError(error: TestError): void {
    this.#globalErrors.push(errorLine(error) ?? 'an error without a message');
  }

  #outputDirs(): string[] {
    return [...new Set((this.#config?.projects ?? []).map((project) => project.outputDir))];
  }

  #testRecords(secrets: readonly RunSecret[]): TestRecord[] {
    const matcher = new SecretMatcher(secrets);
    const clean = (text: string | undefined): string | undefined =>
      text === undefined ? undefined : scrubPatterns(matcher.redactText(text));
    return this.#records.map(({ test, result }) => {
      const { outcome, unexpectedPass } = outcomeOf(test, result);
      const stages: StageRecord[] = result.steps
        .filter((step) => step.category === 'test.step')
        .map((step) => ({
          title: step.title,
          outcome: step.error ? 'fail' : 'pass',
          ...(step.error ? { error: clean(errorLine(step.error))! } : {}),
        }));
      const error = clean(errorLine(result.error));
      return {
        title: test.title,
        file: relative(this.#testDir, test.location.file),
        outcome,
        ...(unexpectedPass ? { unexpectedPass } : {}),
        durationMs: result.duration,
        annotations: [...test.annotations, ...result.annotations],
        stages,
        ...(error ? { error } : {}),
        ...(outcome === 'fail' ? { evidence: evidenceOf(test, result, this.#outputDir) } : {}),
      };
    });
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    const ledger = ledgerDir(this.#outputDirs()[0] ?? resolve('test-results'));
    const secrets = readSecrets(ledger);
    const present = new Set(this.#filesOnDisk.map((file) => file.split(/[\\/]/)[0]));
    const report = buildRunReport({
      run: runInfo(this.#began, Date.now() - this.#began.getTime()),
      tests: this.#testRecords(secrets),
      problems: {
        globalErrors: this.#globalErrors,
        status: result.status,
        missingSuites: REQUIRED_SUITES.filter((suite) => !present.has(suite)),
        filesNotRun: this.#filesOnDisk.filter((file) => !this.#filesInRun.has(file)),
      },
      ...(runScope() ? { scope: runScope()! } : {}),
    });
    await writeCertificationReport(report, this.#outputDir);

    // What this run wrote (other tools also write under reports/: bench figures, repro captures).
    const scanned = [...RUN_REPORTS.map((name) => join(this.#outputDir, name)), ...this.#outputDirs()];
    const scanStarted = Date.now();
    redactTracesUnder(scanned, secrets);
    redactStepTitlesUnder(scanned, secrets);
    const { leaks, filesScanned } = scanForSecrets(scanned, secrets, { exclude: [ledger] });
    if (leaks.length === 0) {
      process.stdout.write(
        `Secrets scan: ${filesScanned} generated file(s), ${secrets.length} run secret(s): none found (${((Date.now() - scanStarted) / 1000).toFixed(1)} s).\n`,
      );
      return undefined;
    }
    await writeCertificationReport(withLeaks(report, leaks), this.#outputDir);
    process.stdout.write(
      `Secrets scan: ${leaks.length} leak(s) in generated files (values not shown):\n${leaks.map((leak) => `  - ${describeLeak(leak)}`).join('\n')}\n`,
    );
    return { status: 'failed' };
  }
}

/** The report with one blocking finding per leaked file; the verdict follows. */
export function withLeaks(report: CertificationReport, leaks: readonly Leak[]): CertificationReport {
  const findings = leaks.map((leak) => ({
    area: 'secrets',
    check: 'secrets.scan',
    severity: 'blocking' as const,
    title: `A secret of the run appears in a generated file (${leak.kind})`,
    detail: describeLeak(leak),
    fix: 'Find what wrote it (an attachment, a log line, an error message) and remove or redact the value there; reports must never carry passwords, client secrets, keys, cookies or token signatures.',
  }));
  return {
    ...report,
    verdict: 'not-certified',
    summary: { ...report.summary, blocking: report.summary.blocking + findings.length },
    findings: [...findings, ...report.findings],
  };
}
