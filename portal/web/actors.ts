// How people appear in the audit log ("who did it").
import type { Seat } from '../db/accounts.ts';
import type { Actor } from '../db/audit.ts';
import type { SupportGrant, SupportStaff } from '../db/support.ts';

export function seatActor(seat: Pick<Seat, 'name' | 'email' | 'role'>): Actor {
  return { kind: 'seat', label: `${seat.name} <${seat.email}> (${seat.role})` };
}

export function supportActor(staff: SupportStaff, grant?: SupportGrant): Actor {
  return { kind: 'support', label: `Ooma support: ${staff.name} <${staff.email}>${grant ? ` (ticket ${grant.ticket})` : ''}` };
}

export function anonymousActor(email?: string): Actor {
  return { kind: 'anonymous', label: email ? `not logged in (entered ${email})` : 'not logged in' };
}

/** Someone the IdP vouched for, before (or instead of) matching a seat. */
export function ssoIdentityActor(email: string | undefined): Actor {
  return { kind: 'anonymous', label: email ? `IdP identity ${email}` : 'IdP response without an identity' };
}
