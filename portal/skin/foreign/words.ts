// The foreign portal's own vocabulary: the accessible names a browser driver looks for (one per
// key of the harness's names, suites/driver/reference/names.ts — every one a different word from
// the reference portal's), its words for audit actions, refusal reasons and seat audit kinds, and
// how it words a refusal (its own message, fix and error reference). An OE team would write these
// words into its target file: portal/foreign/target.partial.json.
import type { ReasonCode } from '../../../lib/index.ts';
import type { AuditAction } from '../../db/audit.ts';
import type { SeatAuditFinding, SeatAuditKind, VendorPreset } from '../../sso/contract.ts';
import { NAMED_PRESET_IDS, PRESET_IDS, PRESETS, VENDOR_PRESETS } from '../../sso/presets.ts';
import { vendorOptionNames } from '../../../lib/index.ts';

/** The names the harness's driver uses, in the foreign portal's words. */
export const FOREIGN_NAMES = {
  emailLabel: 'Work email',
  continueButton: 'Next',
  passwordLabel: 'Your password',
  logInButton: 'Sign in',
  logOutButton: 'Sign out',
  ssoHeading: 'Single sign-on (identity provider)',
  protocolSaml: 'SAML',
  protocolOidc: 'OIDC',
  vendorSelect: 'Provider template',
  // The vendor options: each preset row's foreignLabel (portal/sso/presets.ts).
  ...vendorOptionNames(NAMED_PRESET_IDS, (preset) => VENDOR_PRESETS[preset].foreignLabel),
  metadataFromUrl: 'Import from a metadata link',
  metadataUrl: 'Federation metadata address',
  metadataManual: 'Type the values in',
  idpEntityId: 'Provider entity identifier',
  idpSsoUrl: 'Sign-in endpoint',
  idpCertificate: 'Token-signing certificate (PEM)',
  requireSignedResponse: 'Verify the signature on the whole message',
  requireSignedAssertion: 'Verify the signature on the assertion',
  allowIdpInitiated: 'Accept logins started at the provider',
  clockSkew: 'Clock tolerance in seconds',
  issuer: 'Authority URL',
  clientId: 'Application (client) identifier',
  clientSecret: 'Application secret',
  emailClaim: 'Claim holding the email address',
  hostedDomain: 'Workspace domain restriction (hd)',
  saveSso: 'Store connection settings',
  ssoSaved: 'Connection settings stored',
  testSso: 'Run a connection test',
  testSsoResult: 'Connection test result',
  testSsoPassed: 'Connection test succeeded',
  testSsoFailed: 'Connection test did not succeed',
  enableSwitch: 'Require single sign-on',
  enableConfirm: 'Yes, switch it on',
  enableAnyway: 'Switch on regardless',
  enableWarnings: 'Read this first',
  seatAuditFindings: 'Member address problems',
  seatAuditBlocking: 'Must fix',
  idpUserExportFile: 'Directory export file (CSV)',
  uploadIdpUserExport: 'Send directory export',
  idpUserExportUploaded: 'Directory export received',
  supportEmail: 'Staff email',
  supportPassword: 'Staff secret',
  supportLogIn: 'Enter the staff console',
  supportLogOut: 'Leave the staff console',
  ticket: 'Case number',
  reason: 'Justification',
  accessAccount: 'Open this organisation',
  turnSsoOff: 'Suspend single sign-on',
  seatNameLabel: 'Full name',
  seatEmailLabel: 'Work email',
  addSeat: 'Create member',
  editSeat: 'Change {email}',
  seatDisabled: 'Suspend this member',
  saveSeat: 'Update member',
  seatsCsv: 'Or paste the roster',
  importSeats: 'Load roster',
  auditLogTable: 'Activity history',
  auditWho: 'Actor',
  auditWhat: 'Event',
} as const;

export const FOREIGN_VENDOR_OPTIONS: readonly { readonly value: VendorPreset; readonly label: string }[] = PRESET_IDS.map((value) => ({
  value,
  label: PRESETS[value].foreignLabel,
}));

export function foreignVendorLabel(vendor: string): string {
  return FOREIGN_VENDOR_OPTIONS.find((option) => option.value === vendor)?.label ?? vendor;
}

