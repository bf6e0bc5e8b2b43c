// "Is this person logged in?" as the target says it: the live web sessions of one seat email in
// the driver's account, read through the provisioning API (emails compared without case).
import type { SeatSession } from '../../lib/index.ts';
import type { PortalDriver } from './portalDriver.ts';

/** How many live web sessions `email` has in the driver's account; with `method`, only those opened that way. */
export async function liveSessionsOf(
  driver: Pick<PortalDriver, 'accountState'>,
  email: string,
  method?: SeatSession['method'],
): Promise<number> {
  const wanted = email.toLowerCase();
  return (await driver.accountState()).sessions.filter(
    (session) => session.email.toLowerCase() === wanted && (method === undefined || session.method === method),
  ).length;
}
