// Seat email audit (lifecycle step 6): before SSO is enabled, every seat must have a unique, valid
// email in one of the account's SSO domains and — when the IdP's user export is uploaded — one the
// IdP knows. Admin seats that would not be able to log in are the lockout precursor.
import { emailDomain, isEmailAddress, isGuestUpn } from './emailAddress.ts';
import type { SEAT_AUDIT_KINDS } from './harnessContract.ts';

export interface SeatForAudit {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly role: 'admin' | 'user';
  readonly disabled: boolean;
}
export type SeatAuditKind = (typeof SEAT_AUDIT_KINDS)[number];
export interface SeatAuditFinding {
  readonly kind: SeatAuditKind;
  readonly seatId?: number;
  readonly email: string;
  /** Plain words: which email to fix and where. */
  readonly message: string;
  /** Blocking findings make the Enable step warn. */
  readonly blocking: boolean;
}

const WHERE = 'in Account parameters → Seats';

function label(seat: SeatForAudit): string {
  return `seat #${seat.id} (${seat.name})`;
}

export function auditSeatEmails(
  seats: readonly SeatForAudit[],
  opts: { ssoDomains: readonly string[]; idpUsers?: readonly string[] },
): SeatAuditFinding[] {
  const findings: SeatAuditFinding[] = [];
  const domains = new Set(opts.ssoDomains.map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter(Boolean));
  const idp = opts.idpUsers ? new Set(opts.idpUsers.map((e) => e.trim().toLowerCase())) : undefined;
  const byEmail = new Map<string, SeatForAudit[]>();
  for (const seat of seats) {
    const key = seat.email.trim().toLowerCase();
    byEmail.set(key, [...(byEmail.get(key) ?? []), seat]);
  }

  const uncovered = new Map<number, string>();
  for (const seat of seats) {
    const email = seat.email.trim();
    const problems: SeatAuditFinding[] = [];
    const add = (finding: Omit<SeatAuditFinding, 'seatId' | 'email'>): void => {
      problems.push({ ...finding, seatId: seat.id, email: seat.email });
    };
    const twins = (byEmail.get(email.toLowerCase()) ?? []).filter((other) => other.id !== seat.id);
    if (email === '') {
      add({ kind: 'invalid-email', message: `${capital(label(seat))} has no email: set the user's SSO email ${WHERE}.`, blocking: true });
    } else if (isGuestUpn(email)) {
      add({
        kind: 'guest-upn',
        message: `${capital(label(seat))} has the Entra guest UPN ${email} as its email; the IdP sends the guest's real email instead. Replace it with the user's email address ${WHERE}.`,
        blocking: true,
      });
    } else if (!isEmailAddress(email)) {
      add({
        kind: 'invalid-email',
        message: `${capital(label(seat))} has "${email}", which is not a valid email address: correct it ${WHERE}.`,
        blocking: true,
      });
    }
    if (twins.length > 0 && email !== '') {
      const caseOnly = twins.some((other) => other.email.trim() !== email);
      add({
        kind: 'duplicate-email',
        message: `${capital(label(seat))} shares the email ${email} with ${twins.map(label).join(', ')}${caseOnly ? ' (the addresses differ only in upper/lower case, which email treats as the same address)' : ''}. Each seat needs its own email: change or remove the duplicate ${WHERE}.`,
        blocking: true,
      });
    }
    if (!seat.disabled && problems.length === 0) {
      const domain = emailDomain(email);
      if (domains.size > 0 && !domains.has(domain)) {
        add({
          kind: 'domain-not-sso',
          message: `${capital(label(seat))} uses ${email}, whose domain ${domain} is not one of the account's SSO domains (${[...domains].join(', ')}): change the seat email ${WHERE}, or add ${domain} to the SSO domains.`,
          blocking: true,
        });
      }
      if (idp && !idp.has(email.toLowerCase())) {
        add({
          kind: 'missing-from-idp',
          message: `${capital(label(seat))} uses ${email}, which is not in the IdP user export: that user cannot log in with SSO. Fix the seat email ${WHERE} to the address the IdP has, or add (and assign) the user at the IdP.`,
          blocking: true,
        });
      }
    }
    findings.push(...problems);
    if (seat.role === 'admin' && !seat.disabled && problems.some((p) => p.blocking))
      uncovered.set(seat.id, problems.map((p) => p.kind).join(', '));
  }

  const enabledAdmins = seats.filter((s) => s.role === 'admin' && !s.disabled);
  const noAdminLeft = enabledAdmins.length > 0 && enabledAdmins.every((s) => uncovered.has(s.id));
  for (const admin of enabledAdmins.filter((s) => uncovered.has(s.id))) {
    findings.push({
      kind: 'admin-not-covered',
      seatId: admin.id,
      email: admin.email,
      message: `Admin ${label(admin)} (${admin.email}) would not be able to log in once SSO is enabled (${uncovered.get(admin.id) ?? ''}). ${noAdminLeft ? 'No admin of this account would be able to log in: the account would be locked out until Ooma support turns SSO off. ' : ''}Fix this admin's email ${WHERE} before enabling SSO.`,
      blocking: true,
    });
  }

  if (idp) {
    const seatEmails = new Set(seats.map((s) => s.email.trim().toLowerCase()));
    for (const user of opts.idpUsers ?? []) {
      const email = user.trim();
      if (email !== '' && !seatEmails.has(email.toLowerCase())) {
        findings.push({
          kind: 'idp-user-without-seat',
          email,
          message: `${email} exists in the IdP user export but has no seat: create a seat with this email ${WHERE} if the user needs Ooma, or unassign the user from the application at the IdP.`,
          blocking: false,
        });
      }
    }
  }
  return findings;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
