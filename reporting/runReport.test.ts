import { describe, expect, it } from 'vitest';
import { getFault, LOCKOUT_CAUSES } from '../mock-idps/index.ts';
import { buildRunReport, reasonIn, type RunProblems, type TestRecord } from './runReport.ts';

const RUN = {
  harnessVersion: '0.1.0',
  mode: 'full' as const,
  target: 'embedded reference portal',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1234,
};
const CLEAN: RunProblems = { globalErrors: [], status: 'passed', missingSuites: [], filesNotRun: [] };

const persona = (id: string, vendor: string, protocol: string) => [
  { type: 'vendor', description: vendor },
  { type: 'protocol', description: protocol },
  { type: 'persona', description: id },
];

function lifecycle(overrides: Partial<TestRecord> = {}): TestRecord {
  return {
    title: 'Okta (SAML): set up, enable, lock out (acs-url-changed), support recovery, re-enable',
    file: 'lifecycle/ssoLifecycle.spec.ts',
    outcome: 'pass',
    durationMs: 10,
    annotations: [...persona('okta-saml', 'okta', 'saml'), { type: 'lockout-cause', description: 'acs-url-changed' }],
    stages: [
      { title: 'admin enables SSO (after confirming)', outcome: 'pass' },
      { title: 'everyone logs in with SSO again', outcome: 'pass' },
    ],
    ...overrides,
  };
}

function scenario(faultId: string, outcome: TestRecord['outcome'], extra: TestRecord['annotations'] = []): TestRecord {
  return {
    title: `${faultId} × okta-saml`,
    file: 'conformance/catalog.spec.ts',
    outcome,
    durationMs: 5,
    annotations: [
      ...persona('okta-saml', 'okta', 'saml'),
      { type: 'fault', description: faultId },
      { type: 'expected', description: 'reject' },
      ...extra,
    ],
    stages: [],
    ...(outcome === 'fail' ? { error: 'expected reason saml-audience-mismatch, the SP logged the user in' } : {}),
  };
}

