// The harness provisioning API as a contract: what an OE test environment must offer so that the
// suites get a fresh account per test and can read its state back (README "Pointing the harness at
// a real OE environment"). The wire shapes have one home here, beside the portal and the suites:
// the reference portal implements them (portal/harness/routes.ts, portal/driverEmbedded.ts) and the
// suites' remote target calls them (suites/target/provisioningClient.ts), neither importing the other.

export const HARNESS_PATHS = {
  health: '/_harness/health',
  accounts: '/_harness/accounts',
  account: (accountId: number): string => `/_harness/accounts/${accountId}`,
} as const;

export interface SeatSpec {
  readonly name: string;
  readonly email: string;
  readonly role: 'admin' | 'user';
  /** Test-only password for the seat's password login. */
  readonly password?: string;
  readonly disabled?: boolean;
}

/** Body of `POST /_harness/accounts`. Emails are taken as given: the seat audit suites need duplicates and invalid ones. */
export interface AccountSpec {
  readonly name?: string;
  /** Default: the domain of the first admin's email. */
  readonly ssoDomains?: readonly string[];
  readonly seats: readonly SeatSpec[];
}

/** `201` answer of `POST /_harness/accounts`. */
export interface ProvisionedAccount {
  readonly accountId: number;
  readonly name: string;
  readonly ssoDomains: readonly string[];
  readonly seats: readonly { readonly id: number; readonly name: string; readonly email: string; readonly role: 'admin' | 'user'; readonly disabled: boolean }[];
  readonly urls: {
    readonly portal: string;
    readonly login: string;
    readonly accountParameters: string;
    readonly support: string;
    readonly sp: { readonly entityId: string; readonly acsUrl: string; readonly metadataUrl: string; readonly signOnUrl: string; readonly oidcRedirectUri: string };
  };
}

export interface AuditEvent {
  readonly at: string;
  readonly action: string;
  readonly actor: { readonly kind: string; readonly label: string };
  readonly detail: string;
  readonly reason: string | null;
}

/** What `GET /_harness/accounts/{id}` answers that the suites read (it may carry more). */
export interface AccountState {
  readonly sso: { readonly enabled: boolean; readonly version: number | null; readonly protocol: 'saml' | 'oidc' | null; readonly currentVersionPassedTest: boolean };
  /** Live portal sessions of the account's seats: "no seat is logged in" is `seatSessions === 0`. */
  readonly seatSessions: number;
  readonly auditEvents: readonly AuditEvent[];
}

/** `GET /_harness/health`. */
export interface HarnessHealth {
  readonly ok: boolean;
}
