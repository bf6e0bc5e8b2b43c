// The documented schema (reporting/report/certification.schema.json) describes exactly what the
// full run's report builder and the offline check write.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCertificationReport } from './report/certificationReport.ts';
import { withLeaks } from './certificationReporter.ts';
import { buildRunReport, type TestRecord } from './runReport.ts';
import { schemaProblems, type Schema } from './schemaCheck.ts';

const schema = JSON.parse(readFileSync(new URL('./report/certification.schema.json', import.meta.url), 'utf8')) as Schema;
const RUN = {
  harnessVersion: '0.1.0',
  mode: 'full' as const,
  target: 'embedded reference portal',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 12.5,
  command: 'sso-harness certify',
};
const persona = [
  { type: 'vendor', description: 'okta' },
  { type: 'protocol', description: 'saml' },
  { type: 'persona', description: 'okta-saml' },
];

const tests: TestRecord[] = [
  {
    title: 'Okta (SAML): set up',
    file: 'lifecycle/ssoLifecycle.spec.ts',
    outcome: 'fail',
    durationMs: 1,
    annotations: [...persona, { type: 'lockout-cause', description: 'acs-url-changed' }],
    stages: [{ title: 'Test SSO passes', outcome: 'fail', error: 'saml-cert-untrusted' }],
  },
  {
    title: 'saml.audience-mismatch × okta-saml',
    file: 'conformance/catalogMatrix.spec.ts',
    outcome: 'fail',
    durationMs: 1,
    annotations: [...persona, { type: 'fault', description: 'saml.audience-mismatch' }],
    stages: [],
  },
  {
    title: 'saml.xsw1 × okta-saml',
    file: 'conformance/catalogMatrix.spec.ts',
    outcome: 'known-deviation',
    durationMs: 1,
    annotations: [...persona, { type: 'fault', description: 'saml.xsw1' }, { type: 'known-deviation', description: 'OE-1' }],
    stages: [],
  },
  { title: 'skipped', file: 'seats/audit.spec.ts', outcome: 'skipped', durationMs: 0, annotations: [], stages: [] },
];

describe('certification.schema.json', () => {
  it("describes a full run's report, findings, matrix, lifecycle, conformance and leaks included", () => {
    const report = buildRunReport({
      run: RUN,
      tests,
      problems: { globalErrors: ['boom'], status: 'interrupted', missingSuites: ['security'], filesNotRun: [] },
      scope: { vendors: ['okta'], protocols: ['saml'] },
    });
    const leaked = withLeaks(report, [{ file: 'reports/junit/playwright.xml', kind: 'password' }]);
    expect(leaked.matrix.length * leaked.lifecycle.length * leaked.conformance.length).toBeGreaterThan(0);
    expect(schemaProblems(JSON.parse(JSON.stringify(leaked)), schema)).toEqual([]);
  });

  it('describes an offline report', () => {
    const offline = buildCertificationReport({
      run: { ...RUN, mode: 'offline' },
      subject: { customer: 'Contoso', vendor: 'entra', protocol: 'saml' },
      findings: [
        {
          area: 'certificate',
          check: 'cert.expiry',
          severity: 'warning',
          title: 't',
          detail: 'd',
          faultId: 'saml.cert-expired',
          reason: 'saml-cert-untrusted',
          customerSees: 'c',
          fix: 'f',
        },
      ],
    });
    expect(schemaProblems(JSON.parse(JSON.stringify(offline)), schema)).toEqual([]);
  });

  it.each([
    [{ schemaVersion: 2 }, '$.schemaVersion: must be 1'],
    [{ verdict: 'maybe' }, '$.verdict: "maybe" is not one of ["certified","not-certified","interrupted"]'],
    [{ extra: true }, '$: "extra" is not in the schema'],
    [
      { matrix: [{ vendor: 'okta', protocol: 'wsfed', entryPoint: 'web', outcome: 'pass' }] },
      '$.matrix[0].protocol: "wsfed" is not one of ["saml","oidc"]',
    ],
    [
      { summary: { blocking: 1.5, warning: 0, info: 0, matrixFailed: 0, lifecycleFailed: 0, conformanceMissed: 0 } },
      '$.summary.blocking: must be integer, is number',
    ],
  ])('rejects a report that strays from it: %j', (change, problem) => {
    const report = {
      ...(JSON.parse(JSON.stringify(buildCertificationReport({ run: RUN, findings: [] }))) as Record<string, unknown>),
      ...change,
    };
    expect(schemaProblems(report, schema)).toContain(problem);
  });
});
