// A portal skin: everything about the portal that a real OE may legitimately do differently from
// the reference portal — every path, every visible word, form field and cookie names, the markup,
// how a refusal is shown, the words of its audit log, its native-app clients — while the engine
// underneath (accounts, seats, SSO checks, defect switches) stays the same. The routes and views
// read the skin from the PortalContext; `referenceSkin` renders what the reference portal always
// rendered, `foreignSkin` looks like a portal written by another team (portal/README.md).
import type { ReasonCode } from '../../lib/index.ts';
import type { Account, Seat } from '../db/accounts.ts';
import type { Actor, AuditAction, AuditEvent } from '../db/audit.ts';
import type { IdpUserExport } from '../db/idpUsers.ts';
import type { SsoStatus } from '../db/ssoConfigs.ts';
import type { SupportGrant, SupportStaff } from '../db/support.ts';
import type { NativeClientConfig } from '../native/clients.ts';
import type { FieldError, SeatAuditFinding, SeatAuditKind, SpEndpoints, SsoIdentity, SsoSettings } from '../sso/contract.ts';
import type { SpPathLayout } from '../sso/spEndpoints.ts';
import type { CsvLineError } from '../web/seatCsv.ts';
import type { SsoFieldKey, SsoFormValues } from '../web/ssoForm.ts';
import type { SafeHtml } from '../web/html.ts';

export type SkinName = 'reference' | 'foreign';

/**
 * Express route paths. `:accountId` / `:seatId` are filled in with `pathFor`. Every page, form
 * action, endpoint and asset of the portal; only the provisioning API (`/_harness/…`) is fixed.
 */
export interface SkinPaths {
  readonly root: string;
  readonly stylesheet: string;
  /** Email step (GET page, POST email). */
  readonly login: string;
  /** Password step (GET page, POST password). */
  readonly passwordLogin: string;
  readonly logout: string;
  /** Where a seat lands after logging in. */
  readonly home: string;
  /** Account parameters with the IdP and SSO section. */
  readonly settings: string;
  readonly settingsProfile: string;
  readonly ssoSave: string;
  readonly idpUsers: string;
  readonly ssoTest: string;
  readonly ssoEnable: string;
  readonly ssoDisable: string;
  readonly seats: string;
  readonly seatsCsv: string;
  readonly seatsImport: string;
  readonly seat: string;
  readonly auditLog: string;
  readonly apiSeatAudit: string;
  readonly apiAuditLog: string;
  readonly support: string;
  readonly supportLogin: string;
  readonly supportLogout: string;
  readonly supportAccount: string;
  readonly supportAccess: string;
  readonly supportSsoDisable: string;
  /** Per-account SP endpoints (sign-on URL, ACS, metadata = entity ID, OIDC redirect URI). */
  readonly sp: SpPathLayout;
  readonly native: { readonly authorize: string; readonly resume: string; readonly token: string; readonly userinfo: string };
}

/** Query parameter names (also the hidden form fields that carry the same values). */
export interface SkinQuery {
  readonly returnTo: string;
  readonly account: string;
  readonly email: string;
  readonly notice: string;
  readonly request: string;
  readonly search: string;
}

/** Form field `name`s. */
export interface SkinFields {
  readonly csrf: string;
  readonly email: string;
  readonly password: string;
  readonly confirm: string;
  readonly accountName: string;
  readonly ssoDomains: string;
  readonly idpUsersFile: string;
  readonly seatName: string;
  readonly seatEmail: string;
  readonly seatRole: string;
  readonly seatPassword: string;
  readonly seatNewPassword: string;
  readonly seatDisabled: string;
  readonly seatsFile: string;
  readonly seatsCsv: string;
  readonly supportEmail: string;
  readonly supportPassword: string;
  readonly ticket: string;
  readonly reason: string;
  /** The IdP and SSO form, by the SSO library's input property (FieldError.field). */
  readonly sso: Readonly<Record<SsoFieldKey, string>>;
}

export interface SkinCookies {
  readonly seatSession: string;
  readonly supportSession: string;
  readonly browser: string;
  readonly pendingLogin: string;
}

export type NoticeKey =
  | 'accountSaved'
  | 'ssoSaved'
  | 'idpUsersSaved'
  | 'ssoEnabled'
  | 'ssoDisabled'
  | 'seatAdded'
  | 'seatSaved'
  | 'seatsImported'
  | 'supportSsoDisabled';

