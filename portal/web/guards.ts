// Route guards: who may see a page, and the CSRF check every form post goes through.
import type { NextFunction, Request, Response } from 'express';
import type { PortalContext } from '../context.ts';
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
  return (req: Request, res: Response, next: NextFunction): void => {
    const login = requestState(req).seatLogin;
    if (!login) res.redirect(303, loginRedirect(ctx, req));
    else if (login.seat.role !== 'admin') sendErrorPage(ctx, res, 403, ctx.skin.text.adminsOnlyTitle, ctx.skin.text.adminsOnlyMessage, seatNav(ctx, req));
    else next();
  };
}

export function verifyCsrf(ctx: PortalContext, scope: CsrfScope) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const form = await readForm(req);
    if (isValidCsrfToken(ctx.csrfKey, csrfBinding(req, scope), field(form, ctx.skin.fields.csrf))) {
      next();
      return;
    }
    sendErrorPage(ctx, res, 403, ctx.skin.text.formRefusedTitle, ctx.skin.text.formRefusedMessage);
  };
}
