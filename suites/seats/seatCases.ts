// The seat email problems the audit must catch before SSO is enabled (DESIGN lifecycle step 6:
// every seat has a unique, valid email aligned with the IdP's user base), as data: the seats the
// account has, whether the IdP's user export is uploaded, the finding expected, and the person
// at the IdP whose SSO login then fails.
import type { PublicUser } from '../../mock-idps/index.ts';
import type { AccountSpec } from '../target/harnessTarget.ts';

/** The tenant's directory people a case is written with. */
export interface Directory {
  readonly domain: string;
  readonly admin: PublicUser;
  readonly ordinary: PublicUser;
  /** Entra B2B guest: UPN `…#EXT#@….onmicrosoft.com`, real email at a partner domain. */
  readonly guest: PublicUser;
}

export type SeatSpec = AccountSpec['seats'][number];

export interface SeatCase {
  readonly id: string;
  readonly title: string;
  /** Seats besides the (correct) admin seat. */
  seats(directory: Directory): readonly SeatSpec[];
  /** The admin uploads the IdP's user export before reading the audit. */
  readonly uploadsIdpExport: boolean;
  /** Blocking findings make enabling SSO warn. */
  readonly blocking: boolean;
  /** The audit row that must be shown (and words its message must have). */
  finding(directory: Directory): { readonly kind: string; readonly email: string };
  /** Who then tries SSO and is refused. */
  mismatchedPerson(directory: Directory): PublicUser;
}

const local = (email: string): string => email.slice(0, email.lastIndexOf('@'));
const capitalised = (email: string): string =>
  email.replace(/(^|\.)([a-z])/g, (_all, dot: string, letter: string) => `${dot}${letter.toUpperCase()}`);
const seat = (name: string, email: string): SeatSpec => ({ name, email, role: 'user' });

export const SEAT_CASES: readonly SeatCase[] = [
  {
    id: 'duplicate-email',
    title: 'two seats share one email',
    seats: ({ ordinary }) => [seat(ordinary.displayName, ordinary.email), seat(`${ordinary.displayName} (old seat)`, ordinary.email)],
    uploadsIdpExport: false,
    blocking: true,
    finding: ({ ordinary }) => ({ kind: 'duplicate-email', email: ordinary.email }),
    mismatchedPerson: ({ ordinary }) => ordinary,
  },
  {
    id: 'duplicate-email-case-only',
    title: 'two seats share one email written in another case',
    seats: ({ ordinary }) => [
      seat(ordinary.displayName, ordinary.email),
      seat(`${ordinary.displayName} (old seat)`, capitalised(ordinary.email)),
    ],
    uploadsIdpExport: false,
    blocking: true,
    finding: ({ ordinary }) => ({ kind: 'duplicate-email', email: capitalised(ordinary.email) }),
    mismatchedPerson: ({ ordinary }) => ordinary,
  },
  {
    id: 'invalid-email',
    title: 'a seat email with invalid syntax',
    seats: ({ ordinary, domain }) => [seat(ordinary.displayName, `${local(ordinary.email)}@@${domain}`)],
    uploadsIdpExport: false,
    blocking: true,
    finding: ({ ordinary, domain }) => ({ kind: 'invalid-email', email: `${local(ordinary.email)}@@${domain}` }),
    mismatchedPerson: ({ ordinary }) => ordinary,
  },
  {
    id: 'domain-not-sso',
    title: "a seat email outside the SSO domains (the company's old domain)",
    seats: ({ ordinary, domain }) => [seat(ordinary.displayName, `${local(ordinary.email)}@legacy-${domain}`)],
    uploadsIdpExport: false,
    blocking: true,
    finding: ({ ordinary, domain }) => ({ kind: 'domain-not-sso', email: `${local(ordinary.email)}@legacy-${domain}` }),
    mismatchedPerson: ({ ordinary }) => ordinary,
  },
  {
    id: 'missing-from-idp',
    title: 'a seat email missing from the IdP user export (a typo)',
    seats: ({ ordinary, domain }) => [seat(ordinary.displayName, `${local(ordinary.email).replace('user', 'usr')}@${domain}`)],
    uploadsIdpExport: true,
    blocking: true,
    finding: ({ ordinary, domain }) => ({ kind: 'missing-from-idp', email: `${local(ordinary.email).replace('user', 'usr')}@${domain}` }),
    mismatchedPerson: ({ ordinary }) => ordinary,
  },
  {
    id: 'idp-user-without-seat',
    title: 'an IdP user without a seat',
    seats: () => [],
    uploadsIdpExport: true,
    blocking: false,
    finding: ({ ordinary }) => ({ kind: 'idp-user-without-seat', email: ordinary.email }),
    mismatchedPerson: ({ ordinary }) => ordinary,
  },
  {
    id: 'guest-upn',
    title: "a seat holding an Entra #EXT# guest UPN instead of the guest's email",
    seats: ({ guest }) => [seat(guest.displayName, guest.upn)],
    uploadsIdpExport: false,
    blocking: true,
    finding: ({ guest }) => ({ kind: 'guest-upn', email: guest.upn }),
    mismatchedPerson: ({ guest }) => guest,
  },
];
