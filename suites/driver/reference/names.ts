// Accessible names (labels, button names, headings, option labels, texts) the PortalDriver looks
// for, with the reference portal's words as defaults. A target file overrides any of them
// ("selectors"), so OE — with its own words — is driven without touching a suite. Every key is
// documented here and in the README's target section; roles are ARIA roles (what getByRole sees).
import { perVendor, vendorFacts, VENDORS } from '../../../mock-idps/index.ts';
import type { Vendor } from '../../../mock-idps/index.ts';
import { vendorOptionKey, vendorOptionNames } from '../../../lib/index.ts';

/** One name the driver uses: the reference portal's words, and where and how the driver looks for it. */
export interface NameDoc {
  readonly reference: string;
  readonly where: string;
}

export const NAME_DOCS = {
  // Login (urls.login, urls.passwordLogin, urls.portal)
  emailLabel: { reference: 'Email', where: 'login page: label of the email field (a server-rendered form, also read over plain HTTP)' },
  continueButton: { reference: 'Continue', where: 'login page: button after the email' },
  passwordLabel: { reference: 'Password', where: 'password step: label of the password field' },
  logInButton: { reference: 'Log in', where: 'password step: button' },
  logOutButton: {
    reference: 'Log out',
    where: 'any page of a logged-in seat: button or link that logs out (its presence means "logged in")',
  },
  // Account parameters → IdP and SSO (urls.accountParameters)
  ssoHeading: { reference: 'IdP and SSO', where: 'IdP and SSO section: heading' },
  protocolSaml: { reference: 'SAML 2.0', where: 'IdP and SSO: radio option' },
  protocolOidc: { reference: 'OpenID Connect (OIDC)', where: 'IdP and SSO: radio option' },
  vendorSelect: { reference: 'Vendor preset', where: 'IdP and SSO: label of the vendor <select>' },
  // vendorEntra, vendorOkta, …: one per persona vendor, its product name (cross-checked against the portal's presets).
  ...vendorOptionNames(VENDORS, (vendor): NameDoc => ({
    reference: vendorFacts(vendor).productName,
    where: 'IdP and SSO: option label of the vendor select',
  })),
  metadataFromUrl: { reference: 'Fetch the metadata from a URL', where: 'IdP and SSO: radio option (SAML metadata source)' },
  metadataUrl: { reference: 'IdP metadata URL', where: 'IdP and SSO: field label' },
  metadataManual: { reference: 'Enter the IdP values manually', where: 'IdP and SSO: radio option (SAML metadata source)' },
  idpEntityId: { reference: 'IdP entity ID', where: 'IdP and SSO: field label (manual SAML)' },
  idpSsoUrl: { reference: 'IdP SSO URL', where: 'IdP and SSO: field label (manual SAML)' },
  idpCertificate: { reference: 'IdP signing certificate', where: 'IdP and SSO: field label (manual SAML, PEM)' },
  requireSignedResponse: { reference: 'Require a signed SAML response', where: 'IdP and SSO: checkbox label' },
  requireSignedAssertion: { reference: 'Require a signed assertion', where: 'IdP and SSO: checkbox label' },
  allowIdpInitiated: { reference: 'Allow IdP-initiated login', where: 'IdP and SSO: checkbox label' },
  clockSkew: { reference: 'Allowed clock skew (seconds)', where: 'IdP and SSO: field label' },
  issuer: { reference: 'Issuer URL', where: 'IdP and SSO: field label (OIDC)' },
  clientId: { reference: 'Client ID', where: 'IdP and SSO: field label (OIDC)' },
  clientSecret: { reference: 'Client secret', where: 'IdP and SSO: field label (OIDC)' },
  emailClaim: { reference: 'Email claim', where: 'IdP and SSO: field label (OIDC)' },
  hostedDomain: { reference: 'Google Workspace domain (hd, optional)', where: 'IdP and SSO: field label (OIDC, Google)' },
  saveSso: { reference: 'Save SSO configuration', where: 'IdP and SSO: button' },
  ssoSaved: {
    reference: 'SSO configuration saved',
    where: 'IdP and SSO: text shown once the configuration is saved (a refusal shows role=alert instead)',
  },
  testSso: { reference: 'Test SSO', where: 'IdP and SSO: button' },
  testSsoResult: { reference: 'Test SSO result', where: 'Test SSO result page: heading' },
  testSsoPassed: { reference: 'Test SSO passed', where: 'Test SSO result page: text when it passed (warnings: role=note elements)' },
  testSsoFailed: { reference: 'Test SSO failed', where: 'Test SSO result page: text inside the role=alert element when it failed' },
  enableSwitch: { reference: 'Enable SSO', where: 'IdP and SSO: role=switch (or checkbox) whose checked state is "SSO on"' },
  enableConfirm: { reference: 'Yes, enable SSO', where: 'enable confirmation: button when nothing is to be warned about' },
  enableAnyway: { reference: 'Enable SSO anyway', where: 'enable confirmation: button when warnings are listed' },
  enableWarnings: {
    reference: 'Before you enable',
    where: 'enable confirmation: heading inside the role=alert element that lists the warnings as list items',
  },
  seatAuditFindings: {
    reference: 'Seat email audit findings',
    where: 'IdP and SSO: accessible name of the list (role=list) of seat email audit findings, one list item each',
  },
  seatAuditBlocking: { reference: 'Blocking', where: "seat email audit: word in a finding's list item when it blocks enabling" },
  idpUserExportFile: { reference: 'IdP user export (CSV)', where: 'IdP and SSO: file field label' },
  uploadIdpUserExport: { reference: 'Upload IdP user export', where: 'IdP and SSO: button' },
  idpUserExportUploaded: { reference: 'IdP user export uploaded', where: 'IdP and SSO: text shown once the export is taken' },
  // Support console (urls.support, urls.supportAccount)
  supportEmail: { reference: 'Support email', where: 'support login: field label' },
  supportPassword: { reference: 'Support password', where: 'support login: field label' },
  supportLogIn: { reference: 'Log in to support', where: 'support login: button' },
  supportLogOut: { reference: 'Log out of support', where: 'support console: button or link shown once logged in' },
  ticket: { reference: 'Ticket reference', where: 'support account access: field label' },
  reason: { reference: 'Reason', where: 'support account access: field label' },
  accessAccount: { reference: 'Access account', where: 'support account access: button (then the IdP and SSO heading shows)' },
  turnSsoOff: { reference: 'Turn SSO off', where: 'support console, accessed account: button (gone once SSO is off)' },
  // Seats (urls.seats, optional)
  seatNameLabel: { reference: 'Name', where: 'seats page (add a seat): label of the name field' },
  seatEmailLabel: { reference: 'Email', where: "seats page (add a seat) and one seat's page: label of the email field" },
  addSeat: { reference: 'Add seat', where: 'seats page: button that adds the seat (then role=status confirms, role=alert refuses)' },
  editSeat: {
    reference: 'Edit {email}',
    where: "seats page: link or button that opens one seat, its accessible name with {email} where the seat's email goes",
  },
  seatDisabled: { reference: 'Seat disabled', where: "one seat's page: label of the checkbox that disables the seat" },
  saveSeat: { reference: 'Save seat', where: "one seat's page: button (then role=status confirms, role=alert refuses)" },
  seatsCsv: {
    reference: 'Or paste the seat list CSV',
    where: 'seats page: label of the text area taking a seat list CSV (columns name,email,role,disabled)',
  },
  importSeats: {
    reference: 'Import seats',
    where: 'seats page: button that imports the CSV (then role=status confirms, role=alert refuses)',
  },
  // Audit log (urls.auditLog, optional)
  auditLogTable: { reference: 'Audit log', where: 'audit log page: accessible name of the table' },
  auditWho: { reference: 'Who', where: 'audit log table: column header of who acted' },
  auditWhat: { reference: 'What', where: 'audit log table: column header of what happened' },
} as const satisfies Record<string, NameDoc>;

export type NameKey = keyof typeof NAME_DOCS;
export type Names = { readonly [K in NameKey]: string };

/** Accessible names that differ from the reference portal's, as a target file gives them ("selectors"). */
export type SelectorOverrides = Readonly<Record<string, string>>;

export const REFERENCE_NAMES: Names = Object.fromEntries(Object.entries(NAME_DOCS).map(([key, doc]) => [key, doc.reference])) as Names;

/** The vendor select's option name key per vendor. */
export const VENDOR_OPTION: Readonly<Record<Vendor, NameKey>> = perVendor(vendorOptionKey);

export class UnknownNameError extends Error {
  readonly unknown: readonly string[];
  constructor(unknown: readonly string[]) {
    super(`The target file's "selectors" has unknown names: ${unknown.join(', ')}. Valid names: ${Object.keys(NAME_DOCS).join(', ')}.`);
    this.name = 'UnknownNameError';
    this.unknown = unknown;
  }
}

export function namesWith(overrides: SelectorOverrides): Names {
  const unknown = Object.keys(overrides).filter((key) => !Object.hasOwn(NAME_DOCS, key));
  if (unknown.length > 0) throw new UnknownNameError(unknown);
  return { ...REFERENCE_NAMES, ...overrides };
}
