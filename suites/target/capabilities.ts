// What a target declares beyond the contract's required part, and how its own words map to the
// harness's: where a refusal's reason can be read (a response header, an attribute on the refusal
// page, the provisioning audit), what its audit events and seat audit findings are called, its
// session cookie, and whether it offers the fast SSO-configuration endpoint. Undeclared means "not
// verifiable" — never a failure; a verdict never rests on a declared reason alone.
import type { AuditEvent } from '../../lib/index.ts';
import { isReasonCode, type ReasonCode } from '../../lib/index.ts';

export interface TargetCapabilities {
  /** The seat session cookie's name: a refused login must not set it. */
  readonly sessionCookie?: string;
  readonly reasons: {
    /** A response header on the refusal naming the reason (its value mapped like audit reasons). */
    readonly header?: string;
    /** An attribute of an element on the refusal page whose value names the reason. */
    readonly attribute?: string;
    /** The refusal's audit event (provisioning API) names the reason. */
    readonly audit: boolean;
  };
  /** Audit events are meaningful; their words map to the harness's (an unmapped word is taken as is). */
  readonly audit?: { readonly actions: ReadonlyMap<string, string>; readonly reasons: ReadonlyMap<string, string> };
  /** The seat email audit's words for each kind of finding → the harness's kinds. */
  readonly seatAuditKinds?: ReadonlyMap<string, string>;
  /** `PUT /_harness/accounts/{id}/sso` is offered (the matrix then skips the admin UI set-up). */
  readonly ssoConfigApi: boolean;
}

/** The harness's action word for an audit event (the target's word mapped, or taken as is). */
export function auditActionOf(capabilities: TargetCapabilities, event: AuditEvent): string {
  return capabilities.audit?.actions.get(event.action) ?? event.action;
}

/** A reason word the target wrote, as a harness reason code (undefined when it names none the harness knows). */
export function reasonCodeOf(capabilities: TargetCapabilities, word: string | null | undefined): ReasonCode | undefined {
  if (!word) return undefined;
  const mapped = capabilities.audit?.reasons.get(word) ?? word.trim();
  return isReasonCode(mapped) ? mapped : undefined;
}

/** Whether any way of reading a refusal's reason is declared. */
export function reasonsReadable(capabilities: TargetCapabilities): boolean {
  const { header, attribute, audit } = capabilities.reasons;
  return header !== undefined || attribute !== undefined || audit;
}
