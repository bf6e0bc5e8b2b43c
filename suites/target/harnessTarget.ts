// What one Playwright worker drives: the OE portal (embedded reference portal started in-process,
// or a remote OE environment from SSO_HARNESS_TARGET) and a mock IdP server, both on loopback.
// This is the only suites/ module that starts servers; tests see the HarnessTarget interface.
import { startEmbeddedPortal, type AccountSpec, type EmbeddedPortal, type ProvisionedAccount } from '../../portal/driverEmbedded.ts';
import { startIdpServer, type IdpServer } from '../../mock-idps/server.ts';
import { loadTargetConfig, type Credentials, type SelectorOverrides, type TargetConfig } from './targetConfig.ts';

export type { AccountSpec, ProvisionedAccount };

/** What the target says about an account, read back without scraping pages. */
export interface AccountState {
  readonly sso: { readonly enabled: boolean; readonly version: number | null; readonly protocol: 'saml' | 'oidc' | null; readonly currentVersionPassedTest: boolean };
  /** Live portal sessions of the account's seats: "no seat is logged in" is `seatSessions === 0`. */
  readonly seatSessions: number;
  readonly auditEvents: readonly AuditEvent[];
}

export interface AuditEvent {
  readonly at: string;
  readonly action: string;
  readonly actor: { readonly kind: string; readonly label: string };
  readonly detail: string;
  readonly reason: string | null;
}

export interface HarnessTarget {
  readonly name: string;
  readonly portalUrl: string;
  readonly idpControlUrl: string;
  readonly selectors: SelectorOverrides;
  readonly supportStaff: Credentials;
  /** A fresh account with these seats (embedded), or the configured account (remote). */
  provisionAccount(spec: AccountSpec): Promise<ProvisionedAccount>;
  accountState(accountId: number): Promise<AccountState>;
  close(): Promise<void>;
}

const SUPPORT_STAFF: Credentials = { email: 'support.agent@ooma.example', password: `support-${process.pid}-TEST-ONLY` };

export async function startHarnessTarget(config: TargetConfig = loadTargetConfig()): Promise<HarnessTarget> {
  const idp = await startIdpServer();
  try {
    if (config.kind === 'remote') throw new Error(remoteNotProvisionable(config.name));
    const portal = await startEmbeddedPortal({ defects: config.defects, log: () => undefined });
    await portal.createSupportStaff({ name: 'Sam Support', ...SUPPORT_STAFF });
    return embeddedTarget(portal, idp);
  } catch (error) {
    await idp.close();
    throw error;
  }
}

function remoteNotProvisionable(name: string): string {
  return `Target "${name}" is a remote OE environment: the lifecycle suites need an account they can reset per test. ` +
    'Run them with --workers=1 against a dedicated test account, and give that account\'s seats in the target file. ' +
    '(This version cannot provision accounts on a remote OE yet; the embedded target is the default.)';
}

function embeddedTarget(portal: EmbeddedPortal, idp: IdpServer): HarnessTarget {
  return {
    name: 'embedded reference portal',
    portalUrl: portal.url,
    idpControlUrl: idp.controlUrl,
    selectors: {},
    supportStaff: SUPPORT_STAFF,
    provisionAccount: (spec) => portal.createAccount(spec),
    async accountState(accountId) {
      const response = await fetch(`${portal.url}/_harness/accounts/${accountId}`, { headers: { authorization: `Bearer ${portal.harnessToken}` } });
      if (!response.ok) throw new Error(`The portal's harness API answered ${response.status} for account ${accountId}.`);
      return (await response.json()) as AccountState;
    },
    async close() {
      await Promise.all([portal.close(), idp.close()]);
    },
  };
}
