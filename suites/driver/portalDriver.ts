// The seam between the suites and the OE portal under test. Suites only ever talk to this
// interface: page objects with readonly locators (by role and accessible name) and actions named
// after what a person does. Every page is opened at a URL the provisioning API gave for the
// account, every control is found by an accessible name of the target (names.ts, overridden by the
// target file), and what a page *means* is read from ARIA roles any portal has: role=alert for a
// refusal, role=note for a warning, role=switch for the Enable toggle, a log-out control for "signed
// in". Suites get a driver from the target (`target.driver(page, account)`), never construct one.
import type { Locator, Page } from '@playwright/test';
import type { AccountState, ProvisionedAccount } from '../../lib/index.ts';
import type { Vendor } from '../../mock-idps/index.ts';

export type SamlSetup =
  | {
      readonly vendor: Vendor;
      readonly metadataUrl: string;
      readonly requireSignedResponse: boolean;
      readonly requireSignedAssertion: boolean;
      readonly allowIdpInitiated?: boolean;
      readonly clockSkewSeconds?: number;
    }
  | {
      readonly vendor: Vendor;
      /** Entered by hand instead of a metadata URL. */
      readonly manual: { readonly entityId: string; readonly ssoUrl: string; readonly certificatePem: string };
      readonly requireSignedResponse: boolean;
      readonly requireSignedAssertion: boolean;
      readonly allowIdpInitiated?: boolean;
      readonly clockSkewSeconds?: number;
    };

export interface OidcSetup {
  readonly vendor: Vendor;
  readonly issuer: string;
  readonly clientId: string;
  /** Secret: typed into the form, never attached. */
  readonly clientSecret: string;
  readonly emailClaim?: string;
  /** Google Workspace: the hd the ID token must carry. */
  readonly hostedDomain?: string;
  readonly clockSkewSeconds?: number;
}

/** What the portal did with a press of the save button. */
export type SaveOutcome =
  | { readonly saved: true }
  /** Refused: the alert's text and the labels of the fields marked invalid (aria-invalid). */
  | { readonly saved: false; readonly alert: string; readonly invalidFields: readonly string[] };

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
  startSsoFromSignOnUrl(): Promise<void>;
  logInWithPassword(email: string, password: string): Promise<void>;
  /** Email then password on the login page the browser already shows (opened with a return path, say). */
  logInWithPasswordOnThisPage(email: string, password: string): Promise<void>;
  /** Whether the portal has a password form reachable directly (`urls.passwordLogin`). */
  readonly hasDirectPasswordForm: boolean;
  /** The password form posted directly (a bookmarked password page, an old desktop client); needs `hasDirectPasswordForm`. */
  submitPasswordForm(email: string, password: string): Promise<void>;
}

export interface RefusalPageObject {
  /** The refusal shown to the person (role=alert). */
  readonly alert: Locator;
  expectShown(): Promise<void>;
  /** Everything the refusal page says (its specifics: which email, which value), as shown. */
  text(): Promise<string>;
}

export interface HomePageObject {
  /** The log-out control: shown to a logged-in seat (button or link named logOutButton). */
  readonly logOutControl: Locator;
  /** The browser shows a logged-in portal page, and `email` has a live session opened `via` (read through the target). */
  expectSignedIn(email: string, via: 'sso' | 'password'): Promise<void>;
  /** Opens the portal's home page and logs out (the portal session of this browser ends). */
  goHomeAndLogOut(): Promise<void>;
  logOut(): Promise<void>;
}

/** One finding of the seat email audit, as shown. */
export interface SeatAuditRow {
  /** The list item's text. */
  readonly text: string;
  readonly blocking: boolean;
  /** The harness's kind (e.g. `duplicate-email`), when the target's word for it is known; undefined otherwise. */
  readonly kind: string | undefined;
}

/** The IdP user export a person downloads from the IdP console and uploads to the portal. */
export interface IdpUserExportFile {
  readonly fileName: string;
  readonly csv: string;
}

export interface TestSsoResult {
  readonly passed: boolean;
  /** Texts of the warnings (role=note) on the result page. */
  readonly warnings: readonly string[];
  /** The refusal's text when it failed. */
  readonly alert: string;
}