describe('buildRunReport', () => {
  it('reports a scenario whose set-up failed as "could not run" naming the step, never as an SP defect', () => {
    const report = buildRunReport({
      run: RUN,
      tests: [
        scenario('saml.audience-mismatch', 'fail', [
          { type: 'could-not-run', description: 'Could not run: provisioning the account (POST /_harness/accounts) failed: 500' },
        ]),
      ],
      problems: CLEAN,
    });
    expect(report.verdict).toBe('not-certified');
    expect(report.summary.conformanceMissed).toBe(0);
    expect(report.conformance[0]).toMatchObject({
      observed: 'could-not-run',
      couldNotRun: 'Could not run: provisioning the account (POST /_harness/accounts) failed: 500',
    });
    expect(report.findings).toEqual([
      expect.objectContaining({
        check: 'conformance.could-not-run',
        severity: 'blocking',
        title: 'Could not run: saml.audience-mismatch × okta-saml',
      }),
    ]);
    expect(report.findings[0]?.fix).not.toMatch(/Okta|Audience/);
  });

  it('warns about a refusal for another reason, notes what could not be verified, and keeps both out of the verdict', () => {
    const other = scenario('saml.audience-mismatch', 'pass', [
      { type: 'reason-check', description: 'other reason: saml-signature-invalid (the audit event), expected saml-audience-mismatch' },
    ]);
    const unverifiable = {
      ...scenario('saml.issuer-mismatch', 'pass', [
        { type: 'reason-check', description: 'not verifiable: the target declares no way to read refusal reasons' },
      ]),
      title: 'saml.issuer-mismatch × okta-saml',
    };
    const verified = scenario('saml.replay', 'pass', [
      { type: 'reason-check', description: 'verified: saml-replay (the X-OE-Reason header)' },
    ]);
    const report = buildRunReport({ run: RUN, tests: [other, unverifiable, verified], problems: CLEAN });
    expect(report.verdict).toBe('certified');
    expect(report.conformance.map((result) => [result.faultId, result.reasonCheck])).toEqual([
      ['saml.audience-mismatch', 'other-reason'],
      ['saml.issuer-mismatch', 'not-verifiable'],
      ['saml.replay', 'verified'],
    ]);
    expect(report.findings.map((item) => [item.severity, item.check])).toEqual([
      ['warning', 'conformance.reason'],
      ['info', 'run.not-verifiable'],
    ]);
  });

  it('counts a scenario that does not apply to the target neither as caught nor as missed', () => {
    const skipped = scenario('oidc.userinfo-sub-mismatch', 'skipped', [
      { type: 'not-applicable', description: "the SP never called the IdP's userinfo endpoint" },
    ]);
    const report = buildRunReport({ run: RUN, tests: [skipped], problems: CLEAN });
    expect(report.verdict).toBe('certified');
    expect(report.conformance[0]).toMatchObject({ observed: 'not-applicable', notApplicable: true, caught: false });
    expect(report.findings.map((item) => item.check)).toContain('run.not-applicable');
  });

  it('certifies a clean run and fills matrix and lifecycle from annotations and steps', () => {
    const withEntries = lifecycle({
      annotations: [
        ...lifecycle().annotations,
        { type: 'entry-point', description: 'web' },
        { type: 'entry-point', description: 'desktop' },
      ],
    });
    const report = buildRunReport({ run: RUN, tests: [withEntries], problems: CLEAN });
    expect(report.verdict).toBe('certified');
    expect(report.matrix).toEqual([
      { vendor: 'okta', protocol: 'saml', entryPoint: 'desktop', outcome: 'pass', detail: '1 test(s) passed' },
      { vendor: 'okta', protocol: 'saml', entryPoint: 'web', outcome: 'pass', detail: '1 test(s) passed' },
    ]);
    expect(report.lifecycle.map((stage) => stage.stage)).toEqual([
      'Okta (SAML) › admin enables SSO (after confirming)',
      'Okta (SAML) › everyone logs in with SSO again',
    ]);
    expect(report.findings).toEqual([]);
  });

  it('fails only the entry point a failed stage names; the others are marked not completed', () => {
    const entries = ['web', 'desktop', 'mobile-ios'].map((description) => ({ type: 'entry-point', description }));
    const failed = lifecycle({
      outcome: 'fail',
      annotations: [...lifecycle().annotations, ...entries],
      stages: [
        { title: 'SSO login works for a user and for the admin on the web admin portal', outcome: 'pass' },
        {
          title: 'SSO login works for a user and for the admin on the mobile app (iPhone)',
          outcome: 'fail',
          error: 'Error: nothing came back',
        },
      ],
    });
    const cells = buildRunReport({ run: RUN, tests: [failed], problems: CLEAN }).matrix.map(({ entryPoint, outcome }) => [
      entryPoint,
      outcome,
    ]);
    expect(cells).toEqual([
      ['desktop', 'skipped'],
      ['mobile-ios', 'fail'],
      ['web', 'skipped'],
    ]);
    const general = lifecycle({
      outcome: 'fail',
      annotations: [...lifecycle().annotations, ...entries],
      stages: [{ title: 'admin enables SSO (after confirming)', outcome: 'fail' }],
    });
    expect(buildRunReport({ run: RUN, tests: [general], problems: CLEAN }).matrix.every((cell) => cell.outcome === 'fail')).toBe(true);
  });

  it('names where a timed-out test stopped (Playwright marks no step as failed)', () => {
    const timedOut = lifecycle({ outcome: 'fail', error: 'Test timeout of 60000ms exceeded.' });
    const report = buildRunReport({ run: RUN, tests: [timedOut], problems: CLEAN });
    expect(report.lifecycle.at(-1)).toEqual({
      stage: 'Okta (SAML) › (not completed after "everyone logs in with SSO again")',
      outcome: 'fail',
      detail: 'Test timeout of 60000ms exceeded.',
    });
    expect(report.findings[0]?.title).toBe(
      'Okta (SAML): set up, enable, lock out (acs-url-changed), support recovery, re-enable — stopped after "everyone logs in with SSO again"',
    );
  });

  it('puts a test without entry-point annotations in the web column', () => {
    expect(buildRunReport({ run: RUN, tests: [lifecycle()], problems: CLEAN }).matrix.map((cell) => cell.entryPoint)).toEqual(['web']);
  });

  it('turns a failed stage into a failed cell, a failed stage row and a blocking finding for the portal team, with the evidence', () => {
    const failed = lifecycle({
      outcome: 'fail',
      error: 'expected the refusal saml-cert-untrusted',
      stages: [
        { title: 'admin enables SSO (after confirming)', outcome: 'pass' },
        {
          title: 'Test SSO passes without enabling',
          outcome: 'fail',
          error: 'Timed out waiting for code[data-reason="saml-cert-untrusted"]',
        },
      ],
    });
    const evidence = [{ label: 'trace', path: '../test-results/x/trace.zip' }];
    const report = buildRunReport({ run: RUN, tests: [{ ...failed, evidence }], problems: CLEAN });
    expect(report.verdict).toBe('not-certified');
    expect(report.summary).toMatchObject({ blocking: 1, matrixFailed: 1, lifecycleFailed: 1 });
    expect(report.matrix[0]).toMatchObject({
      outcome: 'fail',
      detail: expect.stringContaining('at "Test SSO passes without enabling"') as unknown,
    });
    expect(report.findings[0]).toMatchObject({
      area: 'lifecycle',
      severity: 'blocking',
      reason: 'saml-cert-untrusted',
      owner: 'portal',
      evidence,
      fix: expect.stringMatching(
        /^OE team: make the portal do what the failed step expects .* there is nothing for the customer to change\.$/,
      ) as unknown,
      title:
        'Okta (SAML): set up, enable, lock out (acs-url-changed), support recovery, re-enable — failed at "Test SSO passes without enabling"',
    });
  });

  it.each([
    ['without a reason code', 'the IdP error page did not show'],
    ['naming a reason code', 'expected the refusal saml-destination-mismatch'],
  ])("a failed lockout stage is the portal's, never the lockout cause's vendor-console fix for the customer (%s)", (_name, error) => {
    const failed = lifecycle({
      outcome: 'fail',
      stages: [{ title: 'the user and the admin are locked out of the web admin portal (IdP error E0000001)', outcome: 'fail', error }],
    });
    const [item] = buildRunReport({ run: RUN, tests: [failed], problems: CLEAN }).findings;
    const fault = getFault(LOCKOUT_CAUSES['acs-url-changed'].fault);
    expect(item).toMatchObject({ owner: 'portal', fix: expect.stringMatching(/^OE team: /) as unknown });
    expect(item?.fix).not.toBe(fault.fix.okta ?? fault.fix.default);
    expect(item?.customerSees).toBeUndefined();
  });

  it('reports conformance: caught, missed (blocking, a portal defect with the rule broken) and known deviations (not blocking)', () => {
    const report = buildRunReport({
      run: RUN,
      problems: CLEAN,
      tests: [
        scenario('saml.audience-mismatch', 'pass'),
        scenario('saml.audience-mismatch', 'fail', [{ type: 'observed', description: 'accepted' }]),
        scenario('saml.destination-mismatch', 'known-deviation', [{ type: 'known-deviation', description: 'OE-1234 accepted risk' }]),
      ],
    });
    expect(
      report.conformance.map(({ faultId, observed, caught, knownDeviation }) => ({ faultId, observed, caught, knownDeviation })),
    ).toEqual([
      { faultId: 'saml.audience-mismatch', observed: 'rejected', caught: true, knownDeviation: undefined },
      { faultId: 'saml.audience-mismatch', observed: 'accepted', caught: false, knownDeviation: undefined },
      { faultId: 'saml.destination-mismatch', observed: 'error', caught: false, knownDeviation: true },
    ]);
    expect(report.summary.conformanceMissed).toBe(1);
    expect(report.matrix).toEqual([]);
    const blocking = report.findings.filter((item) => item.severity === 'blocking');
    expect(blocking).toHaveLength(1);
    expect(blocking[0]).toMatchObject({
      faultId: 'saml.audience-mismatch',
      reason: 'saml-audience-mismatch',
      owner: 'portal',
      rule: getFault('saml.audience-mismatch')?.reference,
      title: 'The portal under test did not refuse "Audience is another SP entity ID" (Okta (SAML))',
      fix: expect.stringMatching(
        /^OE team: refuse it — no session, an error page with reason saml-audience-mismatch \(".+"\)\. The harness set the IdP up correctly/,
      ) as unknown,
    });
    expect(blocking[0]?.fix).not.toContain(getFault('saml.audience-mismatch')?.fix.okta);
    expect(blocking[0]?.customerSees).toBeUndefined();
    expect(report.findings.find((item) => item.severity === 'warning')).toMatchObject({
      title: 'Known deviation: saml.destination-mismatch × okta-saml',
      detail: 'OE-1234 accepted risk',
    });
  });

  it('blocks on a ledgered deviation that now passes', () => {
    const report = buildRunReport({
      run: RUN,
      problems: CLEAN,
      tests: [{ ...scenario('saml.audience-mismatch', 'pass', [{ type: 'known-deviation', description: 'OE-1' }]), unexpectedPass: true }],
    });
    expect(report.verdict).toBe('not-certified');
    expect(report.findings[0]?.title).toBe('saml.audience-mismatch × okta-saml: listed as a known deviation, but now behaves correctly');
  });

  it.each<[string, Partial<RunProblems>, number, string]>([
    ['no test ran', {}, 0, 'No test ran'],
    ['a timed-out run', { status: 'timedout' }, 1, 'The run did not finish (timed out)'],
    ['a global error', { globalErrors: ['worker crashed'] }, 1, 'An error outside the tests stopped part of the run'],
    ['a missing suite', { missingSuites: ['security'] }, 1, 'The security suite is missing'],
    ['a partial run', { filesNotRun: ['seats/seatAudit.spec.ts'] }, 1, 'Only part of the certification ran'],
  ])('does not certify %s', (_name, problems, tests, title) => {
    const report = buildRunReport({ run: RUN, tests: tests ? [lifecycle()] : [], problems: { ...CLEAN, ...problems } });
    expect(report.verdict).toBe('not-certified');
    expect(report.findings[0]).toMatchObject({ area: 'run', severity: 'blocking', title });
  });

  it('gives an interrupted run no verdict but "interrupted", whatever passed before the stop', () => {
    const report = buildRunReport({ run: RUN, tests: [lifecycle()], problems: { ...CLEAN, status: 'interrupted' } });
    expect(report.verdict).toBe('interrupted');
    expect(report.findings[0]).toMatchObject({
      area: 'run',
      check: 'run.interrupted',
      severity: 'blocking',
      title: 'The run was stopped before it finished',
    });
  });

  it('accepts left-out files when certify ran a declared scope', () => {
    const report = buildRunReport({
      run: RUN,
      tests: [lifecycle()],
      problems: { ...CLEAN, filesNotRun: ['seats/seatAudit.spec.ts'] },
      scope: { vendors: ['okta'] },
    });
    expect(report.verdict).toBe('certified');
    expect(report.subject).toEqual({ vendor: 'okta' });
  });
});

describe('reasonIn', () => {
  it.each([
    ['Timed out waiting for code[data-reason="saml-cert-untrusted"]', 'saml-cert-untrusted'],
    ['expected sso-required, got something-else-entirely', 'sso-required'],
    ['no reason here', undefined],
  ])('%s → %s', (text, reason) => {
    expect(reasonIn(text)).toBe(reason);
  });
});
