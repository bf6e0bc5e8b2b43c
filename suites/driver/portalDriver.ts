// The seam between the suites and the OE portal under test. Suites only ever talk to this
// interface: page objects with readonly locators (by role and label) and actions named after
// what a person does. The reference portal's implementation is the default; a real OE
// environment plugs in by configuration (SSO_HARNESS_TARGET, selectors), not by editing suites.
import type { Locator, Page } from '@playwright/test';
import type { Vendor } from '../../mock-idps/types.ts';
import type { AccountState, HarnessTarget } from '../target/harnessTarget.ts';

export interface SamlSetup {
  readonly vendor: Vendor;
  readonly metadataUrl: string;
  readonly requireSignedResponse: boolean;
  readonly requireSignedAssertion: boolean;
  readonly allowIdpInitiated?: boolean;
  readonly clockSkewSeconds?: number;
}

export interface OidcSetup {
  readonly vendor: Vendor;
  readonly issuer: string;
  readonly clientId: string;
  /** Secret: typed into the form, never attached. */
  readonly clientSecret: string;
  readonly emailClaim?: string;
}

export interface LoginPageObject {
  readonly email: Locator;
  readonly continueButton: Locator;
  readonly password: Locator;
  readonly logInButton: Locator;
  goto(): Promise<void>;
  /** Email first: an SSO account's seat leaves for its IdP; others get the password step. */
  continueWith(email: string): Promise<void>;
  /** Email first on the login page the browser already shows (an app's browser tab was sent there). */
  continueWithEmailOnThisPage(email: string): Promise<void>;
  /** Open the account's SSO sign-on URL (the OE tile in the IdP's app launcher, or a bookmark): straight to the IdP. */
  startSsoFromSignOnUrl(signOnUrl: string): Promise<void>;
  logInWithPassword(email: string, password: string): Promise<void>;
  /** The password form posted directly (a bookmarked password page, an old desktop client). */
  submitPasswordForm(email: string, password: string): Promise<void>;
}

export interface RefusalPageObject {
  readonly alert: Locator;
  readonly reasonCode: Locator;
  expectReason(reason: string): Promise<void>;
  /** The specifics the refusal page gives (which email, which value), as shown. */
  details(): Promise<string>;
}

/** Who the home page says is signed in. */
export interface SignedInSeat {
  readonly email: string;
  readonly role: string;
  readonly accountName: string;
  readonly via: 'single sign-on' | 'a password';
}

export interface HomePageObject {
  readonly signedInAs: Locator;
  expectSignedIn(email: string, via: 'single sign-on' | 'a password'): Promise<void>;
  /** Reads the "Signed in as" line of the home page (the browser must be showing it). */
  signedInSeat(): Promise<SignedInSeat>;
  /** Opens the home page and logs out (the portal session of this browser ends). */
  goHomeAndLogOut(): Promise<void>;
  logOut(): Promise<void>;
}

/** One row of the seat email audit, as shown. */
export interface SeatAuditRow {
  /** Stable kind, e.g. `duplicate-email`, `guest-upn`, `missing-from-idp`. */
  readonly kind: string;
  readonly email: string;
  readonly blocking: boolean;
  /** Plain words: which email to fix and where. */
  readonly message: string;
}

/** The IdP user export a person downloads from the IdP console and uploads to the portal. */
export interface IdpUserExportFile {
  readonly fileName: string;
  readonly csv: string;
}

export interface SsoSectionObject {
  readonly heading: Locator;
  readonly saveButton: Locator;
  readonly testSsoButton: Locator;
  readonly enableSwitch: Locator;
  /** The heading of the page Test SSO ends on (passed or failed). */
  readonly testSsoResultHeading: Locator;
  goto(): Promise<void>;
  configureSaml(setup: SamlSetup): Promise<void>;
  configureOidc(setup: OidcSetup): Promise<void>;
  /** The value shown under "Links to configure on the IdP side" for a vendor console field name. */
  idpSideLink(consoleFieldName: string): Promise<string>;
  /** Starts Test SSO; the browser is then at the IdP (or back with a result when the IdP session is live). */
  startTestSso(): Promise<void>;
  expectTestSsoPassed(): Promise<void>;
  expectTestSsoFailed(reason: string): Promise<void>;
  enableSso(): Promise<void>;
  /**
   * Flip the Enable switch, read the warnings the confirmation lists, and confirm with
   * "Enable SSO anyway"; fails if the portal asks for no warning-level confirmation. Returns the warnings.
   */
  enableSsoAnyway(): Promise<readonly string[]>;
  expectSsoEnabled(enabled: boolean): Promise<void>;
  /** The seat email audit as shown in the IdP and SSO section (empty when it found no problem). */
  seatAudit(): Promise<readonly SeatAuditRow[]>;
  /** Upload the IdP's user export (CSV) in the seat email audit. */
  uploadIdpUserExport(file: IdpUserExportFile): Promise<void>;
  /** The form values a person sees (secrets excluded), to prove nothing of the configuration was lost. */
  visibleConfiguration(): Promise<Readonly<Record<string, string | boolean>>>;
}

export interface SupportConsoleObject {
  logIn(): Promise<void>;
  /** Opens the account with a ticket reference and a reason (time-limited, audited access). */
  accessAccount(accountId: number, ticket: string, reason: string): Promise<void>;
  turnSsoOff(): Promise<void>;
}

export interface AuditLogObject {
  goto(): Promise<void>;
  /** Rows as shown: action and who did it. */
  entries(): Promise<readonly { readonly action: string; readonly actor: string }[]>;
}

export interface PortalDriver {
  readonly target: HarnessTarget;
  readonly page: Page;
  readonly login: LoginPageObject;
  readonly refusal: RefusalPageObject;
  readonly home: HomePageObject;
  readonly sso: SsoSectionObject;
  readonly support: SupportConsoleObject;
  readonly auditLog: AuditLogObject;
  /** Read back through the target (not the page): SSO state, live seat sessions, audit events. */
  accountState(accountId: number): Promise<AccountState>;
}
