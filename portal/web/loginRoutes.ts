// Login: the email first; a seat of an SSO-enabled account goes to its IdP, others enter their
// password. Password login for an SSO-enabled account is refused (sso-required), admins included:
// that is what makes a broken SSO configuration a lockout, and why support can turn SSO off.
import { Router, type Request, type Response } from 'express';
import { verifyAgainstDummy, verifyPassword } from '../auth/passwords.ts';
import { endSession, requestState, startSession } from '../auth/requestState.ts';
import type { PortalContext } from '../context.ts';
import type { Account, Seat } from '../db/accounts.ts';
import type { LoginHidden } from '../skin/types.ts';
import { spEndpointsFor } from '../sso/spEndpoints.ts';
import { field, readForm } from './form.ts';
import type { SafeHtml } from './html.ts';
import { requireSeat, seatLoginOf, verifyCsrf } from './guards.ts';
import { csrfInput, seatNav, sendPage } from './layout.ts';
import { refuse } from './refusal.ts';
import { safeReturnTo } from './returnTo.ts';

function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' ? value : undefined;
}

function hiddenFrom(ctx: PortalContext, returnTo: string | undefined, account: string | undefined): LoginHidden {
  const safe = safeReturnTo(returnTo, ctx.defects);
  const accountId = account && /^\d{1,12}$/.test(account) ? Number(account) : undefined;
  return { ...(safe ? { returnTo: safe } : {}), ...(accountId !== undefined ? { accountId } : {}) };
}

function loginPage(ctx: PortalContext, req: Request, res: Response, body: SafeHtml, status = 200): void {
  sendPage(ctx, res, { status, title: ctx.skin.text.titles.login, nav: seatNav(ctx, req), body });
}

/** The seat's account, when it uses SSO: the start of its SSO login, carrying the return path. */
export function ssoStartUrl(ctx: PortalContext, account: Account, returnTo: string | undefined): string | undefined {
  if (!ctx.store.ssoConfigs.isEnabled(account.id) || !ctx.store.ssoConfigs.current(account.id)) return undefined;
  const url = new URL(spEndpointsFor(ctx.baseUrl(), account.id, ctx.skin.paths.sp).signOnUrl);
  if (returnTo) url.searchParams.set(ctx.skin.query.returnTo, returnTo);
  return `${url.pathname}${url.search}`;
}

