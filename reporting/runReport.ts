// From the tests of one Playwright run to the certification report (reporting/report): the
// vendor × protocol × entry point matrix, the lifecycle stages, the conformance results and one
// blocking finding, with its vendor-specific fix, for everything that stops certification.
import { isReasonCode, type ReasonCode, REASONS } from '../lib/index.ts';
import { getFault, isFaultId, PERSONAS, VENDORS, type PersonaId, type Vendor } from '../mock-idps/index.ts';
import {
  buildCertificationReport,
  type CellOutcome,
  type CertificationReport,
  type ConformanceResult,
  type LifecycleStage,
  type MatrixCell,
  type ReportFinding,
  type RunInfo,
} from './report/certificationReport.ts';
import { fixFor } from './findings/catalogLookup.ts';
import { finding, type Evidence } from './findings/finding.ts';
import { entryPointsNamedIn, entryPointsOf, readSubject, type Annotation, type TestSubject } from './annotations.ts';

export type TestOutcome = 'pass' | 'fail' | 'skipped' | 'known-deviation';

export interface StageRecord {
  readonly title: string;
  readonly outcome: 'pass' | 'fail';
  /** First line of the error, secrets removed. */
  readonly error?: string;
}

/** One test as the reporter saw it (the last attempt; retries are off). */
export interface TestRecord {
  readonly title: string;
  /** Path under suites/, e.g. `lifecycle/ssoLifecycle.spec.ts`. */
  readonly file: string;
  readonly outcome: TestOutcome;
  /** A ledgered known deviation that passed: the ledger entry must go. */
  readonly unexpectedPass?: boolean;
  readonly durationMs: number;
  readonly annotations: readonly Annotation[];
  /** Top-level `test.step`s in order. */
  readonly stages: readonly StageRecord[];
  /** First line of the error when it failed, secrets removed. */
  readonly error?: string;
  /** Where a failed test's evidence is (attachments, trace, its entry in the Playwright report), relative to the reports. */
  readonly evidence?: readonly Evidence[];
}

export interface RunProblems {
  /** Errors outside any test (config, global set-up, a worker that crashed). */
  readonly globalErrors: readonly string[];
  /** Playwright's overall status. */
  readonly status: 'passed' | 'failed' | 'timedout' | 'interrupted';
  /** Suites (directories under suites/) that must run for a verdict and ran no test. */
  readonly missingSuites: readonly string[];
  /** Spec files that exist but were left out of this run by a filter. */
  readonly filesNotRun: readonly string[];
}

export interface RunReportInput {
  readonly run: RunInfo;
  readonly tests: readonly TestRecord[];
  readonly problems: RunProblems;
  /** The selection certify ran with (vendors, protocols, entry points): a scoped verdict. */
  readonly scope?: {
    readonly vendors?: readonly string[];
    readonly protocols?: readonly string[];
    readonly entryPoints?: readonly string[];
  };
}

/** The suite a test belongs to: its first directory under suites/. */
export function areaOf(file: string): string {
  return file.split(/[\\/]/)[0] ?? file;
}

function personaName(subject: TestSubject): string {
  if (subject.persona && Object.hasOwn(PERSONAS, subject.persona)) return PERSONAS[subject.persona as PersonaId].displayName;
  return [subject.vendor, subject.protocol?.toUpperCase()].filter(Boolean).join(' ') || 'no persona';
}

function asVendor(value: string | undefined): Vendor | undefined {
  return VENDORS.find((vendor) => vendor === value);
}

/** The first SP reason code an error names (e.g. an expectation on `saml-cert-untrusted`). */
export function reasonIn(text: string | undefined): ReasonCode | undefined {
  for (const match of (text ?? '').matchAll(/[a-z0-9]+(?:-[a-z0-9]+)+/g)) {
    if (isReasonCode(match[0])) return match[0];
  }
  return undefined;
}

const failedStage = (test: TestRecord): StageRecord | undefined => test.stages.find((stage) => stage.outcome === 'fail');

