import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_MAX_ENTRIES, OidcStore } from './adapter.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('OidcStore: bounded, expiring storage for one persona of one tenant', () => {
  it('forgets entries when they expire', () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T12:00:00Z') });
    const store = new OidcStore();
    store.set('AuthorizationCode:a', { accountId: 'u1' }, 300);
    store.set('Session:s', { uid: 'uid-1' }, undefined);
    vi.advanceTimersByTime(299_000);
    expect(store.get('AuthorizationCode:a')).toEqual({ accountId: 'u1' });
    vi.advanceTimersByTime(1_000);
    expect(store.get('AuthorizationCode:a')).toBeUndefined();
    expect(store.get('Session:s')).toEqual({ uid: 'uid-1' });
  });

  it('over its cap, evicts expired entries first, then the least recently written down to 90% of the cap', () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T12:00:00Z') });
    const store = new OidcStore({ maxEntries: 3 });
    store.set('Session:old', { uid: 'old' }, 3600);
    store.set('AccessToken:short', {}, 10);
    store.set('Grant:g', {}, 3600);
    vi.advanceTimersByTime(11_000);
    store.set('Session:new', { uid: 'new' }, 3600);
    expect(store.size).toBe(3);
    expect(store.get('AccessToken:short')).toBeUndefined();
    // Rewriting an entry makes it the newest; nothing has expired now, so the oldest go, down to
    // 90% of the cap (2 of 3): "Grant:g", then "Session:new".
    store.set('Session:old', { uid: 'old' }, 3600);
    store.set('Interaction:i', {}, 600);
    expect(store.get('Grant:g')).toBeUndefined();
    expect(store.sessionKeyByUid('new')).toBeUndefined();
    expect(store.sessionKeyByUid('old')).toBe('Session:old');
    expect(store.get('Interaction:i')).toEqual({});
  });

  it('drops the uid and grant indexes with the entries they point to', () => {
    const store = new OidcStore({ maxEntries: 2 });
    store.set('Session:s1', { uid: 'uid-1' }, 3600);
    store.set('AccessToken:t1', { grantId: 'g1' }, 3600);
    store.set('AccessToken:t2', { grantId: 'g2' }, 3600);
    expect(store.sessionKeyByUid('uid-1')).toBeUndefined();
    store.set('AccessToken:t3', { grantId: 'g1' }, 3600);
    store.revokeGrant('g1');
    expect(store.get('AccessToken:t3')).toBeUndefined();
    expect(store.get('AccessToken:t2')).toEqual({ grantId: 'g2' });
    store.revokeGrant('g2');
    expect(store.size).toBe(0);
  });

  it('stays at its cap over thousands of logins (about four entries each)', () => {
    const store = new OidcStore();
    for (let login = 0; login < 5000; login++) {
      store.set(`Session:s${login}`, { uid: `u${login}` }, 28_800);
      store.set(`Grant:g${login}`, {}, 28_800);
      store.set(`AuthorizationCode:c${login}`, { grantId: `g${login}` }, 300);
      store.set(`AccessToken:a${login}`, { grantId: `g${login}` }, 3600);
    }
    expect(store.size).toBeLessThanOrEqual(DEFAULT_MAX_ENTRIES);
    expect(store.size).toBeGreaterThanOrEqual(DEFAULT_MAX_ENTRIES * 0.9);
    expect(store.sessionKeyByUid('u4999')).toBe('Session:s4999');
    expect(store.sessionKeyByUid('u0')).toBeUndefined();
  });
});