export function loginRoutes(ctx: PortalContext): Router {
  const router = Router();
  const csrf = verifyCsrf(ctx, 'seat');
  const now = (): number => ctx.now().getTime();
  const { paths: P, query: Q, fields: F, text: T, views: V, actors: A } = ctx.skin;

  router.get(P.root, (req, res) => res.redirect(303, requestState(req).seatLogin ? P.home : P.login));

  router.get(P.login, (req, res) => {
    const hidden = hiddenFrom(ctx, queryString(req, Q.returnTo), queryString(req, Q.account));
    const login = requestState(req).seatLogin;
    // Already logged in (e.g. a native app's authorization request): carry on.
    if (login && hidden.returnTo) {
      res.redirect(303, hidden.returnTo);
      return;
    }
    loginPage(ctx, req, res, V.emailStep({ csrf: csrfInput(ctx, req, 'seat'), email: queryString(req, Q.email) ?? '', hidden }));
  });

  router.post(P.login, csrf, async (req, res) => {
    const form = await readForm(req);
    const email = field(form, F.email).trim();
    const hidden = hiddenFrom(ctx, field(form, Q.returnTo), field(form, Q.account));
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
      loginPage(ctx, req, res, V.emailStep({ csrf: csrfInput(ctx, req, 'seat'), email, hidden, error: T.badLoginEmail }), 422);
      return;
    }
    const accounts = ctx.store.accounts
      .withSeatEmail(email)
      .filter((account) => hidden.accountId === undefined || account.id === hidden.accountId);
    if (accounts.length > 1) {
      loginPage(
        ctx,
        req,
        res,
        V.accountChoice({ csrf: csrfInput(ctx, req, 'seat'), email, accounts, ...(hidden.returnTo ? { returnTo: hidden.returnTo } : {}) }),
      );
      return;
    }
    const [account] = accounts;
    const sso = account ? ssoStartUrl(ctx, account, hidden.returnTo) : undefined;
    if (sso) {
      res.redirect(303, sso);
      return;
    }
    // Unknown emails get the password step too: the page does not tell who has a seat.
    const params = new URLSearchParams({ [Q.email]: email });
    if (account) params.set(Q.account, String(account.id));
    if (hidden.returnTo) params.set(Q.returnTo, hidden.returnTo);
    res.redirect(303, `${P.passwordLogin}?${params.toString()}`);
  });

  router.get(P.passwordLogin, (req, res) => {
    const hidden = hiddenFrom(ctx, queryString(req, Q.returnTo), queryString(req, Q.account));
    loginPage(ctx, req, res, V.passwordStep({ csrf: csrfInput(ctx, req, 'seat'), email: queryString(req, Q.email) ?? '', hidden }));
  });

  router.post(P.passwordLogin, csrf, async (req, res) => {
    const form = await readForm(req);
    const email = field(form, F.email).trim();
    const password = field(form, F.password);
    const hidden = hiddenFrom(ctx, field(form, Q.returnTo), field(form, Q.account));
    const retry = (message: string, status: number): void =>
      loginPage(ctx, req, res, V.passwordStep({ csrf: csrfInput(ctx, req, 'seat'), email, hidden, error: message }), status);

    const accounts = ctx.store.accounts
      .withSeatEmail(email)
      .filter((account) => hidden.accountId === undefined || account.id === hidden.accountId);
    if (accounts.length > 1) {
      loginPage(
        ctx,
        req,
        res,
        V.accountChoice({ csrf: csrfInput(ctx, req, 'seat'), email, accounts, ...(hidden.returnTo ? { returnTo: hidden.returnTo } : {}) }),
      );
      return;
    }
    const [account] = accounts;
    if (!account) {
      await verifyAgainstDummy(password);
      retry(T.wrongCredentials, 401);
      return;
    }
    const sso = ssoStartUrl(ctx, account, hidden.returnTo);
    if (ctx.store.ssoConfigs.isEnabled(account.id)) {
      refuse(ctx, res, {
        reason: 'sso-required',
        accountId: account.id,
        actor: A.anonymous(email),
        action: 'password.login.refused',
        detail: T.ssoRequiredDetail(account),
        ...(sso ? { next: { href: sso, label: T.continueWithSso } } : {}),
      });
      return;
    }
    const seat = await seatWithPassword(ctx, account, email, password);
    if (!seat) {
      ctx.store.audit.record(
        { accountId: account.id, actor: A.anonymous(email), action: 'password.login.failed', detail: T.auditPasswordFailed },
        now(),
      );
      retry(T.wrongCredentials, 401);
      return;
    }
    if (seat.disabled) {
      refuse(ctx, res, {
        reason: 'seat-disabled',
        accountId: account.id,
        actor: A.seat(seat),
        action: 'password.login.refused',
        detail: T.seatDisabledDetail(seat.email),
      });
      return;
    }
    startSession(ctx, req, res, 'seat', seat.id, 'password');
    ctx.store.audit.record(
      { accountId: account.id, actor: A.seat(seat), action: 'password.login.succeeded', detail: T.auditPasswordOk },
      now(),
    );
    res.redirect(303, hidden.returnTo ?? P.home);
  });

  router.post(P.logout, csrf, (req, res) => {
    const login = requestState(req).seatLogin;
    endSession(ctx, req, res, 'seat');
    if (login)
      ctx.store.audit.record({ accountId: login.account.id, actor: A.seat(login.seat), action: 'logout', detail: T.auditLoggedOut }, now());
    res.redirect(303, P.login);
  });

  router.get(P.home, requireSeat(ctx), (req, res) => {
    const { seat, account, session } = seatLoginOf(req);
    sendPage(ctx, res, { title: T.titles.home, nav: seatNav(ctx, req), body: V.home({ seat, account, method: session.authMethod }) });
  });

  return router;
}

/** The seat (of duplicates sharing the email, the one whose password matches). */
async function seatWithPassword(ctx: PortalContext, account: Account, email: string, password: string): Promise<Seat | undefined> {
  const seats = ctx.store.seats.findByEmail(account.id, email);
  for (const seat of seats) {
    const hash = ctx.store.seats.passwordHash(seat.id);
    if (hash && (await verifyPassword(password, hash))) return seat;
  }
  if (seats.every((seat) => !ctx.store.seats.passwordHash(seat.id))) await verifyAgainstDummy(password);
  return undefined;
}