// ---------- matrix ----------

function mergeOutcome(a: CellOutcome, b: CellOutcome): CellOutcome {
  const rank: Readonly<Record<CellOutcome, number>> = { fail: 3, 'known-deviation': 2, pass: 1, skipped: 0 };
  return rank[a] >= rank[b] ? a : b;
}

function buildMatrix(tests: readonly TestRecord[]): MatrixCell[] {
  const cells = new Map<
    string,
    {
      vendor: string;
      protocol: 'saml' | 'oidc';
      entryPoint: string;
      outcome: CellOutcome;
      passed: number;
      failures: string[];
      incomplete: string[];
    }
  >();
  for (const test of tests) {
    const subject = readSubject(test.annotations);
    // Conformance scenarios have their own section; they are not entry-point logins.
    if (!subject.vendor || !subject.protocol || subject.fault) continue;
    const entryPoints = entryPointsOf(subject);
    const stage = failedStage(test);
    // A failed stage that names entry points fails those; the others were not completed.
    const named = stage ? entryPointsNamedIn(stage.title, entryPoints) : [];
    for (const entryPoint of entryPoints) {
      let outcome: CellOutcome = test.unexpectedPass ? 'fail' : test.outcome;
      if (outcome === 'fail' && named.length > 0 && !named.includes(entryPoint)) outcome = 'skipped';
      const key = `${subject.vendor}|${subject.protocol}|${entryPoint}`;
      const cell = cells.get(key) ?? {
        vendor: subject.vendor,
        protocol: subject.protocol,
        entryPoint,
        outcome: 'skipped' as CellOutcome,
        passed: 0,
        failures: [],
        incomplete: [],
      };
      cell.outcome = mergeOutcome(cell.outcome, outcome);
      if (outcome === 'pass') cell.passed += 1;
      if (outcome === 'fail')
        cell.failures.push(
          `${test.title}${stage ? ` — at "${stage.title}"` : ''}${(stage?.error ?? test.error) ? `: ${stage?.error ?? test.error}` : ''}`,
        );
      if (outcome === 'skipped' && test.outcome === 'fail')
        cell.incomplete.push(`not completed: ${test.title} stopped at "${stage?.title ?? 'set-up'}"`);
      cells.set(key, cell);
    }
  }
  return [...cells.values()]
    .sort((a, b) => a.vendor.localeCompare(b.vendor) || a.protocol.localeCompare(b.protocol) || a.entryPoint.localeCompare(b.entryPoint))
    .map(({ vendor, protocol, entryPoint, outcome, passed, failures, incomplete }) => ({
      vendor,
      protocol,
      entryPoint,
      outcome,
      detail: [...failures, ...(outcome === 'pass' ? [`${passed} test(s) passed`] : []), ...incomplete].join('; ') || outcome,
    }));
}

// ---------- lifecycle ----------

function isLifecycle(test: TestRecord, subject: TestSubject): boolean {
  return subject.lockoutCause !== undefined || areaOf(test.file) === 'lifecycle';
}

function buildLifecycle(tests: readonly TestRecord[]): LifecycleStage[] {
  const stages: LifecycleStage[] = [];
  for (const test of tests) {
    const subject = readSubject(test.annotations);
    if (!isLifecycle(test, subject)) continue;
    const who = personaName(subject);
    for (const stage of test.stages)
      stages.push({ stage: `${who} › ${stage.title}`, outcome: stage.outcome, ...(stage.error ? { detail: stage.error } : {}) });
    if (test.outcome === 'fail' && !failedStage(test)) {
      // A timeout stops the running step without marking it failed: name where the test stopped.
      const last = test.stages.at(-1);
      stages.push({
        stage: `${who} › ${last ? `(not completed after "${last.title}")` : '(set-up, before the first stage)'}`,
        outcome: 'fail',
        ...(test.error ? { detail: test.error } : {}),
      });
    }
    if (test.outcome === 'skipped') stages.push({ stage: `${who} › (test skipped)`, outcome: 'skipped' });
  }
  return stages;
}

