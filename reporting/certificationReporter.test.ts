// The reporter end to end on a fake run: it writes the certification report, and its secrets
// gate fails the run when a generated file carries a secret from the ledger.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FullConfig, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CertificationReport } from './report/certificationReport.ts';
import CertificationReporter, { evidenceOf } from './certificationReporter.ts';
import { LEDGER_DIR_NAME, recordSecret } from './secrets/ledger.ts';

const PASSWORD = 'oe-Qw3rty_123-TEST';
let dir: string;
let out = '';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cert-reporter-'));
  out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  for (const suite of ['lifecycle', 'login', 'seats', 'conformance', 'security']) {
    mkdirSync(join(dir, 'suites', suite), { recursive: true });
    writeFileSync(join(dir, 'suites', suite, 'a.spec.ts'), '');
  }
  recordSecret(join(dir, 'test-results', LEDGER_DIR_NAME), 'password', PASSWORD);
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

async function fakeRun(error?: string): Promise<{ status?: string } | undefined> {
  const reporter = new CertificationReporter({ outputDir: join(dir, 'reports') });
  const tests = ['lifecycle', 'login', 'seats', 'conformance', 'security'].map(
    (suite) =>
      ({
        title: `${suite}: Okta (SAML) works`,
        location: { file: join(dir, 'suites', suite, 'a.spec.ts') },
        expectedStatus: 'passed',
        annotations: [{ type: 'persona', description: 'okta-saml' }],
      }) as unknown as TestCase,
  );
  const config = { projects: [{ outputDir: join(dir, 'test-results'), testDir: join(dir, 'suites') }] } as unknown as FullConfig;
  reporter.onBegin(config, { allTests: () => tests } as unknown as Suite);
  for (const test of tests) {
    const failed = error !== undefined && test.title.startsWith('lifecycle');
    reporter.onTestEnd(test, {
      status: failed ? 'failed' : 'passed',
      duration: 5,
      annotations: [],
      steps: [{ category: 'test.step', title: 'admin enables SSO on the web admin portal' }],
      attachments: [],
      ...(failed ? { error: { message: error } } : {}),
    } as unknown as TestResult);
  }
  return reporter.onEnd({ status: 'passed', startTime: new Date(), duration: 1 });
}

const report = (): CertificationReport =>
  JSON.parse(readFileSync(join(dir, 'reports', 'certification.json'), 'utf8')) as CertificationReport;

describe('CertificationReporter', () => {
  it('writes a certified report for a clean, complete run', async () => {
    mkdirSync(join(dir, 'reports', 'junit'), { recursive: true });
    writeFileSync(join(dir, 'reports', 'junit', 'playwright.xml'), '<testsuite/>');
    expect(await fakeRun()).toBeUndefined();
    expect(report()).toMatchObject({
      verdict: 'certified',
      matrix: [{ vendor: 'okta', protocol: 'saml', entryPoint: 'web', outcome: 'pass' }],
    });
    expect(out).toMatch(/Secrets scan: \d+ generated file\(s\), 1 run secret\(s\): none found/);
  });

  it('fails the run and the certification when a generated file carries a secret, naming the file, not the value', async () => {
    mkdirSync(join(dir, 'reports', 'junit'), { recursive: true });
    writeFileSync(join(dir, 'reports', 'junit', 'playwright.xml'), `<system-out>logged in with ${PASSWORD}</system-out>`);
    expect(await fakeRun()).toEqual({ status: 'failed' });
    const written = report();
    expect(written.verdict).toBe('not-certified');
    expect(written.findings[0]).toMatchObject({
      area: 'secrets',
      severity: 'blocking',
      title: 'A secret of the run appears in a generated file (password)',
      detail: expect.stringContaining('junit/playwright.xml: password') as unknown,
    });
    expect(out).toContain('Secrets scan: 1 leak(s) in generated files (values not shown):');
    expect(out + readFileSync(join(dir, 'reports', 'certification.md'), 'utf8')).not.toContain(PASSWORD);
  });

  it("removes the run's secrets from error messages it copies into the report", async () => {
    expect(await fakeRun(`Error: the portal refused the password ${PASSWORD}`)).toBeUndefined();
    const failed = report().findings.find((item) => item.area === 'lifecycle');
    expect(failed?.detail).toBe('Error: the portal refused the password [removed]');
  });
});

describe('evidenceOf', () => {
  it("links a failed test's files and writes its in-memory attachments under reports/evidence (never Allure's own)", () => {
    const reports = join(dir, 'reports');
    const trace = join(dir, 'test-results', 't1', 'trace.zip');
    mkdirSync(join(dir, 'test-results', 't1'), { recursive: true });
    writeFileSync(trace, 'zip');
    const test = { id: 'abc-123' } as unknown as TestCase;
    const result = {
      attachments: [
        { name: 'trace', contentType: 'application/zip', path: trace },
        { name: 'hops.txt', contentType: 'text/plain', body: Buffer.from('GET /a → 200') },
        { name: 'Allure Metadata (metadata)', contentType: 'application/vnd.allure.message+json', body: Buffer.from('{}') },
      ],
    } as unknown as TestResult;
    expect(evidenceOf(test, result, reports)).toEqual([
      { label: 'Playwright report entry (steps, trace, screenshot)', path: 'playwright/html/index.html#?testId=abc-123' },
      { label: 'trace', path: '../test-results/t1/trace.zip' },
      { label: 'hops.txt', path: 'evidence/abc-123/hops.txt' },
    ]);
    expect(readFileSync(join(reports, 'evidence', 'abc-123', 'hops.txt'), 'utf8')).toBe('GET /a → 200');
  });

  it("copies the attachments of a merged run out of the shards' blob directory, which is not part of the reports", () => {
    const reports = join(dir, 'reports');
    const blob = join(dir, 'blob');
    mkdirSync(join(blob, 'resources'), { recursive: true });
    writeFileSync(join(blob, 'resources', '0a1b.zip'), 'trace bytes');
    const outside = join(dir, 'test-results', 'kept.png');
    mkdirSync(join(dir, 'test-results'), { recursive: true });
    writeFileSync(outside, 'png');
    const test = { id: 'm-1' } as unknown as TestCase;
    const result = {
      attachments: [
        { name: 'trace', contentType: 'application/zip', path: join(blob, 'resources', '0a1b.zip') },
        { name: 'screenshot', contentType: 'image/png', path: outside },
      ],
    } as unknown as TestResult;
    expect(evidenceOf(test, result, reports, blob).slice(1)).toEqual([
      { label: 'trace.zip', path: 'evidence/m-1/trace.zip' },
      { label: 'screenshot', path: '../test-results/kept.png' },
    ]);
    expect(readFileSync(join(reports, 'evidence', 'm-1', 'trace.zip'), 'utf8')).toBe('trace bytes');
  });
});
