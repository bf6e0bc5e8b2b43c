// OAuth 2.0 native-client state (RFC 8252): authorization requests waiting for the user to log
// in, one-time authorization codes and bearer access tokens. Only hashes of codes and tokens.
import type { DatabaseSync } from 'node:sqlite';
import { bool, num, optNum, optStr, str } from './rows.ts';

export interface NativeAuthorizationRequest {
  readonly clientId: string;
  readonly redirectUri: string;
  /** Absent only when the `native-skip-pkce` defect lets a request through without PKCE. */
  readonly codeChallenge?: string;
  readonly state?: string;
  readonly expiresAt: number;
}

export interface NativeCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge?: string;
  readonly seatId: number;
  readonly expiresAt: number;
  readonly usedAt?: number;
}

export function nativeRepository(db: DatabaseSync) {
  return {
    putRequest(idHash: string, browserHash: string, request: NativeAuthorizationRequest): void {
      db.prepare(
        'INSERT INTO native_requests (id_hash, browser_hash, client_id, redirect_uri, code_challenge, state, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(
        idHash,
        browserHash,
        request.clientId,
        request.redirectUri,
        request.codeChallenge ?? null,
        request.state ?? null,
        request.expiresAt,
      );
    },
    /** The live request started in this browser, if any. */
    /** The pending request, only for the browser that started it (`browserHash` undefined: any browser — a defect switch). */
    findRequest(idHash: string, browserHash: string | undefined, now: number): NativeAuthorizationRequest | undefined {
      const row =
        browserHash === undefined
          ? db.prepare('SELECT * FROM native_requests WHERE id_hash = ? AND expires_at > ?').get(idHash, now)
          : db
              .prepare('SELECT * FROM native_requests WHERE id_hash = ? AND browser_hash = ? AND expires_at > ?')
              .get(idHash, browserHash, now);
      if (!row) return undefined;
      const codeChallenge = optStr(row, 'code_challenge');
      const state = optStr(row, 'state');
      return {
        clientId: str(row, 'client_id'),
        redirectUri: str(row, 'redirect_uri'),
        ...(codeChallenge === undefined ? {} : { codeChallenge }),
        ...(state === undefined ? {} : { state }),
        expiresAt: num(row, 'expires_at'),
      };
    },
    deleteRequest(idHash: string, now: number): void {
      db.prepare('DELETE FROM native_requests WHERE id_hash = ? OR expires_at <= ?').run(idHash, now);
    },
    putCode(codeHash: string, code: NativeCode): void {
      db.prepare(
        'INSERT INTO native_codes (code_hash, client_id, redirect_uri, code_challenge, seat_id, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(codeHash, code.clientId, code.redirectUri, code.codeChallenge ?? null, code.seatId, code.expiresAt);
    },
    findCode(codeHash: string): NativeCode | undefined {
      const row = db.prepare('SELECT * FROM native_codes WHERE code_hash = ?').get(codeHash);
      if (!row) return undefined;
      const codeChallenge = optStr(row, 'code_challenge');
      const usedAt = optNum(row, 'used_at');
      return {
        clientId: str(row, 'client_id'),
        redirectUri: str(row, 'redirect_uri'),
        seatId: num(row, 'seat_id'),
        expiresAt: num(row, 'expires_at'),
        ...(codeChallenge === undefined ? {} : { codeChallenge }),
        ...(usedAt === undefined ? {} : { usedAt }),
      };
    },
    markCodeUsed(codeHash: string, now: number): void {
      db.prepare('UPDATE native_codes SET used_at = coalesce(used_at, ?) WHERE code_hash = ?').run(now, codeHash);
    },
    putToken(tokenHash: string, token: { codeHash: string; clientId: string; seatId: number; expiresAt: number }): void {
      db.prepare('INSERT INTO native_tokens (token_hash, code_hash, client_id, seat_id, expires_at) VALUES (?, ?, ?, ?, ?)').run(
        tokenHash,
        token.codeHash,
        token.clientId,
        token.seatId,
        token.expiresAt,
      );
    },
    /** RFC 6749 §4.1.2: a replayed code revokes the tokens already issued from it. */
    revokeTokensFromCode(codeHash: string): void {
      db.prepare('UPDATE native_tokens SET revoked = 1 WHERE code_hash = ?').run(codeHash);
    },
    /** Revokes every app token of one seat (it was disabled). */
    revokeTokensOfSeat(seatId: number): void {
      db.prepare('UPDATE native_tokens SET revoked = 1 WHERE seat_id = ?').run(seatId);
    },
    findToken(tokenHash: string, now: number): { seatId: number; clientId: string } | undefined {
      const row = db.prepare('SELECT * FROM native_tokens WHERE token_hash = ? AND expires_at > ?').get(tokenHash, now);
      if (!row || bool(row, 'revoked')) return undefined;
      return { seatId: num(row, 'seat_id'), clientId: str(row, 'client_id') };
    },
  };
}

export type NativeRepository = ReturnType<typeof nativeRepository>;
