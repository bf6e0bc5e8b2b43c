// Route guards: who may see a page, and the CSRF check every form post goes through.
import type { NextFunction, Request, Response } from 'express';
import type { PortalContext } from '../context.ts';
import { defectOn } from '../defects.ts';
import { isValidCsrfToken } from '../auth/csrf.ts';
import { csrfBinding, requestState, type CsrfScope, type SeatLogin } from '../auth/requestState.ts';
import { field, readForm } from './form.ts';
import { seatNav, sendErrorPage } from './layout.ts';

/** The seat login of a request that passed `requireSeat` / `requireAdmin`. */
export function seatLoginOf(req: Request): SeatLogin {
  const login = requestState(req).seatLogin;
  if (!login) throw new Error('seatLoginOf() used on a route without requireSeat()');
  return login;
}

function loginRedirect(ctx: PortalContext, req: Request): string {
  return `${ctx.skin.paths.login}?${new URLSearchParams({ [ctx.skin.query.returnTo]: req.originalUrl }).toString()}`;
}

export function requireSeat(ctx: PortalContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (requestState(req).seatLogin) next();
    else res.redirect(303, loginRedirect(ctx, req));
  };
}

export function requireAdmin(ctx: PortalContext) {
  const anySeat = defectOn(ctx.defects, 'admin-role-unchecked');
  return (req: Request, res: Response, next: NextFunction): void => {
    const login = requestState(req).seatLogin;
    if (!login) res.redirect(303, loginRedirect(ctx, req));
    else if (login.seat.role !== 'admin' && !anySeat)
      sendErrorPage(ctx, res, 403, ctx.skin.text.adminsOnlyTitle, ctx.skin.text.adminsOnlyMessage, seatNav(ctx, req));
    else next();
  };
}

/**
 * The anti-forgery check of one route's form posts. `skippedBy` names the defect switch under which
 * this route goes without it (a route added without the guard: portal/defects.ts).
 */
export function verifyCsrf(ctx: PortalContext, scope: CsrfScope, skippedBy?: 'csrf-skip-settings-save' | 'csrf-skip-support-console') {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (skippedBy !== undefined && defectOn(ctx.defects, skippedBy)) {
      next();
      return;
    }
    const form = await readForm(req);
    const name = ctx.skin.fields.csrf;
    if (isValidCsrfToken(ctx.csrfKey, csrfBinding(req, scope), field(form, name)) || defectiveCsrfPass(ctx, form, name)) {
      next();
      return;
    }
    sendErrorPage(ctx, res, 403, ctx.skin.text.formRefusedTitle, ctx.skin.text.formRefusedMessage);
  };
}

/** What the reference portal's anti-forgery defect switches let through (portal/defects.ts). */
function defectiveCsrfPass(ctx: PortalContext, form: FormData, name: string): boolean {
  if (defectOn(ctx.defects, 'csrf-skip')) return true;
  if (defectOn(ctx.defects, 'csrf-when-present') && !form.has(name)) return true;
  return defectOn(ctx.defects, 'csrf-token-format-only') && /^[\w-]{43}$/.test(field(form, name));
}
