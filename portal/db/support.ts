// Ooma support staff (a separate population from customer seats) and their time-limited,
// ticket-referenced access grants to customer accounts.
import type { DatabaseSync } from 'node:sqlite';
import { emailKey } from './accounts.ts';
import { num, str, type Row } from './rows.ts';

export interface SupportStaff {
  readonly id: number;
  readonly name: string;
  readonly email: string;
}

export interface SupportGrant {
  readonly id: number;
  readonly staffId: number;
  readonly accountId: number;
  readonly ticket: string;
  readonly reason: string;
  readonly grantedAt: number;
  readonly expiresAt: number;
}

function toStaff(row: Row): SupportStaff {
  return { id: num(row, 'id'), name: str(row, 'name'), email: str(row, 'email') };
}

function toGrant(row: Row): SupportGrant {
  return {
    id: num(row, 'id'),
    staffId: num(row, 'staff_id'),
    accountId: num(row, 'account_id'),
    ticket: str(row, 'ticket'),
    reason: str(row, 'reason'),
    grantedAt: num(row, 'granted_at'),
    expiresAt: num(row, 'expires_at'),
  };
}

export function supportRepository(db: DatabaseSync) {
  return {
    /** Create a staff member, or replace the name and password of an existing one (same email). */
    upsertStaff(staff: { name: string; email: string; passwordHash: string }): SupportStaff {
      db.prepare(
        `INSERT INTO support_staff (name, email, email_lower, password_hash) VALUES (?, ?, ?, ?)
        ON CONFLICT (email_lower) DO UPDATE SET name = excluded.name, password_hash = excluded.password_hash`,
      ).run(staff.name, staff.email.trim(), emailKey(staff.email), staff.passwordHash);
      const row = db.prepare('SELECT * FROM support_staff WHERE email_lower = ?').get(emailKey(staff.email));
      if (!row) throw new Error('support staff row vanished after insert');
      return toStaff(row);
    },
    getStaff(id: number): SupportStaff | undefined {
      const row = db.prepare('SELECT * FROM support_staff WHERE id = ?').get(id);
      return row ? toStaff(row) : undefined;
    },
    findStaffByEmail(email: string): (SupportStaff & { passwordHash: string }) | undefined {
      const row = db.prepare('SELECT * FROM support_staff WHERE email_lower = ?').get(emailKey(email));
      return row ? { ...toStaff(row), passwordHash: str(row, 'password_hash') } : undefined;
    },
    grant(grant: Omit<SupportGrant, 'id'>): SupportGrant {
      const result = db
        .prepare('INSERT INTO support_grants (staff_id, account_id, ticket, reason, granted_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(grant.staffId, grant.accountId, grant.ticket, grant.reason, grant.grantedAt, grant.expiresAt);
      return { ...grant, id: Number(result.lastInsertRowid) };
    },
    /** The newest unexpired grant of this staff member on any account (only a defect switch asks: portal/defects.ts). */
    anyActiveGrant(staffId: number, now: number): SupportGrant | undefined {
      const row = db
        .prepare('SELECT * FROM support_grants WHERE staff_id = ? AND expires_at > ? ORDER BY id DESC LIMIT 1')
        .get(staffId, now);
      return row ? toGrant(row) : undefined;
    },
    /** The newest grant of this staff member on this account that has not expired. */
    activeGrant(staffId: number, accountId: number, now: number): SupportGrant | undefined {
      const row = db
        .prepare('SELECT * FROM support_grants WHERE staff_id = ? AND account_id = ? AND expires_at > ? ORDER BY id DESC LIMIT 1')
        .get(staffId, accountId, now);
      return row ? toGrant(row) : undefined;
    },
  };
}

export type SupportRepository = ReturnType<typeof supportRepository>;
