// The two OE native apps, as OAuth 2.0 public clients (RFC 8252), and their redirect URI rules.
// Redirect URIs are checked by rule, not by an exact registered string: the desktop app listens
// on a different loopback port each time (§7.3), the mobile app uses its private-use scheme (§7.1).
// Which client ids, app names and mobile scheme a portal registers is part of its skin.
import type { DefectSet } from '../sso/contract.ts';

export interface NativeClientConfig {
  readonly desktop: { readonly clientId: string; readonly name: string };
  readonly mobile: { readonly clientId: string; readonly name: string; readonly scheme: string; readonly redirectUri: string };
}

export const REFERENCE_NATIVE_CLIENTS: NativeClientConfig = {
  desktop: { clientId: 'oe-desktop', name: 'OE desktop app' },
  mobile: {
    clientId: 'oe-mobile',
    name: 'OE mobile app',
    scheme: 'com.ooma.enterprise',
    redirectUri: 'com.ooma.enterprise:/oauth2redirect',
  },
};

/** A client id, e.g. `oe-desktop`. */
export type NativeClientId = string;
export type NativeClientKind = 'desktop' | 'mobile';

export interface NativeClient {
  readonly kind: NativeClientKind;
  readonly clientId: string;
  readonly name: string;
  /** The redirect URIs this client may use, in words. */
  readonly redirectRule: string;
}

/** The registered client with this id, if any. */
export function nativeClient(clientId: string, clients: NativeClientConfig = REFERENCE_NATIVE_CLIENTS): NativeClient | undefined {
  if (clientId === clients.desktop.clientId) {
    return {
      kind: 'desktop',
      clientId,
      name: clients.desktop.name,
      redirectRule: 'http://127.0.0.1:<any port>/<path> (or http://[::1]:<port>/…), RFC 8252 §7.3',
    };
  }
  if (clientId === clients.mobile.clientId) {
    return { kind: 'mobile', clientId, name: clients.mobile.name, redirectRule: `${clients.mobile.scheme}:/<path>, RFC 8252 §7.1` };
  }
  return undefined;
}

export function isNativeClientId(value: string, clients: NativeClientConfig = REFERENCE_NATIVE_CLIENTS): boolean {
  return nativeClient(value, clients) !== undefined;
}

export type RedirectCheck = { readonly ok: true; readonly uri: string } | { readonly ok: false; readonly problem: string };

export function checkRedirectUri(
  clientId: NativeClientId,
  raw: string,
  defects: DefectSet,
  clients: NativeClientConfig = REFERENCE_NATIVE_CLIENTS,
): RedirectCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: `redirect_uri "${raw.slice(0, 200)}" is not an absolute URI.` };
  }
  // The defect switch lets any absolute URI through, to prove the suites catch an open redirect.
  if (defects.has('native-any-redirect-uri')) return { ok: true, uri: raw };
  // The partial bug: the rule checked as a prefix of the raw text.
  if (defects.has('native-redirect-uri-prefix') && (raw.startsWith('http://127.0.0.1') || raw.startsWith(clients.mobile.scheme)))
    return { ok: true, uri: raw };
  if (url.hash !== '' || raw.includes('#')) return { ok: false, problem: 'redirect_uri must not contain a fragment (RFC 6749 §3.1.2).' };
  const client = nativeClient(clientId, clients);
  if (!client) return { ok: false, problem: `"${clientId.slice(0, 80)}" is not a registered app.` };
  const problem = client.kind === 'desktop' ? desktopProblem(url) : mobileProblem(raw, url, clients.mobile.scheme);
  return problem ? { ok: false, problem } : { ok: true, uri: raw };
}

function desktopProblem(url: URL): string | undefined {
  if (url.protocol !== 'http:') return `the desktop app must use an http loopback redirect (RFC 8252 §7.3), not ${url.protocol}.`;
  if (url.username !== '' || url.password !== '') return 'redirect_uri must not carry a user name or password.';
  if (url.hostname === 'localhost') return 'use the loopback IP literal 127.0.0.1 (or [::1]), not "localhost" (RFC 8252 §8.3).';
  if (url.hostname !== '127.0.0.1' && url.hostname !== '[::1]')
    return `the desktop app may only redirect to the loopback interface 127.0.0.1 or [::1], not ${url.hostname}.`;
  return undefined;
}

function mobileProblem(raw: string, url: URL, scheme: string): string | undefined {
  if (url.protocol !== `${scheme}:`)
    return `the mobile app must use its private-use scheme ${scheme}: (RFC 8252 §7.1), not ${url.protocol}.`;
  // The scheme compares case-insensitively (RFC 3986 §3.1): the protocol check above already lower-cased it.
  const afterScheme = raw.slice(scheme.length + 1);
  if (!afterScheme.startsWith('/') || afterScheme.startsWith('//'))
    return `write the redirect as ${scheme}:/path, with a single slash after the scheme (RFC 8252 §7.1).`;
  return undefined;
}
