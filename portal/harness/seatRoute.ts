// Harness API: disable (or enable again) one seat of an account, as its admin, a seat import or a
// provisioning sync (SCIM) would: `PATCH /_harness/accounts/{id}/seats/{seatId}` with
// `{ "disabled": true | false }`. Disabling ends the seat's access at once, as every other way does
// (web/seatAccess.ts). Answers the seat as `POST /_harness/accounts` lists it.
import { Router } from 'express';
import type { PortalContext } from '../context.ts';
import { endAccessIfDisabled } from '../web/seatAccess.ts';

export function harnessSeatRoutes(ctx: PortalContext): Router {
  const router = Router();
  router.patch('/_harness/accounts/:accountId/seats/:seatId', (req, res) => {
    const { accountId, seatId } = req.params;
    const seat = /^\d{1,12}$/.test(seatId) ? ctx.store.seats.get(Number(seatId)) : undefined;
    if (!seat || String(seat.accountId) !== accountId) {
      res.status(404).json({ error: 'not_found', message: `Account ${accountId} has no seat ${seatId}.` });
      return;
    }
    const body: unknown = req.body;
    const disabled =
      typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>)['disabled'] : undefined;
    if (typeof disabled !== 'boolean' || Object.keys(body as object).length !== 1) {
      res.status(400).json({ error: 'invalid_request', message: 'Send { "disabled": true } or { "disabled": false } (nothing else).' });
      return;
    }
    const after = { name: seat.name, email: seat.email, role: seat.role, disabled };
    ctx.store.seats.update(seat.id, after);
    endAccessIfDisabled(ctx, seat, disabled);
    ctx.store.audit.record(
      {
        accountId: seat.accountId,
        actor: ctx.skin.actors.harness,
        action: 'seat.updated',
        detail: ctx.skin.text.auditSeatUpdated(seat, after, false),
      },
      ctx.now().getTime(),
    );
    res.json({ id: seat.id, ...after });
  });
  return router;
}
