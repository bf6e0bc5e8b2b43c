// The certification report (reports/certification.{json,md,html}): one shape for the offline
// pre-enable check (`certify --config`) and the full certification run (`certify`). JSON is the
// source; Markdown and HTML are renderings of it. schemaVersion 1: fields may be added, never
// renamed or removed without a new version.
import { readFileSync } from 'node:fs';
import type { ExpectedOutcome } from '../../mock-idps/index.ts';
import type { Finding, Severity } from '../findings/finding.ts';

export const CERTIFICATION_SCHEMA_VERSION = 1;

/** `interrupted`: the run was stopped (a signal, Ctrl-C) before it finished — no verdict on the target either way. */
export type CertificationVerdict = 'certified' | 'not-certified' | 'interrupted';

/** A finding with the area of the certification it belongs to. */
export interface ReportFinding extends Finding {
  /** E.g. `metadata`, `certificate`, `algorithms`, `alignment`, `issuer`, `seats`, `lifecycle`, `conformance`. */
  readonly area: string;
}

export type CellOutcome = 'pass' | 'fail' | 'skipped' | 'known-deviation';

/** vendor × protocol × entry point (web portal, desktop app, mobile app, IdP-initiated…). */
export interface MatrixCell {
  readonly vendor: string;
  readonly protocol: 'saml' | 'oidc';
  readonly entryPoint: string;
  readonly outcome: CellOutcome;
  readonly detail?: string;
}

export interface LifecycleStage {
  readonly stage: string;
  readonly outcome: CellOutcome;
  readonly detail?: string;
}

/** One fault catalog entry × persona, as the conformance matrix observed it. */
export interface ConformanceResult {
  readonly faultId: string;
  readonly persona: string;
  readonly expected: ExpectedOutcome;
  readonly observed: 'rejected' | 'accepted' | 'accepted-with-warning' | 'error' | 'not-run' | 'not-applicable' | 'could-not-run';
  /** The SP behaved as expected (a reject was refused — no session, an error shown, nothing further —, a quirk accepted). */
  readonly caught: boolean;
  /** Listed in the expected-failures ledger: reported, but not a failure. */
  readonly knownDeviation?: boolean;
  /** The fault cannot reach this SP (e.g. it never calls userinfo): neither caught nor missed. */
  readonly notApplicable?: boolean;
  /** The scenario's set-up failed (the step is named): no verdict on the SP. */
  readonly couldNotRun?: string;
  /** For refusals: whether the SP refused for the stated reason (read the ways the target declares), and what was read. */
  readonly reasonCheck?: 'verified' | 'other-reason' | 'not-verifiable';
  readonly reasonDetail?: string;
  readonly reason?: string;
  readonly customerSees?: string;
  readonly fix?: string;
}

export interface RunInfo {
  readonly harnessVersion: string;
  readonly mode: 'offline' | 'full' | 'ci';
  /** What was certified: a customer file, the embedded reference portal, an OE environment URL. */
  readonly target: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly command?: string;
}

export interface CertificationReport {
  readonly schemaVersion: typeof CERTIFICATION_SCHEMA_VERSION;
  readonly verdict: CertificationVerdict;
  readonly run: RunInfo;
  readonly subject?: { readonly customer?: string; readonly vendor?: string; readonly protocol?: string };
  readonly summary: Readonly<Record<Severity, number>> & {
    readonly matrixFailed: number;
    readonly lifecycleFailed: number;
    readonly conformanceMissed: number;
  };
  /** Blocking first. */
  readonly findings: readonly ReportFinding[];
  /** Empty for offline runs. */
  readonly matrix: readonly MatrixCell[];
  readonly lifecycle: readonly LifecycleStage[];
  readonly conformance: readonly ConformanceResult[];
}

export interface ReportInput {
  readonly run: RunInfo;
  readonly subject?: CertificationReport['subject'];
  readonly findings: readonly ReportFinding[];
  readonly matrix?: readonly MatrixCell[];
  readonly lifecycle?: readonly LifecycleStage[];
  readonly conformance?: readonly ConformanceResult[];
  /** The run was stopped before it finished: the verdict is `interrupted`, whatever the results so far. */
  readonly interrupted?: boolean;
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { blocking: 0, warning: 1, info: 2 };

/** Certified only when the run finished and nothing blocks: no blocking finding, no failed cell or stage, no missed fault. */
export function buildCertificationReport(input: ReportInput): CertificationReport {
  const findings = [...input.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const matrix = input.matrix ?? [];
  const lifecycle = input.lifecycle ?? [];
  const conformance = input.conformance ?? [];
  const count = (severity: Severity): number => findings.filter((item) => item.severity === severity).length;
  const summary = {
    blocking: count('blocking'),
    warning: count('warning'),
    info: count('info'),
    matrixFailed: matrix.filter((cell) => cell.outcome === 'fail').length,
    lifecycleFailed: lifecycle.filter((stage) => stage.outcome === 'fail').length,
    conformanceMissed: conformance.filter(
      (result) => !result.caught && !result.knownDeviation && !result.notApplicable && result.couldNotRun === undefined,
    ).length,
  };
  const blocked = summary.blocking + summary.matrixFailed + summary.lifecycleFailed + summary.conformanceMissed > 0;
  return {
    schemaVersion: CERTIFICATION_SCHEMA_VERSION,
    verdict: input.interrupted ? 'interrupted' : blocked ? 'not-certified' : 'certified',
    run: input.run,
    ...(input.subject ? { subject: input.subject } : {}),
    summary,
    findings,
    matrix,
    lifecycle,
    conformance,
  };
}

/** The harness version from package.json, for RunInfo. */
export function harnessVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
