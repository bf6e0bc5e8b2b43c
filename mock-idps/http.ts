// Small HTTP helpers shared by the SAML engine and the control API: bounded body reading,
// form and cookie parsing, HTML escaping. Bad input becomes a typed error, never a crash.
import type { IncomingMessage, ServerResponse } from 'node:http';

export class BodyError extends Error {
  readonly status: 400 | 413 | 415;
  constructor(status: BodyError['status'], message: string) {
    super(message);
    this.status = status;
  }
}

export const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyError(413, `The request body is larger than ${limit} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readForm(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<URLSearchParams> {
  const type = req.headers['content-type'] ?? '';
  const body = await readBody(req, limit);
  if (body && !type.startsWith('application/x-www-form-urlencoded')) {
    throw new BodyError(415, `Expected an HTML form post (application/x-www-form-urlencoded), got "${type || 'no content type'}".`);
  }
  return new URLSearchParams(body);
}

export function parseCookies(req: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) cookies.set(part.slice(0, index).trim(), decodeURIComponent(part.slice(index + 1).trim()));
  }
  return cookies;
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string | string[]> = {}): void {
  res
    .writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // The auto-POST form needs its one inline script; nothing else runs. No form-action: Chromium
      // applies it to the redirects after a form post, so the ACS's redirect on to a native app's
      // private-use scheme (com.ooma.enterprise:/…) would be blocked (form-action does not fall back to default-src).
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
      ...headers,
    })
    .end(html);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .end(status === 204 ? undefined : `${JSON.stringify(body, null, 2)}\n`);
}
