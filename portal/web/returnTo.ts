// Where the portal sends a browser after login. Only paths of this portal are ever followed
// (RelayState and return_to are attacker-controllable: never an open redirect), unless the
// `relaystate-allow-offsite` defect switch is on, which exists to prove the suites catch it.
import type { DefectSet } from '../sso/contract.ts';

const ORIGIN = 'http://portal.invalid';

function hasControlCharacter(text: string): boolean {
  return [...text].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
}

export function safeReturnTo(candidate: string | undefined, defects: DefectSet): string | undefined {
  if (candidate === undefined || candidate === '') return undefined;
  if (defects.has('relaystate-allow-offsite') && /^https?:\/\//i.test(candidate)) return candidate;
  // Browsers treat `//host`, `/\host` and tabs or newlines inside URLs leniently: refuse them.
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.includes('\\') || hasControlCharacter(candidate))
    return undefined;
  let url: URL;
  try {
    url = new URL(candidate, ORIGIN);
  } catch {
    return undefined;
  }
  if (url.origin !== ORIGIN) return undefined;
  // The defect: the raw value was checked above, the normalised one is returned unchecked.
  if (defects.has('return-path-normalised-after-check')) return `${url.pathname}${url.search}${url.hash}`;
  // Check what is returned, not only what came in: dot segments (`/..//host`, `/%2e%2e//host`) can
  // normalise into a path that a browser reads as another host (`//host`).
  if (url.pathname.startsWith('//') || url.pathname.startsWith('/\\')) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}
