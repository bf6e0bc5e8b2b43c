// Writers for reports/certification.{json,md,html}. Every string is HTML-escaped in the HTML
// rendering and passes the secret patterns (private keys, token signatures, credentials) in all
// three, as a last guard: a report is mailed to customers and attached to tickets.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { escapeHtml, scrubPatterns } from '../../lib/index.ts';
import { OWNERS, type Owner } from '../findings/finding.ts';
import type { CertificationReport, ConformanceResult, ReportFinding, RunInfo } from './certificationReport.ts';

export interface WrittenReport {
  readonly json: string;
  readonly md: string;
  readonly html: string;
}

export async function writeCertificationReport(report: CertificationReport, outDir: string): Promise<WrittenReport> {
  await mkdir(outDir, { recursive: true });
  const paths = {
    json: join(outDir, 'certification.json'),
    md: join(outDir, 'certification.md'),
    html: join(outDir, 'certification.html'),
  };
  await Promise.all([
    writeFile(paths.json, renderReportJson(report)),
    writeFile(paths.md, renderReportMarkdown(report)),
    writeFile(paths.html, renderReportHtml(report)),
  ]);
  return paths;
}

export function renderReportJson(report: CertificationReport): string {
  return scrubPatterns(`${JSON.stringify(report, null, 2)}\n`);
}

const VERDICT_WORDS = {
  certified: 'CERTIFIED',
  'not-certified': 'NOT CERTIFIED',
  interrupted: 'INTERRUPTED — no verdict (the run was stopped before it finished)',
} as const;

function title(report: CertificationReport): string {
  const subject = report.subject;
  const what = [subject?.customer, subject?.vendor, subject?.protocol?.toUpperCase()].filter(Boolean).join(' · ');
  return `SSO certification${what ? ` — ${what}` : ''}`;
}

function verdictLine(report: CertificationReport): string {
  const s = report.summary;
  return `${VERDICT_WORDS[report.verdict]}: ${s.blocking} blocking, ${s.warning} warning, ${s.info} info finding(s)${report.matrix.length ? `; matrix ${s.matrixFailed} failed of ${report.matrix.length}` : ''}${report.lifecycle.length ? `; lifecycle ${s.lifecycleFailed} failed of ${report.lifecycle.length}` : ''}${report.conformance.length ? `; faults missed ${s.conformanceMissed} of ${report.conformance.length}` : ''}.`;
}

