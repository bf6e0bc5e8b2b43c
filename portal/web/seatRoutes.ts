// Seats of the admin's account: list, add, edit (incl. disable), CSV import and export.
import { Router, type Request, type Response } from 'express';
import { hashPassword } from '../auth/passwords.ts';
import type { PortalContext } from '../context.ts';
import { emailKey, isSeatEmail, type Seat, type SeatRole } from '../db/accounts.ts';
import { defectOn } from '../defects.ts';
import type { SeatsPageModel } from '../skin/types.ts';
import type { DefectSet } from '../sso/contract.ts';
import { checkbox, field, fileText, readForm } from './form.ts';
import { requireAdmin, seatLoginOf, verifyCsrf } from './guards.ts';
import { csrfInput, noticeFor, seatNav, sendErrorPage, sendPage } from './layout.ts';
import { parseSeatCsv, seatsToCsv } from './seatCsv.ts';
import { endAccessIfDisabled } from './seatAccess.ts';
import { applySeatImport, planSeatImport } from './seatImport.ts';

const MIN_PASSWORD = 8;

/** Whether another seat has this email, compared without case (partly wrong with a defect switch: portal/defects.ts). */
function emailTaken(defects: DefectSet, seats: readonly Seat[], self: Seat | undefined, email: string): boolean {
  if (self !== undefined && defectOn(defects, 'seat-email-unique-on-add-only')) return false;
  const key = defectOn(defects, 'seat-email-unique-case-sensitive') ? (value: string) => value.trim() : emailKey;
  return seats.some((seat) => seat.id !== self?.id && key(seat.email) === key(email));
}

function seatProblem(
  ctx: PortalContext,
  seats: readonly Seat[],
  self: Seat | undefined,
  values: { name: string; email: string; role: SeatRole; disabled: boolean; password: string },
): string | undefined {
  const T = ctx.skin.text;
  if (values.name === '' || values.name.length > 200) return T.seatNameInvalid;
  if (!isSeatEmail(values.email)) return T.seatEmailInvalid(values.email);
  if (emailTaken(ctx.defects, seats, self, values.email)) return T.seatEmailTaken(values.email);
  if (values.password !== '' && values.password.length < MIN_PASSWORD) return T.seatPasswordShort(MIN_PASSWORD);
  const admins =
    seats.filter((seat) => seat.id !== self?.id && seat.role === 'admin' && !seat.disabled).length +
    (values.role === 'admin' && !values.disabled ? 1 : 0);
  if (admins === 0) return T.seatNoAdminLeft;
  return undefined;
}

/** Who a seat change is audited as: the admin who made it (the seat acted on, with a defect switch: portal/defects.ts). */
function actorOf(ctx: PortalContext, admin: Seat, changed: Seat): Seat {
  return defectOn(ctx.defects, 'audit-actor-is-subject') ? changed : admin;
}

function role(value: string): SeatRole {
  return value === 'admin' ? 'admin' : 'user';
}

