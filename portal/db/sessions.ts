// Login sessions. Only the SHA-256 of the cookie value is stored: a copy of the database does not
// let anyone resume a session.
import type { DatabaseSync } from 'node:sqlite';
import { num, str } from './rows.ts';

export type SessionKind = 'seat' | 'support';
export type AuthMethod = 'password' | 'sso';

export interface Session {
  readonly kind: SessionKind;
  readonly subjectId: number;
  readonly authMethod: AuthMethod;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export function sessionsRepository(db: DatabaseSync) {
  return {
    create(tokenHash: string, session: Session): void {
      db.prepare('INSERT INTO sessions (token_hash, kind, subject_id, auth_method, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        tokenHash,
        session.kind,
        session.subjectId,
        session.authMethod,
        session.createdAt,
        session.expiresAt,
      );
    },
    /** The live session of this kind for the hashed cookie value, if any. */
    find(tokenHash: string, kind: SessionKind, now: number): Session | undefined {
      const row = db.prepare('SELECT * FROM sessions WHERE token_hash = ? AND kind = ? AND expires_at > ?').get(tokenHash, kind, now);
      if (!row) return undefined;
      return {
        kind,
        subjectId: num(row, 'subject_id'),
        authMethod: str(row, 'auth_method') === 'sso' ? 'sso' : 'password',
        createdAt: num(row, 'created_at'),
        expiresAt: num(row, 'expires_at'),
      };
    },
    delete(tokenHash: string): void {
      db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
    },
    /** Live seat sessions of an account (the harness asserts "no session" after a refusal). */
    countSeatSessions(accountId: number, now: number): number {
      const row = db
        .prepare(
          `SELECT count(*) AS n FROM sessions s JOIN seats t ON t.id = s.subject_id
        WHERE s.kind = 'seat' AND t.account_id = ? AND s.expires_at > ?`,
        )
        .get(accountId, now);
      return row ? num(row, 'n') : 0;
    },
    /** Live seat sessions of an account, one entry each: whose (the seat's email) and how it was opened. */
    listSeatSessions(accountId: number, now: number): { email: string; method: AuthMethod }[] {
      return db
        .prepare(
          `SELECT t.email AS email, s.auth_method AS method FROM sessions s JOIN seats t ON t.id = s.subject_id
        WHERE s.kind = 'seat' AND t.account_id = ? AND s.expires_at > ? ORDER BY s.created_at, s.token_hash`,
        )
        .all(accountId, now)
        .map((row) => ({ email: str(row, 'email'), method: str(row, 'method') === 'sso' ? 'sso' : 'password' }));
    },
    /** Ends every web session of one seat (it was disabled). */
    deleteSeatSessions(seatId: number): void {
      db.prepare("DELETE FROM sessions WHERE kind = 'seat' AND subject_id = ?").run(seatId);
    },
    purgeExpired(now: number): void {
      db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
    },
  };
}

export type SessionsRepository = ReturnType<typeof sessionsRepository>;
