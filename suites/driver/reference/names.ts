// Accessible names (labels, button names, headings) of the reference portal. A real OE target
// overrides any of them from its target file ("selectors"), without touching a suite.
import type { Vendor } from '../../../mock-idps/types.ts';
import type { SelectorOverrides } from '../../target/targetConfig.ts';

/** The portal's vendor presets, by the option label a person picks. */
export const VENDOR_PRESET_LABELS: Readonly<Record<Vendor, string>> = {
  entra: 'Microsoft Entra ID',
  okta: 'Okta',
  google: 'Google Workspace',
  auth0: 'Auth0',
};

export const REFERENCE_NAMES = {
  emailLabel: 'Email',
  passwordLabel: 'Password',
  continueButton: 'Continue',
  logInButton: 'Log in',
  logOutButton: 'Log out',
  ssoHeading: 'IdP and SSO',
  protocolSaml: 'SAML 2.0',
  protocolOidc: 'OpenID Connect (OIDC)',
  vendorSelect: 'Vendor preset',
  metadataFromUrl: 'Fetch the metadata from a URL',
  metadataUrl: 'IdP metadata URL',
  requireSignedResponse: 'Require a signed SAML response',
  requireSignedAssertion: 'Require a signed assertion',
  allowIdpInitiated: 'Allow IdP-initiated login',
  clockSkew: 'Allowed clock skew (seconds)',
  issuer: 'Issuer URL',
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  emailClaim: 'Email claim',
  saveSso: 'Save SSO configuration',
  testSso: 'Test SSO',
  testSsoPassed: 'Test SSO passed',
  testSsoFailed: 'Test SSO failed',
  testSsoResult: 'Test SSO result',
  enableSwitch: 'Enable SSO',
  enableConfirm: /^(Yes, enable SSO|Enable SSO anyway)$/,
  enableAnyway: 'Enable SSO anyway',
  enableWarnings: 'Before you enable',
  seatAuditFindings: 'Seat email audit findings',
  idpUserExportFile: 'IdP user export (CSV)',
  uploadIdpUserExport: 'Upload IdP user export',
  idpUserExportUploaded: 'IdP user export uploaded',
  refusalDetails: 'Details',
  supportEmail: 'Support email',
  supportPassword: 'Support password',
  supportLogIn: 'Log in to support',
  ticket: 'Ticket reference',
  reason: 'Reason',
  accessAccount: 'Access account',
  turnSsoOff: 'Turn SSO off',
  auditLogTable: 'Audit log',
} as const;

export type Names = { readonly [K in keyof typeof REFERENCE_NAMES]: string | RegExp };

export function namesWith(overrides: SelectorOverrides): Names {
  const unknown = Object.keys(overrides).filter((key) => !Object.hasOwn(REFERENCE_NAMES, key));
  if (unknown.length > 0) {
    throw new Error(`The target file's "selectors" has unknown names: ${unknown.join(', ')}. Valid names: ${Object.keys(REFERENCE_NAMES).join(', ')}.`);
  }
  return { ...REFERENCE_NAMES, ...overrides };
}
