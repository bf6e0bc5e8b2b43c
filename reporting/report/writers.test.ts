import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCertificationReport, type ReportInput } from './certificationReport.ts';
import { escapeHtml } from '../../lib/index.ts';
import { humanDuration, renderReportHtml, renderReportMarkdown, runKind, writeCertificationReport } from './writers.ts';

const RUN = {
  harnessVersion: '0.1.0',
  mode: 'full' as const,
  target: 'reference portal',
  startedAt: '2026-03-02T09:00:00.000Z',
  durationMs: 1234,
};
const INFO = { area: 'metadata', check: 'metadata.structure', severity: 'info' as const, title: 'ok', detail: 'ok' };

describe('buildCertificationReport verdict', () => {
  it.each<[string, Partial<ReportInput>, 'certified' | 'not-certified']>([
    ['only info findings', { findings: [INFO] }, 'certified'],
    ['a warning', { findings: [{ ...INFO, severity: 'warning' }] }, 'certified'],
    ['a blocking finding', { findings: [{ ...INFO, severity: 'blocking' }] }, 'not-certified'],
    [
      'a failed matrix cell',
      { findings: [], matrix: [{ vendor: 'okta', protocol: 'saml', entryPoint: 'web', outcome: 'fail' }] },
      'not-certified',
    ],
    ['a failed lifecycle stage', { findings: [], lifecycle: [{ stage: 'enable', outcome: 'fail' }] }, 'not-certified'],
    [
      'a missed fault',
      {
        findings: [],
        conformance: [{ faultId: 'saml.xsw1', persona: 'okta-saml', expected: 'reject', observed: 'accepted', caught: false }],
      },
      'not-certified',
    ],
    [
      'a missed fault listed in the ledger',
      {
        findings: [],
        conformance: [
          { faultId: 'saml.xsw1', persona: 'okta-saml', expected: 'reject', observed: 'accepted', caught: false, knownDeviation: true },
        ],
      },
      'certified',
    ],
    [
      'a known-deviation cell',
      { findings: [], matrix: [{ vendor: 'okta', protocol: 'saml', entryPoint: 'mobile', outcome: 'known-deviation' }] },
      'certified',
    ],
  ])('%s → %s', (_what, input, verdict) => {
    expect(buildCertificationReport({ run: RUN, findings: [], ...input }).verdict).toBe(verdict);
  });

  it('sorts blocking findings first and counts them', () => {
    const report = buildCertificationReport({
      run: RUN,
      findings: [INFO, { ...INFO, severity: 'warning' }, { ...INFO, severity: 'blocking' }],
    });
    expect(report.findings.map((item) => item.severity)).toEqual(['blocking', 'warning', 'info']);
    expect(report.summary).toEqual({ blocking: 1, warning: 1, info: 1, matrixFailed: 0, lifecycleFailed: 0, conformanceMissed: 0 });
  });
});

describe('report writers', () => {
  const hostile = buildCertificationReport({
    run: RUN,
    subject: { customer: '<script>alert(1)</script>', vendor: 'okta', protocol: 'saml' },
    findings: [
      {
        area: 'seats',
        check: 'seats.invalid-email',
        severity: 'blocking',
        title: 'Seat "<img src=x onerror=alert(1)>"',
        detail:
          'token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXNlY3JldC12YWx1ZQ and -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----',
        fix: 'a | b',
      },
    ],
    matrix: [{ vendor: 'okta', protocol: 'saml', entryPoint: 'web', outcome: 'pass' }],
  });

  it('escapes every value in HTML', () => {
    const html = renderReportHtml(hostile);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeHtml(`"'&<>`)).toBe('&quot;&#39;&amp;&lt;&gt;');
  });

  it('keeps Markdown tables intact and drops secrets from every format', async () => {
    const md = renderReportMarkdown(hostile);
    expect(md).toContain('| okta | saml | web | pass |  |');
    const dir = mkdtempSync(join(tmpdir(), 'sso-harness-report-'));
    try {
      const paths = await writeCertificationReport(hostile, dir);
      for (const path of [paths.json, paths.md, paths.html]) {
        const text = readFileSync(path, 'utf8');
        expect(text).not.toContain('c2lnbmF0dXJlLXNlY3JldC12YWx1ZQ');
        expect(text).not.toContain('MIIE');
      }
      expect(paths).toEqual({
        json: join(dir, 'certification.json'),
        md: join(dir, 'certification.md'),
        html: join(dir, 'certification.html'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('who must fix what, evidence, and the run told truthfully', () => {
  const report = buildCertificationReport({
    run: { ...RUN, durationMs: 134_200 },
    subject: { vendor: 'okta', protocol: 'saml' },
    findings: [
      { area: 'run', check: 'run.not-verifiable', severity: 'info', owner: 'run', title: 'could not verify', detail: 'no reason words' },
      {
        area: 'conformance',
        check: 'conformance.saml.audience-mismatch',
        severity: 'blocking',
        owner: 'portal',
        title: 'The portal under test did not refuse "Audience"',
        detail: 'logged in on /home',
        rule: 'SAML core §2.5.1.4',
        fix: 'OE team: refuse it',
        evidence: [{ label: 'hops.txt', path: '../test-results/a b/hops.txt' }],
      },
    ],
  });

  it('groups findings under who must act, portal first, with the rule broken and links to the evidence', () => {
    const md = renderReportMarkdown(report);
    expect(md.indexOf('### The portal under test is defective — for the OE team')).toBeLessThan(md.indexOf('### The run could not decide'));
    expect(md).toContain('- Rule broken: SAML core §2.5.1.4');
    expect(md).toContain('- Evidence: [hops.txt](../test-results/a%20b/hops.txt)');
    const html = renderReportHtml(report);
    expect(html).toContain('<h3 class="owner">The portal under test is defective — for the OE team</h3>');
    expect(html).toContain('<a href="../test-results/a%20b/hops.txt">hops.txt</a>');
  });

  it('labels a scoped run as scoped and gives durations in words', () => {
    expect(runKind(report)).toBe('scoped certification (okta · SAML only)');
    expect(runKind(buildCertificationReport({ run: { ...RUN, mode: 'ci' }, findings: [] }))).toBe('full certification, CI');
    expect(renderReportMarkdown(report)).toContain('| Duration | 2 min 14 s |');
    expect([humanDuration(850), humanDuration(4_210), humanDuration(60_000)]).toEqual(['850 ms', '4.2 s', '1 min 0 s']);
  });
});