// ---------- conformance ----------

const OBSERVED_WHEN_CAUGHT = { reject: 'rejected', accept: 'accepted', 'accept-with-warning': 'accepted-with-warning' } as const;

/** The reason check of a conformance scenario: its last `reason-check` annotation. */
export function reasonCheckOf(checks: readonly string[]): Pick<ConformanceResult, 'reasonCheck' | 'reasonDetail'> {
  const detail = checks.at(-1);
  if (detail === undefined) return {};
  const kind = detail.startsWith('verified') ? 'verified' : detail.startsWith('other reason') ? 'other-reason' : 'not-verifiable';
  return { reasonCheck: kind, reasonDetail: detail };
}

function buildConformance(tests: readonly TestRecord[]): ConformanceResult[] {
  const results: ConformanceResult[] = [];
  for (const test of tests) {
    const subject = readSubject(test.annotations);
    if (!subject.fault) continue;
    // The annotation is read back from a test result: a catalog id, or a security check's name.
    const fault = isFaultId(subject.fault) ? getFault(subject.fault) : undefined;
    const expected = subject.expected ?? fault?.expected ?? 'reject';
    const caught = test.outcome === 'pass';
    const observed: ConformanceResult['observed'] =
      subject.couldNotRun !== undefined
        ? 'could-not-run'
        : subject.notApplicable !== undefined
          ? 'not-applicable'
          : test.outcome === 'skipped'
            ? 'not-run'
            : (subject.observed ?? (caught ? OBSERVED_WHEN_CAUGHT[expected] : 'error'));
    results.push({
      faultId: subject.fault,
      persona: subject.persona ?? personaName(subject),
      expected,
      observed,
      caught,
      ...(test.outcome === 'known-deviation' ? { knownDeviation: true } : {}),
      ...(subject.notApplicable !== undefined ? { notApplicable: true } : {}),
      ...(subject.couldNotRun !== undefined ? { couldNotRun: subject.couldNotRun } : {}),
      ...reasonCheckOf(subject.reasonChecks),
      ...(fault?.reason ? { reason: fault.reason } : {}),
      ...(fault ? { customerSees: fault.customerSees, fix: fixFor(fault, asVendor(subject.vendor)) } : {}),
    });
  }
  return results;
}

// ---------- findings ----------

/** The spec or advisory reference a test declares (its `spec` annotation). */
function specOf(test: TestRecord): string | undefined {
  return test.annotations.find((annotation) => annotation.type === 'spec')?.description;
}

const PORTAL_NOT_CUSTOMER =
  'The harness set the IdP up correctly for this test (and sent any fault on purpose): there is nothing for the customer to change.';

/**
 * A failed test of a certification run. The harness configured the IdP and the account itself, so
 * a wrong outcome is the portal's: the finding says what the portal did, the rule it broke and
 * where the evidence is — never a vendor-console fix for the customer (that is what the offline
 * check and repro are for). Only a scenario that could not run, or a stale ledger, is the run's.
 */
