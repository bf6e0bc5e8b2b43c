// The ID token travels on the back channel, from the IdP's token endpoint to the portal (OIDC
// Core §3.1.3.3): it never crosses the browser, so no page listener can see it. The mock IdP
// server runs inside the Playwright worker (suites/target), so the evidence fixture reads the
// token endpoint's answers as the IdP sends them, through node:http's diagnostics channel. It only
// observes: every chunk is passed on unchanged. Tokens it sees are secrets of the run (the
// ledger) and the ID token, decoded without its signature, is evidence.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const CHANNEL = 'http.server.request.start';

export interface TokenResponse {
  /** The token endpoint path, e.g. `/okta/dev-1/oauth2/default/v1/token`. */
  readonly path: string;
  readonly status: number;
  readonly idToken?: string;
  readonly accessToken?: string;
  readonly refreshToken?: string;
}

interface RequestStart {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly server: Server;
}

export interface TokenTap {
  /** Token endpoint answers seen so far (complete ones only). */
  responses(): readonly TokenResponse[];
  stop(): void;
}

function parseTokenBody(path: string, status: number, body: string): TokenResponse {
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    const text = (key: string): string | undefined => (typeof json[key] === 'string' ? json[key] : undefined);
    const idToken = text('id_token');
    const accessToken = text('access_token');
    const refreshToken = text('refresh_token');
    return {
      path,
      status,
      ...(idToken ? { idToken } : {}),
      ...(accessToken ? { accessToken } : {}),
      ...(refreshToken ? { refreshToken } : {}),
    };
  } catch {
    return { path, status };
  }
}

export type CredentialKind = 'client-secret' | 'token' | 'session-cookie';

export interface TapOptions {
  /** Only the server listening on this port (default: every HTTP server in this process). */
  readonly port?: number;
  /** Credentials crossing these servers: Basic / Bearer authorization, cookies sent and set. */
  readonly onCredential?: (kind: CredentialKind, value: string) => void;
}

// oidc-provider's interaction cookies hold the interaction id, which is also in the login page's
// URL: not a credential, and listing it would flag every report that shows that URL.
const NOT_A_CREDENTIAL = /(^|_)(interaction|resume)(\.sig)?$/i;

// A session id is a random token. Other cookies carry readable data that reports legitimately
// show (Google's account chooser keeps the signed-in emails): listing those would flag every page.
const TOKEN_SHAPE = /^[A-Za-z0-9+/=_.~-]{16,}$/;

export function isCredentialCookie(name: string, value: string): boolean {
  return !NOT_A_CREDENTIAL.test(name) && TOKEN_SHAPE.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value);
}

function cookieValues(header: string | readonly string[] | number | undefined, setCookie: boolean): string[] {
  const lines = typeof header === 'string' ? [header] : Array.isArray(header) ? (header as readonly string[]) : [];
  const pairs = lines.flatMap((line) => (setCookie ? [line.split(';')[0] ?? ''] : line.split(';')));
  return pairs.flatMap((pair) => {
    const index = pair.indexOf('=');
    const name = pair.slice(0, index).trim();
    const value = pair.slice(index + 1).trim();
    if (index <= 0) return [];
    let decoded = value;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      // Not percent-encoded after all: keep it as sent.
    }
    return isCredentialCookie(name, decoded) ? [decoded] : [];
  });
}

function reportCredentials(request: IncomingMessage, onCredential: NonNullable<TapOptions['onCredential']>): void {
  const authorization = request.headers.authorization ?? '';
  const [scheme = '', value = ''] = authorization.split(/\s+/, 2);
  if (/^basic$/i.test(scheme)) {
    // RFC 6749 §2.3.1: client id and secret, each form-encoded, joined by a colon.
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const secret = decoded.slice(decoded.indexOf(':') + 1);
    try {
      onCredential('client-secret', decodeURIComponent(secret.replace(/\+/g, ' ')));
    } catch {
      onCredential('client-secret', secret);
    }
  } else if (/^bearer$/i.test(scheme)) {
    onCredential('token', value);
  }
  for (const cookie of cookieValues(request.headers.cookie, false)) onCredential('session-cookie', cookie);
}

/**
 * Watch the HTTP servers in this process (the mock IdPs, and the embedded portal with its
 * native-app token endpoint): the answers of their token endpoints (POST …/token), and the
 * credentials that cross them, for the ledger.
 */
export function tapTokenResponses(options: TapOptions = {}): TokenTap {
  const { port, onCredential } = options;
  const seen: TokenResponse[] = [];
  const onRequest = (message: unknown): void => {
    const { request, response, server } = message as RequestStart;
    const address: AddressInfo | string | null = server.address();
    if (port !== undefined && (typeof address !== 'object' || address?.port !== port)) return;
    if (onCredential) {
      reportCredentials(request, onCredential);
      response.once('finish', () => {
        for (const cookie of cookieValues(response.getHeader('set-cookie'), true)) onCredential('session-cookie', cookie);
      });
    }
    if (request.method !== 'POST') return;
    const path = (request.url ?? '').split('?')[0] ?? '';
    if (!/\/token$/.test(path)) return;
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown, encoding?: unknown): void => {
      if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    response.write = ((...args: unknown[]) => {
      keep(args[0], args[1]);
      return write(...args);
    }) as ServerResponse['write'];
    response.end = ((...args: unknown[]) => {
      if (typeof args[0] !== 'function') keep(args[0], args[1]);
      return end(...args);
    }) as ServerResponse['end'];
    response.once('finish', () => seen.push(parseTokenBody(path, response.statusCode, Buffer.concat(chunks).toString('utf8'))));
  };
  subscribe(CHANNEL, onRequest);
  return {
    responses: () => [...seen],
    stop: () => {
      unsubscribe(CHANNEL, onRequest);
    },
  };
}
