// Whether a refusal was refused *for the right reason*, read the ways the target declares (a
// response header, an attribute on the refusal page, the audit events the refusal added). A
// refusal is judged by what any portal shows (no session, an error shown, nothing further); this
// only adds "verified", "another reason" (a warning-level finding) or "not verifiable" to it.
import type { AuditEvent, ReasonCode } from '../../lib/index.ts';
import { ANNOTATION } from '../../reporting/index.ts';
import { reasonCodeOf, type TargetCapabilities } from './capabilities.ts';

/** What a refusal left behind that may name its reason. */
export interface ReasonEvidence {
  /** Response headers of the refusal (names in lower case). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The refusal page's HTML. */
  readonly html?: string;
  /** Audit events the attempt added to the account (undefined: the refusal belongs to no account the harness can read). */
  readonly auditEvents?: readonly AuditEvent[];
}

export type ReasonVerdict =
  | { readonly kind: 'verified'; readonly reason: ReasonCode; readonly source: string }
  | {
      readonly kind: 'other-reason';
      readonly observed: readonly string[];
      readonly expected: readonly ReasonCode[];
      readonly source: string;
    }
  | { readonly kind: 'not-verifiable'; readonly why: string };

/** The annotation type under which a test records its reason verdict (read by the reports). */
export const REASON_CHECK_ANNOTATION = ANNOTATION.reasonCheck;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Read {
  readonly source: string;
  /** The target's words, as written. */
  readonly words: readonly string[];
}

function readAll(capabilities: TargetCapabilities, evidence: ReasonEvidence): Read[] {
  const { header, attribute, audit } = capabilities.reasons;
  const reads: Read[] = [];
  if (header !== undefined && evidence.headers) {
    const value = evidence.headers[header.toLowerCase()];
    reads.push({ source: `the ${header} header`, words: value ? [value] : [] });
  }
  if (attribute !== undefined && evidence.html !== undefined) {
    const pattern = new RegExp(`\\s${escapeRegExp(attribute)}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'gi');
    reads.push({
      source: `the page's ${attribute} attribute`,
      words: [...evidence.html.matchAll(pattern)].map((match) => match[1] ?? match[2] ?? ''),
    });
  }
  if (audit && evidence.auditEvents) {
    reads.push({ source: 'the audit event', words: evidence.auditEvents.flatMap((event) => (event.reason ? [event.reason] : [])) });
  }
  return reads;
}

/** Judge the reasons the evidence names against the reasons a correct SP gives. */
export function judgeReason(capabilities: TargetCapabilities, expected: readonly ReasonCode[], evidence: ReasonEvidence): ReasonVerdict {
  const reads = readAll(capabilities, evidence);
  if (reads.length === 0) {
    const declared =
      capabilities.reasons.header !== undefined || capabilities.reasons.attribute !== undefined || capabilities.reasons.audit;
    return {
      kind: 'not-verifiable',
      why: declared
        ? 'the refusal left nothing the target declares as naming its reason (e.g. it belongs to no account)'
        : 'the target declares no way to read refusal reasons ("reasons" in its target file)',
    };
  }
  for (const read of reads) {
    const codes = read.words.map((word) => reasonCodeOf(capabilities, word));
    const match = codes.find((code) => code !== undefined && expected.includes(code));
    if (match) return { kind: 'verified', reason: match, source: read.source };
  }
  const named = reads.filter((read) => read.words.length > 0);
  if (named.length === 0) return { kind: 'other-reason', observed: [], expected, source: reads.map((read) => read.source).join(', ') };
  return {
    kind: 'other-reason',
    observed: [...new Set(named.flatMap((read) => read.words.map((word) => reasonCodeOf(capabilities, word) ?? word)))],
    expected,
    source: named.map((read) => read.source).join(', '),
  };
}

/** One line for the reports: e.g. "verified: saml-replay (the X-OE-Reason header)". */
export function describeReasonVerdict(verdict: ReasonVerdict): string {
  switch (verdict.kind) {
    case 'verified':
      return `verified: ${verdict.reason} (${verdict.source})`;
    case 'other-reason':
      return verdict.observed.length === 0
        ? `other reason: none named (${verdict.source}), expected ${verdict.expected.join(' or ')}`
        : `other reason: ${verdict.observed.join(', ')} (${verdict.source}), expected ${verdict.expected.join(' or ')}`;
    case 'not-verifiable':
      return `not verifiable: ${verdict.why}`;
  }
}

/** Audit events present now and not before (a multiset difference: no assumption on the list's order). */
export function auditEventsAdded(before: readonly AuditEvent[], after: readonly AuditEvent[]): readonly AuditEvent[] {
  const earlier = new Map<string, number>();
  for (const event of before) earlier.set(JSON.stringify(event), (earlier.get(JSON.stringify(event)) ?? 0) + 1);
  return after.filter((event) => {
    const key = JSON.stringify(event);
    const count = earlier.get(key) ?? 0;
    if (count === 0) return true;
    earlier.set(key, count - 1);
    return false;
  });
}
