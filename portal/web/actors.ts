// How people appear in the reference portal's audit log ("who did it").
import type { SkinActors } from '../skin/types.ts';

export const REFERENCE_ACTORS: SkinActors = {
  seat: (seat) => ({ kind: 'seat', label: `${seat.name} <${seat.email}> (${seat.role})` }),
  support: (staff, grant) => ({
    kind: 'support',
    label: `Ooma support: ${staff.name} <${staff.email}>${grant ? ` (ticket ${grant.ticket})` : ''}`,
  }),
  anonymous: (email) => ({ kind: 'anonymous', label: email ? `not logged in (entered ${email})` : 'not logged in' }),
  ssoIdentity: (email) => ({ kind: 'anonymous', label: email ? `IdP identity ${email}` : 'IdP response without an identity' }),
  nativeApp: (name) => ({ kind: 'anonymous', label: name }),
  portal: { kind: 'system', label: 'portal' },
  testSso: { kind: 'system', label: 'Test SSO' },
  harness: { kind: 'harness', label: 'harness provisioning API' },
};
