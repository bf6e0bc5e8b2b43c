// The end of a certification, whether its tests ran in one Playwright run or in shards merged
// afterwards: render the Allure report, scan it for the run's secrets, read the verdict the
// certification reporter wrote, print the summary; or, for a stopped run, an "interrupted" report.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildCertificationReport,
  type CertificationReport,
  writeCertificationReport,
  runInfo,
  ledgerDir,
  readSecrets,
  describeLeak,
  scanForSecrets,
} from '../../reporting/index.ts';
import { exitCodeOf, stopSignal } from '../stopSignals.ts';
import { runNodeScript } from './childRun.ts';
import { ALLURE_CLI, ALLURE_CONFIG, ALLURE_REPORT, ALLURE_RESULTS, OUTPUT_DIR, REPORTS, ROOT, shown } from './reportPaths.ts';
import { renderSummary, type ReportPaths } from './summary.ts';

export function readCertificationReport(): CertificationReport | undefined {
  const path = join(REPORTS, 'certification.json');
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as CertificationReport;
  } catch {
    return undefined;
  }
}

/**
 * A stopped run: Playwright and everything it started are gone (childRun.ts). The certification
 * report says "interrupted" — the one Playwright wrote when it stopped in time, or this one — so
 * that no earlier verdict is left looking current. No Allure rendering. `runEnv`: the run's
 * SSO_HARNESS_* variables as its reporters saw them (target, mode, command).
 */
export async function interruptedRun(signal: NodeJS.Signals, runEnv: NodeJS.ProcessEnv, started: number): Promise<number> {
  rmSync(ALLURE_REPORT, { recursive: true, force: true });
  const written = readCertificationReport();
  if (written?.verdict !== 'interrupted') {
    const report = buildCertificationReport({
      run: runInfo(new Date(started), Date.now() - started, { ...process.env, ...runEnv }),
      findings: [
        {
          area: 'run',
          check: 'run.interrupted',
          severity: 'blocking',
          owner: 'run',
          title: 'The run was stopped before it finished',
          detail: `sso-harness certify received ${signal} and stopped Playwright before its reports were complete: this report gives no verdict.`,
          fix: 'Run the certification again to completion.',
        },
      ],
      interrupted: true,
    });
    await writeCertificationReport(report, REPORTS);
  }
  process.stdout.write(
    `\nINTERRUPTED (${signal}): the certification was stopped before it finished — no verdict. ${shown(join(REPORTS, 'certification.json'))} says "interrupted".\n`,
  );
  return exitCodeOf(signal);
}

export interface FinishOptions {
  readonly started: number;
  readonly runEnv: NodeJS.ProcessEnv;
  /** The Playwright run (or merge) that wrote the reports. */
  readonly playwright: { readonly code: number; readonly ms: number };
  /** What wrote the reports, for messages: "Playwright" or "playwright merge-reports". */
  readonly producer: string;
  /** Problems found before this point (e.g. a shard's secrets scan), listed with the verdict. */
  readonly problems?: readonly string[];
}

/** Allure, the secrets scan of its report, the summary; exit 0 only when certified without problems. */
export async function finishRun(options: FinishOptions): Promise<number> {
  const { started, playwright } = options;
  const problems: string[] = [...(options.problems ?? [])];
  let allureMs: number | undefined;
  if (existsSync(ALLURE_RESULTS)) {
    process.stdout.write('Rendering the Allure report…\n');
    const allure = await runNodeScript(ALLURE_CLI, ['generate', ALLURE_RESULTS, '--config', ALLURE_CONFIG, '--output', ALLURE_REPORT], {
      cwd: ROOT,
      output: 'quiet',
    });
    const stopped = allure.interrupted ?? stopSignal();
    if (stopped !== undefined) return interruptedRun(stopped, options.runEnv, started);
    allureMs = allure.ms;
    if (allure.code !== 0)
      problems.push(`The Allure report could not be rendered (allure generate exited ${allure.code}); the other reports are complete.`);
  } else {
    problems.push(`${options.producer} wrote no Allure results: the run stopped before any test (see the output above).`);
  }

  // The certification reporter scanned everything else at the end of the Playwright run; the
  // Allure report was rendered after it, from copies of the same attachments. (A merge has no
  // ledger: the shards redacted and scanned their blobs; secret shapes are still looked for.)
  const secrets = readSecrets(ledgerDir(OUTPUT_DIR));
  const { leaks } = scanForSecrets([ALLURE_REPORT], secrets);
  for (const leak of leaks) problems.push(`Secret in a generated file: ${describeLeak(leak)}`);
  if (existsSync(ALLURE_REPORT) && leaks.length === 0) process.stdout.write('Secrets scan of the Allure report: none found.\n');

  const report = readCertificationReport();
  if (!report) {
    process.stdout.write(
      `\nNOT CERTIFIED: no certification report was written (${options.producer} exited ${playwright.code}); see the errors above.\n`,
    );
    return 1;
  }
  if (playwright.code !== 0 && report.verdict === 'certified')
    problems.push(`${options.producer} exited ${playwright.code} although every test passed: see its output above.`);
  const paths: ReportPaths[] = [
    { label: 'Certification report', path: `${shown(join(REPORTS, 'certification.html'))} (.json, .md)` },
    ...(existsSync(join(ALLURE_REPORT, 'index.html')) ? [{ label: 'Allure report', path: shown(join(ALLURE_REPORT, 'index.html')) }] : []),
    { label: 'Playwright report', path: shown(join(REPORTS, 'playwright', 'html', 'index.html')) },
    { label: 'JUnit XML', path: shown(join(REPORTS, 'junit', 'playwright.xml')) },
  ];
  process.stdout.write(
    renderSummary(
      report,
      paths,
      { wallMs: Date.now() - started, playwrightMs: playwright.ms, ...(allureMs !== undefined ? { allureMs } : {}) },
      problems,
    ),
  );
  return report.verdict === 'certified' && problems.length === 0 ? 0 : 1;
}
