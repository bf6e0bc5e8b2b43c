// Session identifiers, logout and cookie attributes of the reference portal (and what its session
// defect switches break), on the session layer itself: a login of each method with a presented
// cookie, a logout, the Set-Cookie it sends.
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import type { PortalContext } from '../context.ts';
import { DEFAULT_TIMINGS } from '../context.ts';
import type { Session } from '../db/sessions.ts';
import { parseDefects } from '../defects.ts';
import { referenceSkin } from '../skin/reference/index.ts';
import { endSession, loadRequestState, requestState, startSession } from './requestState.ts';
import { sha256 } from './tokens.ts';

const PLANTED = 'planted-session-token-0123456789';

/** A portal context whose store holds sessions only, with one seat (id 7) and one support staff member (id 3). */
function contextWith(defects: readonly string[] = []): { ctx: PortalContext; sessions: Map<string, Session> } {
  const sessions = new Map<string, Session>();
  const store = {
    sessions: {
      create: (hash: string, session: Session) => {
        sessions.set(hash, session);
      },
      find: (hash: string, kind: string, now: number) => {
        const s = sessions.get(hash);
        return s && s.kind === kind && s.expiresAt > now ? s : undefined;
      },
      delete: (hash: string) => {
        sessions.delete(hash);
      },
      purgeExpired: () => undefined,
    },
    seats: { get: (id: number) => (id === 7 ? { id: 7, accountId: 1, disabled: false } : undefined) },
    accounts: { get: (id: number) => (id === 1 ? { id: 1 } : undefined) },
    support: { getStaff: (id: number) => (id === 3 ? { id: 3 } : undefined) },
  };
  const ctx = {
    store,
    defects: parseDefects(defects),
    csrfKey: Buffer.alloc(32),
    now: () => new Date(1_000_000),
    timings: DEFAULT_TIMINGS,
    baseUrl: () => 'http://127.0.0.1:1',
    skin: referenceSkin,
  } as unknown as PortalContext;
  return { ctx, sessions };
}

interface Sent {
  readonly res: Response;
  readonly setCookies: { name: string; value: string; options: Record<string, unknown> }[];
}

function response(): Sent {
  const setCookies: Sent['setCookies'] = [];
  const res = {
    cookie: (name: string, value: string, options: Record<string, unknown>) => {
      setCookies.push({ name, value, options });
    },
    clearCookie: (name: string) => {
      setCookies.push({ name, value: '', options: { cleared: true } });
    },
  } as unknown as Response;
  return { res, setCookies };
}

/** A request carrying these cookies, after the request-state middleware ran on it. */
function request(ctx: PortalContext, cookies: Record<string, string>): { req: Request; sent: Sent } {
  const req = {
    headers: {
      cookie: Object.entries(cookies)
        .map(([name, value]) => `${name}=${value}`)
        .join('; '),
    },
  } as unknown as Request;
  const sent = response();
  loadRequestState(ctx)(req, sent.res, () => undefined);
  return { req, sent };
}

const SEAT = referenceSkin.cookies.seatSession;
const SUPPORT = referenceSkin.cookies.supportSession;

function login(
  ctx: PortalContext,
  kind: 'seat' | 'support',
  method: Session['authMethod'],
  cookies: Record<string, string>,
): Sent['setCookies'][number] {
  const { req } = request(ctx, cookies);
  const sent = response();
  startSession(ctx, req, sent.res, kind, kind === 'seat' ? 7 : 3, method);
  const cookie = sent.setCookies.find((c) => c.name === (kind === 'seat' ? SEAT : SUPPORT));
  if (!cookie) throw new Error('no session cookie set');
  return cookie;
}

const LOGINS = [
  ['seat', 'password'],
  ['seat', 'sso'],
  ['support', 'password'],
] as const;