/** Fragment ids the portal redirects to after a form post. */
export interface SkinAnchors {
  readonly idpAndSso: string;
  readonly idpLinks: string;
  readonly seatAudit: string;
  readonly enableSso: string;
}

/** The portal's own words in its audit log and APIs (stored as the reference words, translated on output). */
export interface SkinVocabulary {
  action(action: AuditAction): string;
  reason(reason: ReasonCode): string;
  seatAuditKind(kind: SeatAuditKind): string;
  /** A seat audit finding in the portal's words (the JSON API and the pages). */
  seatAuditMessage(finding: SeatAuditFinding): string;
}

/** How people appear in the audit log ("who did it"); the kinds are the harness contract's words. */
export interface SkinActors {
  seat(seat: Pick<Seat, 'name' | 'email' | 'role'>): Actor;
  support(staff: SupportStaff, grant?: SupportGrant): Actor;
  anonymous(email?: string): Actor;
  /** Someone the IdP vouched for, before (or instead of) matching a seat. */
  ssoIdentity(email: string | undefined): Actor;
  /** A native app acting before any seat is known. */
  nativeApp(appName: string): Actor;
  readonly portal: Actor;
  readonly testSso: Actor;
  readonly harness: Actor;
}

/** Route-level words: page titles, notices, refusal details, error messages, audit details. */
export interface SkinText {
  readonly titles: {
    readonly login: string;
    readonly home: string;
    readonly accountParameters: string;
    readonly enableConfirm: string;
    readonly testResult: string;
    readonly seats: string;
    readonly seatEdit: string;
    readonly auditLog: string;
    readonly supportLogin: string;
    readonly supportConsole: string;
    readonly supportAccess: string;
    supportAccount(account: Account): string;
  };
  readonly notices: Readonly<Record<NoticeKey, string>>;
  // Login
  readonly wrongCredentials: string;
  readonly badLoginEmail: string;
  ssoRequiredDetail(account: Account): string;
  readonly continueWithSso: string;
  seatDisabledDetail(email: string): string;
  readonly auditPasswordFailed: string;
  readonly auditPasswordOk: string;
  readonly auditLoggedOut: string;
  // Account parameters
  readonly accountNameInvalid: string;
  domainInvalid(domain: string): string;
  auditAccountUpdated(name: string, domains: readonly string[]): string;
  auditSsoSaved(version: number, settings: SsoSettings): string;
  readonly idpExportMissing: string;
  auditIdpExport(users: number): string;
  readonly testNotConfiguredDetail: string;
  readonly testNotConfiguredHeading: string;
  auditTestStarted(version: number): string;
  readonly enableNotConfiguredDetail: string;
  readonly enableNotConfiguredHeading: string;
  auditSsoEnabled(version: number, neverPassedTest: boolean, blockingFindings: number): string;
  readonly auditSsoDisabledByAdmin: string;
  // Seats
  readonly seatNameInvalid: string;
  seatEmailInvalid(email: string): string;
  seatEmailTaken(email: string): string;
  seatPasswordShort(min: number): string;
  readonly seatNoAdminLeft: string;
  readonly unknownSeatTitle: string;
  readonly unknownSeatMessage: string;
  readonly seatImportEmpty: string;
  seatCsvFileName(accountId: number): string;
  auditSeatAdded(seat: Pick<Seat, 'name' | 'email' | 'role'>): string;
  auditSeatsImported(added: number, updated: number, unchanged: number): string;
  auditSeatUpdated(
    before: Pick<Seat, 'name' | 'email' | 'role' | 'disabled'>,
    after: Pick<Seat, 'name' | 'email' | 'role' | 'disabled'>,
    passwordChanged: boolean,
  ): string;
  // JSON APIs
  readonly apiForbidden: string;
  readonly apiUnauthorized: string;
  // SP endpoints and SSO flows
  readonly unknownSsoAccountTitle: string;
  readonly unknownSsoAccountMessage: string;
  ssoStartNotEnabledDetail(account: Account): string;
  readonly acsWithoutResponseDetail: string;
  samlNotConfiguredDetail(account: Account): string;
  readonly oidcStateMissingDetail: string;
  oidcNotConfiguredDetail(account: Account): string;
  readonly idpUnreachableHeading: string;
  loginStartFailedDetail(problem: string): string;
  readonly loginStartFailedAdvice: string;
  noSeatForEmailDetail(email: string, account: Account): string;
  seatForEmailDisabledDetail(email: string): string;
  sharedSeatEmailDetail(count: number, email: string, account: Account): string;
  testPassedDetail(email: string): string;
  auditTestResult(version: number, failureDetail: string | undefined, email: string): string;
  auditSsoLogin(spInitiated: boolean, emailSource: string | undefined): string;
  readonly defaultRefusalHeading: string;
  // Errors and guards
  readonly notFoundTitle: string;
  notFoundMessage(path: string): string;
  readonly serverErrorTitle: string;
  readonly serverErrorMessage: string;
  readonly requestRefusedTitle: string;
  unreadableBody(problem: string): string;
  readonly adminsOnlyTitle: string;
  readonly adminsOnlyMessage: string;
  readonly formRefusedTitle: string;
  readonly formRefusedMessage: string;
  // Support console
  readonly supportProduct: string;
  readonly supportWrongLogin: string;
  readonly supportUnknownAccountTitle: string;
  readonly supportUnknownAccountMessage: string;
  readonly supportTicketInvalid: string;
  supportReasonInvalid(min: number): string;
  auditSupportAccess(ticket: string, reason: string, until: number): string;
  readonly supportAccessExpiredTitle: string;
  readonly supportAccessExpiredMessage: string;
  auditSupportSsoDisabled(wasEnabled: boolean): string;
  // Native apps
  readonly unknownAppTitle: string;
  unknownAppMessage(clientId: string, known: readonly string[]): string;
  readonly appRefusalHeading: string;
  appRedirectRefusedDetail(appName: string, problem: string, rule: string): string;
  readonly unsupportedResponseType: string;
  pkceRefusedDescription(): string;
  readonly auditPkceRefused: string;
  readonly appRequestExpiredDetail: string;
  auditAppAuthorized(appName: string, method: 'sso' | 'password'): string;
  readonly unsupportedGrantType: string;
  unknownClientDescription(clientId: string, known: readonly string[]): string;
  tokenRefusedDescription(reason: ReasonCode, detail: string): string;
  readonly codeUnknownDetail: string;
  readonly codeReplayedDetail: string;
  readonly redirectMismatchDetail: string;
  readonly verifierMissingDetail: string;
  readonly verifierWrongDetail: string;
  auditTokenIssued(appName: string): string;
  readonly tokenInvalidMessage: string;
  readonly tokenMissingMessage: string;
  // Provisioning API (its answers are the contract's; these are the audit details it writes)
  auditAccountCreated(seats: number): string;
  auditHarnessSsoSaved(version: number, protocol: 'saml' | 'oidc', vendor: string): string;
  auditHarnessSsoSwitched(version: number): string;
}

