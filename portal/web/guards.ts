// Route guards: who may see a page, and the CSRF check every form post goes through.
import type { NextFunction, Request, Response } from 'express';
import type { PortalContext } from '../context.ts';
import { CSRF_FIELD, isValidCsrfToken } from '../auth/csrf.ts';
import { csrfBinding, requestState, type CsrfScope, type SeatLogin } from '../auth/requestState.ts';
import { field, readForm } from './form.ts';
import { seatNav, sendErrorPage } from './layout.ts';

/** The seat login of a request that passed `requireSeat` / `requireAdmin`. */
export function seatLoginOf(req: Request): SeatLogin {
  const login = requestState(req).seatLogin;
  if (!login) throw new Error('seatLoginOf() used on a route without requireSeat()');
  return login;
}

function loginRedirect(req: Request): string {
  return `/login?${new URLSearchParams({ return_to: req.originalUrl }).toString()}`;
}

export function requireSeat(req: Request, res: Response, next: NextFunction): void {
  if (requestState(req).seatLogin) next();
  else res.redirect(303, loginRedirect(req));
}

export function requireAdmin(ctx: PortalContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const login = requestState(req).seatLogin;
    if (!login) res.redirect(303, loginRedirect(req));
    else if (login.seat.role !== 'admin') sendErrorPage(res, 403, 'Admins only', 'This page is for the account\'s admins. Your seat has the user role; ask an admin of your account if you need a change.', seatNav(ctx, req));
    else next();
  };
}

export function verifyCsrf(ctx: PortalContext, scope: CsrfScope) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const form = await readForm(req);
    if (isValidCsrfToken(ctx.csrfKey, csrfBinding(req, scope), field(form, CSRF_FIELD))) {
      next();
      return;
    }
    sendErrorPage(res, 403, 'Form refused',
      'This form was not accepted: its security token is missing or does not belong to your current session (the page was open across a login or logout, or the form came from another site). Reload the page and submit it again.');
  };
}
