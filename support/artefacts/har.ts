// Find the SSO exchange inside a HAR file (browser DevTools "Save all as HAR"): the SAML POST to
// the ACS, or the OIDC ID token (token endpoint response, form_post / fragment callback), and
// IdP errors sent back to the redirect URI. Every credential in the HAR (cookies,
// Authorization headers, passwords, client secrets, codes, tokens) is registered with the
// scrubber so that nothing of it can reach the output.
import { notAnArtefact } from './errors.ts';
import type { SecretScrubber } from '../../lib/index.ts';

export interface HarCapture {
  readonly kind: 'saml' | 'jwt';
  /** SAMLResponse (base64) or compact JWT. */
  readonly value: string;
  readonly relayState?: string;
  /** 1-based position of the entry in the HAR, as DevTools lists it. */
  readonly entry: number;
  readonly method: string;
  /** Origin and path only: query strings can carry codes and tokens. */
  readonly url: string;
  readonly startedDateTime?: string;
  readonly how: string;
}

export interface HarIdpError {
  readonly entry: number;
  readonly url: string;
  readonly error: string;
  readonly description?: string;
  readonly startedDateTime?: string;
}

export interface HarScan {
  readonly entries: number;
  readonly captures: readonly HarCapture[];
  readonly idpErrors: readonly HarIdpError[];
}

interface NameValue {
  name?: unknown;
  value?: unknown;
}

const SECRET_PARAMS =
  /^(password|passwd|pwd|client_secret|client_assertion|code|code_verifier|access_token|refresh_token|id_token_hint|session_state)$/i;
const SECRET_HEADERS = /^(cookie|set-cookie|authorization|proxy-authorization|x-csrf-token|x-xsrf-token)$/i;

export function isHar(value: unknown): boolean {
  return Array.isArray(record(record(value)?.log)?.entries);
}

