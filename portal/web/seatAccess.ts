// A seat that is disabled (by its admin, a seat import or the provisioning API) loses its access at
// once: its live web sessions end and its apps' tokens are revoked, and every request checks the
// flag again. Two defect switches get this partly wrong (portal/defects.ts).
import type { PortalContext } from '../context.ts';
import type { Seat } from '../db/accounts.ts';
import { defectOn } from '../defects.ts';

/** Ends the access of a seat that went from enabled to disabled (nothing when it did not). */
export function endAccessIfDisabled(ctx: PortalContext, before: Pick<Seat, 'id' | 'disabled'>, disabledNow: boolean): void {
  if (before.disabled || !disabledNow || defectOn(ctx.defects, 'disabled-seat-checked-at-login-only')) return;
  ctx.store.sessions.deleteSeatSessions(before.id);
  if (!defectOn(ctx.defects, 'disabled-seat-app-tokens-live')) ctx.store.native.revokeTokensOfSeat(before.id);
}

/** Whether a request by a disabled seat (a live session, an app token) is refused; a defect switch skips the check. */
export function refusesDisabledSeat(ctx: PortalContext, via: 'web' | 'app'): boolean {
  if (defectOn(ctx.defects, 'disabled-seat-checked-at-login-only')) return false;
  return via === 'web' || !defectOn(ctx.defects, 'disabled-seat-app-tokens-live');
}
