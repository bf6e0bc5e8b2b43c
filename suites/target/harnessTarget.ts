// What one Playwright worker drives: the OE portal (embedded reference portal started in-process,
// or a remote OE environment from SSO_HARNESS_TARGET) and a mock IdP server, both on loopback.
// This is the only suites/ module that starts servers; tests see the HarnessTarget interface.
import { startIdpServer } from '../../mock-idps/server.ts';
import { startEmbeddedTarget } from './embeddedTarget.ts';
import type { AccountSpec, AccountState, ProvisionedAccount } from '../../lib/harnessContract.ts';
import { remoteTarget } from './remoteTarget.ts';
import { loadTargetConfig, type Credentials, type SelectorOverrides, type TargetConfig } from './targetConfig.ts';

export type { AccountSpec, AccountState, AuditEvent, ProvisionedAccount, SeatSpec } from '../../lib/harnessContract.ts';

export interface HarnessTarget {
  readonly name: string;
  readonly portalUrl: string;
  readonly idpControlUrl: string;
  readonly selectors: SelectorOverrides;
  readonly supportStaff: Credentials;
  /** What else this target holds that must never reach a report (provisioning token, preflight admin password). */
  readonly secrets: readonly string[];
  /** A fresh account with these seats, through the target's provisioning API. */
  provisionAccount(spec: AccountSpec): Promise<ProvisionedAccount>;
  accountState(accountId: number): Promise<AccountState>;
  close(): Promise<void>;
}

export async function startHarnessTarget(config: TargetConfig = loadTargetConfig()): Promise<HarnessTarget> {
  const idp = await startIdpServer();
  try {
    return config.kind === 'remote' ? remoteTarget(config, idp) : await startEmbeddedTarget(config.defects, idp);
  } catch (error) {
    await idp.close();
    throw error;
  }
}
