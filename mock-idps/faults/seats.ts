// Seat and directory faults (OE side): the seat list of the account and the IdP directory
// disagree. The harness produces them with portal seat data plus control-API directory edits;
// the portal's seat email audit must flag each one (its SeatAuditKind is `audit`).
import type { FaultDefinition, PersonaId } from '../types.ts';
import { PERSONA_IDS } from '../types.ts';

export interface SeatFault<Id extends string = string> extends FaultDefinition<Id> {
  readonly protocol: 'seat';
  /** The seat email audit finding the portal must report (portal/sso/contract.ts SeatAuditKind). */
  readonly audit:
    | 'duplicate-email'
    | 'invalid-email'
    | 'domain-not-sso'
    | 'missing-from-idp'
    | 'idp-user-without-seat'
    | 'guest-upn'
    | 'admin-not-covered'
    | 'seat-disabled';
}

const ALL: readonly PersonaId[] = PERSONA_IDS;
const AUDIT_REF = 'OE SSO support article, step 6: every seat has a unique, valid email aligned with the IdP user base';

const seatFaultList = <Id extends string>(faults: readonly SeatFault<Id>[]): readonly SeatFault<Id>[] => faults;

export const seatFaults = seatFaultList([
  {
    id: 'seat.duplicate-email',
    title: 'Two seats share an email (including case-only differences)',
    protocol: 'seat',
    category: 'misconfig',
    personas: ALL,
    reference: AUDIT_REF,
    audit: 'duplicate-email',
    expected: 'reject',
    reason: 'no-seat-for-email',
    customerSees:
      'The seat email audit lists both seats; SSO login for that email is refused until one seat is fixed, because the portal cannot tell which seat is meant.',
    fix: {
      default: 'In the portal, give each seat its own email (compare case-insensitively: Bob@corp.com and bob@corp.com are the same).',
    },
    how: 'Portal seats `bob.user@{domain}` and `Bob.User@{domain}`; the IdP sends bob.user@{domain}.',
  },
  {
    id: 'seat.invalid-email',
    title: 'Seat email is not a valid address',
    protocol: 'seat',
    category: 'misconfig',
    personas: ALL,
    reference: `${AUDIT_REF}; RFC 5322 §3.4.1`,
    audit: 'invalid-email',
    expected: 'reject',
    reason: 'no-seat-for-email',
    customerSees: 'The seat email audit flags the seat; its user cannot log in with SSO.',
    fix: { default: 'In the portal, correct the seat email (no spaces, one @, a domain with a dot).' },
    how: 'Portal seat email `bob.user@@{domain} ` (double @, trailing space).',
  },
  {
    id: 'seat.domain-not-aligned',
    title: "Seat email domain is not one of the IdP's domains",
    protocol: 'seat',
    category: 'misconfig',
    personas: ALL,
    reference: AUDIT_REF,
    audit: 'domain-not-sso',
    expected: 'reject',
    reason: 'no-seat-for-email',
    customerSees: "The seat email audit flags the seat; the user's IdP login arrives with their corporate email, which no seat has.",
    fix: { default: "In the portal, change the seat email to the user's address in the SSO domain (as the IdP directory has it)." },
    how: 'Portal seat `bob.user@old-brand.example`; the IdP directory has bob.user@{domain}.',
  },
  {
    id: 'seat.unknown-to-idp',
    title: 'Seat email unknown to the IdP directory',
    protocol: 'seat',
    category: 'misconfig',
    personas: ALL,
    reference: AUDIT_REF,
    audit: 'missing-from-idp',
    expected: 'reject',
    reason: 'no-seat-for-email',
    customerSees:
      'The seat email audit (with the IdP user export) lists the seat as missing from the IdP; that person cannot log in once SSO is on.',
    fix: { default: 'Create the user at the IdP (or fix the seat email to their IdP address) before enabling SSO.' },
    how: 'The directory user is removed through the control API (DELETE …/users/{id}) while the seat stays.',
  },
  {
    id: 'seat.idp-user-without-seat',
    title: 'IdP user has no seat',
    protocol: 'seat',
    category: 'misconfig',
    personas: ALL,
    reference: AUDIT_REF,
    audit: 'idp-user-without-seat',
    expected: 'reject',
    reason: 'no-seat-for-email',
    customerSees: 'The user signs in at the IdP and the portal says no seat has their email.',
    fix: { default: "Add a seat with the user's IdP email in the portal, or unassign the user from the app at the IdP." },
    how: 'A directory user is added through the control API (POST …/users) with no matching seat.',
  },
  {
    id: 'seat.disabled',
    title: 'The seat for the email is disabled',
    protocol: 'seat',
    category: 'misconfig',
    personas: ALL,
    reference: AUDIT_REF,
    audit: 'seat-disabled',
    expected: 'reject',
    reason: 'seat-disabled',
    customerSees: 'The IdP login succeeds, then the portal says the seat is disabled.',
    fix: { default: 'An admin of the account re-enables the seat in the portal.' },
    how: 'The portal seat for bob.user@{domain} is disabled.',
  },
  {
    id: 'seat.admin-not-covered',
    title: 'An admin seat is not covered by the IdP (lockout precursor)',
    protocol: 'seat',
    category: 'misconfig',
    personas: ALL,
    reference: `${AUDIT_REF}; step 4 (lockout)`,
    audit: 'admin-not-covered',
    expected: 'reject',
    reason: 'no-seat-for-email',
    customerSees:
      'Enabling SSO warns that an admin cannot log in through the IdP; if enabled anyway, that admin is locked out and support must turn SSO off.',
    fix: { default: "Before enabling SSO, make sure at least one admin seat's email exists at the IdP and is assigned to the app." },
    how: "The admin seat's directory user is set `assigned: false` through the control API.",
  },
  {
    id: 'seat.guest-upn',
    title: 'Seat email is an Entra guest #EXT# UPN',
    protocol: 'seat',
    category: 'misconfig',
    personas: ['entra-saml', 'entra-oidc'],
    reference: `${AUDIT_REF}; Entra B2B guest UPN format`,
    audit: 'guest-upn',
    expected: 'reject',
    reason: 'no-seat-for-email',
    customerSees: "The seat email audit flags a seat whose email contains #EXT#; the guest's login arrives with their real email.",
    fix: { default: "Set the seat email to the guest's real email address (the part before #EXT#, with _ turned back into @)." },
    how: "Portal seat email = the directory guest's UPN `…#EXT#@….onmicrosoft.com`.",
  },
]);

/** Every seat fault id, exactly. */
export type SeatFaultId = (typeof seatFaults)[number]['id'];
