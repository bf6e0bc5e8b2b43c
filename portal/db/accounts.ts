// Accounts (customer tenants) and their seats.
import type { DatabaseSync } from 'node:sqlite';
import { bool, num, optStr, str, type Row } from './rows.ts';

export type SeatRole = 'admin' | 'user';

export interface Account {
  readonly id: number;
  readonly name: string;
  /** Email domains the account's IdP vouches for; the seat email audit checks seats against them. */
  readonly ssoDomains: readonly string[];
  readonly createdAt: number;
}

export interface Seat {
  readonly id: number;
  readonly accountId: number;
  readonly name: string;
  readonly email: string;
  readonly role: SeatRole;
  readonly disabled: boolean;
  readonly hasPassword: boolean;
}

export interface NewSeat {
  readonly name: string;
  readonly email: string;
  readonly role: SeatRole;
  readonly disabled?: boolean;
  readonly passwordHash?: string;
}

export interface SeatChanges {
  readonly name: string;
  readonly email: string;
  readonly role: SeatRole;
  readonly disabled: boolean;
}

/** Email comparison key: seats match an email case-insensitively (the IdP's case is not ours). */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** A seat's email: local part, "@", and a domain with at least one dot (`tim@demo` is no address an IdP sends). */
export function isSeatEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/.test(email);
}

function toAccount(row: Row): Account {
  return {
    id: num(row, 'id'),
    name: str(row, 'name'),
    ssoDomains: parseDomains(str(row, 'sso_domains')),
    createdAt: num(row, 'created_at'),
  };
}

function parseDomains(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function toSeat(row: Row): Seat {
  const role = str(row, 'role');
  return {
    id: num(row, 'id'),
    accountId: num(row, 'account_id'),
    name: str(row, 'name'),
    email: str(row, 'email'),
    role: role === 'admin' ? 'admin' : 'user',
    disabled: bool(row, 'disabled'),
    hasPassword: optStr(row, 'password_hash') !== undefined,
  };
}

export function normaliseDomains(domains: readonly string[]): string[] {
  return [...new Set(domains.map((domain) => domain.trim().toLowerCase().replace(/^@/, '')).filter((domain) => domain !== ''))];
}

export function accountsRepository(db: DatabaseSync) {
  return {
    create(name: string, ssoDomains: readonly string[], now: number): Account {
      const result = db
        .prepare('INSERT INTO accounts (name, sso_domains, created_at) VALUES (?, ?, ?)')
        .run(name, JSON.stringify(normaliseDomains(ssoDomains)), now);
      return { id: Number(result.lastInsertRowid), name, ssoDomains: normaliseDomains(ssoDomains), createdAt: now };
    },
    get(id: number): Account | undefined {
      const row = db.prepare('SELECT * FROM accounts WHERE id = ?').get(id);
      return row ? toAccount(row) : undefined;
    },
    update(id: number, changes: { name: string; ssoDomains: readonly string[] }): void {
      db.prepare('UPDATE accounts SET name = ?, sso_domains = ? WHERE id = ?').run(
        changes.name,
        JSON.stringify(normaliseDomains(changes.ssoDomains)),
        id,
      );
    },
    /** Accounts holding a seat with this email (the login page asks the email first). */
    withSeatEmail(email: string): Account[] {
      return db
        .prepare('SELECT DISTINCT a.* FROM accounts a JOIN seats s ON s.account_id = a.id WHERE s.email_lower = ? ORDER BY a.id')
        .all(emailKey(email))
        .map(toAccount);
    },
    /** Support search: account id, name fragment or seat email fragment. */
    search(query: string, limit = 50): Account[] {
      const trimmed = query.trim();
      if (trimmed === '') return db.prepare('SELECT * FROM accounts ORDER BY id DESC LIMIT ?').all(limit).map(toAccount);
      const like = `%${trimmed.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      const id = /^\d+$/.test(trimmed) ? Number(trimmed) : -1;
      return db
        .prepare(
          `SELECT DISTINCT a.* FROM accounts a LEFT JOIN seats s ON s.account_id = a.id
          WHERE a.id = ? OR lower(a.name) LIKE ? ESCAPE '\\' OR s.email_lower LIKE ? ESCAPE '\\' ORDER BY a.id LIMIT ?`,
        )
        .all(id, like, like, limit)
        .map(toAccount);
    },
  };
}

export function seatsRepository(db: DatabaseSync) {
  return {
    add(accountId: number, seat: NewSeat): Seat {
      const email = seat.email.trim();
      const result = db
        .prepare('INSERT INTO seats (account_id, name, email, email_lower, role, disabled, password_hash) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(accountId, seat.name.trim(), email, emailKey(email), seat.role, seat.disabled ? 1 : 0, seat.passwordHash ?? null);
      return {
        id: Number(result.lastInsertRowid),
        accountId,
        name: seat.name.trim(),
        email,
        role: seat.role,
        disabled: seat.disabled ?? false,
        hasPassword: seat.passwordHash !== undefined,
      };
    },
    get(id: number): Seat | undefined {
      const row = db.prepare('SELECT * FROM seats WHERE id = ?').get(id);
      return row ? toSeat(row) : undefined;
    },
    listByAccount(accountId: number): Seat[] {
      return db.prepare('SELECT * FROM seats WHERE account_id = ? ORDER BY id').all(accountId).map(toSeat);
    },
    /** Seats of one account with this email, compared case-insensitively. */
    findByEmail(accountId: number, email: string): Seat[] {
      return db
        .prepare('SELECT * FROM seats WHERE account_id = ? AND email_lower = ? ORDER BY id')
        .all(accountId, emailKey(email))
        .map(toSeat);
    },
    passwordHash(id: number): string | undefined {
      const row = db.prepare('SELECT password_hash FROM seats WHERE id = ?').get(id);
      return row ? optStr(row, 'password_hash') : undefined;
    },
    update(id: number, changes: SeatChanges): void {
      const email = changes.email.trim();
      db.prepare('UPDATE seats SET name = ?, email = ?, email_lower = ?, role = ?, disabled = ? WHERE id = ?').run(
        changes.name.trim(),
        email,
        emailKey(email),
        changes.role,
        changes.disabled ? 1 : 0,
        id,
      );
    },
    setPasswordHash(id: number, passwordHash: string): void {
      db.prepare('UPDATE seats SET password_hash = ? WHERE id = ?').run(passwordHash, id);
    },
  };
}

export type AccountsRepository = ReturnType<typeof accountsRepository>;
export type SeatsRepository = ReturnType<typeof seatsRepository>;