// ---- View models ----------------------------------------------------------------------------

export interface LoginHidden {
  readonly returnTo?: string;
  readonly accountId?: number;
}

export interface AccountPageModel {
  readonly account: Account;
  readonly csrf: SafeHtml;
  readonly status: SsoStatus;
  readonly sp: SpEndpoints;
  readonly form: SsoFormValues;
  readonly fieldErrors: readonly FieldError[];
  readonly findings: readonly SeatAuditFinding[];
  /** Warnings about the saved configuration, as of now (certificate dates, what the last login saw). */
  readonly configWarnings: readonly string[];
  readonly idpExport?: IdpUserExport;
  readonly notice?: string;
  readonly accountError?: string;
  readonly idpExportErrors?: readonly FieldError[];
  /** The saved client secret, shown in the form (a text field, pre-filled): only the defect switch `client-secret-shown` sets it. */
  readonly secretShownBack?: string;
}

export interface TestResultModel {
  readonly version: number;
  /** The vendor of the saved configuration: a failure's fix is given in its console's words where there is one. */
  readonly vendor?: string;
  readonly identity?: SsoIdentity;
  readonly seat?: Seat;
  readonly failure?: { readonly reason?: ReasonCode; readonly detail: string };
}

export interface EnableConfirmModel {
  readonly csrf: SafeHtml;
  readonly version: number;
  readonly neverPassedTest: boolean;
  readonly blockingFindings: readonly SeatAuditFinding[];
}

export interface SeatsPageModel {
  readonly csrf: SafeHtml;
  readonly seats: readonly Seat[];
  readonly notice?: string;
  readonly addError?: string;
  readonly addValues?: { readonly name: string; readonly email: string; readonly role: string };
  readonly importErrors?: readonly CsvLineError[];
}

export interface SearchRow {
  readonly account: Account;
  readonly ssoEnabled: boolean;
  readonly seats: number;
}

