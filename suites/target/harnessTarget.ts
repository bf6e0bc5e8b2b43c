// What one Playwright worker drives: the OE portal (embedded reference portal started in-process,
// or a remote OE environment from SSO_HARNESS_TARGET) and a mock IdP server, both on loopback.
// Tests see this interface (startHarnessTarget.ts starts one), and every portal URL, name and
// capability they use comes from it.
import type { Page } from '@playwright/test';
import type { AccountSpec, AccountState, ProvisionedAccount, SsoConfigSpec } from '../../lib/index.ts';
import type { PortalDriver } from '../driver/portalDriver.ts';
import type { Names } from '../driver/reference/names.ts';
import type { TargetCapabilities } from './capabilities.ts';
import type { Credentials } from './targetConfig.ts';

export type { AccountSpec, AccountState, AuditEvent, ProvisionedAccount, SeatSession, SeatSpec, SsoConfigSpec } from '../../lib/index.ts';

export interface HarnessTarget {
  readonly name: string;
  /** The target's base URL (messages, Playwright's baseURL); pages are opened at the provisioned `urls`. */
  readonly portalUrl: string;
  readonly idpControlUrl: string;
  readonly supportStaff: Credentials;
  /** What else this target holds that must never reach a report (provisioning token, preflight admin password). */
  readonly secrets: readonly string[];
  /** The accessible names the driver looks for (the reference portal's, overridden by the target file). */
  readonly names: Names;
  readonly capabilities: TargetCapabilities;
  /** A fresh account with these seats, through the target's provisioning API. */
  provisionAccount(spec: AccountSpec): Promise<ProvisionedAccount>;
  accountState(accountId: number): Promise<AccountState>;
  /** The provisioning API's status for a read of the account with its token changed by `alter` (the token never leaves the target). */
  provisioningStatusWithToken(accountId: number, alter: (token: string) => string | undefined): Promise<number>;
  /** Disable (or enable) a seat through the optional provisioning call; `false` when the target does not offer it. */
  setSeatDisabled(accountId: number, seatId: number, disabled: boolean): Promise<boolean>;
  /** The fast path (only when `capabilities.ssoConfigApi`): save and switch an SSO configuration without the admin UI. */
  configureSso(accountId: number, spec: SsoConfigSpec): Promise<void>;
  /** The browser PortalDriver on `page`, opening the pages of `account`. */
  driver(page: Page, account: ProvisionedAccount): PortalDriver;
  close(): Promise<void>;
}
