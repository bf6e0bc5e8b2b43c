// The reference portal runs offline: every HTTP request the SSO library makes (IdP metadata,
// OIDC discovery, JWKS, token, userinfo) goes through here and may reach loopback hosts only.
import { freshConnectionFetch, isLoopbackHost } from '../../lib/index.ts';

export { isLoopbackHost };

export const FETCH_TIMEOUT_MS = 5_000;
const MAX_REDIRECTS = 3;

export type LoopbackUrlCheck = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly problem: string };

/** Check a user-supplied URL: absolute, http(s), loopback host, no credentials. Problems complete "The URL …". */
export function checkLoopbackUrl(raw: string): LoopbackUrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, problem: 'is not an absolute URL (expected e.g. http://127.0.0.1:4000/…).' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, problem: `uses ${url.protocol.replace(/:$/, '')}: only http and https are fetched.` };
  if (url.username || url.password) return { ok: false, problem: 'carries a user name or password: remove them from the URL.' };
  if (!isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      problem: `points to ${url.hostname}, which is not this machine. The reference portal runs offline and fetches only from loopback hosts (127.0.0.0/8, ::1, localhost).`,
    };
  }
  return { ok: true, url };
}

export class LoopbackFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LoopbackFetchError';
  }
}

/** How redirects are followed. `anyHost`: to any loopback host (only a defect switch of the portal asks; the rule is the same host). */
export interface RedirectPolicy {
  readonly anyHost?: boolean;
}

/**
 * `fetch` restricted to loopback hosts, with a timeout; redirects are followed by hand (at most 3),
 * on the same host only: a document the admin named by its URL (metadata, discovery, JWKS) is not
 * taken from another host a redirect points to. Also handed to openid-client as its customFetch.
 */
export async function loopbackFetch(input: string | URL | Request, init: RequestInit = {}, policy: RedirectPolicy = {}): Promise<Response> {
  let url = new URL(input instanceof Request ? input.url : input.toString());
  const signal = init.signal
    ? AbortSignal.any([init.signal, AbortSignal.timeout(FETCH_TIMEOUT_MS)])
    : AbortSignal.timeout(FETCH_TIMEOUT_MS);
  const followRedirects = init.redirect !== 'manual';
  for (let hop = 0; ; hop += 1) {
    const check = checkLoopbackUrl(url.href);
    if (!check.ok) throw new LoopbackFetchError(`Refused to fetch ${url.origin}: the URL ${check.problem}`);
    let response: Response;
    try {
      response = await freshConnectionFetch(url, { ...init, redirect: 'manual', signal });
    } catch (error) {
      throw new LoopbackFetchError(describeFetchFailure(url, error));
    }
    const location = response.headers.get('location');
    if (!followRedirects || response.status < 300 || response.status >= 400 || location === null) return response;
    if (hop >= MAX_REDIRECTS)
      throw new LoopbackFetchError(`${url.origin} redirected more than ${MAX_REDIRECTS} times: use the final URL directly.`);
    const next = new URL(location, url);
    // Off the machine is refused at the next hop, by the loopback check (its message says so).
    if (next.hostname !== url.hostname && policy.anyHost !== true && checkLoopbackUrl(next.href).ok) {
      await response.body?.cancel();
      throw new LoopbackFetchError(
        `${url.origin} redirected to another host (${next.host}); a redirect is followed on the same host only. If the IdP really moved the document, enter its new URL.`,
      );
    }
    url = next;
  }
}

function describeFetchFailure(url: URL, error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? (error.cause as NodeJS.ErrnoException) : undefined;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `${url.origin} did not answer within ${FETCH_TIMEOUT_MS / 1000} s: check that the IdP is running and the URL is right.`;
  }
  if (cause?.code === 'ECONNREFUSED')
    return `Nothing is listening at ${url.origin} (connection refused): start the IdP, or correct the host and port.`;
  return `Could not reach ${url.origin} (${cause?.code ?? (error instanceof Error ? error.message : String(error))}): check that the IdP is running and the URL is right.`;
}

export type FetchedText =
  { readonly ok: true; readonly text: string; readonly contentType: string } | { readonly ok: false; readonly problem: string };

/** GET a small text document from a loopback URL, refusing anything larger than maxBytes. */
export async function fetchLoopbackText(url: URL, maxBytes: number, redirects: RedirectPolicy = {}): Promise<FetchedText> {
  let response: Response;
  try {
    response = await loopbackFetch(
      url,
      { headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml;q=0.9, */*;q=0.1' } },
      redirects,
    );
  } catch (error) {
    return { ok: false, problem: error instanceof LoopbackFetchError ? error.message : `Could not fetch ${url.origin}.` };
  }
  if (!response.ok) {
    await response.body?.cancel();
    return {
      ok: false,
      problem: `${url.href} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}: check the URL at the IdP (copy its metadata URL again).`,
    };
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel();
    return { ok: false, problem: `${url.href} sent ${declared} bytes; the limit is ${maxBytes} bytes for this document.` };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  try {
    for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
      size += chunk.value.byteLength;
      if (size > maxBytes) {
        await reader?.cancel();
        return { ok: false, problem: `${url.href} sent more than ${maxBytes} bytes; the limit is ${maxBytes} bytes for this document.` };
      }
      chunks.push(chunk.value);
    }
  } catch (error) {
    return { ok: false, problem: describeFetchFailure(url, error) };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return { ok: false, problem: `${url.href} sent a document that is not UTF-8 text.` };
  }
  return { ok: true, text, contentType: response.headers.get('content-type') ?? '' };
}
