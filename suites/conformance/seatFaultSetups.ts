// How the harness produces each seat fault (catalog protocol "seat") for an SSO login: the extra
// portal seats and IdP directory users of the account that hosts them, who signs in, and where the
// login must stop. Keyed by the catalog's `audit` kind (the finding the seat audit reports), so a
// new seat fault of an existing kind needs no code. The seat email audit itself is certified by
// suites/seats; here the question is only "does the SSO login of that person fail, and say why".
import type { CatalogFault } from '../../mock-idps/index.ts';

type SeatFault = Extract<CatalogFault, { protocol: 'seat' }>;
export type SeatAuditKind = SeatFault['audit'];

/** `{domain}` is the IdP tenant's directory domain; `{guestUpn}` the seeded Entra guest's #EXT# UPN. */
export interface SeatFaultSetup {
  readonly seats: readonly { readonly email: string; readonly role?: 'admin' | 'user'; readonly disabled?: boolean }[];
  readonly idpUsers: readonly { readonly email: string; readonly assigned?: boolean }[];
  /** Who signs in at the IdP: an email (template), or the seeded Entra guest. */
  readonly signsIn: string | { readonly seeded: 'guest-ext' };
  /** Where the login stops: the portal refuses with the catalog reason, or the IdP refuses first. */
  readonly stopsAt: 'portal' | 'idp-unknown-user' | 'idp-not-assigned';
}

export const SEAT_FAULT_SETUPS: Readonly<Record<SeatAuditKind, SeatFaultSetup>> = {
  'duplicate-email': {
    seats: [{ email: 'dana.dup@{domain}' }, { email: 'Dana.Dup@{domain}' }],
    idpUsers: [{ email: 'dana.dup@{domain}' }],
    signsIn: 'dana.dup@{domain}',
    stopsAt: 'portal',
  },
  'invalid-email': {
    seats: [{ email: 'ivan.invalid@@{domain} ' }],
    idpUsers: [{ email: 'ivan.invalid@{domain}' }],
    signsIn: 'ivan.invalid@{domain}',
    stopsAt: 'portal',
  },
  'domain-not-sso': {
    seats: [{ email: 'olga.brand@old-brand.example' }],
    idpUsers: [{ email: 'olga.brand@{domain}' }],
    signsIn: 'olga.brand@{domain}',
    stopsAt: 'portal',
  },
  // The directory does not know the seat's person: the IdP refuses the sign-in itself.
  'missing-from-idp': {
    seats: [{ email: 'gus.gone@{domain}' }],
    idpUsers: [],
    signsIn: 'gus.gone@{domain}',
    stopsAt: 'idp-unknown-user',
  },
  'idp-user-without-seat': {
    seats: [],
    idpUsers: [{ email: 'nina.noseat@{domain}' }],
    signsIn: 'nina.noseat@{domain}',
    stopsAt: 'portal',
  },
  'seat-disabled': {
    seats: [{ email: 'dina.disabled@{domain}', disabled: true }],
    idpUsers: [{ email: 'dina.disabled@{domain}' }],
    signsIn: 'dina.disabled@{domain}',
    stopsAt: 'portal',
  },
  // An admin seat whose person is not assigned to the app at the IdP: the lockout precursor.
  'admin-not-covered': {
    seats: [{ email: 'adam.uncovered@{domain}', role: 'admin' }],
    idpUsers: [{ email: 'adam.uncovered@{domain}', assigned: false }],
    signsIn: 'adam.uncovered@{domain}',
    stopsAt: 'idp-not-assigned',
  },
  // The seat was created with the guest's #EXT# UPN; the IdP sends the guest's real email.
  'guest-upn': {
    seats: [{ email: '{guestUpn}' }],
    idpUsers: [],
    signsIn: { seeded: 'guest-ext' },
    stopsAt: 'portal',
  },
};

export function fillSeatTemplate(template: string, values: { readonly domain: string; readonly guestUpn: string }): string {
  return template.replaceAll('{domain}', values.domain).replaceAll('{guestUpn}', values.guestUpn);
}