/** A duration as a person reads it: 850 ms, 4.2 s, 2 min 14 s. */
export function humanDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1_000)} s`;
}

/** What kind of run this was, truthfully: a scoped run is never called a full one. */
export function runKind(report: CertificationReport): string {
  if (report.run.mode === 'offline') return "offline check of a customer's files";
  const scope = [report.subject?.vendor, report.subject?.protocol?.toUpperCase()].filter(Boolean).join(' · ');
  return `${scope ? `scoped certification (${scope} only)` : 'full certification'}${report.run.mode === 'ci' ? ', CI' : ''}`;
}

function runRows(report: CertificationReport): Array<[string, string]> {
  const run: RunInfo = report.run;
  return [
    ['Harness version', run.harnessVersion],
    ['Run', runKind(report)],
    ['Target', run.target],
    ['Started', run.startedAt],
    ['Duration', humanDuration(run.durationMs)],
    ...(run.command ? [['Command', run.command] as [string, string]] : []),
  ];
}

/** Findings grouped by who must act (portal, customer, run), in that order; findings without an owner last. */
function byOwner(
  findings: readonly ReportFinding[],
): Array<{ readonly heading: string | undefined; readonly items: readonly ReportFinding[] }> {
  const order: ReadonlyArray<Owner | undefined> = ['portal', 'customer', 'run', undefined];
  return order
    .map((owner) => ({ heading: owner === undefined ? undefined : OWNERS[owner], items: findings.filter((item) => item.owner === owner) }))
    .filter((group) => group.items.length > 0);
}

/** The Caught column: yes/no, or why there is no verdict. */
function caughtWord(result: ConformanceResult, yes: string, no: string): string {
  if (result.knownDeviation) return 'known deviation';
  if (result.notApplicable) return 'not applicable';
  if (result.couldNotRun !== undefined) return 'could not run';
  return result.caught ? yes : no;
}

/** The Reason column: whether a refusal's reason was verified, and what was read. */
function reasonWord(result: ConformanceResult): string {
  if (!result.reasonCheck) return '';
  return result.reasonDetail ?? result.reasonCheck;
}

// ---------- Markdown ----------

function mdCell(value: string | undefined): string {
  return (value ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function mdTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | undefined>>): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
    ...rows.map((row) => `| ${row.map(mdCell).join(' | ')} |`),
  ];
}

function mdFinding(item: ReportFinding): string[] {
  const lines = [
    `#### ${item.severity.toUpperCase()} — ${item.title}`,
    '',
    `- Area: ${item.area}${item.faultId ? `; fault \`${item.faultId}\`` : ''}${item.reason ? `; SP reason \`${item.reason}\`` : ''}`,
    `- Detail: ${item.detail}`,
  ];
  if (item.rule) lines.push(`- Rule broken: ${item.rule}`);
  if (item.customerSees) lines.push(`- Customer sees: ${item.customerSees}`);
  if (item.fix) lines.push(`- Fix: ${item.fix}`);
  if (item.evidence?.length)
    lines.push(`- Evidence: ${item.evidence.map((file) => `[${file.label}](${encodeURI(file.path)})`).join(', ')}`);
  lines.push('');
  return lines;
}

function mdFindings(findings: readonly ReportFinding[]): string[] {
  if (findings.length === 0) return ['No findings.', ''];
  return byOwner(findings).flatMap((group) => [...(group.heading ? [`### ${group.heading}`, ''] : []), ...group.items.flatMap(mdFinding)]);
}

export function renderReportMarkdown(report: CertificationReport): string {
  const lines = [
    `# ${title(report)}`,
    '',
    `**${verdictLine(report)}**`,
    '',
    ...mdTable(['Run', ''], runRows(report)),
    '',
    '## Findings',
    '',
    ...mdFindings(report.findings),
  ];
  if (report.matrix.length)
    lines.push(
      '## Vendor × protocol × entry point',
      '',
      ...mdTable(
        ['Vendor', 'Protocol', 'Entry point', 'Outcome', 'Detail'],
        report.matrix.map((cell) => [cell.vendor, cell.protocol, cell.entryPoint, cell.outcome, cell.detail]),
      ),
      '',
    );
  if (report.lifecycle.length)
    lines.push(
      '## Lifecycle',
      '',
      ...mdTable(
        ['Stage', 'Outcome', 'Detail'],
        report.lifecycle.map((stage) => [stage.stage, stage.outcome, stage.detail]),
      ),
      '',
    );
  if (report.conformance.length)
    lines.push(
      '## Fault catalog conformance',
      '',
      ...mdTable(
        ['Fault', 'Persona', 'Expected', 'Observed', 'Caught', 'Reason', 'Customer-side fix (when their IdP sends it)'],
        report.conformance.map((result) => [
          result.faultId,
          result.persona,
          result.expected,
          result.observed,
          caughtWord(result, 'yes', 'NO'),
          reasonWord(result),
          result.fix,
        ]),
      ),
      '',
    );
  return scrubPatterns(`${lines.join('\n')}\n`);
}

// ---------- HTML ----------

function htmlTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | undefined>>, outcomeColumn?: number): string {
  const head = `<tr>${header.map((cell) => `<th scope="col">${escapeHtml(cell)}</th>`).join('')}</tr>`;
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((cell, index) => `<td${index === outcomeColumn ? ` class="${escapeHtml(cell)}"` : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function htmlFinding(item: ReportFinding): string {
  const meta = [`Area: ${item.area}`, item.faultId ? `fault ${item.faultId}` : '', item.reason ? `SP reason ${item.reason}` : '']
    .filter(Boolean)
    .join(' · ');
  return `<article class="finding ${escapeHtml(item.severity)}">
<h4><span class="badge">${escapeHtml(item.severity.toUpperCase())}</span> ${escapeHtml(item.title)}</h4>
<p class="meta">${escapeHtml(meta)}</p>
<p>${escapeHtml(item.detail)}</p>
${item.rule ? `<p><strong>Rule broken:</strong> ${escapeHtml(item.rule)}</p>` : ''}
${item.customerSees ? `<p><strong>Customer sees:</strong> ${escapeHtml(item.customerSees)}</p>` : ''}
${item.fix ? `<p><strong>Fix:</strong> ${escapeHtml(item.fix)}</p>` : ''}
${item.evidence?.length ? `<p><strong>Evidence:</strong> ${item.evidence.map((file) => `<a href="${escapeHtml(encodeURI(file.path))}">${escapeHtml(file.label)}</a>`).join(', ')}</p>` : ''}
</article>`;
}

function htmlFindings(findings: readonly ReportFinding[]): string {
  if (findings.length === 0) return '<p>No findings.</p>';
  return byOwner(findings)
    .map(
      (group) =>
        `${group.heading ? `<h3 class="owner">${escapeHtml(group.heading)}</h3>\n` : ''}${group.items.map(htmlFinding).join('\n')}`,
    )
    .join('\n');
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
.verdict{font-size:1.2rem;padding:.75rem 1rem;border-radius:.4rem}
.verdict.certified{background:#e3f4e5;border:1px solid #2e7d32}.verdict.not-certified{background:#fdecea;border:1px solid #c62828}.verdict.interrupted{background:#fff4e0;border:1px solid #b26a00}
table{border-collapse:collapse;margin:1rem 0;width:100%}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
.finding{border-left:.3rem solid #999;padding:.2rem 1rem;margin:1rem 0}.finding.blocking{border-color:#c62828}.finding.warning{border-color:#ed6c02}.finding.info{border-color:#0277bd}
.badge{font-size:.8rem;padding:.1rem .4rem;border-radius:.2rem;background:#eee}.meta{color:#555;font-size:.9rem}
td.fail{color:#c62828;font-weight:bold}td.pass{color:#2e7d32}`;

export function renderReportHtml(report: CertificationReport): string {
  const sections = [
    `<h1>${escapeHtml(title(report))}</h1>`,
    `<p class="verdict ${escapeHtml(report.verdict)}" role="status">${escapeHtml(verdictLine(report))}</p>`,
    htmlTable(['Run', ''], runRows(report)),
    '<h2>Findings</h2>',
    htmlFindings(report.findings),
  ];
  if (report.matrix.length)
    sections.push(
      '<h2>Vendor × protocol × entry point</h2>',
      htmlTable(
        ['Vendor', 'Protocol', 'Entry point', 'Outcome', 'Detail'],
        report.matrix.map((cell) => [cell.vendor, cell.protocol, cell.entryPoint, cell.outcome, cell.detail]),
        3,
      ),
    );
  if (report.lifecycle.length)
    sections.push(
      '<h2>Lifecycle</h2>',
      htmlTable(
        ['Stage', 'Outcome', 'Detail'],
        report.lifecycle.map((stage) => [stage.stage, stage.outcome, stage.detail]),
        1,
      ),
    );
  if (report.conformance.length)
    sections.push(
      '<h2>Fault catalog conformance</h2>',
      htmlTable(
        ['Fault', 'Persona', 'Expected', 'Observed', 'Caught', 'Reason', 'Customer-side fix (when their IdP sends it)'],
        report.conformance.map((result) => [
          result.faultId,
          result.persona,
          result.expected,
          result.observed,
          caughtWord(result, 'pass', 'fail'),
          reasonWord(result),
          result.fix,
        ]),
        4,
      ),
    );
  return scrubPatterns(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title(report))}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${sections.join('\n')}
</main>
</body>
</html>
`);
}
