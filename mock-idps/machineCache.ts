// The mock IdPs' per-machine cache directory: start-up work worth keeping between runs on one
// machine (the demo tenant's TEST-ONLY RSA keys, see keyCache.ts, and Node's compile cache of the
// protocol libraries). It lives under the OS temp dir, is never committed, and anything in it
// may be deleted at any time. SSO_HARNESS_CACHE_DIR=<dir> moves it, SSO_HARNESS_CACHE_DIR=off
// turns it off (a first-ever start, as the cold-start benchmark measures it).
import { lstatSync, mkdirSync } from 'node:fs';
import { enableCompileCache, flushCompileCache, getCompileCacheDir } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const CACHE_DIR_ENV = 'SSO_HARNESS_CACHE_DIR';

function currentUid(): number | undefined {
  return typeof process.getuid === 'function' ? process.getuid() : undefined;
}

/** Where the cache lives for this process, or undefined when it is turned off. */
export function machineCacheDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env[CACHE_DIR_ENV]?.trim();
  if (configured === 'off') return undefined;
  if (configured) return configured;
  const owner = currentUid() ?? userInfo().username;
  return join(tmpdir(), `sso-harness-cache-${owner}`);
}

/**
 * Create the directory private to this user, or check an existing one is: a directory (not a
 * link), owned by us, closed to group and others. Anything else (another user's directory in a
 * shared /tmp) is not used: the caller then works without a cache.
 */
export function privateDirectory(path: string): boolean {
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    const stat = lstatSync(path);
    const uid = currentUid();
    return stat.isDirectory() && !stat.isSymbolicLink() && (uid === undefined || stat.uid === uid) && (stat.mode & 0o077) === 0;
  } catch {
    return false;
  }
}

let compileCacheTried = false;

/**
 * Node's on-disk compile cache for the modules loaded from here on (the protocol libraries are
 * loaded after start-up, in the background): a later start compiles them from cache. It changes
 * nothing but start-up time; a process that already enabled one keeps its own.
 */
export function enableLibraryCompileCache(directory = machineCacheDirectory()): void {
  if (compileCacheTried || !directory) return;
  compileCacheTried = true;
  const compileDirectory = join(directory, 'node-compile-cache');
  if (!privateDirectory(directory) || !privateDirectory(compileDirectory)) return;
  try {
    enableCompileCache(compileDirectory);
  } catch {
    // An older Node without a compile cache: start-up is slower, nothing else changes.
  }
}

/** Write what the compile cache holds now (Node writes it at exit too, but a killed server never exits). */
export function persistCompileCache(): void {
  if (getCompileCacheDir() === undefined) return;
  try {
    flushCompileCache();
  } catch {
    // Only the next start's speed is at stake.
  }
}
