// Login: the email first; a seat of an SSO-enabled account goes to its IdP, others enter their
// password. Password login for an SSO-enabled account is refused (sso-required), admins included:
// that is what makes a broken SSO configuration a lockout, and why support can turn SSO off.
import { Router, type Request, type Response } from 'express';
import { verifyAgainstDummy, verifyPassword } from '../auth/passwords.ts';
import { endSession, requestState, startSession } from '../auth/requestState.ts';
import type { PortalContext } from '../context.ts';
import type { Account, Seat } from '../db/accounts.ts';
import { spEndpointsFor } from '../sso/spEndpoints.ts';
import { anonymousActor, seatActor } from './actors.ts';
import { field, readForm } from './form.ts';
import { html } from './html.ts';
import { requireSeat, seatLoginOf, verifyCsrf } from './guards.ts';
import { csrfInput, seatNav, sendPage } from './layout.ts';
import { accountChoiceBody, emailStepBody, passwordStepBody, type LoginHidden } from './loginViews.ts';
import { refuse } from './refusal.ts';
import { safeReturnTo } from './returnTo.ts';

const WRONG_CREDENTIALS = 'The email or password is wrong. Check both and try again; if your account uses SSO, log in through your identity provider.';

function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' ? value : undefined;
}

function hiddenFrom(ctx: PortalContext, returnTo: string | undefined, account: string | undefined): LoginHidden {
  const safe = safeReturnTo(returnTo, ctx.defects);
  const accountId = account && /^\d{1,12}$/.test(account) ? Number(account) : undefined;
  return { ...(safe ? { returnTo: safe } : {}), ...(accountId !== undefined ? { accountId } : {}) };
}

function loginPage(ctx: PortalContext, req: Request, res: Response, body: ReturnType<typeof emailStepBody>, status = 200): void {
  sendPage(res, { status, title: 'Log in', nav: seatNav(ctx, req), body });
}

/** The seat's account, when it uses SSO: the start of its SSO login, carrying the return path. */
function ssoStartUrl(ctx: PortalContext, account: Account, returnTo: string | undefined): string | undefined {
  if (!ctx.store.ssoConfigs.isEnabled(account.id) || !ctx.store.ssoConfigs.current(account.id)) return undefined;
  const url = new URL(spEndpointsFor(ctx.baseUrl(), account.id).signOnUrl);
  if (returnTo) url.searchParams.set('return_to', returnTo);
  return `${url.pathname}${url.search}`;
}

