// Seats of the admin's account: list, add, edit (incl. disable), CSV import and export.
import { Router, type Request, type Response } from 'express';
import { hashPassword } from '../auth/passwords.ts';
import type { PortalContext } from '../context.ts';
import { emailKey, type Seat, type SeatRole } from '../db/accounts.ts';
import { seatActor } from './actors.ts';
import { checkbox, field, fileText, readForm } from './form.ts';
import { requireAdmin, seatLoginOf, verifyCsrf } from './guards.ts';
import { csrfInput, seatNav, sendErrorPage, sendPage } from './layout.ts';
import { parseSeatCsv, seatsToCsv } from './seatCsv.ts';
import { applySeatImport, planSeatImport } from './seatImport.ts';
import { seatEditBody, seatsPageBody, type SeatsPageModel } from './seatViews.ts';

const MIN_PASSWORD = 8;

const NOTICES: Readonly<Record<string, string>> = {
  'seat-added': 'Seat added.',
  'seat-saved': 'Seat saved.',
  imported: 'Seat list imported.',
};

function seatProblem(seats: readonly Seat[], self: Seat | undefined, values: { name: string; email: string; role: SeatRole; disabled: boolean; password: string }): string | undefined {
  if (values.name === '' || values.name.length > 200) return 'The name must be 1 to 200 characters.';
  if (!/^[^\s@]+@[^\s@]+$/.test(values.email)) return `"${values.email}" is not an email address: write it like name@company.example.`;
  if (seats.some((seat) => seat.id !== self?.id && emailKey(seat.email) === emailKey(values.email))) return `Another seat already has the email ${values.email} (emails are compared without case). Each seat needs its own email for SSO to know who logs in.`;
  if (values.password !== '' && values.password.length < MIN_PASSWORD) return `The password must be at least ${MIN_PASSWORD} characters.`;
  const admins = seats.filter((seat) => seat.id !== self?.id && seat.role === 'admin' && !seat.disabled).length + (values.role === 'admin' && !values.disabled ? 1 : 0);
  if (admins === 0) return 'This change would leave the account without an enabled admin, and nobody could manage it. Keep at least one admin seat enabled.';
  return undefined;
}

function role(value: string): SeatRole {
  return value === 'admin' ? 'admin' : 'user';
}

