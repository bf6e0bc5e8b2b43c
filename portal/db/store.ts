// All repositories over one database: what route handlers (and tests, via `Portal.db`) use.
import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { accountsRepository, seatsRepository } from './accounts.ts';
import { auditRepository } from './audit.ts';
import { idpUsersRepository } from './idpUsers.ts';
import { nativeRepository } from './native.ts';
import { pendingLoginsRepository } from './pendingLogins.ts';
import { replayCacheRepository } from './replayCache.ts';
import { str } from './rows.ts';
import { sessionsRepository } from './sessions.ts';
import { ssoConfigRepository } from './ssoConfigs.ts';
import { supportRepository } from './support.ts';

export function createStore(sqlite: DatabaseSync, clock: () => number) {
  return {
    sqlite,
    accounts: accountsRepository(sqlite),
    seats: seatsRepository(sqlite),
    sessions: sessionsRepository(sqlite),
    ssoConfigs: ssoConfigRepository(sqlite),
    audit: auditRepository(sqlite),
    support: supportRepository(sqlite),
    replayCache: replayCacheRepository(sqlite, clock),
    pendingLogins: pendingLoginsRepository(sqlite),
    native: nativeRepository(sqlite),
    idpUsers: idpUsersRepository(sqlite),
  };
}

export type PortalStore = ReturnType<typeof createStore>;

/**
 * The key that signs CSRF tokens: random, created with the data directory and kept in it, so a
 * restarted portal (`--data-dir`) keeps its open forms valid.
 */
export function portalSecret(sqlite: DatabaseSync): Buffer {
  const row = sqlite.prepare("SELECT value FROM portal_settings WHERE key = 'csrf_key'").get();
  if (row) return Buffer.from(str(row, 'value'), 'base64');
  const key = randomBytes(32);
  sqlite.prepare("INSERT INTO portal_settings (key, value) VALUES ('csrf_key', ?)").run(key.toString('base64'));
  return key;
}