describe('a login starts a session with a new identifier', () => {
  it.each(LOGINS)('%s login by %s: the identifier the browser presents is not kept, and an unknown one is cleared', (kind, method) => {
    const { ctx, sessions } = contextWith();
    const name = kind === 'seat' ? SEAT : SUPPORT;
    expect(request(ctx, { [name]: PLANTED }).sent.setCookies).toContainEqual(expect.objectContaining({ name, value: '' }));
    const cookie = login(ctx, kind, method, { [name]: PLANTED });
    expect(cookie.value).not.toBe(PLANTED);
    expect(sessions.has(sha256(PLANTED))).toBe(false);
  });

  it.each(LOGINS)('session-fixation: the %s login by %s adopts the presented identifier', (kind, method) => {
    const { ctx, sessions } = contextWith(['session-fixation']);
    const name = kind === 'seat' ? SEAT : SUPPORT;
    expect(login(ctx, kind, method, { [name]: PLANTED }).value).toBe(PLANTED);
    expect(sessions.has(sha256(PLANTED))).toBe(true);
  });

  it('session-fixation-sso-only: only the SSO login adopts it', () => {
    const { ctx } = contextWith(['session-fixation-sso-only']);
    expect(login(ctx, 'seat', 'sso', { [SEAT]: PLANTED }).value).toBe(PLANTED);
    expect(login(ctx, 'seat', 'password', { [SEAT]: PLANTED }).value).not.toBe(PLANTED);
    expect(login(ctx, 'support', 'password', { [SUPPORT]: PLANTED }).value).not.toBe(PLANTED);
  });
});

describe('session cookies are HttpOnly and SameSite=Lax', () => {
  it.each(LOGINS)('%s login by %s', (kind, method) => {
    expect(login(contextWith().ctx, kind, method, {}).options).toMatchObject({ httpOnly: true, sameSite: 'lax' });
  });

  it('session-cookie-not-httponly: no login sets them; session-cookie-flags-password-only: the SSO login does not', () => {
    for (const [kind, method] of LOGINS)
      expect(login(contextWith(['session-cookie-not-httponly']).ctx, kind, method, {}).options).toEqual({ path: '/' });
    const partial = contextWith(['session-cookie-flags-password-only']).ctx;
    expect(login(partial, 'seat', 'sso', {}).options).toEqual({ path: '/' });
    expect(login(partial, 'seat', 'password', {}).options).toMatchObject({ httpOnly: true, sameSite: 'lax' });
  });
});

describe('logout ends the session at the server', () => {
  function logOutAfter(defects: readonly string[], method: Session['authMethod']): boolean {
    const { ctx, sessions } = contextWith(defects);
    const token = login(ctx, 'seat', method, {}).value;
    const { req } = request(ctx, { [SEAT]: token });
    const sent = response();
    endSession(ctx, req, sent.res, 'seat');
    expect(sent.setCookies).toContainEqual(expect.objectContaining({ name: SEAT, value: '' }));
    return sessions.has(sha256(token));
  }

  it.each(['password', 'sso'] as const)('after a %s login', (method) => {
    expect(logOutAfter([], method)).toBe(false);
  });

  it('logout-client-only keeps every session; logout-keeps-sso-sessions keeps the SSO ones', () => {
    expect(logOutAfter(['logout-client-only'], 'password')).toBe(true);
    expect(logOutAfter(['logout-keeps-sso-sessions'], 'sso')).toBe(true);
    expect(logOutAfter(['logout-keeps-sso-sessions'], 'password')).toBe(false);
  });
});

describe('a session is of one kind: a seat cookie never holds a support session, nor the reverse', () => {
  /**
   * Who a request is logged in as when `cookie` holds a live session of `kind` whose subject id is 7 (a seat's id) or 3 (a staff member's).
   */
  function loggedInAs(defects: readonly string[], kind: 'seat' | 'support', cookie: string, subjectId: number) {
    const { ctx, sessions } = contextWith(defects);
    sessions.set(sha256(PLANTED), { kind, subjectId, authMethod: 'password', createdAt: 0, expiresAt: 2_000_000 });
    const state = requestState(request(ctx, { [cookie]: PLANTED }).req);
    return { seat: state.seatLogin?.seat.id, staff: state.supportLogin?.staff.id };
  }

  it('a support session in the seat cookie, and a seat session in the support cookie, open nothing', () => {
    expect(loggedInAs([], 'support', SEAT, 7)).toEqual({ seat: undefined, staff: undefined });
    expect(loggedInAs([], 'seat', SUPPORT, 3)).toEqual({ seat: undefined, staff: undefined });
    expect(loggedInAs([], 'seat', SEAT, 7)).toEqual({ seat: 7, staff: undefined });
  });

  it('session-kind-unchecked-seat: a support session in the seat cookie opens the seat with its subject id; the support cookie still checks the kind', () => {
    expect(loggedInAs(['session-kind-unchecked-seat'], 'support', SEAT, 7)).toEqual({ seat: 7, staff: undefined });
    expect(loggedInAs(['session-kind-unchecked-seat'], 'seat', SUPPORT, 3)).toEqual({ seat: undefined, staff: undefined });
  });
});