export function seatRoutes(ctx: PortalContext): Router {
  const router = Router();
  const admin = requireAdmin(ctx);
  const csrf = verifyCsrf(ctx, 'seat');
  const now = (): number => ctx.now().getTime();

  const renderSeats = (req: Request, res: Response, overrides: Partial<SeatsPageModel> & { status?: number } = {}): void => {
    const { account } = seatLoginOf(req);
    const noticeKey = typeof req.query['notice'] === 'string' ? req.query['notice'] : '';
    const notice = overrides.status ? undefined : NOTICES[noticeKey];
    sendPage(res, {
      status: overrides.status ?? 200, title: 'Seats', nav: seatNav(ctx, req),
      body: seatsPageBody({ csrf: csrfInput(ctx, req, 'seat'), seats: ctx.store.seats.listByAccount(account.id), ...(notice ? { notice } : {}), ...overrides }),
    });
  };

  const seatOf = (req: Request, res: Response): Seat | undefined => {
    const raw = req.params['seatId'];
    const seat = typeof raw === 'string' && /^\d{1,12}$/.test(raw) ? ctx.store.seats.get(Number(raw)) : undefined;
    if (!seat || seat.accountId !== seatLoginOf(req).account.id) {
      sendErrorPage(res, 404, 'Unknown seat', 'This seat does not exist in your account. Go back to Seats and pick it from the list.', seatNav(ctx, req));
      return undefined;
    }
    return seat;
  };

  router.get('/account/seats', admin, (req, res) => renderSeats(req, res));

  router.get('/account/seats.csv', admin, (req, res) => {
    const { account } = seatLoginOf(req);
    res.type('text/csv; charset=utf-8').attachment(`seats-account-${account.id}.csv`).send(seatsToCsv(ctx.store.seats.listByAccount(account.id)));
  });

  router.post('/account/seats', admin, csrf, async (req, res) => {
    const { account, seat: me } = seatLoginOf(req);
    const form = await readForm(req);
    const values = { name: field(form, 'name').trim(), email: field(form, 'email').trim(), role: role(field(form, 'role')), disabled: false, password: field(form, 'password') };
    const problem = seatProblem(ctx.store.seats.listByAccount(account.id), undefined, values);
    if (problem) {
      renderSeats(req, res, { status: 422, addError: problem, addValues: values });
      return;
    }
    const passwordHash = values.password === '' ? undefined : await hashPassword(values.password);
    const seat = ctx.store.seats.add(account.id, { name: values.name, email: values.email, role: values.role, ...(passwordHash ? { passwordHash } : {}) });
    ctx.store.audit.record({ accountId: account.id, actor: seatActor(me), action: 'seat.added', detail: `${seat.name} <${seat.email}> (${seat.role})` }, now());
    res.redirect(303, '/account/seats?notice=seat-added');
  });

  router.post('/account/seats/import', admin, csrf, async (req, res) => {
    const { account, seat: me } = seatLoginOf(req);
    const form = await readForm(req);
    const uploaded = await fileText(form, 'seatsFile');
    const text = uploaded.trim() !== '' ? uploaded : field(form, 'seatsCsv');
    if (text.trim() === '') {
      renderSeats(req, res, { status: 422, importErrors: [{ line: 1, message: 'Choose a CSV file (or paste the CSV) before importing.' }] });
      return;
    }
    const parsed = parseSeatCsv(text);
    const checked = parsed.ok ? planSeatImport(ctx.store.seats.listByAccount(account.id), parsed.rows) : parsed;
    if (!checked.ok) {
      renderSeats(req, res, { status: 422, importErrors: checked.errors });
      return;
    }
    applySeatImport(ctx.store, account.id, checked.plan);
    const summary = `${checked.plan.adds.length} added, ${checked.plan.updates.length} updated, ${checked.plan.unchanged} unchanged`;
    ctx.store.audit.record({ accountId: account.id, actor: seatActor(me), action: 'seats.imported', detail: summary }, now());
    res.redirect(303, '/account/seats?notice=imported');
  });

  router.get('/account/seats/:seatId', admin, (req, res) => {
    const seat = seatOf(req, res);
    if (seat) sendPage(res, { title: 'Edit seat', nav: seatNav(ctx, req), body: seatEditBody(csrfInput(ctx, req, 'seat'), seat) });
  });

  router.post('/account/seats/:seatId', admin, csrf, async (req, res) => {
    const seat = seatOf(req, res);
    if (!seat) return;
    const { account, seat: me } = seatLoginOf(req);
    const form = await readForm(req);
    const values = { name: field(form, 'name').trim(), email: field(form, 'email').trim(), role: role(field(form, 'role')), disabled: checkbox(form, 'disabled'), password: field(form, 'newPassword') };
    const problem = seatProblem(ctx.store.seats.listByAccount(account.id), seat, values);
    if (problem) {
      sendPage(res, { status: 422, title: 'Edit seat', nav: seatNav(ctx, req), body: seatEditBody(csrfInput(ctx, req, 'seat'), { ...seat, ...values }, problem) });
      return;
    }
    ctx.store.seats.update(seat.id, values);
    if (values.password !== '') ctx.store.seats.setPasswordHash(seat.id, await hashPassword(values.password));
    const changes = [
      seat.name !== values.name && `name "${seat.name}" → "${values.name}"`,
      seat.email !== values.email && `email ${seat.email} → ${values.email}`,
      seat.role !== values.role && `role ${seat.role} → ${values.role}`,
      seat.disabled !== values.disabled && (values.disabled ? 'disabled' : 'enabled'),
      values.password !== '' && 'password changed',
    ].filter(Boolean);
    ctx.store.audit.record({ accountId: account.id, actor: seatActor(me), action: 'seat.updated', detail: `${values.email}: ${changes.join(', ') || 'no change'}` }, now());
    res.redirect(303, '/account/seats?notice=seat-saved');
  });

  return router;
}
