// Server-side state of SSO logins in flight (SAML request id; OIDC state, nonce, PKCE verifier),
// keyed by the SHA-256 of a browser cookie so a response is only accepted in the browser that
// started the login. One pending login per browser: starting a new one replaces the old one.
import type { DatabaseSync } from 'node:sqlite';
import type { PendingLogin } from '../sso/contract.ts';
import { num, optStr, str } from './rows.ts';

export type PendingPurpose = 'login' | 'test';

export interface PendingLoginRecord {
  readonly accountId: number;
  /** `test` = the admin's Test SSO: the result is recorded and shown, nobody is logged in. */
  readonly purpose: PendingPurpose;
  readonly configVersion: number;
  readonly state: PendingLogin;
  /** Where to go after login: always a path relative to the portal. */
  readonly returnTo?: string;
  readonly expiresAt: number;
}

export function pendingLoginsRepository(db: DatabaseSync) {
  return {
    put(cookieHash: string, record: PendingLoginRecord, now: number): void {
      db.prepare('DELETE FROM pending_logins WHERE expires_at <= ?').run(now);
      db.prepare(
        `INSERT INTO pending_logins (cookie_hash, account_id, purpose, config_version, state_json, return_to, created_at, expires_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (cookie_hash) DO UPDATE SET account_id = excluded.account_id, purpose = excluded.purpose,
          config_version = excluded.config_version, state_json = excluded.state_json, return_to = excluded.return_to,
          created_at = excluded.created_at, expires_at = excluded.expires_at`,
      ).run(
        cookieHash,
        record.accountId,
        record.purpose,
        record.configVersion,
        JSON.stringify(record.state),
        record.returnTo ?? null,
        now,
        record.expiresAt,
      );
    },
    /** Read and delete: a pending login is used once, whatever the outcome. */
    take(cookieHash: string, now: number): PendingLoginRecord | undefined {
      const row = db.prepare('SELECT * FROM pending_logins WHERE cookie_hash = ?').get(cookieHash);
      if (!row) return undefined;
      db.prepare('DELETE FROM pending_logins WHERE cookie_hash = ?').run(cookieHash);
      if (num(row, 'expires_at') <= now) return undefined;
      const returnTo = optStr(row, 'return_to');
      return {
        accountId: num(row, 'account_id'),
        purpose: str(row, 'purpose') === 'test' ? 'test' : 'login',
        configVersion: num(row, 'config_version'),
        state: JSON.parse(str(row, 'state_json')) as PendingLogin,
        ...(returnTo === undefined ? {} : { returnTo }),
        expiresAt: num(row, 'expires_at'),
      };
    },
  };
}

export type PendingLoginsRepository = ReturnType<typeof pendingLoginsRepository>;