export interface SupportAccountModel {
  readonly csrf: SafeHtml;
  readonly account: Account;
  readonly grant: SupportGrant;
  readonly status: SsoStatus;
  readonly sp: SpEndpoints;
  readonly seats: readonly Seat[];
  readonly findings: readonly SeatAuditFinding[];
  readonly configWarnings: readonly string[];
  readonly events: readonly AuditEvent[];
  readonly notice?: string;
  /** The saved client secret, shown: only the defect switches `client-secret-shown*` set it. */
  readonly secretShownBack?: string;
}

export interface RefusalModel {
  readonly reason: ReasonCode;
  readonly detail?: string;
  readonly heading: string;
  /** The way forward, e.g. "Continue with SSO" for sso-required. */
  readonly next?: { readonly href: string; readonly label: string };
}

/** One page as the document shell wraps it. */
export interface PageShell {
  readonly title: string;
  readonly body: SafeHtml;
  readonly nav?: SafeHtml;
  /** The product shown in the banner (the support console names itself). */
  readonly product?: string;
}

/** The markup of every page: each skin renders its own. */
export interface SkinViews {
  readonly stylesheet: string;
  document(page: PageShell): string;
  csrfField(token: string): SafeHtml;
  seatNav(m: { readonly csrf: SafeHtml; readonly admin: boolean }): SafeHtml;
  supportNav(m: { readonly csrf: SafeHtml; readonly staff: SupportStaff }): SafeHtml;
  errorBody(m: { readonly title: string; readonly message: string }): SafeHtml;
  emailStep(m: { readonly csrf: SafeHtml; readonly email: string; readonly hidden: LoginHidden; readonly error?: string }): SafeHtml;
  accountChoice(m: {
    readonly csrf: SafeHtml;
    readonly email: string;
    readonly accounts: readonly Account[];
    readonly returnTo?: string;
  }): SafeHtml;
  passwordStep(m: { readonly csrf: SafeHtml; readonly email: string; readonly hidden: LoginHidden; readonly error?: string }): SafeHtml;
  home(m: { readonly seat: Seat; readonly account: Account; readonly method: 'sso' | 'password' }): SafeHtml;
  accountPage(m: AccountPageModel): SafeHtml;
  testResult(m: TestResultModel): SafeHtml;
  enableConfirm(m: EnableConfirmModel): SafeHtml;
  seatsPage(m: SeatsPageModel): SafeHtml;
  seatEdit(m: { readonly csrf: SafeHtml; readonly seat: Seat; readonly error?: string }): SafeHtml;
  auditLogPage(m: { readonly account: Account; readonly viewer: Actor; readonly events: readonly AuditEvent[] }): SafeHtml;
  supportLogin(m: { readonly csrf: SafeHtml; readonly email: string; readonly error?: string }): SafeHtml;
  supportSearch(m: { readonly query: string; readonly rows: readonly SearchRow[] }): SafeHtml;
  supportAccess(m: {
    readonly csrf: SafeHtml;
    readonly account: Account;
    readonly values: { readonly ticket: string; readonly reason: string };
    readonly error?: string;
  }): SafeHtml;
  supportAccount(m: SupportAccountModel): SafeHtml;
  refusal(m: RefusalModel): SafeHtml;
}

/** What the native userinfo endpoint answers about the seat behind a token. */
export type NativeUserinfoShape = (seat: Seat, account: Account, clientId: string) => Record<string, unknown>;

export interface PortalSkin {
  readonly name: SkinName;
  readonly paths: SkinPaths;
  readonly query: SkinQuery;
  readonly fields: SkinFields;
  readonly cookies: SkinCookies;
  readonly noticeKeys: Readonly<Record<NoticeKey, string>>;
  readonly anchors: SkinAnchors;
  /** Response header naming the refusal reason code; absent = reason codes are never exposed (header, JSON `reason`, page). */
  readonly reasonHeader?: string;
  readonly vocabulary: SkinVocabulary;
  readonly actors: SkinActors;
  readonly text: SkinText;
  readonly views: SkinViews;
  readonly nativeClients: NativeClientConfig;
  readonly nativeUserinfo: NativeUserinfoShape;
}

/** A route path with its `:accountId` / `:seatId` filled in. */
export function pathFor(template: string, params: { readonly accountId?: number; readonly seatId?: number }): string {
  return template.replace(/:(accountId|seatId)\b/g, (match, name: 'accountId' | 'seatId') => {
    const value = params[name];
    if (value === undefined) throw new Error(`pathFor: ${template} needs ${name}`);
    return String(value);
  });
}
