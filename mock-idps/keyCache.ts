// TEST-ONLY: the demo tenant's RSA signing keys kept in the per-machine cache (machineCache.ts),
// so a later start of the mock IdPs on this machine reuses them instead of generating four to
// eight RSA-2048 keys (~80 ms of CPU each). Only the demo tenant's first keys are cached — test
// tenants, rotations and keys after a reset are always fresh — and only the private key: every
// start issues new certificates for it (lib/x509.ts), exactly as when the key is new. The file
// says what it is, is readable by its owner only, and keys older than 30 days are replaced.
import { createPrivateKey, generateKeyPair, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machineCacheDirectory, privateDirectory } from './machineCache.ts';

const FILE_NAME = 'demo-tenant-TEST-ONLY-keys.json';
const MAX_AGE_MS = 30 * 86_400_000;
const ABOUT =
  "TEST-ONLY private keys of the sso-harness mock IdPs' demo tenant, cached to make the next start faster. They protect nothing: never use them outside sso-harness tests. Delete this file at any time.";

interface CachedKey {
  readonly privateKeyPem: string;
  readonly createdAt: string;
}

interface CacheFile {
  readonly about: string;
  readonly version: 1;
  readonly keys: Record<string, CachedKey>;
}

export interface KeyCache {
  /** The cached PKCS#8 PEM of this slot (e.g. a persona id), if one is there and still fit to use. */
  privateKeyPem(slot: string): string | undefined;
  /** A key for this slot being generated since start-up (undefined once taken, or when none was started). */
  pendingPrivateKeyPem?(slot: string): Promise<string | undefined> | undefined;
  /** Keep this key for the next start (a small file written at once; a failure only loses the cache). */
  remember(slot: string, privateKeyPem: string): void;
}

function isUsable(entry: unknown, now: number): entry is CachedKey {
  if (typeof entry !== 'object' || entry === null) return false;
  const { privateKeyPem, createdAt } = entry as Partial<CachedKey>;
  if (typeof privateKeyPem !== 'string' || typeof createdAt !== 'string') return false;
  const age = now - Date.parse(createdAt);
  if (!(age >= 0 && age < MAX_AGE_MS)) return false;
  try {
    const key = createPrivateKey(privateKeyPem);
    return key.asymmetricKeyType === 'rsa' && key.asymmetricKeyDetails?.modulusLength === 2048;
  } catch {
    return false;
  }
}

/** The key cache in `directory` (default: the machine cache), or undefined when there is none to use. */
export function openKeyCache(directory = machineCacheDirectory()): KeyCache | undefined {
  if (!directory || !privateDirectory(directory)) return undefined;
  const path = join(directory, FILE_NAME);
  let keys: Record<string, CachedKey> = {};
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFile>;
    if (parsed.version === 1 && typeof parsed.keys === 'object' && parsed.keys !== null) keys = { ...parsed.keys };
  } catch {
    // Missing or unreadable: start empty.
  }
  const now = Date.now();
  const fit = new Map<string, boolean>();

  return {
    privateKeyPem(slot) {
      const entry = keys[slot];
      if (!fit.has(slot)) fit.set(slot, isUsable(entry, now));
      return fit.get(slot) ? entry!.privateKeyPem : undefined;
    },
    remember(slot, privateKeyPem) {
      keys = { ...keys, [slot]: { privateKeyPem, createdAt: new Date().toISOString() } };
      fit.set(slot, true);
      const file: CacheFile = { about: ABOUT, version: 1, keys };
      // Atomic replace: concurrent starts never read a half-written file.
      const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
        renameSync(temporary, path);
      } catch {
        // A read-only or full temp dir: the next start generates the keys again.
        rmSync(temporary, { force: true });
      }
    },
  };
}

/**
 * Start generating, on libuv's thread pool and right away, an RSA-2048 key for every slot `cache`
 * cannot serve: on a first start the demo tenant's keys are then made while the server's modules
 * load, instead of after. Without a cache, the keys are generated all the same (and not kept).
 */
export function withEarlyKeys(cache: KeyCache | undefined, slots: readonly string[]): KeyCache {
  const pending = new Map<string, Promise<string | undefined>>();
  for (const slot of slots) {
    if (cache?.privateKeyPem(slot)) continue;
    pending.set(
      slot,
      new Promise((resolve) => {
        generateKeyPair(
          'rsa',
          { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } },
          (error, _publicKey, privateKey) => resolve(error ? undefined : privateKey),
        );
      }),
    );
  }
  return {
    privateKeyPem: (slot) => cache?.privateKeyPem(slot),
    pendingPrivateKeyPem(slot) {
      const key = pending.get(slot);
      pending.delete(slot);
      return key;
    },
    remember: (slot, privateKeyPem) => cache?.remember(slot, privateKeyPem),
  };
}