export function foreignProtocol(protocol: 'saml' | 'oidc'): string {
  return protocol === 'saml' ? FOREIGN_NAMES.protocolSaml : FOREIGN_NAMES.protocolOidc;
}

export function foreignRole(role: 'admin' | 'user'): string {
  return role === 'admin' ? 'owner' : 'member';
}

/** Its word for every audit action (the reference words stay in the database). */
export const FOREIGN_ACTIONS: Readonly<Record<AuditAction, string>> = {
  'account.created': 'ORG_PROVISIONED',
  'account.updated': 'ORG_PROFILE_CHANGED',
  'sso.config.saved': 'SSO_SETTINGS_UPDATED',
  'sso.enabled': 'SSO_REQUIRED_FOR_ORG',
  'sso.disabled': 'SSO_MADE_OPTIONAL',
  'sso.enable.refused': 'SSO_REQUIREMENT_BLOCKED',
  'sso.test.started': 'CONNECTION_CHECK_STARTED',
  'sso.test.passed': 'CONNECTION_CHECK_OK',
  'sso.test.failed': 'CONNECTION_CHECK_FAILED',
  'sso.login.succeeded': 'FEDERATED_SIGNIN',
  'sso.login.refused': 'FEDERATED_SIGNIN_DENIED',
  'sso.login.start-failed': 'FEDERATED_SIGNIN_ABORTED',
  'password.login.succeeded': 'LOCAL_SIGNIN',
  'password.login.failed': 'LOCAL_SIGNIN_BAD_CREDENTIALS',
  'password.login.refused': 'LOCAL_SIGNIN_DENIED',
  logout: 'SIGNOUT',
  'support.access.granted': 'STAFF_ACCESS_OPENED',
  'support.sso.disabled': 'STAFF_SUSPENDED_SSO',
  'native.authorized': 'APP_CONSENT_GIVEN',
  'native.authorize.refused': 'APP_CONSENT_DENIED',
  'native.token.issued': 'APP_TOKEN_MINTED',
  'native.token.refused': 'APP_TOKEN_DENIED',
  'seat.added': 'MEMBER_CREATED',
  'seat.updated': 'MEMBER_CHANGED',
  'seats.imported': 'MEMBERS_BULK_LOADED',
  'seat-audit.idp-export.uploaded': 'DIRECTORY_EXPORT_RECEIVED',
};

/** How the foreign portal words a refusal: its audit word, its error reference, a short message and the fix. */
export interface ForeignRefusal {
  readonly word: string;
  readonly ref: string;
  readonly message: string;
  readonly fix: string;
}

const SSO_PLACE = 'Organisation settings → Single sign-on';