export function scanHar(har: unknown, secrets: SecretScrubber): HarScan {
  const entries = record(record(har)?.log)?.entries;
  if (!Array.isArray(entries))
    throw notAnArtefact(
      'it is JSON but not a HAR file: there is no "log.entries" array (save it from the browser DevTools Network tab with "Save all as HAR").',
    );
  const captures: HarCapture[] = [];
  const idpErrors: HarIdpError[] = [];
  entries.forEach((raw, index) => {
    const entry = record(raw);
    const request = record(entry?.request);
    const response = record(entry?.response);
    if (!request) return;
    const number = index + 1;
    const started = typeof entry?.startedDateTime === 'string' ? entry.startedDateTime : undefined;
    const method = typeof request.method === 'string' ? request.method.toUpperCase() : 'GET';
    const url = safeUrl(request.url);
    registerSecrets(request, response, secrets);
    const form = formParams(record(request.postData));
    const query = urlParams(request.url);
    const base = { entry: number, method, url: url.display, ...(started ? { startedDateTime: started } : {}) };

    const samlResponse = form.get('SAMLResponse') ?? query.get('SAMLResponse');
    if (samlResponse) {
      const relayState = form.get('RelayState') ?? query.get('RelayState');
      captures.push({
        kind: 'saml',
        value: samlResponse,
        ...(relayState ? { relayState } : {}),
        ...base,
        how: `${method} to ${url.display} (form field SAMLResponse)`,
      });
    }
    const callbackToken = form.get('id_token') ?? query.get('id_token') ?? url.fragment.get('id_token');
    if (callbackToken) captures.push({ kind: 'jwt', value: callbackToken, ...base, how: `callback ${url.display} carrying id_token` });
    const tokenResponse = jsonBody(response);
    if (typeof tokenResponse?.id_token === 'string') {
      captures.push({ kind: 'jwt', value: tokenResponse.id_token, ...base, how: `token endpoint response from ${url.display} (id_token)` });
    }
    const error = form.get('error') ?? query.get('error') ?? url.fragment.get('error');
    if (error) {
      const description = form.get('error_description') ?? query.get('error_description') ?? url.fragment.get('error_description');
      idpErrors.push({
        entry: number,
        url: url.display,
        error,
        ...(description ? { description } : {}),
        ...(started ? { startedDateTime: started } : {}),
      });
    }
    const autoPost = samlResponse ? undefined : autoPostedSamlResponse(response);
    if (autoPost)
      captures.push({
        kind: 'saml',
        value: autoPost,
        ...base,
        how: `auto-post form in the page returned by ${url.display} (never posted to the ACS by the browser)`,
      });
  });
  return { entries: entries.length, captures, idpErrors };
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function safeUrl(value: unknown): { display: string; fragment: URLSearchParams } {
  if (typeof value !== 'string') return { display: '(no URL)', fragment: new URLSearchParams() };
  try {
    const url = new URL(value);
    return { display: `${url.origin}${url.pathname}`, fragment: new URLSearchParams(url.hash.replace(/^#/, '')) };
  } catch {
    return { display: '(unreadable URL)', fragment: new URLSearchParams() };
  }
}

function urlParams(value: unknown): URLSearchParams {
  if (typeof value !== 'string') return new URLSearchParams();
  try {
    return new URL(value).searchParams;
  } catch {
    return new URLSearchParams();
  }
}

function formParams(postData: Record<string, unknown> | undefined): URLSearchParams {
  if (!postData) return new URLSearchParams();
  if (typeof postData.text === 'string' && postData.text.length > 0 && !postData.text.trimStart().startsWith('{')) {
    return new URLSearchParams(postData.text);
  }
  const params = new URLSearchParams();
  if (Array.isArray(postData.params)) {
    for (const param of postData.params as NameValue[]) {
      if (typeof param.name === 'string' && typeof param.value === 'string') params.append(param.name, decodeLoosely(param.value));
    }
  }
  return params;
}

function decodeLoosely(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

function bodyText(response: Record<string, unknown> | undefined): string | undefined {
  const content = record(response?.content);
  if (typeof content?.text !== 'string') return undefined;
  return content.encoding === 'base64' ? Buffer.from(content.text, 'base64').toString('utf8') : content.text;
}

function jsonBody(response: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const text = bodyText(response);
  if (!text?.trimStart().startsWith('{')) return undefined;
  try {
    return record(JSON.parse(text));
  } catch {
    return undefined;
  }
}

// The IdP's "auto-post" page: <input type="hidden" name="SAMLResponse" value="…"/>. When the HAR
// shows this page but no POST to the ACS, the browser never sent it (blocked, closed, SameSite).
function autoPostedSamlResponse(response: Record<string, unknown> | undefined): string | undefined {
  const text = bodyText(response);
  if (!text?.includes('SAMLResponse')) return undefined;
  const input = /<input\b[^>]*\bname=["']SAMLResponse["'][^>]*>/i.exec(text)?.[0];
  const value = input && /\bvalue=["']([^"']+)["']/i.exec(input)?.[1];
  return value
    ?.replace(/&#x2B;|&#43;/gi, '+')
    .replace(/&#x3D;|&#61;/gi, '=')
    .replace(/&#x2F;|&#47;/gi, '/');
}

function registerSecrets(request: Record<string, unknown>, response: Record<string, unknown> | undefined, secrets: SecretScrubber): void {
  for (const holder of [request, response]) {
    for (const header of listOf(holder?.headers)) {
      if (typeof header.name === 'string' && SECRET_HEADERS.test(header.name) && typeof header.value === 'string') {
        secrets.add(header.value);
        // `Bearer <token>` / `Basic <credentials>`: the credential alone is a secret too.
        secrets.add(header.value.split(' ').slice(1).join(' '));
        // Cookie headers hold several name=value pairs; each value is a secret on its own.
        for (const pair of header.value.split(/;\s*/)) secrets.add(pair.split('=').slice(1).join('='));
      }
    }
    for (const cookie of listOf(holder?.cookies)) if (typeof cookie.value === 'string') secrets.add(cookie.value);
  }
  const postData = record(request.postData);
  for (const [name, value] of [...formParams(postData), ...urlParams(request.url)]) {
    if (SECRET_PARAMS.test(name)) secrets.add(value);
  }
  const body = jsonBody(response);
  for (const name of ['access_token', 'refresh_token', 'client_secret']) {
    const value = body?.[name];
    if (typeof value === 'string') secrets.add(value);
  }
  if (typeof body?.id_token === 'string') secrets.add(body.id_token.split('.')[2]);
}

function listOf(value: unknown): NameValue[] {
  return Array.isArray(value) ? (value as NameValue[]) : [];
}
