// Opens (and on first use creates) the portal database in the data directory.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { MIGRATIONS, SCHEMA_SQL, SCHEMA_VERSION } from './schema.ts';

export const DATABASE_FILE = 'portal.sqlite';

export function openPortalDatabase(dataDir: string): DatabaseSync {
  mkdirSync(dataDir, { recursive: true });
  const db = new DatabaseSync(join(dataDir, DATABASE_FILE));
  // WAL with synchronous=NORMAL (SQLite's advice for WAL): a commit is not fsync'd, the WAL is at
  // checkpoints, so a power cut may lose the last commits but never corrupts the database; a crash
  // of the process loses nothing. Every login writes a few rows: an fsync each was most of their cost.
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
  const row = db.prepare('PRAGMA user_version').get();
  const version = Number(row?.['user_version'] ?? 0);
  if (version === 0) {
    transaction(db, () => {
      db.exec(SCHEMA_SQL);
      db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    });
  } else if (version < SCHEMA_VERSION && MIGRATIONS[version] !== undefined) {
    // An older data directory (`--data-dir` re-used): migrate it in place, one version at a time.
    transaction(db, () => {
      for (let from = version; from < SCHEMA_VERSION; from += 1) {
        const step = MIGRATIONS[from];
        if (step === undefined) throw new Error(`No migration of the portal database from schema version ${from}.`);
        db.exec(step);
      }
      db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    });
  } else if (version !== SCHEMA_VERSION) {
    db.close();
    throw new Error(
      `The portal data directory ${dataDir} holds a database of schema version ${version}; this portal needs version ${SCHEMA_VERSION}. Use another --data-dir (or remove ${DATABASE_FILE} there).`,
    );
  }
  return db;
}

const depth = new WeakMap<DatabaseSync, number>();

/**
 * Run `body` in one transaction: everything or nothing (a failed import changes nothing).
 * Nested calls become savepoints, so repositories can be composed inside a caller's transaction.
 */
export function transaction<T>(db: DatabaseSync, body: () => T): T {
  const level = depth.get(db) ?? 0;
  const savepoint = `nested_${level}`;
  db.exec(level === 0 ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
  depth.set(db, level + 1);
  try {
    const result = body();
    db.exec(level === 0 ? 'COMMIT' : `RELEASE ${savepoint}`);
    return result;
  } catch (error) {
    db.exec(level === 0 ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
    throw error;
  } finally {
    depth.set(db, level);
  }
}
