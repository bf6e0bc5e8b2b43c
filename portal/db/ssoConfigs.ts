// SSO configuration per account: every save is a new version (the SSO library's validated
// `SsoSettings` as JSON), the Enable flag is separate (disabling keeps the whole configuration),
// and each Test SSO result is recorded against the version it tested.
import type { DatabaseSync } from 'node:sqlite';
import type { ReasonCode } from '../../lib/index.ts';
import type { SsoSettings } from '../sso/contract.ts';
import { bool, num, optNum, optStr, str, type Row } from './rows.ts';
import { transaction } from './database.ts';

export interface SsoConfigRecord {
  readonly accountId: number;
  readonly version: number;
  readonly settings: SsoSettings;
  readonly savedAt: number;
  readonly savedBy: string;
}

export interface SsoTestResult {
  readonly version: number;
  readonly ok: boolean;
  readonly reason?: ReasonCode;
  readonly detail: string;
  readonly email?: string;
  readonly testedAt: number;
}

export interface SsoStatus {
  readonly enabled: boolean;
  readonly current?: SsoConfigRecord;
  readonly lastTest?: SsoTestResult;
  /** The current version has passed Test SSO at least once. */
  readonly currentVersionPassed: boolean;
}

function toRecord(row: Row): SsoConfigRecord {
  return {
    accountId: num(row, 'account_id'),
    version: num(row, 'version'),
    settings: JSON.parse(str(row, 'settings_json')) as SsoSettings,
    savedAt: num(row, 'saved_at'),
    savedBy: str(row, 'saved_by'),
  };
}

function toTest(row: Row): SsoTestResult {
  const reason = optStr(row, 'reason') as ReasonCode | undefined;
  const email = optStr(row, 'email');
  return {
    version: num(row, 'version'),
    ok: bool(row, 'ok'),
    ...(reason === undefined ? {} : { reason }),
    detail: str(row, 'detail'),
    ...(email === undefined ? {} : { email }),
    testedAt: num(row, 'tested_at'),
  };
}

export function ssoConfigRepository(db: DatabaseSync) {
  const repo = {
    save(accountId: number, settings: SsoSettings, savedBy: string, now: number): SsoConfigRecord {
      return transaction(db, () => {
        const row = db.prepare('SELECT max(version) AS v FROM sso_configs WHERE account_id = ?').get(accountId);
        const version = (row ? (optNum(row, 'v') ?? 0) : 0) + 1;
        db.prepare('INSERT INTO sso_configs (account_id, version, settings_json, saved_at, saved_by) VALUES (?, ?, ?, ?, ?)').run(
          accountId,
          version,
          JSON.stringify(settings),
          now,
          savedBy,
        );
        db.prepare(
          `INSERT INTO sso_state (account_id, enabled, current_version) VALUES (?, 0, ?)
          ON CONFLICT (account_id) DO UPDATE SET current_version = excluded.current_version`,
        ).run(accountId, version);
        return { accountId, version, settings, savedAt: now, savedBy };
      });
    },
    current(accountId: number): SsoConfigRecord | undefined {
      const row = db
        .prepare(
          `SELECT c.* FROM sso_configs c JOIN sso_state s ON s.account_id = c.account_id AND s.current_version = c.version
        WHERE c.account_id = ?`,
        )
        .get(accountId);
      return row ? toRecord(row) : undefined;
    },
    /** Every account's current configuration (only a defect switch looks across accounts: portal/defects.ts). */
    allCurrent(): SsoConfigRecord[] {
      return db
        .prepare(
          'SELECT c.* FROM sso_configs c JOIN sso_state s ON s.account_id = c.account_id AND s.current_version = c.version ORDER BY c.account_id',
        )
        .all()
        .map(toRecord);
    },
    version(accountId: number, version: number): SsoConfigRecord | undefined {
      const row = db.prepare('SELECT * FROM sso_configs WHERE account_id = ? AND version = ?').get(accountId, version);
      return row ? toRecord(row) : undefined;
    },
    isEnabled(accountId: number): boolean {
      const row = db.prepare('SELECT enabled FROM sso_state WHERE account_id = ?').get(accountId);
      return row ? bool(row, 'enabled') : false;
    },
    setEnabled(accountId: number, enabled: boolean): void {
      db.prepare(
        `INSERT INTO sso_state (account_id, enabled, current_version) VALUES (?, ?, NULL)
        ON CONFLICT (account_id) DO UPDATE SET enabled = excluded.enabled`,
      ).run(accountId, enabled ? 1 : 0);
    },
    recordTest(accountId: number, result: SsoTestResult): void {
      db.prepare('INSERT INTO sso_tests (account_id, version, ok, reason, detail, email, tested_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        accountId,
        result.version,
        result.ok ? 1 : 0,
        result.reason ?? null,
        result.detail,
        result.email ?? null,
        result.testedAt,
      );
    },
    lastTest(accountId: number): SsoTestResult | undefined {
      const row = db.prepare('SELECT * FROM sso_tests WHERE account_id = ? ORDER BY id DESC LIMIT 1').get(accountId);
      return row ? toTest(row) : undefined;
    },
    /**
     * What the last accepted SSO login (or Test SSO) of this configuration version observed about it; replaces the previous observation.
     */
    recordObservation(accountId: number, version: number, warnings: readonly string[], now: number): void {
      db.prepare(
        `INSERT INTO sso_observations (account_id, version, warnings_json, observed_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (account_id, version) DO UPDATE SET warnings_json = excluded.warnings_json, observed_at = excluded.observed_at`,
      ).run(accountId, version, JSON.stringify(warnings), now);
    },
    observedWarnings(accountId: number, version: number): string[] {
      const row = db.prepare('SELECT warnings_json FROM sso_observations WHERE account_id = ? AND version = ?').get(accountId, version);
      return row ? (JSON.parse(str(row, 'warnings_json')) as string[]) : [];
    },
    hasPassed(accountId: number, version: number): boolean {
      return (
        db.prepare('SELECT 1 FROM sso_tests WHERE account_id = ? AND version = ? AND ok = 1 LIMIT 1').get(accountId, version) !== undefined
      );
    },
    status(accountId: number): SsoStatus {
      const current = repo.current(accountId);
      const lastTest = repo.lastTest(accountId);
      return {
        enabled: repo.isEnabled(accountId),
        ...(current ? { current } : {}),
        ...(lastTest ? { lastTest } : {}),
        currentVersionPassed: current ? repo.hasPassed(accountId, current.version) : false,
      };
    },
  };
  return repo;
}

export type SsoConfigRepository = ReturnType<typeof ssoConfigRepository>;
