// Harness provisioning API (only when the portal is started with a harness token; Bearer auth;
// not linked from any page): each test gets a fresh account with seats and passwords, learns where
// the portal serves each page and endpoint (the skin's paths), and can read back what happened
// (SSO state, live seat sessions, audit events in the skin's words) without scraping pages.
// The wire shapes are lib/harnessContract.ts (contract version 2).
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import {
  HARNESS_CONTRACT_VERSION,
  type NativeClients,
  type PortalUrls,
  type ProvisionedAccount,
  type SeatSession,
} from '../../lib/index.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { PortalContext } from '../context.ts';
import type { SeatRole } from '../db/accounts.ts';
import { transaction } from '../db/database.ts';
import { pathFor } from '../skin/types.ts';
import { spEndpointsFor } from '../sso/spEndpoints.ts';
import { auditEventJson } from '../web/auditLogView.ts';
import { isHarnessRequest } from './harnessAuth.ts';
import { harnessSeatRoutes } from './seatRoute.ts';
import { harnessSsoConfigRoutes } from './ssoConfigRoute.ts';

interface SeatSpec {
  name: string;
  email: string;
  role: SeatRole;
  password?: string;
  disabled: boolean;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseAccountRequest(body: unknown): Parsed<{ name: string; ssoDomains: string[]; seats: SeatSpec[] }> {
  if (!isRecord(body))
    return {
      ok: false,
      message:
        'Send a JSON object: { "name"?, "ssoDomains"?: string[], "seats": [{ "name", "email", "role": "admin"|"user", "password"?, "disabled"? }] }.',
    };
  const name = body['name'] ?? `Harness account ${new Date().toISOString()}`;
  if (typeof name !== 'string' || name.trim() === '') return { ok: false, message: '"name" must be a non-empty string.' };
  const rawSeats = body['seats'];
  if (!Array.isArray(rawSeats) || rawSeats.length === 0)
    return { ok: false, message: '"seats" must be a non-empty array of { "name", "email", "role", "password"?, "disabled"? }.' };
  const seats: SeatSpec[] = [];
  for (const [index, raw] of rawSeats.entries()) {
    if (!isRecord(raw)) return { ok: false, message: `seats[${index}] must be an object.` };
    const { name: seatName, email, role, password, disabled } = raw;
    if (typeof seatName !== 'string' || seatName.trim() === '')
      return { ok: false, message: `seats[${index}].name must be a non-empty string.` };
    // Any email string is accepted on purpose: the harness seeds invalid and duplicate emails for the seat audit.
    if (typeof email !== 'string' || email.trim() === '')
      return { ok: false, message: `seats[${index}].email must be a non-empty string.` };
    if (role !== 'admin' && role !== 'user') return { ok: false, message: `seats[${index}].role must be "admin" or "user".` };
    if (password !== undefined && (typeof password !== 'string' || password === ''))
      return { ok: false, message: `seats[${index}].password, when given, must be a non-empty string.` };
    if (disabled !== undefined && typeof disabled !== 'boolean')
      return { ok: false, message: `seats[${index}].disabled, when given, must be true or false.` };
    seats.push({ name: seatName, email, role, ...(password === undefined ? {} : { password }), disabled: disabled ?? false });
  }
  const domains = body['ssoDomains'];
  if (domains !== undefined && (!Array.isArray(domains) || !domains.every((d) => typeof d === 'string')))
    return { ok: false, message: '"ssoDomains", when given, must be an array of strings.' };
  // Default: the domain of the first admin's email (the usual case: one corporate domain).
  const firstAdmin = seats.find((seat) => seat.role === 'admin') ?? seats[0];
  const ssoDomains = domains ?? [firstAdmin?.email.split('@')[1] ?? ''].filter(Boolean);
  return { ok: true, value: { name: name.trim(), ssoDomains, seats } };
}

/** Where the portal serves each page and endpoint for one account (absolute URLs). */
export function portalUrls(ctx: PortalContext, accountId: number): PortalUrls {
  const base = ctx.baseUrl();
  const { paths: P, query: Q } = ctx.skin;
  return {
    portal: `${base}${P.home}`,
    login: `${base}${P.login}`,
    passwordLogin: `${base}${P.passwordLogin}?${Q.email}={email}`,
    accountParameters: `${base}${P.settings}`,
    auditLog: `${base}${P.auditLog}`,
    seats: `${base}${P.seats}`,
    support: `${base}${P.support}`,
    supportAccount: `${base}${pathFor(P.supportAccount, { accountId })}`,
    sp: spEndpointsFor(base, accountId, P.sp),
    native: { authorize: `${base}${P.native.authorize}`, token: `${base}${P.native.token}`, userinfo: `${base}${P.native.userinfo}` },
  };
}

/** The native apps as this portal registers them. */
export function nativeClientsOf(ctx: PortalContext): NativeClients {
  const { desktop, mobile } = ctx.skin.nativeClients;
  return { desktop: { clientId: desktop.clientId }, mobile: { clientId: mobile.clientId, redirectUri: mobile.redirectUri } };
}

export function harnessRoutes(ctx: PortalContext): Router {
  const router = Router();
  const now = (): number => ctx.now().getTime();

  router.use('/_harness', (req: Request, res: Response, next: NextFunction) => {
    if (isHarnessRequest(ctx, req)) {
      next();
      return;
    }
    res.status(401).set('WWW-Authenticate', 'Bearer').json({
      error: 'unauthorized',
      message: 'The harness API needs "Authorization: Bearer <harness token>" (the token the portal was started with).',
    });
  });
  router.use('/_harness', express.json({ limit: '256kb' }));

  router.get('/_harness/health', (_req, res) => {
    res.json({ ok: true, contract: HARNESS_CONTRACT_VERSION, url: ctx.baseUrl(), skin: ctx.skin.name, defects: [...ctx.defects] });
  });

  router.post('/_harness/accounts', async (req, res) => {
    const parsed = parseAccountRequest(req.body);
    if (!parsed.ok) {
      res.status(400).json({ error: 'invalid_request', message: parsed.message });
      return;
    }
    const { name, ssoDomains, seats } = parsed.value;
    const hashes = await Promise.all(
      seats.map((seat) => (seat.password === undefined ? Promise.resolve(undefined) : hashPassword(seat.password))),
    );
    const created = transaction(ctx.store.sqlite, () => {
      const account = ctx.store.accounts.create(name, ssoDomains, now());
      const added = seats.map((seat, index) => {
        const passwordHash = hashes[index];
        return ctx.store.seats.add(account.id, {
          name: seat.name,
          email: seat.email,
          role: seat.role,
          disabled: seat.disabled,
          ...(passwordHash ? { passwordHash } : {}),
        });
      });
      ctx.store.audit.record(
        {
          accountId: account.id,
          actor: ctx.skin.actors.harness,
          action: 'account.created',
          detail: ctx.skin.text.auditAccountCreated(added.length),
        },
        now(),
      );
      return { account, added };
    });
    const answer: ProvisionedAccount = {
      accountId: created.account.id,
      name: created.account.name,
      ssoDomains: created.account.ssoDomains,
      seats: created.added.map(({ id, name: seatName, email, role, disabled }) => ({ id, name: seatName, email, role, disabled })),
      urls: portalUrls(ctx, created.account.id),
      nativeClients: nativeClientsOf(ctx),
      returnTo: { parameter: ctx.skin.query.returnTo },
    };
    res.status(201).json(answer);
  });

  router.post('/_harness/support-staff', async (req, res) => {
    const body: unknown = req.body;
    const { name, email, password } = isRecord(body) ? body : {};
    if (
      typeof name !== 'string' ||
      name.trim() === '' ||
      typeof email !== 'string' ||
      !email.includes('@') ||
      typeof password !== 'string' ||
      password === ''
    ) {
      res
        .status(400)
        .json({ error: 'invalid_request', message: 'Send { "name": string, "email": string, "password": string } (all non-empty).' });
      return;
    }
    const staff = ctx.store.support.upsertStaff({ name: name.trim(), email, passwordHash: await hashPassword(password) });
    res.status(201).json(staff);
  });

  router.get('/_harness/accounts/:accountId', (req, res) => {
    const raw = req.params['accountId'];
    const account = /^\d{1,12}$/.test(raw) ? ctx.store.accounts.get(Number(raw)) : undefined;
    if (!account) {
      res.status(404).json({ error: 'not_found', message: `No account ${raw}.` });
      return;
    }
    const status = ctx.store.ssoConfigs.status(account.id);
    const sessions: SeatSession[] = ctx.store.sessions.listSeatSessions(account.id, now());
    res.json({
      account,
      sso: {
        enabled: status.enabled,
        version: status.current?.version ?? null,
        protocol: status.current?.settings.protocol ?? null,
        currentVersionPassedTest: status.currentVersionPassed,
      },
      seatSessions: sessions.length,
      sessions,
      seats: ctx.store.seats.listByAccount(account.id),
      auditEvents: ctx.store.audit.listByAccount(account.id).map((event) => auditEventJson(event, ctx.skin.vocabulary)),
    });
  });

  router.use(harnessSsoConfigRoutes(ctx));
  router.use(harnessSeatRoutes(ctx));

  router.use('/_harness', (_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'Unknown harness endpoint. See portal/README.md.' });
  });

  return router;
}
