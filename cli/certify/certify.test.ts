// `sso-harness certify`: the usage errors it gives before starting anything, and the end-of-run
// summary. (The full run itself is exercised by `npm start` / bench/certifyWallTime.ts.)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildCertificationReport } from '../../reporting/index.ts';
import * as certify from '../commands/certify.ts';
import { entryGrepInvert } from './playwrightRun.ts';
import { matrixTable, renderSummary } from './summary.ts';

let err = '';
afterEach(() => {
  vi.restoreAllMocks();
});
function capture(): void {
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
}

describe('sso-harness certify: usage errors (exit 2, nothing started)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'certify-test-'));
  const badTarget = join(dir, 'target.json');
  writeFileSync(badTarget, '{"name": "staging"}');

  it.each([
    [
      ['--vendors', 'ping'],
      'sso-harness certify: --vendors does not know "ping": choose from entra, okta, google, auth0 (comma-separated).',
    ],
    [['--protocols', 'wsfed'], 'sso-harness certify: --protocols does not know "wsfed": choose from saml, oidc (comma-separated).'],
    [['--entry', 'tv'], 'sso-harness certify: --entry does not know "tv": choose from web, desktop, mobile (comma-separated).'],
    [['--workers', '0'], 'sso-harness certify: --workers must be a whole number from 1 to 16, not "0".'],
    [
      ['--target', join(dir, 'missing.json')],
      `sso-harness certify: --target names ${join(dir, 'missing.json')}, which does not exist. Give "embedded" (the reference portal) or a target JSON file (README: "Pointing the harness at a real OE environment").`,
    ],
    [
      ['--config', 'customer.json', '--vendors', 'okta'],
      "sso-harness certify: --config checks a customer's files offline; it does not take --vendors.",
    ],
    [['--json'], 'sso-harness certify: --json and --out go with --config; a full run writes reports/certification.json.'],
  ])('%j', async (args, message) => {
    capture();
    expect(await certify.run(args)).toBe(2);
    expect(err.trim()).toBe(message);
  });

  it('names every problem of an unusable target file', async () => {
    capture();
    expect(await certify.run(['--target', badTarget])).toBe(2);
    expect(err).toContain(`The target file ${badTarget} (SSO_HARNESS_TARGET) is not usable:`);
    expect(err).toContain('"baseUrl" must be a non-empty string');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('entryGrepInvert', () => {
  it.each([
    [undefined, undefined],
    [['web'], '\\bdesktop\\b|\\biphone\\b|\\bandroid\\b|\\bmobile\\b'],
    [['web', 'mobile'], '\\bdesktop\\b'],
    [['web', 'desktop', 'mobile'], undefined],
  ])('entry points %j → %s', (entryPoints, grep) => {
    expect(entryGrepInvert(entryPoints ? { entryPoints } : {})).toBe(grep);
  });
});

describe('summary', () => {
  const run = {
    harnessVersion: '0.1.0',
    mode: 'full' as const,
    target: 'embedded reference portal',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
  };
  const report = buildCertificationReport({
    run,
    findings: [
      {
        area: 'lifecycle',
        check: 'lifecycle.stage',
        severity: 'blocking',
        title: 'Okta (SAML) failed at "Test SSO passes"',
        detail: 'Error: timeout',
        fix: 'Check the ACS URL.',
      },
    ],
    matrix: [
      { vendor: 'okta', protocol: 'saml', entryPoint: 'web', outcome: 'fail' },
      { vendor: 'okta', protocol: 'saml', entryPoint: 'desktop', outcome: 'pass' },
      { vendor: 'entra', protocol: 'oidc', entryPoint: 'web', outcome: 'pass' },
    ],
    lifecycle: [
      { stage: 'a', outcome: 'pass' },
      { stage: 'b', outcome: 'fail' },
    ],
    conformance: [{ faultId: 'saml.x', persona: 'okta-saml', expected: 'reject', observed: 'rejected', caught: true }],
  });

  it('prints the matrix with web first', () => {
    expect(matrixTable(report)).toBe(
      'Vendor  Protocol  web   desktop\n------  --------  ----  -------\nokta    saml      FAIL  pass\nentra   oidc      pass\n',
    );
  });

  it('prints verdict, counts, blocking findings with their fix, paths and wall time', () => {
    const text = renderSummary(report, [{ label: 'Certification report', path: 'reports/certification.html' }], {
      wallMs: 52_340,
      playwrightMs: 50_000,
      allureMs: 1_200,
    });
    expect(text).toContain('NOT CERTIFIED: 1 blocking finding(s).');
    expect(text).toContain('Lifecycle: 1 of 2 stage(s) passed, 1 FAILED.');
    expect(text).toContain('Conformance: 1 of 1 fault scenario(s) handled as expected.');
    expect(text).toContain('  - Okta (SAML) failed at "Test SSO passes"\n      Error: timeout\n      Fix: Check the ACS URL.');
    expect(text).toContain('  Certification report   reports/certification.html');
    expect(text.trimEnd().endsWith('Wall time: 52.3 s (Playwright 50.0 s, Allure report 1.2 s).')).toBe(true);
  });

  it('does not certify when the run had a problem outside the report', () => {
    const clean = buildCertificationReport({ run, findings: [] });
    expect(renderSummary(clean, [], { wallMs: 1, playwrightMs: 1 }, ['Secret in a generated file: x: password'])).toContain(
      'NOT CERTIFIED: 0 blocking finding(s), 1 run problem(s).',
    );
    expect(renderSummary(clean, [], { wallMs: 1, playwrightMs: 1 })).toContain('\nCERTIFIED: 0 blocking finding(s).');
  });
});