export const FOREIGN_REFUSALS: Readonly<Record<ReasonCode, ForeignRefusal>> = {
  'saml-malformed': {
    word: 'MALFORMED_SAML',
    ref: 'SAML-00',
    message: 'We could not read what your identity provider sent back.',
    fix: `Make sure the provider posts its answer to the assertion consumer address listed under ${SSO_PLACE}.`,
  },
  'saml-doctype-forbidden': {
    word: 'XML_DTD_PRESENT',
    ref: 'SAML-01',
    message: 'The sign-in answer contained a document type declaration, which we never accept.',
    fix: 'No genuine identity provider sends one: treat it as an attack and find out who sent it.',
  },
  'saml-status-not-success': {
    word: 'IDP_REPORTED_FAILURE',
    ref: 'SAML-02',
    message: 'Your identity provider says the sign-in did not work.',
    fix: 'Look at the provider status in the technical information, then check that the person is assigned to the app at the provider.',
  },
  'saml-signature-missing': {
    word: 'UNSIGNED_PART',
    ref: 'SAML-03',
    message: 'A part of the sign-in answer that must carry a signature did not.',
    fix: `Have the provider sign the part we verify, or change which signature we verify under ${SSO_PLACE}.`,
  },
  'saml-signature-invalid': {
    word: 'BAD_SIGNATURE',
    ref: 'SAML-04',
    message: 'The signature on the sign-in answer is not valid: the content changed after signing.',
    fix: 'Capture the answer and hand it to your security team; a proxy may be rewriting it.',
  },
  'saml-cert-untrusted': {
    word: 'UNKNOWN_SIGNING_CERT',
    ref: 'SAML-05',
    message: 'The sign-in answer was signed with a certificate we do not have on file.',
    fix: `Download the provider's current token-signing certificate and store it under ${SSO_PLACE}.`,
  },
  'saml-weak-algorithm': {
    word: 'SHA1_SIGNATURE',
    ref: 'SAML-06',
    message: 'The sign-in answer is signed with SHA-1, which we no longer accept.',
    fix: 'Switch the provider to RSA-SHA256 signatures with SHA-256 digests.',
  },
  'saml-multiple-assertions': {
    word: 'SEVERAL_ASSERTIONS',
    ref: 'SAML-07',
    message: 'The sign-in answer holds more than one assertion.',
    fix: 'Genuine providers send exactly one: treat this as a signature-wrapping attack.',
  },
  'saml-encrypted-unexpected': {
    word: 'ENCRYPTED_ASSERTION',
    ref: 'SAML-08',
    message: 'The assertion is encrypted and we hold no key to open it.',
    fix: 'Turn assertion encryption off at the provider.',
  },
  'saml-issuer-mismatch': {
    word: 'WRONG_ISSUER',
    ref: 'SAML-09',
    message: 'The sign-in answer comes from a provider we were not told about.',
    fix: `Copy the provider entity identifier exactly (scheme, case, trailing slash) into ${SSO_PLACE}.`,
  },
  'saml-audience-mismatch': {
    word: 'AUD_MISMATCH',
    ref: 'SAML-10',
    message: 'The sign-in answer was issued for a different application.',
    fix: `At the provider, set the audience (entity ID) to the value listed under ${SSO_PLACE}, character for character.`,
  },
  'saml-destination-mismatch': {
    word: 'DEST_MISMATCH',
    ref: 'SAML-11',
    message: 'The sign-in answer was addressed to another place.',
    fix: `At the provider, set the reply address to the assertion consumer address listed under ${SSO_PLACE}.`,
  },
  'saml-recipient-mismatch': {
    word: 'RECIPIENT_MISMATCH',
    ref: 'SAML-12',
    message: 'The assertion names another recipient than our assertion consumer address.',
    fix: `At the provider, set the recipient to the assertion consumer address listed under ${SSO_PLACE}.`,
  },
  'saml-not-yet-valid': {
    word: 'ISSUED_IN_FUTURE',
    ref: 'SAML-13',
    message: 'The assertion is dated in the future.',
    fix: 'The provider clock runs ahead: fix its time source, or raise the clock tolerance.',
  },
  'saml-expired': {
    word: 'ASSERTION_STALE',
    ref: 'SAML-14',
    message: 'The assertion is too old to be used.',
    fix: 'Sign in again. If it keeps happening, the provider clock runs behind or the tolerance is too tight.',
  },
  'saml-conditions-missing': {
    word: 'NO_CONDITIONS',
    ref: 'SAML-15',
    message: 'The assertion carries no validity window.',
    fix: 'Configure the provider to include Conditions (NotBefore, NotOnOrAfter and the audience).',
  },
  'saml-inresponseto-unknown': {
    word: 'UNKNOWN_REQUEST',
    ref: 'SAML-16',
    message: 'This sign-in answer replies to a request we did not make, or to one that lapsed.',
    fix: 'Start again from our sign-in page; if it repeats, something between you and us drops cookies.',
  },
  'saml-inresponseto-missing': {
    word: 'NO_REQUEST_REFERENCE',
    ref: 'SAML-17',
    message: 'The sign-in answer does not say which request it replies to.',
    fix: 'Keep InResponseTo on at the provider, or accept logins started at the provider if that is intended.',
  },
  'saml-replay': {
    word: 'ASSERTION_REUSED',
    ref: 'SAML-18',
    message: 'This assertion has been used once already.',
    fix: 'Start a fresh sign-in: a replayed assertion is always turned down.',
  },
  'saml-unsolicited-not-allowed': {
    word: 'UNSOLICITED_SIGNIN',
    ref: 'SAML-19',
    message: 'Sign-ins started at the provider are switched off for this organisation.',
    fix: `Start from our sign-in page, or accept logins started at the provider under ${SSO_PLACE}.`,
  },
  'oidc-idp-error': {
    word: 'PROVIDER_ERROR',
    ref: 'OIDC-00',
    message: 'Your identity provider turned the sign-in down.',
    fix: 'Read the provider error in the technical information; usually the person is not assigned to the app.',
  },
  'oidc-state-mismatch': {
    word: 'STATE_MISMATCH',
    ref: 'OIDC-01',
    message: 'The sign-in answer does not belong to this browser.',
    fix: 'Start again from our sign-in page; if it repeats, cookies are being dropped on the way.',
  },
  'oidc-discovery-mismatch': {
    word: 'DISCOVERY_ISSUER_MISMATCH',
    ref: 'OIDC-02',
    message: 'The provider discovery document names another authority than the one on file.',
    fix: 'Enter the authority URL exactly as the discovery document states it.',
  },
  'oidc-idp-unreachable': {
    word: 'PROVIDER_UNREACHABLE',
    ref: 'OIDC-03',
    message: 'We could not reach your identity provider.',
    fix: 'Check that the provider is up and the authority URL is right, then try again.',
  },
  'oidc-token-error': {
    word: 'TOKEN_EXCHANGE_FAILED',
    ref: 'OIDC-04',
    message: 'Your identity provider would not hand us tokens.',
    fix: 'Compare the application identifier and secret with the app at the provider; the secret may have run out.',
  },
  'oidc-issuer-mismatch': {
    word: 'TOKEN_ISSUER_MISMATCH',
    ref: 'OIDC-05',
    message: 'The ID token comes from another authority than the one on file.',
    fix: 'Set the authority URL to the issuer the provider writes into its tokens.',
  },
  'oidc-audience-mismatch': {
    word: 'TOKEN_AUDIENCE_MISMATCH',
    ref: 'OIDC-06',
    message: 'The ID token was issued to a different application.',
    fix: 'Check the application identifier against the app at the provider.',
  },
  'oidc-signature-invalid': {
    word: 'TOKEN_SIGNATURE_BAD',
    ref: 'OIDC-07',
    message: 'The ID token signature does not check out against the provider keys.',
    fix: 'If the provider just rotated its keys, try again; otherwise the token was tampered with.',
  },
  'oidc-alg-not-allowed': {
    word: 'TOKEN_ALG_REFUSED',
    ref: 'OIDC-08',
    message: 'The ID token uses a signing algorithm we turn down.',
    fix: 'Have the provider sign ID tokens with RS256.',
  },
  'oidc-expired': {
    word: 'TOKEN_OUT_OF_DATE',
    ref: 'OIDC-09',
    message: 'The ID token is outside its validity period.',
    fix: 'Fix the clock of the provider or of this service, or raise the clock tolerance.',
  },
  'oidc-claim-missing': {
    word: 'TOKEN_INCOMPLETE',
    ref: 'OIDC-10',
    message: 'The ID token lacks a claim every token must carry.',
    fix: 'Treat the token as forged, or the provider as misconfigured.',
  },
  'oidc-nonce-mismatch': {
    word: 'NONCE_MISMATCH',
    ref: 'OIDC-11',
    message: 'The ID token belongs to another sign-in attempt.',
    fix: 'Sign in again; if it repeats, the provider is not returning the nonce.',
  },
  'oidc-hash-mismatch': {
    word: 'TOKEN_BINDING_MISMATCH',
    ref: 'OIDC-12',
    message: 'The ID token does not match the code or access token it came with.',
    fix: 'Treat this as a token substitution attack.',
  },
  'oidc-userinfo-sub-mismatch': {
    word: 'USERINFO_SUBJECT_MISMATCH',
    ref: 'OIDC-13',
    message: 'The profile answer describes another person than the ID token.',
    fix: 'Treat this as a token substitution attack.',
  },
  'email-missing': {
    word: 'NO_EMAIL_FROM_PROVIDER',
    ref: 'USER-01',
    message: 'Your identity provider did not tell us your email address.',
    fix: `Have the provider release the email address (claim or attribute), or point the email setting under ${SSO_PLACE} at the right one.`,
  },
  'email-unverified': {
    word: 'EMAIL_NOT_VERIFIED',
    ref: 'USER-02',
    message: 'Your identity provider has not confirmed this email address.',
    fix: 'Confirm the address at the provider first.',
  },
  'hosted-domain-mismatch': {
    word: 'WRONG_WORKSPACE',
    ref: 'USER-03',
    message: 'This Google account is not in the Workspace domain we expect.',
    fix: 'Sign in with your Workspace account, or change the domain restriction.',
  },
  'no-seat-for-email': {
    word: 'NO_MEMBER_FOR_ADDRESS',
    ref: 'USER-04',
    message: 'Nobody in this organisation has the email address your provider sent.',
    fix: "Make the member's work email match what the provider sends (see the member address check), or correct it at the provider.",
  },
  'seat-disabled': {
    word: 'MEMBER_SUSPENDED',
    ref: 'USER-05',
    message: 'The member with this email address is suspended.',
    fix: 'An owner of the organisation can reactivate the member.',
  },
  'sso-not-configured': {
    word: 'SSO_NOT_SET_UP',
    ref: 'ORG-01',
    message: 'Single sign-on has not been set up for this organisation.',
    fix: `An owner sets up the identity provider under ${SSO_PLACE}.`,
  },
  'sso-required': {
    word: 'SSO_ENFORCED',
    ref: 'ORG-02',
    message: 'Your organisation signs in through its identity provider only: passwords are switched off.',
    fix: 'Use the single sign-on link below. If it is broken, ask Ooma staff to suspend single sign-on (your settings are kept).',
  },
  'native-redirect-uri-invalid': {
    word: 'APP_RETURN_ADDRESS_REFUSED',
    ref: 'APP-01',
    message: 'The app wants to come back to an address we do not allow.',
    fix: 'Desktop app: http://127.0.0.1:<port>/…; mobile app: com.ooma.oe.app:/… (RFC 8252).',
  },
  'native-pkce-invalid': {
    word: 'APP_PROOF_INVALID',
    ref: 'APP-02',
    message: "The app's proof key (PKCE) is missing or does not match.",
    fix: 'The app must send an S256 code_challenge and then the matching code_verifier.',
  },
  'native-code-invalid': {
    word: 'APP_CODE_REFUSED',
    ref: 'APP-03',
    message: 'The sign-in code is unknown, expired or used up.',
    fix: 'Start the sign-in from the app again.',
  },
};