function testFinding(test: TestRecord, subject: TestSubject): ReportFinding {
  const vendor = asVendor(subject.vendor);
  const area = areaOf(test.file);
  const stage = failedStage(test);
  const detail = stage?.error ?? test.error ?? 'the test failed without an error message';
  const evidence = test.evidence?.length ? { evidence: test.evidence } : {};
  if (test.unexpectedPass) {
    return {
      area,
      ...finding(
        {
          check: `${area}.ledger`,
          severity: 'blocking',
          title: `${test.title}: listed as a known deviation, but now behaves correctly`,
          detail: `Remove it from the expected-failures ledger (${subject.knownDeviation ?? 'ledger entry'}) so that a regression is caught again.`,
          owner: 'run',
        },
        vendor,
      ),
    };
  }
  if (subject.couldNotRun !== undefined) {
    return {
      area,
      check: `${area}.could-not-run`,
      severity: 'blocking',
      title: `Could not run: ${test.title}`,
      detail: `${subject.couldNotRun} This is no verdict on the SP: the scenario stopped before its fault was delivered.`,
      fix: "Fix the set-up step named (the target file, the OE's provisioning API, or the admin UI the driver uses), then run the certification again.",
      owner: 'run',
      ...evidence,
    };
  }
  if (subject.fault) {
    // The annotation is read back from a test result: a catalog id, or a security check's name.
    const fault = isFaultId(subject.fault) ? getFault(subject.fault) : undefined;
    const expected = subject.expected ?? fault?.expected ?? 'reject';
    const reason = fault?.reason;
    const correct =
      expected === 'reject'
        ? `refuse it — no session, an error page${reason ? ` with reason ${reason} ("${REASONS[reason].message}")` : ''}`
        : `accept it${expected === 'accept-with-warning' ? ' and warn' : ''}, as real ${personaName(subject)} logins send it`;
    return {
      area,
      check: `${area}.${subject.fault}`,
      severity: 'blocking',
      title: `The portal under test ${expected === 'reject' ? 'did not refuse' : 'did not accept'} "${fault?.title ?? subject.fault}" (${personaName(subject)})`,
      detail,
      faultId: subject.fault,
      ...(reason ? { reason } : {}),
      fix: `OE team: ${correct}. ${PORTAL_NOT_CUSTOMER}`,
      owner: 'portal',
      ...(fault?.reference ? { rule: fault.reference } : specOf(test) ? { rule: specOf(test)! } : {}),
      ...evidence,
    };
  }
  const reason = reasonIn(detail);
  const spec = specOf(test);
  return {
    area,
    check: `${area}.${stage ? 'stage' : 'test'}`,
    severity: 'blocking',
    title: `${test.title}${stage ? ` — failed at "${stage.title}"` : test.stages.length ? ` — stopped after "${test.stages.at(-1)!.title}"` : ' — failed'}`,
    detail,
    ...(reason ? { reason } : {}),
    fix: `OE team: make the portal do what the failed step expects (the detail says what it did instead; the evidence shows it). ${PORTAL_NOT_CUSTOMER}`,
    owner: 'portal',
    ...(spec ? { rule: spec } : {}),
    ...evidence,
  };
}

function runFindings(input: RunReportInput): ReportFinding[] {
  const { problems, tests } = input;
  const out: ReportFinding[] = [];
  const blocking = (check: string, title: string, detail: string, fix: string): void => {
    out.push({ area: 'run', check, severity: 'blocking', title, detail, fix, owner: 'run' });
  };
  if (tests.length === 0)
    blocking(
      'run.no-tests',
      'No test ran',
      'The run selected no test, so nothing was certified.',
      'Check the --vendors / --protocols / --entry selection, or run `sso-harness certify` without filters.',
    );
  if (problems.status === 'interrupted')
    blocking(
      'run.interrupted',
      'The run was stopped before it finished',
      'It was interrupted (Ctrl-C or a stop signal): tests after the interruption did not run, so this report gives no verdict.',
      'Run the certification again to completion.',
    );
  if (problems.status === 'timedout')
    blocking(
      'run.incomplete',
      'The run did not finish (timed out)',
      'Tests after the global timeout did not run.',
      'Run the certification again to completion; raise the global timeout if the machine is slow.',
    );
  for (const error of problems.globalErrors)
    blocking(
      'run.error',
      'An error outside the tests stopped part of the run',
      error,
      'Read the error: usually the target could not start or a spec file does not load.',
    );
  for (const suite of problems.missingSuites)
    blocking(
      'run.suite-missing',
      `The ${suite} suite is missing`,
      `suites/${suite}/ has no spec file in this version of the harness, so its part of the certification cannot run.`,
      `Add the ${suite} suite (DESIGN.md "suites/"); until then no run can be certified.`,
    );
  if (!input.scope && problems.filesNotRun.length > 0) {
    blocking(
      'run.partial',
      'Only part of the certification ran',
      `Spec files left out of this run: ${problems.filesNotRun.join(', ')}.`,
      'A verdict needs every suite: run `sso-harness certify` (or `npx playwright test` without file or -g filters).',
    );
  }
  return out;
}

