// A finding: one thing support must know about an artefact or a configuration, in plain words,
// tied to the fault catalog (symptom + per-vendor fix live there, one source of truth) or, when
// no catalog entry fits, to the SP reason code vocabulary of lib/reasons.ts.
import { REASONS, type ReasonCode } from '../../lib/index.ts';
import type { Vendor } from '../../mock-idps/index.ts';
import { catalogFault, fixFor } from './catalogLookup.ts';

export const SEVERITIES = ['blocking', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Who must act on a finding. In a certification run the harness sets the IdP up correctly and
 * injects every fault on purpose, so what goes wrong there is the portal's; the customer's
 * configuration is judged by the offline check and repro; the run itself may be unable to decide.
 */
export const OWNERS = {
  portal: 'The portal under test is defective — for the OE team',
  customer: "The customer's configuration is wrong — for the customer's admin",
  run: 'The run could not decide — environment, interruption, not applicable',
} as const;
export type Owner = keyof typeof OWNERS;

/** A file that shows what happened, as a path relative to the report (or a link into another report). */
export interface Evidence {
  readonly label: string;
  readonly path: string;
}

export interface Finding {
  /** Stable id of the check that produced it, e.g. `saml.audience`. */
  readonly check: string;
  readonly severity: Severity;
  /** One line, plain words. */
  readonly title: string;
  /** What was seen against what was expected. */
  readonly detail: string;
  /** Fault catalog id, when the finding is a catalogued fault. */
  readonly faultId?: string;
  /** The reason code a correct SP gives (lib/reasons.ts). */
  readonly reason?: ReasonCode;
  /** What the customer sees when this happens. */
  readonly customerSees?: string;
  /** What to change, in the vendor's console where it matters. */
  readonly fix?: string;
  /** Who must act (see OWNERS). */
  readonly owner?: Owner;
  /** The rule broken, with its spec or advisory reference. */
  readonly rule?: string;
  /** Where to see what happened (decoded artefacts, HTTP hops, the final page, the trace). */
  readonly evidence?: readonly Evidence[];
}

export interface FindingDraft {
  readonly check: string;
  readonly severity: Severity;
  readonly title: string;
  readonly detail: string;
  /** Catalog id this finding is an instance of; ignored (and reported by tests) if not catalogued. */
  readonly fault?: string;
  readonly reason?: ReasonCode;
  /** Overrides for the catalog / reason texts, when the situation is more specific. */
  readonly customerSees?: string;
  readonly fix?: string;
  readonly owner?: Owner;
  readonly rule?: string;
  readonly evidence?: readonly Evidence[];
}

/** Complete a draft with the catalog's symptom and the vendor's fix. */
export function finding(draft: FindingDraft, vendor: Vendor | undefined): Finding {
  const fault = draft.fault === undefined ? undefined : catalogFault(draft.fault);
  const reason = draft.reason ?? fault?.reason;
  const reasonInfo = reason === undefined ? undefined : REASONS[reason];
  const customerSees = draft.customerSees ?? fault?.customerSees ?? reasonInfo?.message;
  const fix = draft.fix ?? (fault ? fixFor(fault, vendor) : reasonInfo?.fix);
  return {
    check: draft.check,
    severity: draft.severity,
    title: draft.title,
    detail: draft.detail,
    ...(fault ? { faultId: fault.id } : {}),
    ...(reason !== undefined ? { reason } : {}),
    ...(customerSees !== undefined ? { customerSees } : {}),
    ...(fix !== undefined ? { fix } : {}),
    ...(draft.owner !== undefined ? { owner: draft.owner } : {}),
    ...(draft.rule !== undefined ? { rule: draft.rule } : {}),
    ...(draft.evidence?.length ? { evidence: draft.evidence } : {}),
  };
}

const ORDER: Readonly<Record<Severity, number>> = { blocking: 0, warning: 1, info: 2 };

export function bySeverity(a: Finding, b: Finding): number {
  return ORDER[a.severity] - ORDER[b.severity];
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { blocking: 0, warning: 0, info: 0 };
  for (const item of findings) counts[item.severity] += 1;
  return counts;
}