/** Its word for every kind of member address problem. */
export const FOREIGN_SEAT_AUDIT_KINDS: Readonly<Record<SeatAuditKind, string>> = {
  'duplicate-email': 'SHARED_ADDRESS',
  'invalid-email': 'MALFORMED_ADDRESS',
  'domain-not-sso': 'UNVERIFIED_DOMAIN',
  'missing-from-idp': 'NOT_IN_DIRECTORY',
  'idp-user-without-seat': 'DIRECTORY_ONLY',
  'guest-upn': 'GUEST_ACCOUNT_NAME',
  'admin-not-covered': 'OWNER_WOULD_BE_LOCKED_OUT',
};

/** A member address problem in the foreign portal's words. */
export function foreignSeatAuditMessage(finding: SeatAuditFinding): string {
  const email = finding.email.trim();
  switch (finding.kind) {
    case 'duplicate-email':
      return `${email} is used by more than one member. Give every member an address of their own under Members.`;
    case 'invalid-email':
      return email === ''
        ? 'A member has no work email at all. Add one under Members.'
        : `"${email}" cannot receive mail. Correct it under Members.`;
    case 'domain-not-sso':
      return `${email} is outside the verified domains. Change the address under Members, or add its domain to the organisation profile.`;
    case 'missing-from-idp':
      return `${email} is not in the directory export, so this member could not sign in through the identity provider.`;
    case 'idp-user-without-seat':
      return `${email} is in the directory export but is not a member here. Create the member, or remove the person from the app at the provider.`;
    case 'guest-upn':
      return `${email} is an Entra guest account name, not a mailbox. Use the person's real address.`;
    case 'admin-not-covered':
      return `${email} is an owner who could not sign in once single sign-on is required. Fix this owner's address first.`;
  }
}
