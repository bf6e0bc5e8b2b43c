// Page shell shared by every portal page: landmarks (banner, navigation, main), one h1 per page,
// and the navigation of whoever is logged in.
import type { Request, Response } from 'express';
import type { PortalContext } from '../context.ts';
import { CSRF_FIELD } from '../auth/csrf.ts';
import { csrfFor, requestState, type CsrfScope } from '../auth/requestState.ts';
import { html, type SafeHtml } from './html.ts';

export function csrfInput(ctx: PortalContext, req: Request, scope: CsrfScope): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${csrfFor(ctx, req, scope)}">`;
}

export function seatNav(ctx: PortalContext, req: Request): SafeHtml {
  const login = requestState(req).seatLogin;
  if (!login) return html``;
  const admin = login.seat.role === 'admin';
  return html`<nav aria-label="Portal"><ul>
    <li><a href="/home">Home</a></li>
    ${admin && html`<li><a href="/account">Account parameters</a></li><li><a href="/account/seats">Seats</a></li><li><a href="/account/audit-log">Audit log</a></li>`}
    <li><form method="post" novalidate action="/logout">${csrfInput(ctx, req, 'seat')}<button type="submit" class="link">Log out</button></form></li>
  </ul></nav>`;
}

export function supportNav(ctx: PortalContext, req: Request): SafeHtml {
  const login = requestState(req).supportLogin;
  if (!login) return html``;
  return html`<nav aria-label="Support"><ul>
    <li><a href="/support">Search accounts</a></li>
    <li>Signed in as ${login.staff.name} (Ooma support)</li>
    <li><form method="post" novalidate action="/support/logout">${csrfInput(ctx, req, 'support')}<button type="submit" class="link">Log out of support</button></form></li>
  </ul></nav>`;
}

export interface Page {
  readonly title: string;
  readonly body: SafeHtml;
  readonly nav?: SafeHtml;
  readonly status?: number;
  /** The portal product shown in the banner. */
  readonly product?: string;
}

export function renderDocument(page: Page): string {
  return `<!doctype html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} — Ooma Enterprise</title>
<link rel="stylesheet" href="/assets/portal.css">
</head>
<body>
<header class="top"><span>${page.product ?? 'Ooma Enterprise admin portal'}</span>${page.nav}</header>
<main>
${page.body}
</main>
</body>
</html>`.value}`;
}

export function sendPage(res: Response, page: Page): void {
  res.status(page.status ?? 200).type('html').send(renderDocument(page));
}

/** A plain error page: what happened, why, what to do (never a stack trace). */
export function sendErrorPage(res: Response, status: number, title: string, message: string, nav?: SafeHtml): void {
  sendPage(res, { status, title, ...(nav ? { nav } : {}), body: html`<h1>${title}</h1><p role="alert" class="error">${message}</p><p><a href="/">Back to the portal</a></p>` });
}
