// The harness provisioning API as a contract: what an OE test environment must offer so that the
// suites get a fresh account per test, learn where the portal serves each page and endpoint, and
// read the account's state back (README "Pointing the harness at a real OE environment"). The wire
// shapes have one home here, beside the portal and the suites: the reference portal implements
// them (portal/harness/routes.ts, portal/driverEmbedded.ts) and the suites' targets call them
// (suites/target/provisioningClient.ts), neither importing the other.
//
// Nothing of a portal's own paths is assumed by the harness: every URL it opens comes from the
// `urls` of a provisioned account (or from a redirect the portal itself sends).

/** Contract version this harness speaks (`GET /_harness/health` answers it). */
export const HARNESS_CONTRACT_VERSION = 2;

export const HARNESS_PATHS = {
  health: '/_harness/health',
  accounts: '/_harness/accounts',
  account: (accountId: number): string => `/_harness/accounts/${accountId}`,
  /** Optional fast path (`provisioning.ssoConfig: true` in the target file). */
  accountSso: (accountId: number): string => `/_harness/accounts/${accountId}/sso`,
  /** Optional: disable or enable one seat (`SeatChangeSpec`). */
  accountSeat: (accountId: number, seatId: number): string => `/_harness/accounts/${accountId}/seats/${seatId}`,
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

/** The SP values of one account: what the admin registers at the IdP. */
export interface SpUrls {
  readonly entityId: string;
  readonly acsUrl: string;
  readonly metadataUrl: string;
  /** Starts an SP-initiated SSO login for this account (SAML AuthnRequest or OIDC authorization request). */
  readonly signOnUrl: string;
  readonly oidcRedirectUri: string;
}

/** Where the portal serves each page the suites open, for one account (absolute URLs). */
export interface PortalUrls {
  /** The page a seat lands on after logging in; it offers the log-out control. */
  readonly portal: string;
  /** The login page: the email first (SSO seats go on to their IdP), then the password step. */
  readonly login: string;
  /**
   * The password form reached directly (a bookmark, an old desktop client), with `{email}` where the
   * email goes, e.g. `https://oe.example/login/password?email={email}`. Optional: without it the
   * suites check that an SSO seat is never offered a password step.
   */
  readonly passwordLogin?: string;
  /** Account parameters → IdP and SSO of this account, as its admin opens it. */
  readonly accountParameters: string;
  /** This account's audit log as its admin reads it. Optional (the audit is read through `GET accounts/{id}` otherwise). */
  readonly auditLog?: string;
  /** This account's seats as its admin manages them (add, edit, import). Optional: without it the seat data scenarios do not apply. */
  readonly seats?: string;
  /** The Ooma support console's login page. */
  readonly support: string;
  /** This account in the support console: where support staff ask for access (ticket and reason). */
  readonly supportAccount: string;
  readonly sp: SpUrls;
  /** The native apps' OAuth endpoints (RFC 8252 public clients, PKCE S256). */
  readonly native: {
    readonly authorize: string;
    readonly token: string;
    /** `GET` with `Authorization: Bearer <access token>` → JSON naming the seat (see `NativeUserinfo`). */
    readonly userinfo: string;
  };
}

/** The OE native apps as the portal registers them. */
export interface NativeClients {
  /** The desktop app: any `http://127.0.0.1:{port}/{path}` redirect (RFC 8252 §7.3). */
  readonly desktop: { readonly clientId: string };
  /** The mobile app: its private-use URI scheme redirect (RFC 8252 §7.1), e.g. `com.ooma.enterprise:/oauth2redirect`. */
  readonly mobile: { readonly clientId: string; readonly redirectUri: string };
}

/** `201` answer of `POST /_harness/accounts`. */
export interface ProvisionedAccount {
  readonly accountId: number;
  readonly name: string;
  readonly ssoDomains: readonly string[];
  readonly seats: readonly {
    readonly id: number;
    readonly name: string;
    readonly email: string;
    readonly role: 'admin' | 'user';
    readonly disabled: boolean;
  }[];
  readonly urls: PortalUrls;
  readonly nativeClients: NativeClients;
  /**
   * Optional: the query parameter of `urls.login` and `urls.sp.signOnUrl` that names the portal page
   * to land on after login (e.g. `return_to`). Without it the return-path scenarios do not apply.
   */
  readonly returnTo?: { readonly parameter: string };
}

/** Who did something, in the audit: `kind` is one of these words; `label` names the person (a seat's label holds its email). */
export type AuditActorKind = 'seat' | 'support' | 'anonymous' | 'harness' | 'system';

export interface AuditEvent {
  readonly at: string;
  /** The portal's own word for what happened; a target file maps it to the harness's (`audit.actions`). */
  readonly action: string;
  readonly actor: { readonly kind: string; readonly label: string };
  readonly detail: string;
  /** The portal's own word for why a login was refused; a target file maps it to a reason code (`audit.reasons`). */
  readonly reason: string | null;
}

/** One live web session of a seat (native-app tokens are not sessions). */
export interface SeatSession {
  readonly email: string;
  /** How the session was opened. */
  readonly method: 'sso' | 'password';
}

/** What `GET /_harness/accounts/{id}` answers that the suites read (it may carry more). */
export interface AccountState {
  readonly sso: {
    readonly enabled: boolean;
    readonly version: number | null;
    readonly protocol: 'saml' | 'oidc' | null;
    readonly currentVersionPassedTest: boolean;
  };
  /** Live web sessions of the account's seats: "no seat is logged in" is `seatSessions === 0`. */
  readonly seatSessions: number;
  /** The same sessions, one entry each: who is logged in, and how. */
  readonly sessions: readonly SeatSession[];
  readonly auditEvents: readonly AuditEvent[];
}

/**
 * Body of the optional `PATCH /_harness/accounts/{id}/seats/{seatId}`: disable a seat (or enable it
 * again) as its admin or a provisioning sync would. `200` with the seat; `404`/`405`/`501` when the
 * portal does not offer it (the scenario that needs it is then not applicable).
 */
export interface SeatChangeSpec {
  readonly disabled: boolean;
}

/**
 * Body of the optional `PUT /_harness/accounts/{id}/sso` (the fast path for the conformance
 * matrix's ~20 accounts per worker): what the admin would enter in IdP and SSO, then enable.
 * `200` when saved (and switched as asked), `422 { error, message }` when the portal refuses the
 * configuration. Without it, the suites configure every account through the admin UI.
 */
/**
 * The vendor preset to choose: a persona's vendor id (the harness sends `persona.vendor`; the ids
 * are the persona registry's, mock-idps/personas/index.ts, which lib/ does not import). A target
 * without a preset of that id refuses the body with 422, as it refuses any configuration.
 */
export type HarnessVendor = string;

export type SsoConfigSpec =
  | {
      readonly protocol: 'saml';
      readonly vendor: HarnessVendor;
      readonly metadataSource: 'url';
      readonly metadataUrl: string;
      readonly requireSignedResponse: boolean;
      readonly requireSignedAssertion: boolean;
      readonly allowIdpInitiated: boolean;
      /** The allowed clock skew (seconds); the harness's time-boundary scenarios assume the one it sets. */
      readonly allowedClockSkewSeconds?: number;
      readonly enabled: boolean;
    }
  | {
      readonly protocol: 'oidc';
      readonly vendor: HarnessVendor;
      readonly issuer: string;
      readonly clientId: string;
      readonly clientSecret: string;
      /** Google Workspace: the `hd` the ID token must carry. */
      readonly hostedDomain?: string;
      readonly allowedClockSkewSeconds?: number;
      readonly enabled: boolean;
    };

/**
 * What the native userinfo endpoint answers: the seat's email at `email` (OIDC UserInfo style) or
 * at `seat.email`; `role` / `seat.role` and `account.name` / `accountName` when the portal has them.
 */
export interface NativeUserinfo {
  readonly email?: string;
  readonly role?: string;
  readonly accountName?: string;
  readonly seat?: { readonly email?: string; readonly role?: string };
  readonly account?: { readonly name?: string };
}

/** `GET /_harness/health`. */
export interface HarnessHealth {
  readonly ok: boolean;
  /** The contract version the portal implements (2 = this file). */
  readonly contract?: number;
}

/**
 * The harness's own words for the audit actions (the lifecycle's audit trail checks some of them;
 * the reference portal writes exactly these). A portal that writes other words maps them in its
 * target file (`audit.actions`: its word → one of these).
 */
export const HARNESS_AUDIT_ACTIONS = [
  'account.created',
  'account.updated',
  'sso.config.saved',
  'sso.enabled',
  'sso.disabled',
  'sso.enable.refused',
  'sso.test.started',
  'sso.test.passed',
  'sso.test.failed',
  'sso.login.succeeded',
  'sso.login.refused',
  'sso.login.start-failed',
  'password.login.succeeded',
  'password.login.failed',
  'password.login.refused',
  'logout',
  'support.access.granted',
  'support.sso.disabled',
  'native.authorized',
  'native.authorize.refused',
  'native.token.issued',
  'native.token.refused',
  'seat.added',
  'seat.updated',
  'seats.imported',
  'seat-audit.idp-export.uploaded',
] as const;

export type HarnessAuditAction = (typeof HARNESS_AUDIT_ACTIONS)[number];

export function isHarnessAuditAction(value: string): value is HarnessAuditAction {
  return (HARNESS_AUDIT_ACTIONS as readonly string[]).includes(value);
}

/**
 * The harness's words for the kinds of seat email audit findings. A portal that shows other words
 * maps them in its target file (`seatAuditKinds`: its word → one of these).
 */
export const SEAT_AUDIT_KINDS = [
  'duplicate-email',
  'invalid-email',
  'domain-not-sso',
  'missing-from-idp',
  'idp-user-without-seat',
  'guest-upn',
  'admin-not-covered',
] as const;

export type SeatAuditKindWord = (typeof SEAT_AUDIT_KINDS)[number];

export function isSeatAuditKind(value: string): value is SeatAuditKindWord {
  return (SEAT_AUDIT_KINDS as readonly string[]).includes(value);
}
