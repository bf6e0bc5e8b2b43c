import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SamlSettings } from '../sso/contract.ts';
import { openPortalDatabase, transaction } from './database.ts';
import { createStore, portalSecret, type PortalStore } from './store.ts';

const SAML: SamlSettings = {
  protocol: 'saml',
  vendor: 'okta',
  idpEntityId: 'http://www.okta.com/exk1',
  idpSsoUrl: 'https://corp.okta.example/sso',
  idpCertificates: ['PEM'],
  requireSignedResponse: true,
  requireSignedAssertion: true,
  allowedClockSkewSeconds: 120,
  allowIdpInitiated: false,
  warnings: [],
};

let dir: string;
let clock = 1_000_000;
let store: PortalStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'portal-db-'));
  clock = 1_000_000;
  store = createStore(openPortalDatabase(dir), () => clock);
});

afterEach(() => {
  store.sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('accounts and seats', () => {
  it('finds seats and accounts by email without case, across accounts', () => {
    const a = store.accounts.create('A', ['A.example', '@a.example', ' '], clock);
    const b = store.accounts.create('B', [], clock);
    store.seats.add(a.id, { name: 'Ada', email: 'Ada@A.example', role: 'admin', passwordHash: 'h' });
    store.seats.add(b.id, { name: 'Ada B', email: 'ada@a.example', role: 'user' });
    expect(a.ssoDomains).toEqual(['a.example']);
    expect(store.accounts.withSeatEmail('ADA@a.EXAMPLE').map((account) => account.name)).toEqual(['A', 'B']);
    expect(store.seats.findByEmail(a.id, 'ada@a.example')).toEqual([
      { id: 1, accountId: a.id, name: 'Ada', email: 'Ada@A.example', role: 'admin', disabled: false, hasPassword: true },
    ]);
    expect(store.accounts.search('ada@').map((account) => account.name)).toEqual(['A', 'B']);
    expect(store.accounts.search(String(b.id)).map((account) => account.name)).toEqual(['B']);
    expect(store.accounts.search('100%')).toEqual([]);
  });

  it('persists across a restart of the same data directory, with the same CSRF key', () => {
    const account = store.accounts.create('Persisted', [], clock);
    const key = portalSecret(store.sqlite);
    store.sqlite.close();
    store = createStore(openPortalDatabase(dir), () => clock);
    expect(store.accounts.get(account.id)?.name).toBe('Persisted');
    expect(portalSecret(store.sqlite).equals(key)).toBe(true);
  });

  it('rolls a failed transaction back completely, nested ones included', () => {
    const account = store.accounts.create('T', [], clock);
    expect(() =>
      transaction(store.sqlite, () => {
        store.seats.add(account.id, { name: 'One', email: 'one@t.example', role: 'user' });
        transaction(store.sqlite, () => store.seats.add(account.id, { name: 'Two', email: 'two@t.example', role: 'user' }));
        throw new Error('line 3 is bad');
      }),
    ).toThrow('line 3 is bad');
    expect(store.seats.listByAccount(account.id)).toEqual([]);
  });
});

describe('SSO configuration', () => {
  it('versions every save, keeps it when disabled, and records Test SSO per version', () => {
    const account = store.accounts.create('S', [], clock);
    expect(store.ssoConfigs.status(account.id)).toEqual({ enabled: false, currentVersionPassed: false });
    store.ssoConfigs.save(account.id, SAML, 'Ada', clock);
    store.ssoConfigs.recordTest(account.id, { version: 1, ok: true, detail: 'ok', email: 'ada@s.example', testedAt: clock });
    const second = store.ssoConfigs.save(account.id, { ...SAML, allowedClockSkewSeconds: 60 }, 'Ada', clock + 1);
    expect(second.version).toBe(2);
    expect(store.ssoConfigs.status(account.id).currentVersionPassed).toBe(false);
    store.ssoConfigs.setEnabled(account.id, true);
    store.ssoConfigs.setEnabled(account.id, false);
    const status = store.ssoConfigs.status(account.id);
    expect(status.enabled).toBe(false);
    expect(status.current?.settings).toEqual({ ...SAML, allowedClockSkewSeconds: 60 });
    expect(store.ssoConfigs.version(account.id, 1)?.settings).toEqual(SAML);
    expect(status.lastTest).toEqual({ version: 1, ok: true, detail: 'ok', email: 'ada@s.example', testedAt: clock });
  });
});

describe('replay cache and pending logins', () => {
  it('remembers an assertion ID until it expires', () => {
    store.replayCache.add('_a1', clock + 1000);
    expect(store.replayCache.has('_a1')).toBe(true);
    expect(store.replayCache.has('_a2')).toBe(false);
    clock += 1000;
    expect(store.replayCache.has('_a1')).toBe(false);
  });

  it('hands a pending login out once, and not after it expires', () => {
    const account = store.accounts.create('P', [], clock);
    const record = {
      accountId: account.id,
      purpose: 'login' as const,
      configVersion: 1,
      state: { protocol: 'saml' as const, requestId: '_r1', createdAt: clock },
      returnTo: '/home',
      expiresAt: clock + 600_000,
    };
    store.pendingLogins.put('cookie-hash', record, clock);
    expect(store.pendingLogins.take('cookie-hash', clock)).toEqual(record);
    expect(store.pendingLogins.take('cookie-hash', clock)).toBeUndefined();
    store.pendingLogins.put('cookie-hash', record, clock);
    expect(store.pendingLogins.take('cookie-hash', clock + 600_000)).toBeUndefined();
  });
});

describe('sessions', () => {
  it('finds live sessions of the right kind only', () => {
    const account = store.accounts.create('X', [], clock);
    const seat = store.seats.add(account.id, { name: 'Ada', email: 'ada@x.example', role: 'admin' });
    store.sessions.create('h1', { kind: 'seat', subjectId: seat.id, authMethod: 'sso', createdAt: clock, expiresAt: clock + 10 });
    expect(store.sessions.find('h1', 'seat', clock)?.authMethod).toBe('sso');
    expect(store.sessions.find('h1', 'support', clock)).toBeUndefined();
    expect(store.sessions.countSeatSessions(account.id, clock)).toBe(1);
    expect(store.sessions.find('h1', 'seat', clock + 10)).toBeUndefined();
  });
});

describe('schema versions', () => {
  it('migrates a data directory of schema version 1 in place (SSO observations added), keeping its data', () => {
    const account = store.accounts.create('Kept', [], clock);
    store.sqlite.exec('DROP TABLE sso_observations; PRAGMA user_version = 1');
    store.sqlite.close();
    store = createStore(openPortalDatabase(dir), () => clock);
    expect(store.sqlite.prepare('PRAGMA user_version').get()).toEqual({ user_version: 2 });
    expect(store.accounts.get(account.id)?.name).toBe('Kept');
    store.ssoConfigs.recordObservation(account.id, 1, ['seen'], clock);
    store.ssoConfigs.recordObservation(account.id, 1, ['seen again'], clock);
    expect(store.ssoConfigs.observedWarnings(account.id, 1)).toEqual(['seen again']);
    expect(store.ssoConfigs.observedWarnings(account.id, 2)).toEqual([]);
  });

  it('refuses a data directory of a newer schema version', () => {
    store.sqlite.exec('PRAGMA user_version = 99');
    store.sqlite.close();
    expect(() => openPortalDatabase(dir)).toThrow(/holds a database of schema version 99; this portal needs version 2/);
    rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(join(tmpdir(), 'portal-db-'));
    store = createStore(openPortalDatabase(dir), () => clock);
  });
});
