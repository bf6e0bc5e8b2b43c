// Support console: Ooma support staff log in separately from customers, find an account, open it
// with a ticket reference and a reason (a time-limited grant recorded in the customer's audit
// log), read its SSO configuration and seat audit, and turn SSO off — the way out of an SSO
// lockout, which keeps the whole configuration.
import { Router, type Request, type Response } from 'express';
import { verifyAgainstDummy, verifyPassword } from '../auth/passwords.ts';
import { endSession, requestState, startSession, type SupportLogin } from '../auth/requestState.ts';
import type { PortalContext } from '../context.ts';
import { defectOn } from '../defects.ts';
import type { Account } from '../db/accounts.ts';
import type { SupportGrant } from '../db/support.ts';
import { pathFor } from '../skin/types.ts';
import { spEndpointsFor } from '../sso/spEndpoints.ts';
import { currentConfigWarnings, secretShownBack } from '../web/accountRoutes.ts';
import { field, readForm } from '../web/form.ts';
import type { SafeHtml } from '../web/html.ts';
import { verifyCsrf } from '../web/guards.ts';
import { csrfInput, noticeFor, sendErrorPage, sendPage, supportNav } from '../web/layout.ts';
import { seatAuditFor } from '../web/seatAudit.ts';

const TICKET = /^[A-Za-z0-9][A-Za-z0-9._#/-]{1,63}$/;
const MIN_REASON = 10;

function page(ctx: PortalContext, req: Request, res: Response, title: string, body: SafeHtml, status = 200): void {
  sendPage(ctx, res, { status, title, product: ctx.skin.text.supportProduct, nav: supportNav(ctx, req), body });
}

export function supportRoutes(ctx: PortalContext): Router {
  const router = Router();
  const csrf = verifyCsrf(ctx, 'support');
  const accountActionCsrf = verifyCsrf(ctx, 'support', 'csrf-skip-support-console');
  const now = (): number => ctx.now().getTime();
  const { paths: P, query: Q, fields: F, text: T, views: V, actors: A } = ctx.skin;
  const accountPath = (account: Account): string => pathFor(P.supportAccount, { accountId: account.id });

  const requireSupport = (req: Request, res: Response): SupportLogin | undefined => {
    const login = requestState(req).supportLogin;
    if (!login) res.redirect(303, P.support);
    return login;
  };

  const accountOf = (req: Request, res: Response): Account | undefined => {
    const raw = req.params['accountId'];
    const account = typeof raw === 'string' && /^\d{1,12}$/.test(raw) ? ctx.store.accounts.get(Number(raw)) : undefined;
    if (!account) sendErrorPage(ctx, res, 404, T.supportUnknownAccountTitle, T.supportUnknownAccountMessage, supportNav(ctx, req));
    return account;
  };

  const grantOf = (login: SupportLogin, account: Account): SupportGrant | undefined =>
    ctx.store.support.activeGrant(login.staff.id, account.id, now()) ??
    (defectOn(ctx.defects, 'support-grant-any-account') ? ctx.store.support.anyActiveGrant(login.staff.id, now()) : undefined);
  /** The grant the SSO-off action asks for: this account's, or (defect switch) one of any account. */
  const actionGrantOf = (login: SupportLogin, account: Account): SupportGrant | undefined =>
    grantOf(login, account) ??
    (defectOn(ctx.defects, 'support-action-grant-any-account') ? ctx.store.support.anyActiveGrant(login.staff.id, now()) : undefined);

  router.get(P.support, (req, res) => {
    const login = requestState(req).supportLogin;
    if (!login) {
      page(ctx, req, res, T.titles.supportLogin, V.supportLogin({ csrf: csrfInput(ctx, req, 'support'), email: '' }));
      return;
    }
    const raw = req.query[Q.search];
    const query = typeof raw === 'string' ? raw : '';
    const rows = ctx.store.accounts.search(query).map((account) => ({
      account,
      ssoEnabled: ctx.store.ssoConfigs.isEnabled(account.id),
      seats: ctx.store.seats.listByAccount(account.id).length,
    }));
    page(ctx, req, res, T.titles.supportConsole, V.supportSearch({ query, rows }));
  });

  router.post(P.supportLogin, csrf, async (req, res) => {
    const form = await readForm(req);
    const email = field(form, F.supportEmail).trim();
    const password = field(form, F.supportPassword);
    const staff = ctx.store.support.findStaffByEmail(email);
    const ok = staff ? await verifyPassword(password, staff.passwordHash) : await verifyAgainstDummy(password);
    if (!staff || !ok) {
      page(
        ctx,
        req,
        res,
        T.titles.supportLogin,
        V.supportLogin({ csrf: csrfInput(ctx, req, 'support'), email, error: T.supportWrongLogin }),
        401,
      );
      return;
    }
    startSession(ctx, req, res, 'support', staff.id, 'password');
    res.redirect(303, P.support);
  });

  router.post(P.supportLogout, csrf, (req, res) => {
    endSession(ctx, req, res, 'support');
    res.redirect(303, P.support);
  });

  router.get(P.supportAccount, (req, res) => {
    const login = requireSupport(req, res);
    const account = login && accountOf(req, res);
    if (!login || !account) return;
    const grant = grantOf(login, account);
    if (!grant) {
      page(
        ctx,
        req,
        res,
        T.titles.supportAccess,
        V.supportAccess({ csrf: csrfInput(ctx, req, 'support'), account, values: { ticket: '', reason: '' } }),
      );
      return;
    }
    const notice = noticeFor(ctx, req, ['supportSsoDisabled']);
    page(
      ctx,
      req,
      res,
      T.titles.supportAccount(account),
      V.supportAccount({
        csrf: csrfInput(ctx, req, 'support'),
        account,
        grant,
        status: ctx.store.ssoConfigs.status(account.id),
        sp: spEndpointsFor(ctx.baseUrl(), account.id, P.sp),
        seats: ctx.store.seats.listByAccount(account.id),
        findings: seatAuditFor(ctx.store, account),
        configWarnings: currentConfigWarnings(ctx, account),
        events: ctx.store.audit.listByAccount(account.id),
        ...(notice ? { notice } : {}),
        ...secretShownBack(ctx, ctx.store.ssoConfigs.current(account.id)?.settings, 'support'),
      }),
    );
  });

  router.post(P.supportAccess, accountActionCsrf, async (req, res) => {
    const login = requireSupport(req, res);
    const account = login && accountOf(req, res);
    if (!login || !account) return;
    const form = await readForm(req);
    const ticket = field(form, F.ticket).trim();
    const reason = field(form, F.reason).trim();
    const problem = !TICKET.test(ticket)
      ? T.supportTicketInvalid
      : reason.length < MIN_REASON || reason.length > 500
        ? T.supportReasonInvalid(MIN_REASON)
        : undefined;
    if (problem) {
      page(
        ctx,
        req,
        res,
        T.titles.supportAccess,
        V.supportAccess({ csrf: csrfInput(ctx, req, 'support'), account, values: { ticket, reason }, error: problem }),
        422,
      );
      return;
    }
    const grantedAt = now();
    const grant = ctx.store.support.grant({
      staffId: login.staff.id,
      accountId: account.id,
      ticket,
      reason,
      grantedAt,
      expiresAt: grantedAt + ctx.timings.supportGrantMs,
    });
    ctx.store.audit.record(
      {
        accountId: account.id,
        actor: A.support(login.staff, grant),
        action: 'support.access.granted',
        detail: T.auditSupportAccess(ticket, reason, grant.expiresAt),
      },
      grantedAt,
    );
    res.redirect(303, accountPath(account));
  });

  router.post(P.supportSsoDisable, accountActionCsrf, (req, res) => {
    const login = requireSupport(req, res);
    const account = login && accountOf(req, res);
    if (!login || !account) return;
    const grant = actionGrantOf(login, account);
    if (!grant) {
      sendErrorPage(ctx, res, 403, T.supportAccessExpiredTitle, T.supportAccessExpiredMessage, supportNav(ctx, req));
      return;
    }
    const wasEnabled = ctx.store.ssoConfigs.isEnabled(account.id);
    ctx.store.ssoConfigs.setEnabled(account.id, false);
    ctx.store.audit.record(
      {
        accountId: account.id,
        actor: A.support(login.staff, grant),
        action: 'support.sso.disabled',
        detail: T.auditSupportSsoDisabled(wasEnabled),
      },
      now(),
    );
    res.redirect(303, `${accountPath(account)}?${Q.notice}=${ctx.skin.noticeKeys.supportSsoDisabled}`);
  });

  return router;
}
