// The IdP user export (emails) an admin uploaded for the seat email audit; the latest replaces
// the previous one.
import type { DatabaseSync } from 'node:sqlite';
import { num, str } from './rows.ts';

export interface IdpUserExport {
  readonly emails: readonly string[];
  readonly uploadedAt: number;
  readonly uploadedBy: string;
}

export function idpUsersRepository(db: DatabaseSync) {
  return {
    put(accountId: number, emails: readonly string[], uploadedBy: string, now: number): void {
      db.prepare(
        `INSERT INTO idp_user_exports (account_id, emails_json, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?)
        ON CONFLICT (account_id) DO UPDATE SET emails_json = excluded.emails_json, uploaded_at = excluded.uploaded_at, uploaded_by = excluded.uploaded_by`,
      ).run(accountId, JSON.stringify(emails), now, uploadedBy);
    },
    get(accountId: number): IdpUserExport | undefined {
      const row = db.prepare('SELECT * FROM idp_user_exports WHERE account_id = ?').get(accountId);
      if (!row) return undefined;
      return {
        emails: JSON.parse(str(row, 'emails_json')) as string[],
        uploadedAt: num(row, 'uploaded_at'),
        uploadedBy: str(row, 'uploaded_by'),
      };
    },
  };
}

export type IdpUsersRepository = ReturnType<typeof idpUsersRepository>;