export interface SsoSectionObject {
  readonly heading: Locator;
  readonly saveButton: Locator;
  readonly testSsoButton: Locator;
  readonly enableSwitch: Locator;
  /** The heading of the page Test SSO ends on (passed or failed). */
  readonly testSsoResultHeading: Locator;
  goto(): Promise<void>;
  /** Fill and save; refused configurations come back as an outcome. */
  configureSaml(setup: SamlSetup): Promise<SaveOutcome>;
  configureOidc(setup: OidcSetup): Promise<SaveOutcome>;
  /** The section shows `value` (an SP value to register at the IdP) as text or as a field's value. */
  expectShown(value: string, what: string): Promise<void>;
  /** Starts Test SSO; the browser is then at the IdP (or back with a result when the IdP session is live). */
  startTestSso(): Promise<void>;
  /** Reads the Test SSO result page (the browser must be showing it). */
  testSsoResult(): Promise<TestSsoResult>;
  expectTestSsoPassed(): Promise<void>;
  expectTestSsoFailed(): Promise<void>;
  /** Flip the Enable switch and confirm (whichever confirmation the portal asks for); returns the warnings listed. */
  enableSso(): Promise<readonly string[]>;
  /**
   * Flip the Enable switch, read the warnings the confirmation lists, and confirm with the
   * "anyway" button; fails if the portal asks for no warning-level confirmation. Returns the warnings.
   */
  enableSsoAnyway(): Promise<readonly string[]>;
  expectSsoEnabled(enabled: boolean): Promise<void>;
  /** Flip the Enable switch off (confirming when the portal asks): seats log in with their password again. */
  disableSso(): Promise<void>;
  /** The seat email audit as shown in the IdP and SSO section (empty when it found no problem). */
  seatAudit(): Promise<readonly SeatAuditRow[]>;
  /** Upload the IdP's user export (CSV) in the seat email audit. */
  uploadIdpUserExport(file: IdpUserExportFile): Promise<void>;
  /** The form values a person sees (secrets excluded), to prove nothing of the configuration was lost. */
  visibleConfiguration(): Promise<Readonly<Record<string, string | boolean>>>;
}

export interface SupportConsoleObject {
  /** The support console's log-out control: shown once support staff are logged in (its presence means "logged in"). */
  readonly logOutControl: Locator;
  /** The Turn SSO off control of an account's support page: shown only with access to that account while its SSO is on. */
  readonly turnSsoOffControl: Locator;
  logIn(): Promise<void>;
  /** Opens the support console's login page (`urls.support`) and logs out, when logged in. */
  goToConsoleAndLogOut(): Promise<void>;
  /** Opens the driver's account with a ticket reference and a reason (time-limited, audited access). */
  accessAccount(ticket: string, reason: string): Promise<void>;
  turnSsoOff(): Promise<void>;
}

export interface SeatsPageObject {
  /** Whether the target shows the account's seats to its admin on a page (`urls.seats`). */
  readonly available: boolean;
  goto(): Promise<void>;
  /** Add a seat (the form's default role); what the portal did with it. */
  addSeat(seat: { readonly name: string; readonly email: string }): Promise<SaveOutcome>;
  /** Open the seat of `email` and change its email or disabled flag; what the portal did with it. */
  editSeat(email: string, changes: { readonly email?: string; readonly disabled?: boolean }): Promise<SaveOutcome>;
  /** Import a seat list (CSV: name,email,role,disabled); what the portal did with it. */
  importCsv(csv: string): Promise<SaveOutcome>;
  /** The emails the seats page lists, as shown (table cells holding an email). */
  listedEmails(): Promise<readonly string[]>;
}

export interface AuditLogObject {
  /** Whether the target shows the account's audit log on a page (`urls.auditLog`). */
  readonly available: boolean;
  goto(): Promise<void>;
  /** Rows as shown: what happened (the portal's word) and who did it. */
  entries(): Promise<readonly { readonly action: string; readonly actor: string }[]>;
}

export interface PortalDriver {
  readonly page: Page;
  /** The account whose pages this driver opens. */
  readonly account: ProvisionedAccount;
  readonly login: LoginPageObject;
  readonly refusal: RefusalPageObject;
  readonly home: HomePageObject;
  readonly sso: SsoSectionObject;
  readonly support: SupportConsoleObject;
  readonly auditLog: AuditLogObject;
  readonly seats: SeatsPageObject;
  /** Read back through the target (not the page): SSO state, live seat sessions, audit events. */
  accountState(): Promise<AccountState>;
}
