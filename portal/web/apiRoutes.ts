// Read-only JSON for an account: seat email audit and audit log. Readers: an admin of the
// account (session), Ooma support with a live access grant to it, or the harness (bearer token).
// And the audit log page.
import { Router, type Request, type Response } from 'express';
import { requestState } from '../auth/requestState.ts';
import type { PortalContext } from '../context.ts';
import type { Account } from '../db/accounts.ts';
import { defectOn } from '../defects.ts';
import { isHarnessRequest } from '../harness/harnessAuth.ts';
import { auditEventJson } from './auditLogView.ts';
import { requireAdmin, seatLoginOf } from './guards.ts';
import { seatNav, sendPage } from './layout.ts';
import { seatAuditJson } from './seatAudit.ts';

function readableAccount(ctx: PortalContext, req: Request, res: Response): Account | undefined {
  const raw = req.params['accountId'];
  const account = typeof raw === 'string' && /^\d{1,12}$/.test(raw) ? ctx.store.accounts.get(Number(raw)) : undefined;
  const state = requestState(req);
  const allowed =
    account !== undefined &&
    (isHarnessRequest(ctx, req) ||
      (state.seatLogin?.seat.role === 'admin' &&
        (state.seatLogin.account.id === account.id || defectOn(ctx.defects, 'api-account-unchecked'))) ||
      (state.supportLogin !== undefined &&
        ctx.store.support.activeGrant(state.supportLogin.staff.id, account.id, ctx.now().getTime()) !== undefined));
  if (allowed) return account;
  const loggedIn = state.seatLogin ?? state.supportLogin;
  res.status(loggedIn ? 403 : 401).json({
    error: loggedIn ? 'forbidden' : 'unauthorized',
    message: loggedIn ? ctx.skin.text.apiForbidden : ctx.skin.text.apiUnauthorized,
  });
  return undefined;
}

export function apiRoutes(ctx: PortalContext): Router {
  const router = Router();
  const { paths: P, vocabulary } = ctx.skin;

  router.get(P.apiSeatAudit, (req, res) => {
    const account = readableAccount(ctx, req, res);
    if (account) res.json(seatAuditJson(ctx.store, account, vocabulary));
  });

  router.get(P.apiAuditLog, (req, res) => {
    const account = readableAccount(ctx, req, res);
    if (account)
      res.json({
        accountId: account.id,
        events: ctx.store.audit.listByAccount(account.id).map((event) => auditEventJson(event, vocabulary)),
      });
  });

  router.get(P.auditLog, requireAdmin(ctx), (req, res) => {
    const { account, seat } = seatLoginOf(req);
    sendPage(ctx, res, {
      title: ctx.skin.text.titles.auditLog,
      nav: seatNav(ctx, req),
      body: ctx.skin.views.auditLogPage({ account, viewer: ctx.skin.actors.seat(seat), events: ctx.store.audit.listByAccount(account.id) }),
    });
  });

  return router;
}
