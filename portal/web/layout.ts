// The page helpers every route uses: the CSRF field, the navigation of whoever is logged in, and
// sending a page or an error page — each rendered by the portal's skin (ctx.skin.views).
import type { Request, Response } from 'express';
import type { PortalContext } from '../context.ts';
import { csrfFor, requestState, type CsrfScope } from '../auth/requestState.ts';
import type { NoticeKey, PageShell } from '../skin/types.ts';
import { html, type SafeHtml } from './html.ts';

export function csrfInput(ctx: PortalContext, req: Request, scope: CsrfScope): SafeHtml {
  return ctx.skin.views.csrfField(csrfFor(ctx, req, scope));
}

export function seatNav(ctx: PortalContext, req: Request): SafeHtml {
  const login = requestState(req).seatLogin;
  if (!login) return html``;
  return ctx.skin.views.seatNav({ csrf: csrfInput(ctx, req, 'seat'), admin: login.seat.role === 'admin' });
}

export function supportNav(ctx: PortalContext, req: Request): SafeHtml {
  const login = requestState(req).supportLogin;
  if (!login) return html``;
  return ctx.skin.views.supportNav({ csrf: csrfInput(ctx, req, 'support'), staff: login.staff });
}

export interface Page extends PageShell {
  readonly status?: number;
}

export function sendPage(ctx: PortalContext, res: Response, page: Page): void {
  res
    .status(page.status ?? 200)
    .type('html')
    .send(ctx.skin.views.document(page));
}

/** A plain error page: what happened, why, what to do (never a stack trace). */
export function sendErrorPage(ctx: PortalContext, res: Response, status: number, title: string, message: string, nav?: SafeHtml): void {
  sendPage(ctx, res, { status, title, ...(nav ? { nav } : {}), body: ctx.skin.views.errorBody({ title, message }) });
}

/** The notice a `?notice=` key names (one of `keys`), in the skin's words. */
export function noticeFor(ctx: PortalContext, req: Request, keys: readonly NoticeKey[]): string | undefined {
  const value = req.query[ctx.skin.query.notice];
  const key = keys.find((candidate) => ctx.skin.noticeKeys[candidate] === value);
  return key ? ctx.skin.text.notices[key] : undefined;
}
