// What `sso-harness certify` prints at the end: the verdict, the vendor × protocol × entry point
// matrix as one table, lifecycle and conformance counts, the blocking findings with their fix,
// where every report is, and the wall time.
import type { CertificationReport, Owner } from '../../reporting/index.ts';
import { renderTable } from '../table.ts';
import { runKind } from '../../reporting/index.ts';

/** Who must act, in a word, before each blocking finding. */
const OWNER_TAG: Readonly<Record<Owner, string>> = {
  portal: 'portal defect — OE team',
  customer: 'customer configuration',
  run: 'run could not decide',
};

export interface ReportPaths {
  readonly label: string;
  readonly path: string;
}

export interface Timings {
  readonly wallMs: number;
  readonly playwrightMs: number;
  readonly allureMs?: number;
}

const MAX_FINDINGS = 10;
const OUTCOME_WORD = { pass: 'pass', fail: 'FAIL', skipped: '-', 'known-deviation': 'known dev.' } as const;

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export function matrixTable(report: CertificationReport): string {
  if (report.matrix.length === 0) return '(no vendor × protocol × entry point result in this run)\n';
  const entryPoints = [...new Set(report.matrix.map((cell) => cell.entryPoint))].sort((a, b) =>
    a === 'web' ? -1 : b === 'web' ? 1 : a.localeCompare(b),
  );
  const rows = [...new Set(report.matrix.map((cell) => `${cell.vendor}|${cell.protocol}`))].map((key) => {
    const [vendor = '', protocol = ''] = key.split('|');
    return [
      vendor,
      protocol,
      ...entryPoints.map((entryPoint) => {
        const cell = report.matrix.find((item) => item.vendor === vendor && item.protocol === protocol && item.entryPoint === entryPoint);
        return cell ? OUTCOME_WORD[cell.outcome] : '';
      }),
    ];
  });
  return renderTable(['Vendor', 'Protocol', ...entryPoints], rows);
}

export function renderSummary(
  report: CertificationReport,
  paths: readonly ReportPaths[],
  timings: Timings,
  problems: readonly string[] = [],
): string {
  const certified = report.verdict === 'certified' && problems.length === 0;
  const s = report.summary;
  const lines = [
    '',
    `${certified ? 'CERTIFIED' : 'NOT CERTIFIED'}: ${s.blocking} blocking finding(s)${problems.length ? `, ${problems.length} run problem(s)` : ''}.`,
    `Target: ${report.run.target} · harness ${report.run.harnessVersion} · ${runKind(report)}`,
    '',
    matrixTable(report).trimEnd(),
    '',
  ];
  const stagesFailed = report.lifecycle.filter((stage) => stage.outcome === 'fail').length;
  const stagesPassed = report.lifecycle.filter((stage) => stage.outcome === 'pass').length;
  if (report.lifecycle.length)
    lines.push(
      `Lifecycle: ${stagesPassed} of ${report.lifecycle.length} stage(s) passed${stagesFailed ? `, ${stagesFailed} FAILED` : ''}.`,
    );
  if (report.conformance.length) {
    const caught = report.conformance.filter((result) => result.caught).length;
    const known = report.conformance.filter((result) => result.knownDeviation).length;
    lines.push(
      `Conformance: ${caught} of ${report.conformance.length} fault scenario(s) handled as expected${s.conformanceMissed ? `, ${s.conformanceMissed} MISSED` : ''}${known ? `, ${known} known deviation(s)` : ''}.`,
    );
  }
  const blocking = report.findings.filter((item) => item.severity === 'blocking');
  if (blocking.length || problems.length) {
    lines.push('', `Blocking${blocking.length > MAX_FINDINGS ? ` (first ${MAX_FINDINGS} of ${blocking.length})` : ''}:`);
    for (const problem of problems) lines.push(`  - ${problem}`);
    for (const item of blocking.slice(0, MAX_FINDINGS)) {
      lines.push(`  - ${item.owner ? `[${OWNER_TAG[item.owner]}] ` : ''}${item.title}`);
      if (item.detail) lines.push(`      ${item.detail}`);
      if (item.fix) lines.push(`      Fix: ${item.fix}`);
    }
  }
  lines.push('', 'Reports:', ...paths.map((item) => `  ${item.label.padEnd(22)} ${item.path}`), '');
  lines.push(
    `Wall time: ${seconds(timings.wallMs)} (Playwright ${seconds(timings.playwrightMs)}${timings.allureMs !== undefined ? `, Allure report ${seconds(timings.allureMs)}` : ''}).`,
  );
  return `${lines.join('\n')}\n`;
}
