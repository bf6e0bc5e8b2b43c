// Seat email audit of the customer's seat list (OE SSO support article, step 6: every seat has a
// unique, valid email aligned with the IdP user base). The audit itself is the portal's
// (`auditSeatEmails`, `parseIdpUserExport`): offline, support sees exactly what the portal will
// say once the seats are imported. Findings are grouped per kind, each kind being the seat fault
// of the catalog whose `audit` kind it is.
import { FAULT_CATALOG } from '../../../mock-idps/index.ts';
import type { SeatFault } from '../../../mock-idps/index.ts';
import { parseIdpUserExport, auditSeatEmails, type SeatAuditFinding, type SeatAuditKind, type SeatForAudit } from '../../../lib/index.ts';
import { SupportInputError } from '../../artefacts/errors.ts';
import type { ReportFinding } from '../../../reporting/index.ts';
import { findColumn, readCsvTable } from '../csv.ts';
import { listSome, reportFinding, type OfflineContext } from './context.ts';

const EMAIL_HEADERS = [/^e-?mail$/i, /^e-?mail address$/i, /^primary e-?mail$/i, /^mail$/i, /e-?mail/i];

/** The seat list CSV (the portal's seat export), as the portal's audit reads seats; id = CSV line. */
export function readSeats(csv: string, source: string): SeatForAudit[] {
  const table = readCsvTable(csv, `The seat list ${source}`);
  const email = findColumn(table, EMAIL_HEADERS);
  if (email === undefined) {
    throw new SupportInputError(
      'customer-file-invalid',
      `The seat list ${source} has no email column (headers: ${table.header.join(', ') || '(none)'}). Export the seats from the portal (Seats → Export CSV) or add a column named "email".`,
    );
  }
  const name = findColumn(table, [/^(display ?)?name$/i, /^full ?name$/i]);
  const role = findColumn(table, [/^role$/i, /^(user ?)?type$/i, /^profile$/i]);
  const disabled = findColumn(table, [/^disabled$/i]);
  const enabled = findColumn(table, [/^enabled$/i, /^active$/i]);
  const status = findColumn(table, [/^status$/i, /^state$/i]);
  const cell = (cells: readonly string[], index: number | undefined): string => (index === undefined ? '' : (cells[index] ?? '').trim());
  return table.rows.map(({ line, cells }) => ({
    id: line,
    name: cell(cells, name) || `line ${line}`,
    email: cells[email] ?? '',
    role: /admin/i.test(cell(cells, role)) ? 'admin' : 'user',
    disabled:
      /^(true|yes|1)$/i.test(cell(cells, disabled)) ||
      /^(false|no|0)$/i.test(cell(cells, enabled)) ||
      /disabled|inactive|suspended|locked/i.test(cell(cells, status)),
  }));
}

/** The IdP user export, read by the portal's own reader (Entra, Okta, Google column names). */
export function readIdpUsers(csv: string, source: string): string[] {
  const result = parseIdpUserExport(csv);
  if (!result.ok)
    throw new SupportInputError(
      'customer-file-invalid',
      `The IdP user export ${source}: ${result.errors.map((error) => error.message).join(' ')}`,
    );
  return result.value;
}

const SEAT_FAULTS: ReadonlyMap<SeatFault['audit'], SeatFault> = new Map(
  FAULT_CATALOG.filter((fault) => fault.protocol === 'seat').map((fault) => [fault.audit, fault]),
);

const TITLES: Readonly<Record<SeatAuditKind, (count: number) => string>> = {
  'invalid-email': (n) => `${n} seat email(s) are missing or not valid addresses`,
  'duplicate-email': (n) => `${n} seat(s) share their email with another seat`,
  'domain-not-sso': (n) => `${n} seat(s) have an email outside the SSO domains`,
  'missing-from-idp': (n) => `${n} seat email(s) are not in the IdP user export`,
  'idp-user-without-seat': (n) => `${n} IdP user(s) have no seat`,
  'guest-upn': (n) => `${n} seat email(s) are Entra guest UPNs (#EXT#)`,
  'admin-not-covered': (n) => `${n} admin seat(s) cannot log in through the IdP (lockout precursor)`,
};

export function seatChecks(ctx: OfflineContext, seats: readonly SeatForAudit[], idpUsers: readonly string[] | undefined): ReportFinding[] {
  const domains =
    ctx.file.ssoDomains.length > 0
      ? ctx.file.ssoDomains
      : [...new Set((idpUsers ?? []).map((email) => email.slice(email.lastIndexOf('@') + 1).toLowerCase()))];
  const audit = auditSeatEmails(seats, { ssoDomains: domains, ...(idpUsers ? { idpUsers } : {}) });
  const byKind = new Map<SeatAuditKind, SeatAuditFinding[]>();
  for (const item of audit) byKind.set(item.kind, [...(byKind.get(item.kind) ?? []), item]);
  const out: ReportFinding[] = [...byKind].map(([kind, items]) => {
    const fault = SEAT_FAULTS.get(kind);
    const lockout = kind === 'admin-not-covered' && items.length === seats.filter((seat) => seat.role === 'admin' && !seat.disabled).length;
    return reportFinding(
      'seats',
      {
        check: `seats.${kind}`,
        severity: items.some((item) => item.blocking) ? 'blocking' : 'info',
        title: lockout ? 'No admin seat can log in through the IdP: enabling SSO locks the account out' : TITLES[kind](items.length),
        detail: listSome(
          items.map((item) => item.message),
          8,
        ),
        ...(fault ? { fault: fault.id } : {}),
      },
      ctx,
    );
  });
  const disabled = seats.filter((seat) => seat.disabled);
  if (disabled.length > 0) {
    const fault = SEAT_FAULTS.get('seat-disabled');
    out.push(
      reportFinding(
        'seats',
        {
          check: 'seats.seat-disabled',
          severity: 'info',
          title: `${disabled.length} seat(s) are disabled`,
          detail: `Their users are refused after the IdP login until the seat is re-enabled: ${listSome(disabled.map((seat) => seat.email))}.`,
          ...(fault ? { fault: fault.id } : {}),
        },
        ctx,
      ),
    );
  }
  const admins = seats.filter((seat) => seat.role === 'admin').length;
  out.push(
    reportFinding(
      'seats',
      {
        check: 'seats.summary',
        severity: 'info',
        title: `${seats.length} seat(s) audited (${admins} admin, ${disabled.length} disabled)`,
        detail: `${domains.length > 0 ? `SSO domains: ${domains.join(', ')}. ` : 'No SSO domains given ("ssoDomains"): seat domains were not checked. '}${idpUsers ? `Compared with ${idpUsers.length} IdP user(s) from the export.` : 'No IdP user export given ("idpUsers"): seats were not compared with the IdP directory.'}`,
      },
      ctx,
    ),
  );
  return out;
}
