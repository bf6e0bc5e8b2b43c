// The lockout causes live with the fault catalog (mock-idps/faults/lockoutCauses.ts), where
// `sso-harness repro` reads them too; the lifecycle suite's context adds its PortalDriver.
import type { LockoutContext as IdpLockoutContext } from '../../mock-idps/index.ts';
import type { PortalDriver } from '../driver/portalDriver.ts';

export { LOCKOUT_CAUSES, type LockoutCause, type LockoutCauseId, type LockoutState, type Symptom } from '../../mock-idps/index.ts';

export interface LockoutContext extends IdpLockoutContext {
  readonly driver: PortalDriver;
}
