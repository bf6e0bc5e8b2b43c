// What the embedded reference portal declares as a target: it names refusal reasons three ways
// (the X-OE-Reason header, a data-reason attribute on the refusal page, its audit events, all in
// the harness's own words), its seat session cookie, its seat audit kinds in the harness's words,
// and it offers the fast SSO-configuration endpoint. Its accessible names are the defaults of
// names.ts. These are the reference portal's specifics; a real OE declares its own in its target file.
import { SEAT_AUDIT_KINDS } from '../../../lib/index.ts';
import type { TargetCapabilities } from '../../target/capabilities.ts';

export const REFERENCE_CAPABILITIES: TargetCapabilities = {
  sessionCookie: 'oe_session',
  reasons: { header: 'X-OE-Reason', attribute: 'data-reason', audit: true },
  audit: { actions: new Map(), reasons: new Map() },
  seatAuditKinds: new Map(SEAT_AUDIT_KINDS.map((kind) => [kind, kind])),
  ssoConfigApi: true,
};
