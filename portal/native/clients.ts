// The two OE native apps, as OAuth 2.0 public clients (RFC 8252), and their redirect URI rules.
// Redirect URIs are checked by rule, not by an exact registered string: the desktop app listens
// on a different loopback port each time (§7.3), the mobile app uses its private-use scheme (§7.1).
import type { DefectSet } from '../sso/contract.ts';

export type NativeClientId = 'oe-desktop' | 'oe-mobile';

export const NATIVE_CLIENTS: Readonly<Record<NativeClientId, { readonly name: string; readonly redirectRule: string }>> = {
  'oe-desktop': { name: 'OE desktop app', redirectRule: 'http://127.0.0.1:<any port>/<path> (or http://[::1]:<port>/…), RFC 8252 §7.3' },
  'oe-mobile': { name: 'OE mobile app', redirectRule: 'com.ooma.enterprise:/<path>, RFC 8252 §7.1' },
};

export const MOBILE_SCHEME = 'com.ooma.enterprise';

export function isNativeClientId(value: string): value is NativeClientId {
  return Object.hasOwn(NATIVE_CLIENTS, value);
}

export type RedirectCheck = { readonly ok: true; readonly uri: string } | { readonly ok: false; readonly problem: string };

export function checkRedirectUri(clientId: NativeClientId, raw: string, defects: DefectSet): RedirectCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: `redirect_uri "${raw.slice(0, 200)}" is not an absolute URI.` };
  }
  // The defect switch lets any absolute URI through, to prove the suites catch an open redirect.
  if (defects.has('native-any-redirect-uri')) return { ok: true, uri: raw };
  if (url.hash !== '' || raw.includes('#')) return { ok: false, problem: 'redirect_uri must not contain a fragment (RFC 6749 §3.1.2).' };
  const problem = clientId === 'oe-desktop' ? desktopProblem(url) : mobileProblem(raw, url);
  return problem ? { ok: false, problem } : { ok: true, uri: raw };
}

function desktopProblem(url: URL): string | undefined {
  if (url.protocol !== 'http:') return `the desktop app must use an http loopback redirect (RFC 8252 §7.3), not ${url.protocol}.`;
  if (url.username !== '' || url.password !== '') return 'redirect_uri must not carry a user name or password.';
  if (url.hostname === 'localhost') return 'use the loopback IP literal 127.0.0.1 (or [::1]), not "localhost" (RFC 8252 §8.3).';
  if (url.hostname !== '127.0.0.1' && url.hostname !== '[::1]') return `the desktop app may only redirect to the loopback interface 127.0.0.1 or [::1], not ${url.hostname}.`;
  return undefined;
}

function mobileProblem(raw: string, url: URL): string | undefined {
  if (url.protocol !== `${MOBILE_SCHEME}:`) return `the mobile app must use its private-use scheme ${MOBILE_SCHEME}: (RFC 8252 §7.1), not ${url.protocol}.`;
  if (!raw.startsWith(`${MOBILE_SCHEME}:/`) || raw.startsWith(`${MOBILE_SCHEME}://`)) return `write the redirect as ${MOBILE_SCHEME}:/path, with a single slash after the scheme (RFC 8252 §7.1).`;
  return undefined;
}