/**
 * What the reason checks and not-verifiable parts add: a warning for each test refused "for another
 * reason" (the customer is shown a misleading message), one info line for what could not be verified.
 */
function reasonFindings(tests: readonly TestRecord[]): ReportFinding[] {
  const out: ReportFinding[] = [];
  const notVerifiable: string[] = [];
  const notApplicable: string[] = [];
  for (const test of tests) {
    const subject = readSubject(test.annotations);
    const area = areaOf(test.file);
    for (const check of subject.reasonChecks) {
      if (check.includes('other reason:')) {
        out.push({
          area,
          check: `${area}.reason`,
          severity: 'warning',
          owner: 'portal',
          title: `Refused, but for another reason: ${test.title}`,
          detail: check,
          ...(subject.fault ? { faultId: subject.fault } : {}),
          fix: 'The portal under test refuses as it must, but names another reason than the one a correct SP gives: the person is shown a misleading message and support a misleading audit trail. The portal team fixes the reason it reports.',
        });
      } else if (check.includes('not verifiable:')) {
        notVerifiable.push(test.title);
      }
    }
    for (const part of subject.notVerifiable) notVerifiable.push(`${test.title} (${part})`);
    if (subject.notApplicable !== undefined) notApplicable.push(`${test.title}: ${subject.notApplicable}`);
  }
  if (notVerifiable.length > 0) {
    out.push({
      area: 'run',
      check: 'run.not-verifiable',
      severity: 'info',
      owner: 'run',
      title: `${notVerifiable.length} check(s) could not verify the reason or audit words`,
      detail: `The target declares no way to read them (target file: "reasons", "audit", "seatAuditKinds"). E.g. ${notVerifiable.slice(0, 5).join('; ')}.`,
    });
  }
  if (notApplicable.length > 0) {
    out.push({
      area: 'run',
      check: 'run.not-applicable',
      severity: 'info',
      owner: 'run',
      title: `${notApplicable.length} scenario(s) do not apply to this target`,
      detail: notApplicable.slice(0, 10).join('; '),
    });
  }
  return out;
}

export function buildRunReport(input: RunReportInput): CertificationReport {
  const findings: ReportFinding[] = runFindings(input);
  for (const test of input.tests) {
    const subject = readSubject(test.annotations);
    if (test.outcome === 'fail' || test.unexpectedPass) findings.push(testFinding(test, subject));
    if (test.outcome === 'known-deviation') {
      findings.push({
        area: areaOf(test.file),
        check: `${areaOf(test.file)}.known-deviation`,
        severity: 'warning',
        owner: 'portal',
        title: `Known deviation: ${test.title}`,
        detail: subject.knownDeviation ?? 'listed in the expected-failures ledger',
        ...(subject.fault ? { faultId: subject.fault } : {}),
      });
    }
  }
  findings.push(...reasonFindings(input.tests));
  const skipped = input.tests.filter((test) => test.outcome === 'skipped');
  if (skipped.length > 0)
    findings.push({
      area: 'run',
      check: 'run.skipped',
      severity: 'info',
      owner: 'run',
      title: `${skipped.length} test(s) skipped`,
      detail: skipped
        .map((test) => test.title)
        .slice(0, 20)
        .join('; '),
    });
  const scope = input.scope;
  return buildCertificationReport({
    run: input.run,
    ...(scope
      ? {
          subject: {
            ...(scope.vendors?.length ? { vendor: scope.vendors.join(', ') } : {}),
            ...(scope.protocols?.length ? { protocol: scope.protocols.join(', ') } : {}),
          },
        }
      : {}),
    findings,
    matrix: buildMatrix(input.tests),
    lifecycle: buildLifecycle(input.tests),
    conformance: buildConformance(input.tests),
    interrupted: input.problems.status === 'interrupted',
  });
}