export function seatRoutes(ctx: PortalContext): Router {
  const router = Router();
  const admin = requireAdmin(ctx);
  const csrf = verifyCsrf(ctx, 'seat');
  const now = (): number => ctx.now().getTime();
  const { paths: P, query: Q, fields: F, text: T, views: V, actors: A, noticeKeys: N } = ctx.skin;
  const back = (notice: 'seatAdded' | 'seatSaved' | 'seatsImported'): string => `${P.seats}?${Q.notice}=${N[notice]}`;

  const renderSeats = (req: Request, res: Response, overrides: Partial<SeatsPageModel> & { status?: number } = {}): void => {
    const { account } = seatLoginOf(req);
    const notice = overrides.status ? undefined : noticeFor(ctx, req, ['seatAdded', 'seatSaved', 'seatsImported']);
    sendPage(ctx, res, {
      status: overrides.status ?? 200,
      title: T.titles.seats,
      nav: seatNav(ctx, req),
      body: V.seatsPage({
        csrf: csrfInput(ctx, req, 'seat'),
        seats: ctx.store.seats.listByAccount(account.id),
        ...(notice ? { notice } : {}),
        ...overrides,
      }),
    });
  };

  const seatOf = (req: Request, res: Response): Seat | undefined => {
    const raw = req.params['seatId'];
    const seat = typeof raw === 'string' && /^\d{1,12}$/.test(raw) ? ctx.store.seats.get(Number(raw)) : undefined;
    if (!seat || seat.accountId !== seatLoginOf(req).account.id) {
      sendErrorPage(ctx, res, 404, T.unknownSeatTitle, T.unknownSeatMessage, seatNav(ctx, req));
      return undefined;
    }
    return seat;
  };

  router.get(P.seats, admin, (req, res) => renderSeats(req, res));

  router.get(P.seatsCsv, admin, (req, res) => {
    const { account } = seatLoginOf(req);
    res
      .type('text/csv; charset=utf-8')
      .attachment(T.seatCsvFileName(account.id))
      .send(seatsToCsv(ctx.store.seats.listByAccount(account.id)));
  });

  router.post(P.seats, admin, csrf, async (req, res) => {
    const { account, seat: me } = seatLoginOf(req);
    const form = await readForm(req);
    const values = {
      name: field(form, F.seatName).trim(),
      email: field(form, F.seatEmail).trim(),
      role: role(field(form, F.seatRole)),
      disabled: false,
      password: field(form, F.seatPassword),
    };
    const problem = seatProblem(ctx, ctx.store.seats.listByAccount(account.id), undefined, values);
    if (problem) {
      renderSeats(req, res, { status: 422, addError: problem, addValues: values });
      return;
    }
    const passwordHash = values.password === '' ? undefined : await hashPassword(values.password);
    const seat = ctx.store.seats.add(account.id, {
      name: values.name,
      email: values.email,
      role: values.role,
      ...(passwordHash ? { passwordHash } : {}),
    });
    ctx.store.audit.record(
      { accountId: account.id, actor: A.seat(actorOf(ctx, me, seat)), action: 'seat.added', detail: T.auditSeatAdded(seat) },
      now(),
    );
    res.redirect(303, back('seatAdded'));
  });

  router.post(P.seatsImport, admin, csrf, async (req, res) => {
    const { account, seat: me } = seatLoginOf(req);
    const form = await readForm(req);
    const uploaded = await fileText(form, F.seatsFile);
    const text = uploaded.trim() !== '' ? uploaded : field(form, F.seatsCsv);
    if (text.trim() === '') {
      renderSeats(req, res, { status: 422, importErrors: [{ line: 1, message: T.seatImportEmpty }] });
      return;
    }
    const parsed = parseSeatCsv(text, defectOn(ctx.defects, 'seat-import-duplicates-case-sensitive') ? (email) => email : undefined);
    const checked = parsed.ok ? planSeatImport(ctx.store.seats.listByAccount(account.id), parsed.rows) : parsed;
    if (!checked.ok) {
      renderSeats(req, res, { status: 422, importErrors: checked.errors });
      return;
    }
    applySeatImport(ctx.store, account.id, checked.plan);
    for (const { seat, row } of checked.plan.updates) endAccessIfDisabled(ctx, seat, row.disabled);
    ctx.store.audit.record(
      {
        accountId: account.id,
        actor: A.seat(me),
        action: 'seats.imported',
        detail: T.auditSeatsImported(checked.plan.adds.length, checked.plan.updates.length, checked.plan.unchanged),
      },
      now(),
    );
    res.redirect(303, back('seatsImported'));
  });

  router.get(P.seat, admin, (req, res) => {
    const seat = seatOf(req, res);
    if (seat)
      sendPage(ctx, res, {
        title: T.titles.seatEdit,
        nav: seatNav(ctx, req),
        body: V.seatEdit({ csrf: csrfInput(ctx, req, 'seat'), seat }),
      });
  });

  router.post(P.seat, admin, csrf, async (req, res) => {
    const seat = seatOf(req, res);
    if (!seat) return;
    const { account, seat: me } = seatLoginOf(req);
    const form = await readForm(req);
    const values = {
      name: field(form, F.seatName).trim(),
      email: field(form, F.seatEmail).trim(),
      role: role(field(form, F.seatRole)),
      disabled: checkbox(form, F.seatDisabled),
      password: field(form, F.seatNewPassword),
    };
    const problem = seatProblem(ctx, ctx.store.seats.listByAccount(account.id), seat, values);
    if (problem) {
      sendPage(ctx, res, {
        status: 422,
        title: T.titles.seatEdit,
        nav: seatNav(ctx, req),
        body: V.seatEdit({ csrf: csrfInput(ctx, req, 'seat'), seat: { ...seat, ...values }, error: problem }),
      });
      return;
    }
    ctx.store.seats.update(seat.id, values);
    endAccessIfDisabled(ctx, seat, values.disabled);
    if (values.password !== '') ctx.store.seats.setPasswordHash(seat.id, await hashPassword(values.password));
    ctx.store.audit.record(
      {
        accountId: account.id,
        actor: A.seat(actorOf(ctx, me, { ...seat, ...values })),
        action: 'seat.updated',
        detail: T.auditSeatUpdated(seat, values, values.password !== ''),
      },
      now(),
    );
    res.redirect(303, back('seatSaved'));
  });

  return router;
}