export function loginRoutes(ctx: PortalContext): Router {
  const router = Router();
  const csrf = verifyCsrf(ctx, 'seat');
  const now = (): number => ctx.now().getTime();

  router.get('/', (req, res) => res.redirect(303, requestState(req).seatLogin ? '/home' : '/login'));

  router.get('/login', (req, res) => {
    const hidden = hiddenFrom(ctx, queryString(req, 'return_to'), queryString(req, 'account'));
    const login = requestState(req).seatLogin;
    // Already logged in (e.g. a native app's authorization request): carry on.
    if (login && hidden.returnTo) {
      res.redirect(303, hidden.returnTo);
      return;
    }
    loginPage(ctx, req, res, emailStepBody(csrfInput(ctx, req, 'seat'), queryString(req, 'email') ?? '', hidden));
  });

  router.post('/login', csrf, async (req, res) => {
    const form = await readForm(req);
    const email = field(form, 'email').trim();
    const hidden = hiddenFrom(ctx, field(form, 'return_to'), field(form, 'account'));
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
      loginPage(ctx, req, res, emailStepBody(csrfInput(ctx, req, 'seat'), email, hidden, 'Enter the email address of your seat, e.g. name@company.example.'), 422);
      return;
    }
    const accounts = ctx.store.accounts.withSeatEmail(email).filter((account) => hidden.accountId === undefined || account.id === hidden.accountId);
    if (accounts.length > 1) {
      loginPage(ctx, req, res, accountChoiceBody(csrfInput(ctx, req, 'seat'), email, accounts, hidden.returnTo));
      return;
    }
    const [account] = accounts;
    const sso = account ? ssoStartUrl(ctx, account, hidden.returnTo) : undefined;
    if (sso) {
      res.redirect(303, sso);
      return;
    }
    // Unknown emails get the password step too: the page does not tell who has a seat.
    const params = new URLSearchParams({ email });
    if (account) params.set('account', String(account.id));
    if (hidden.returnTo) params.set('return_to', hidden.returnTo);
    res.redirect(303, `/login/password?${params.toString()}`);
  });

  router.get('/login/password', (req, res) => {
    const hidden = hiddenFrom(ctx, queryString(req, 'return_to'), queryString(req, 'account'));
    loginPage(ctx, req, res, passwordStepBody(csrfInput(ctx, req, 'seat'), queryString(req, 'email') ?? '', hidden));
  });

  router.post('/login/password', csrf, async (req, res) => {
    const form = await readForm(req);
    const email = field(form, 'email').trim();
    const password = field(form, 'password');
    const hidden = hiddenFrom(ctx, field(form, 'return_to'), field(form, 'account'));
    const retry = (message: string, status: number): void =>
      loginPage(ctx, req, res, passwordStepBody(csrfInput(ctx, req, 'seat'), email, hidden, message), status);

    const accounts = ctx.store.accounts.withSeatEmail(email).filter((account) => hidden.accountId === undefined || account.id === hidden.accountId);
    if (accounts.length > 1) {
      loginPage(ctx, req, res, accountChoiceBody(csrfInput(ctx, req, 'seat'), email, accounts, hidden.returnTo));
      return;
    }
    const [account] = accounts;
    if (!account) {
      await verifyAgainstDummy(password);
      retry(WRONG_CREDENTIALS, 401);
      return;
    }
    const sso = ssoStartUrl(ctx, account, hidden.returnTo);
    if (ctx.store.ssoConfigs.isEnabled(account.id)) {
      refuse(ctx, res, {
        reason: 'sso-required', accountId: account.id, actor: anonymousActor(email), action: 'password.login.refused',
        detail: `Account "${account.name}" uses single sign-on, so password login is off for every seat, admins included.`,
        ...(sso ? { next: { href: sso, label: 'Continue with SSO' } } : {}),
      });
      return;
    }
    const seat = await seatWithPassword(ctx, account, email, password);
    if (!seat) {
      ctx.store.audit.record({ accountId: account.id, actor: anonymousActor(email), action: 'password.login.failed', detail: 'Wrong email or password.' }, now());
      retry(WRONG_CREDENTIALS, 401);
      return;
    }
    if (seat.disabled) {
      refuse(ctx, res, { reason: 'seat-disabled', accountId: account.id, actor: seatActor(seat), action: 'password.login.refused', detail: `The seat of ${seat.email} is disabled.` });
      return;
    }
    startSession(ctx, req, res, 'seat', seat.id, 'password');
    ctx.store.audit.record({ accountId: account.id, actor: seatActor(seat), action: 'password.login.succeeded', detail: 'Logged in with a password.' }, now());
    res.redirect(303, hidden.returnTo ?? '/home');
  });

  router.post('/logout', csrf, (req, res) => {
    const login = requestState(req).seatLogin;
    endSession(ctx, req, res, 'seat');
    if (login) ctx.store.audit.record({ accountId: login.account.id, actor: seatActor(login.seat), action: 'logout', detail: 'Logged out.' }, now());
    res.redirect(303, '/login');
  });

  router.get('/home', requireSeat, (req, res) => {
    const { seat, account, session } = seatLoginOf(req);
    sendPage(res, {
      title: 'Home', nav: seatNav(ctx, req),
      body: html`<h1>Welcome, ${seat.name}</h1>
<p role="status" id="signed-in-as">Signed in as ${seat.email} (${seat.role}) in account "${account.name}", with ${session.authMethod === 'sso' ? 'single sign-on' : 'a password'}.</p>
${seat.role === 'admin' && html`<p><a href="/account">Account parameters</a> · <a href="/account/seats">Seats</a> · <a href="/account/audit-log">Audit log</a></p>`}`,
    });
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
