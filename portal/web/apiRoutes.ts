// Read-only JSON for an account: seat email audit and audit log. Readers: an admin of the
// account (session), Ooma support with a live access grant to it, or the harness (bearer token).
import { Router, type Request, type Response } from 'express';
import { requestState } from '../auth/requestState.ts';
import type { PortalContext } from '../context.ts';
import type { Account } from '../db/accounts.ts';
import { isHarnessRequest } from '../harness/harnessAuth.ts';
import { seatActor } from './actors.ts';
import { auditEventJson, auditTable } from './auditLogView.ts';
import { html } from './html.ts';
import { requireAdmin, seatLoginOf } from './guards.ts';
import { seatNav, sendPage } from './layout.ts';
import { seatAuditJson } from './seatAudit.ts';

function readableAccount(ctx: PortalContext, req: Request, res: Response): Account | undefined {
  const raw = req.params['accountId'];
  const account = typeof raw === 'string' && /^\d{1,12}$/.test(raw) ? ctx.store.accounts.get(Number(raw)) : undefined;
  const state = requestState(req);
  const allowed = account !== undefined && (
    isHarnessRequest(ctx, req)
    || (state.seatLogin?.account.id === account.id && state.seatLogin.seat.role === 'admin')
    || (state.supportLogin !== undefined && ctx.store.support.activeGrant(state.supportLogin.staff.id, account.id, ctx.now().getTime()) !== undefined));
  if (allowed) return account;
  const loggedIn = state.seatLogin ?? state.supportLogin;
  res.status(loggedIn ? 403 : 401).json({
    error: loggedIn ? 'forbidden' : 'unauthorized',
    message: loggedIn
      ? 'This account\'s data is readable by its admins and by Ooma support with an access grant: you are neither (or the account does not exist).'
      : 'Log in as an admin of the account (or as Ooma support with an access grant) to read this.',
  });
  return undefined;
}

export function apiRoutes(ctx: PortalContext): Router {
  const router = Router();

  router.get('/api/accounts/:accountId/seat-audit', (req, res) => {
    const account = readableAccount(ctx, req, res);
    if (account) res.json(seatAuditJson(ctx.store, account));
  });

  router.get('/api/accounts/:accountId/audit-log', (req, res) => {
    const account = readableAccount(ctx, req, res);
    if (account) res.json({ accountId: account.id, events: ctx.store.audit.listByAccount(account.id).map(auditEventJson) });
  });

  router.get('/account/audit-log', requireAdmin(ctx), (req, res) => {
    const { account, seat } = seatLoginOf(req);
    sendPage(res, {
      title: 'Audit log', nav: seatNav(ctx, req),
      body: html`<h1>Audit log</h1>
<p>Everything that happened to account "${account.name}": logins and refusals, configuration changes, and every action of Ooma support (with who did it and the ticket). Newest first. Viewing as ${seatActor(seat).label}.</p>
<p><a href="/api/accounts/${account.id}/audit-log">Audit log as JSON</a></p>
${auditTable(ctx.store.audit.listByAccount(account.id))}`,
    });
  });

  return router;
}
