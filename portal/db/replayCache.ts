// One-time use of SAML assertion IDs, persisted so a restart does not reopen a replay window.
// The SSO library calls it through its ReplayCache interface (has / add).
import type { DatabaseSync } from 'node:sqlite';

export interface PersistentReplayCache {
  has(id: string): boolean;
  add(id: string, expiresAt: number): void;
}

export function replayCacheRepository(db: DatabaseSync, clock: () => number): PersistentReplayCache {
  return {
    has(id: string): boolean {
      return db.prepare('SELECT 1 FROM used_assertions WHERE assertion_id = ? AND expires_at > ?').get(id, clock()) !== undefined;
    },
    add(id: string, expiresAt: number): void {
      db.prepare('DELETE FROM used_assertions WHERE expires_at <= ?').run(clock());
      db.prepare(
        'INSERT INTO used_assertions (assertion_id, expires_at) VALUES (?, ?) ON CONFLICT (assertion_id) DO UPDATE SET expires_at = max(expires_at, excluded.expires_at)',
      ).run(id, expiresAt);
    },
  };
}
