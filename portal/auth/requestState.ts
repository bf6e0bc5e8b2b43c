// Per-request identity: the browser id, the seat session and the support session, resolved once
// from the cookies and kept beside the request (typed, unlike res.locals).
import type { NextFunction, Request, Response } from 'express';
import type { PortalContext } from '../context.ts';
import type { Account, Seat } from '../db/accounts.ts';
import type { Session } from '../db/sessions.ts';
import type { SupportStaff } from '../db/support.ts';
import { defectOn } from '../defects.ts';
import { refusesDisabledSeat } from '../web/seatAccess.ts';
import { clearCookie, parseCookies, setBareCookie, setCookie } from './cookies.ts';
import { csrfToken } from './csrf.ts';
import { randomToken, sha256 } from './tokens.ts';

export interface SeatLogin {
  readonly seat: Seat;
  readonly account: Account;
  readonly session: Session;
  readonly token: string;
}

export interface SupportLogin {
  readonly staff: SupportStaff;
  readonly session: Session;
  readonly token: string;
}

export interface RequestState {
  readonly browserId: string;
  readonly seatLogin?: SeatLogin;
  readonly supportLogin?: SupportLogin;
}

export type CsrfScope = 'seat' | 'support';

const states = new WeakMap<Request, RequestState>();

export function requestState(req: Request): RequestState {
  const state = states.get(req);
  if (!state) throw new Error('requestState() used before the request-state middleware ran');
  return state;
}

/** The CSRF token for forms acting on the seat session, or on the support session. */
export function csrfFor(ctx: PortalContext, req: Request, scope: CsrfScope): string {
  return csrfToken(ctx.csrfKey, csrfBinding(req, scope));
}

export function csrfBinding(req: Request, scope: CsrfScope): string {
  const state = requestState(req);
  const login = scope === 'seat' ? state.seatLogin : state.supportLogin;
  return login ? `${scope}:${login.token}` : `browser:${state.browserId}`;
}

export function loadRequestState(ctx: PortalContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const cookies = parseCookies(req.headers.cookie);
    const names = ctx.skin.cookies;
    const now = ctx.now().getTime();
    let browserId = cookies.get(names.browser);
    if (!browserId || !/^[\w-]{20,100}$/.test(browserId)) {
      browserId = randomToken();
      setCookie(res, names.browser, browserId);
    }
    // An unknown or ended session's cookie is cleared (a portal that adopts it instead is the fixation defect).
    const adoptsUnknown = defectOn(ctx.defects, 'session-fixation') || defectOn(ctx.defects, 'session-fixation-sso-only');
    const seatLogin = resolveSeatLogin(ctx, cookies.get(names.seatSession), now);
    if (cookies.has(names.seatSession) && !seatLogin && !adoptsUnknown) clearCookie(res, names.seatSession);
    const supportLogin = resolveSupportLogin(ctx, cookies.get(names.supportSession), now);
    if (cookies.has(names.supportSession) && !supportLogin && !adoptsUnknown) clearCookie(res, names.supportSession);
    states.set(req, { browserId, ...(seatLogin ? { seatLogin } : {}), ...(supportLogin ? { supportLogin } : {}) });
    next();
  };
}

function resolveSeatLogin(ctx: PortalContext, token: string | undefined, now: number): SeatLogin | undefined {
  if (!token) return undefined;
  // The defect looks the token up whatever its kind: a support session's token opens the seat with the staff member's id.
  const session =
    ctx.store.sessions.find(sha256(token), 'seat', now) ??
    (defectOn(ctx.defects, 'session-kind-unchecked-seat') ? ctx.store.sessions.find(sha256(token), 'support', now) : undefined);
  if (!session) return undefined;
  const seat = ctx.store.seats.get(session.subjectId);
  // A seat disabled after it logged in loses its session at the next request.
  if (!seat || (seat.disabled && refusesDisabledSeat(ctx, 'web'))) return undefined;
  const account = ctx.store.accounts.get(seat.accountId);
  return account ? { seat, account, session, token } : undefined;
}

function resolveSupportLogin(ctx: PortalContext, token: string | undefined, now: number): SupportLogin | undefined {
  if (!token) return undefined;
  const session = ctx.store.sessions.find(sha256(token), 'support', now);
  if (!session) return undefined;
  const staff = ctx.store.support.getStaff(session.subjectId);
  return staff ? { staff, session, token } : undefined;
}

/** Start a session after a successful login, replacing any session this browser had (no fixation). */
export function startSession(
  ctx: PortalContext,
  req: Request,
  res: Response,
  kind: 'seat' | 'support',
  subjectId: number,
  authMethod: Session['authMethod'],
): void {
  const cookie = kind === 'seat' ? ctx.skin.cookies.seatSession : ctx.skin.cookies.supportSession;
  const previous = parseCookies(req.headers.cookie).get(cookie);
  if (previous) ctx.store.sessions.delete(sha256(previous));
  const sso = authMethod === 'sso';
  const keepsPresented =
    previous !== undefined &&
    /^[\w-]{20,100}$/.test(previous) &&
    (defectOn(ctx.defects, 'session-fixation') || (sso && defectOn(ctx.defects, 'session-fixation-sso-only')));
  const token = keepsPresented ? previous : randomToken();
  const now = ctx.now().getTime();
  const ttl = kind === 'seat' ? ctx.timings.seatSessionMs : ctx.timings.supportSessionMs;
  ctx.store.sessions.purgeExpired(now);
  ctx.store.sessions.create(sha256(token), { kind, subjectId, authMethod, createdAt: now, expiresAt: now + ttl });
  if (defectOn(ctx.defects, 'session-cookie-not-httponly') || (sso && defectOn(ctx.defects, 'session-cookie-flags-password-only')))
    setBareCookie(res, cookie, token);
  else setCookie(res, cookie, token);
}

export function endSession(ctx: PortalContext, req: Request, res: Response, kind: 'seat' | 'support'): void {
  const cookie = kind === 'seat' ? ctx.skin.cookies.seatSession : ctx.skin.cookies.supportSession;
  const token = parseCookies(req.headers.cookie).get(cookie);
  const state = requestState(req);
  const openedBy = (kind === 'seat' ? state.seatLogin : state.supportLogin)?.session.authMethod;
  const keepsServerSession =
    defectOn(ctx.defects, 'logout-client-only') || (openedBy === 'sso' && defectOn(ctx.defects, 'logout-keeps-sso-sessions'));
  if (token && !keepsServerSession) ctx.store.sessions.delete(sha256(token));
  clearCookie(res, cookie);
}
