import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openKeyCache, withEarlyKeys } from './keyCache.ts';
import { machineCacheDirectory } from './machineCache.ts';

const pem = (modulusLength = 2048): string =>
  generateKeyPairSync('rsa', { modulusLength }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const FILE = 'demo-tenant-TEST-ONLY-keys.json';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'key-cache-test-'));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  rmSync(root, { recursive: true, force: true });
});

describe("openKeyCache: the demo tenant's TEST-ONLY keys between starts", () => {
  it('keeps a remembered key for the next start, in a file only its owner can read that says what it is', () => {
    const dir = join(root, 'cache');
    const key = pem();
    openKeyCache(dir)!.remember('okta-saml', key);
    expect(openKeyCache(dir)!.privateKeyPem('okta-saml')).toBe(key);
    expect(openKeyCache(dir)!.privateKeyPem('entra-saml')).toBeUndefined();
    const file = join(dir, FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1, about: expect.stringContaining('TEST-ONLY') as unknown });
  });

  it('replaces keys older than 30 days, and ignores keys that are not RSA-2048', () => {
    const dir = join(root, 'cache');
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), toFake: ['Date'] });
    openKeyCache(dir)!.remember('old', pem());
    openKeyCache(dir)!.remember('small', pem(1024));
    vi.setSystemTime(new Date('2026-01-31T00:00:01Z'));
    const cache = openKeyCache(dir)!;
    expect(cache.privateKeyPem('old')).toBeUndefined();
    expect(cache.privateKeyPem('small')).toBeUndefined();
  });

  it.each([
    ['not JSON', 'garbage'],
    ['another version', JSON.stringify({ version: 2, keys: { 'okta-saml': { privateKeyPem: 'x', createdAt: new Date().toISOString() } } })],
    [
      'a key that does not parse',
      JSON.stringify({
        version: 1,
        keys: {
          'okta-saml': {
            privateKeyPem: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
            createdAt: new Date().toISOString(),
          },
        },
      }),
    ],
  ])('treats a file with %s as empty', (_what, content) => {
    const dir = join(root, 'cache');
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(join(dir, FILE), content);
    expect(openKeyCache(dir)!.privateKeyPem('okta-saml')).toBeUndefined();
  });

  it("refuses a directory that group or others can open (someone else's, in a shared temp dir)", () => {
    const dir = join(root, 'shared');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    expect(openKeyCache(dir)).toBeUndefined();
  });

  it('is off with SSO_HARNESS_CACHE_DIR=off, moved by SSO_HARNESS_CACHE_DIR=<dir>, else under the OS temp dir', () => {
    expect(machineCacheDirectory({ SSO_HARNESS_CACHE_DIR: 'off' })).toBeUndefined();
    expect(machineCacheDirectory({ SSO_HARNESS_CACHE_DIR: '/somewhere/else' })).toBe('/somewhere/else');
    expect(machineCacheDirectory({})).toMatch(new RegExp(`^${tmpdir()}/sso-harness-cache-`));
    vi.stubEnv('SSO_HARNESS_CACHE_DIR', 'off');
    expect(openKeyCache()).toBeUndefined();
  });
});

describe("withEarlyKeys: the demo tenant's missing keys, generated from start-up on", () => {
  it('generates only what the cache lacks, hands each key out once, and passes remember() through', async () => {
    const dir = join(root, 'cache');
    const cached = pem();
    openKeyCache(dir)!.remember('okta-saml', cached);
    const source = withEarlyKeys(openKeyCache(dir), ['okta-saml', 'entra-saml']);
    expect(source.privateKeyPem('okta-saml')).toBe(cached);
    expect(source.pendingPrivateKeyPem?.('okta-saml')).toBeUndefined();
    const early = await source.pendingPrivateKeyPem?.('entra-saml');
    expect(early).toContain('-----BEGIN PRIVATE KEY-----');
    expect(source.pendingPrivateKeyPem?.('entra-saml')).toBeUndefined();
    source.remember('entra-saml', early!);
    expect(openKeyCache(dir)!.privateKeyPem('entra-saml')).toBe(early);
  });

  it('works without a cache: keys are generated, nothing is kept', async () => {
    const source = withEarlyKeys(undefined, ['auth0-saml']);
    expect(source.privateKeyPem('auth0-saml')).toBeUndefined();
    expect(await source.pendingPrivateKeyPem?.('auth0-saml')).toContain('PRIVATE KEY');
    expect(() => source.remember('auth0-saml', 'x')).not.toThrow();
  });
});
