// The portal's cookies. All HttpOnly and SameSite=Lax: Lax still sends them on the top-level
// POST an IdP makes to the ACS when the IdP is same-site (every harness IdP runs on 127.0.0.1),
// and blocks them on cross-site sub-requests. Over HTTPS they would need SameSite=None; Secure
// for a cross-site IdP (the "SameSite cookie dropped on the ACS POST" support case). Their names
// are the skin's (`cookies`).
import type { CookieOptions, Request, Response } from 'express';

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    const raw = part
      .slice(index + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(raw));
    } catch {
      // A cookie that is not valid percent-encoding is not ours: ignore it.
    }
  }
  return cookies;
}

export function readCookie(req: Request, name: string): string | undefined {
  return parseCookies(req.headers.cookie).get(name);
}

export function cookieOptions(maxAgeMs?: number): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', ...(maxAgeMs === undefined ? {} : { maxAge: maxAgeMs }) };
}

export function setCookie(res: Response, name: string, value: string, maxAgeMs?: number): void {
  res.cookie(name, value, cookieOptions(maxAgeMs));
}

/** A cookie without HttpOnly and SameSite: only the reference portal's defect switches set one (portal/defects.ts). */
export function setBareCookie(res: Response, name: string, value: string): void {
  res.cookie(name, value, { path: '/' });
}

export function clearCookie(res: Response, name: string): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'lax', path: '/' });
}
