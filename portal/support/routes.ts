// Support console (/support): Ooma support staff log in separately from customers, find an
// account, open it with a ticket reference and a reason (a time-limited grant recorded in the
// customer's audit log), read its SSO configuration and seat audit, and turn SSO off — the way
// out of an SSO lockout, which keeps the whole configuration.
import { Router, type Request, type Response } from 'express';
import { verifyAgainstDummy, verifyPassword } from '../auth/passwords.ts';
import { endSession, requestState, startSession, type SupportLogin } from '../auth/requestState.ts';
import type { PortalContext } from '../context.ts';
import type { Account } from '../db/accounts.ts';
import type { SupportGrant } from '../db/support.ts';
import { spEndpointsFor } from '../sso/spEndpoints.ts';
import { supportActor } from '../web/actors.ts';
import { field, readForm } from '../web/form.ts';
import { verifyCsrf } from '../web/guards.ts';
import { csrfInput, sendErrorPage, sendPage, supportNav } from '../web/layout.ts';
import { seatAuditFor } from '../web/seatAudit.ts';
import { SUPPORT_PRODUCT, supportAccessBody, supportAccountBody, supportLoginBody, supportSearchBody } from './views.ts';

const TICKET = /^[A-Za-z0-9][A-Za-z0-9._#/-]{1,63}$/;
const MIN_REASON = 10;

function page(ctx: PortalContext, req: Request, res: Response, title: string, body: ReturnType<typeof supportLoginBody>, status = 200): void {
  sendPage(res, { status, title, product: SUPPORT_PRODUCT, nav: supportNav(ctx, req), body });
}

export function supportRoutes(ctx: PortalContext): Router {
  const router = Router();
  const csrf = verifyCsrf(ctx, 'support');
  const now = (): number => ctx.now().getTime();

  const requireSupport = (req: Request, res: Response): SupportLogin | undefined => {
    const login = requestState(req).supportLogin;
    if (!login) res.redirect(303, '/support');
    return login;
  };

  const accountOf = (req: Request, res: Response): Account | undefined => {
    const raw = req.params['accountId'];
    const account = typeof raw === 'string' && /^\d{1,12}$/.test(raw) ? ctx.store.accounts.get(Number(raw)) : undefined;
    if (!account) sendErrorPage(res, 404, 'Unknown account', 'No account has this ID. Search for it again.', supportNav(ctx, req));
    return account;
  };

  const grantOf = (login: SupportLogin, account: Account): SupportGrant | undefined =>
    ctx.store.support.activeGrant(login.staff.id, account.id, now());

  router.get('/support', (req, res) => {
    const login = requestState(req).supportLogin;
    if (!login) {
      page(ctx, req, res, 'Support login', supportLoginBody(csrfInput(ctx, req, 'support'), ''));
      return;
    }
    const query = typeof req.query['q'] === 'string' ? req.query['q'] : '';
    const rows = ctx.store.accounts.search(query).map((account) => ({
      account, ssoEnabled: ctx.store.ssoConfigs.isEnabled(account.id), seats: ctx.store.seats.listByAccount(account.id).length,
    }));
    page(ctx, req, res, 'Support console', supportSearchBody(query, rows));
  });

  router.post('/support/login', csrf, async (req, res) => {
    const form = await readForm(req);
    const email = field(form, 'email').trim();
    const password = field(form, 'password');
    const staff = ctx.store.support.findStaffByEmail(email);
    const ok = staff ? await verifyPassword(password, staff.passwordHash) : await verifyAgainstDummy(password);
    if (!staff || !ok) {
      page(ctx, req, res, 'Support login', supportLoginBody(csrfInput(ctx, req, 'support'), email, 'The support email or password is wrong.'), 401);
      return;
    }
    startSession(ctx, req, res, 'support', staff.id, 'password');
    res.redirect(303, '/support');
  });

  router.post('/support/logout', csrf, (req, res) => {
    endSession(ctx, req, res, 'support');
    res.redirect(303, '/support');
  });

  router.get('/support/accounts/:accountId', (req, res) => {
    const login = requireSupport(req, res);
    const account = login && accountOf(req, res);
    if (!login || !account) return;
    const grant = grantOf(login, account);
    if (!grant) {
      page(ctx, req, res, 'Access account', supportAccessBody(csrfInput(ctx, req, 'support'), account, { ticket: '', reason: '' }));
      return;
    }
    const notice = req.query['notice'] === 'sso-disabled' ? 'SSO is turned off. The customer\'s seats can log in with their passwords; the configuration is kept.' : undefined;
    page(ctx, req, res, `Account ${account.name}`, supportAccountBody({
      csrf: csrfInput(ctx, req, 'support'), account, grant,
      status: ctx.store.ssoConfigs.status(account.id), sp: spEndpointsFor(ctx.baseUrl(), account.id),
      seats: ctx.store.seats.listByAccount(account.id), findings: seatAuditFor(ctx.store, account),
      events: ctx.store.audit.listByAccount(account.id), ...(notice ? { notice } : {}),
    }));
  });

  router.post('/support/accounts/:accountId/access', csrf, async (req, res) => {
    const login = requireSupport(req, res);
    const account = login && accountOf(req, res);
    if (!login || !account) return;
    const form = await readForm(req);
    const ticket = field(form, 'ticket').trim();
    const reason = field(form, 'reason').trim();
    const problem = !TICKET.test(ticket)
      ? 'Enter the ticket reference (2 to 64 letters, digits and . _ # / -, e.g. OE-12345): access without a ticket is not allowed.'
      : reason.length < MIN_REASON || reason.length > 500 ? `Explain why you need access in ${MIN_REASON} to 500 characters: the customer's admins read it in their audit log.` : undefined;
    if (problem) {
      page(ctx, req, res, 'Access account', supportAccessBody(csrfInput(ctx, req, 'support'), account, { ticket, reason }, problem), 422);
      return;
    }
    const grantedAt = now();
    const grant = ctx.store.support.grant({ staffId: login.staff.id, accountId: account.id, ticket, reason, grantedAt, expiresAt: grantedAt + ctx.timings.supportGrantMs });
    ctx.store.audit.record({
      accountId: account.id, actor: supportActor(login.staff, grant), action: 'support.access.granted',
      detail: `Ticket ${ticket}: ${reason} (access until ${new Date(grant.expiresAt).toISOString()})`,
    }, grantedAt);
    res.redirect(303, `/support/accounts/${account.id}`);
  });

  router.post('/support/accounts/:accountId/sso/disable', csrf, (req, res) => {
    const login = requireSupport(req, res);
    const account = login && accountOf(req, res);
    if (!login || !account) return;
    const grant = grantOf(login, account);
    if (!grant) {
      sendErrorPage(res, 403, 'Access expired', 'Your access to this account has expired (or was never granted). Open the account again with the ticket reference.', supportNav(ctx, req));
      return;
    }
    const wasEnabled = ctx.store.ssoConfigs.isEnabled(account.id);
    ctx.store.ssoConfigs.setEnabled(account.id, false);
    ctx.store.audit.record({
      accountId: account.id, actor: supportActor(login.staff, grant), action: 'support.sso.disabled',
      detail: wasEnabled ? 'SSO turned off by Ooma support; the configuration is kept. Seats can log in with their passwords.' : 'SSO was already off.',
    }, now());
    res.redirect(303, `/support/accounts/${account.id}?notice=sso-disabled`);
  });

  return router;
}
