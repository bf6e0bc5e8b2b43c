// The reference portal's route-level words: page titles, notices, refusal details, error
// messages and audit details (the views hold the words of each page).
import { REASONS } from '../../../lib/index.ts';
import { protocolName } from '../../web/format.ts';
import type { SkinText } from '../types.ts';

export const REFERENCE_TEXT: SkinText = {
  titles: {
    login: 'Log in',
    home: 'Home',
    accountParameters: 'Account parameters',
    enableConfirm: 'Enable SSO?',
    testResult: 'Test SSO result',
    seats: 'Seats',
    seatEdit: 'Edit seat',
    auditLog: 'Audit log',
    supportLogin: 'Support login',
    supportConsole: 'Support console',
    supportAccess: 'Access account',
    supportAccount: (account) => `Account ${account.name}`,
  },
  notices: {
    accountSaved: 'Account saved.',
    ssoSaved: 'SSO configuration saved. Configure the links below at your IdP, then run Test SSO.',
    idpUsersSaved: 'IdP user export uploaded: the seat email audit now checks seats against it.',
    ssoEnabled: 'SSO is enabled: seats now log in through your IdP.',
    ssoDisabled: 'SSO is disabled: seats log in with their password. The configuration is kept.',
    seatAdded: 'Seat added.',
    seatSaved: 'Seat saved.',
    seatsImported: 'Seat list imported.',
    supportSsoDisabled: "SSO is turned off. The customer's seats can log in with their passwords; the configuration is kept.",
  },
  wrongCredentials:
    'The email or password is wrong. Check both and try again; if your account uses SSO, log in through your identity provider.',
  badLoginEmail: 'Enter the email address of your seat, e.g. name@company.example.',
  ssoRequiredDetail: (account) =>
    `Account "${account.name}" uses single sign-on, so password login is off for every seat, admins included.`,
  continueWithSso: 'Continue with SSO',
  seatDisabledDetail: (email) => `The seat of ${email} is disabled.`,
  auditPasswordFailed: 'Wrong email or password.',
  auditPasswordOk: 'Logged in with a password.',
  auditLoggedOut: 'Logged out.',
  accountNameInvalid: 'The account name must be 1 to 200 characters.',
  domainInvalid: (domain) => `"${domain}" is not an email domain: write domains like corp.example, separated by commas.`,
  auditAccountUpdated: (name, domains) => `Name "${name}", SSO email domains: ${domains.join(', ') || '(none)'}`,
  auditSsoSaved: (version, settings) =>
    `Version ${version}: ${
      settings.protocol === 'saml'
        ? `${protocolName('saml')}, vendor ${settings.vendor}, IdP entity ID ${settings.idpEntityId}, SSO URL ${settings.idpSsoUrl}, ${settings.idpCertificates.length} signing certificate(s), signed parts: ${[settings.requireSignedResponse && 'response', settings.requireSignedAssertion && 'assertion'].filter(Boolean).join(' + ')}, clock skew ${settings.allowedClockSkewSeconds} s, IdP-initiated ${settings.allowIdpInitiated ? 'allowed' : 'refused'}`
        : `${protocolName('oidc')}, vendor ${settings.vendor}, issuer ${settings.issuer}, client ID ${settings.clientId}, scopes "${settings.scopes}", email claim ${settings.emailClaim}`
    }`,
  idpExportMissing: 'Choose the CSV file exported from the IdP before uploading.',
  auditIdpExport: (users) => `${users} IdP users`,
  testNotConfiguredDetail: 'Save an IdP configuration before running Test SSO.',
  testNotConfiguredHeading: 'Test SSO cannot run',
  auditTestStarted: (version) => `Configuration version ${version}`,
  enableNotConfiguredDetail: 'Save an IdP configuration before enabling SSO.',
  enableNotConfiguredHeading: 'SSO cannot be enabled',
  auditSsoEnabled: (version, neverPassedTest, blocking) => {
    const warnings = [neverPassedTest && 'never passed Test SSO', blocking > 0 && `${blocking} blocking seat email finding(s)`].filter(
      Boolean,
    );
    return `Configuration version ${version}${warnings.length > 0 ? `, enabled despite warnings: ${warnings.join('; ')}` : ''}`;
  },
  auditSsoDisabledByAdmin: 'SSO turned off by an admin; the configuration is kept.',
  seatNameInvalid: 'The name must be 1 to 200 characters.',
  seatEmailInvalid: (email) => `"${email}" is not an email address: write it like name@company.example.`,
  seatEmailTaken: (email) =>
    `Another seat already has the email ${email} (emails are compared without case). Each seat needs its own email for SSO to know who logs in.`,
  seatPasswordShort: (min) => `The password must be at least ${min} characters.`,
  seatNoAdminLeft:
    'This change would leave the account without an enabled admin, and nobody could manage it. Keep at least one admin seat enabled.',
  unknownSeatTitle: 'Unknown seat',
  unknownSeatMessage: 'This seat does not exist in your account. Go back to Seats and pick it from the list.',
  seatImportEmpty: 'Choose a CSV file (or paste the CSV) before importing.',
  seatCsvFileName: (accountId) => `seats-account-${accountId}.csv`,
  auditSeatAdded: (seat) => `${seat.name} <${seat.email}> (${seat.role})`,
  auditSeatsImported: (added, updated, unchanged) => `${added} added, ${updated} updated, ${unchanged} unchanged`,
  auditSeatUpdated: (before, after, passwordChanged) => {
    const changes = [
      before.name !== after.name && `name "${before.name}" → "${after.name}"`,
      before.email !== after.email && `email ${before.email} → ${after.email}`,
      before.role !== after.role && `role ${before.role} → ${after.role}`,
      before.disabled !== after.disabled && (after.disabled ? 'disabled' : 'enabled'),
      passwordChanged && 'password changed',
    ].filter(Boolean);
    return `${after.email}: ${changes.join(', ') || 'no change'}`;
  },
  apiForbidden:
    "This account's data is readable by its admins and by Ooma support with an access grant: you are neither (or the account does not exist).",
  apiUnauthorized: 'Log in as an admin of the account (or as Ooma support with an access grant) to read this.',
  unknownSsoAccountTitle: 'Unknown account',
  unknownSsoAccountMessage:
    'This SSO address names an account that does not exist on this portal. Copy the links again from Account parameters → IdP and SSO.',
  ssoStartNotEnabledDetail: (account) => `SSO is not enabled for account "${account.name}": log in with your email and password.`,
  acsWithoutResponseDetail: 'The post to the ACS URL carries no SAMLResponse field: the IdP must use the HTTP-POST binding.',
  samlNotConfiguredDetail: (account) =>
    `Account "${account.name}" has no enabled SAML configuration, so the portal does not accept SAML responses for it.`,
  oidcStateMissingDetail:
    'No OIDC login of this account is in progress in this browser (it expired, was already used, or started elsewhere).',
  oidcNotConfiguredDetail: (account) => `Account "${account.name}" has no enabled OpenID Connect configuration.`,
  idpUnreachableHeading: 'The identity provider cannot be reached',
  loginStartFailedDetail: (problem) => `The login could not be started: ${problem}`,
  loginStartFailedAdvice: 'Check the IdP configuration in Account parameters → IdP and SSO, or try again later.',
  noSeatForEmailDetail: (email, account) =>
    `The IdP sent the email ${email}; no seat of account "${account.name}" has it. Fix the seat's email in Seats (see the seat email audit) or the user's email at the IdP.`,
  seatForEmailDisabledDetail: (email) => `The seat with the email ${email} is disabled.`,
  sharedSeatEmailDetail: (count, email, account) =>
    `${count} seats of account "${account.name}" share the email ${email}, so the portal cannot tell which one is logging in. Give each seat its own email (the seat email audit lists duplicates).`,
  testPassedDetail: (email) => `Logged in as ${email}`,
  auditTestResult: (version, failureDetail, email) =>
    `Configuration version ${version}: ${failureDetail ?? `identity ${email} matches a seat`}`,
  auditSsoLogin: (spInitiated, emailSource) =>
    `${spInitiated ? 'SP-initiated' : 'IdP-initiated'} ${emailSource !== undefined ? `login; email from ${emailSource}` : 'login'}`,
  defaultRefusalHeading: 'Login refused',
  notFoundTitle: 'Page not found',
  notFoundMessage: (path) => `There is no page at ${path}. Start again from the portal home page.`,
  serverErrorTitle: 'Something went wrong',
  serverErrorMessage:
    'The portal hit an unexpected error while handling this request. Nothing was changed by the failed step; try again, and if it persists report it with the time it happened.',
  requestRefusedTitle: 'Request refused',
  unreadableBody: (problem) => `The request body could not be read (${problem}). Send well-formed JSON or form data.`,
  adminsOnlyTitle: 'Admins only',
  adminsOnlyMessage:
    "This page is for the account's admins. Your seat has the user role; ask an admin of your account if you need a change.",
  formRefusedTitle: 'Form refused',
  formRefusedMessage:
    'This form was not accepted: its security token is missing or does not belong to your current session (the page was open across a login or logout, or the form came from another site). Reload the page and submit it again.',
  supportProduct: 'Ooma support console',
  supportWrongLogin: 'The support email or password is wrong.',
  supportUnknownAccountTitle: 'Unknown account',
  supportUnknownAccountMessage: 'No account has this ID. Search for it again.',
  supportTicketInvalid:
    'Enter the ticket reference (2 to 64 letters, digits and . _ # / -, e.g. OE-12345): access without a ticket is not allowed.',
  supportReasonInvalid: (min) =>
    `Explain why you need access in ${min} to 500 characters: the customer's admins read it in their audit log.`,
  auditSupportAccess: (ticket, reason, until) => `Ticket ${ticket}: ${reason} (access until ${new Date(until).toISOString()})`,
  supportAccessExpiredTitle: 'Access expired',
  supportAccessExpiredMessage:
    'Your access to this account has expired (or was never granted). Open the account again with the ticket reference.',
  auditSupportSsoDisabled: (wasEnabled) =>
    wasEnabled
      ? 'SSO turned off by Ooma support; the configuration is kept. Seats can log in with their passwords.'
      : 'SSO was already off.',
  unknownAppTitle: 'Unknown app',
  unknownAppMessage: (clientId, known) =>
    `The app that sent you here identifies itself as "${clientId.slice(0, 80)}", which this portal does not know (expected ${known.join(' or ')}). Update the app, or start the login from the app again.`,
  appRefusalHeading: 'App login refused',
  appRedirectRefusedDetail: (appName, problem, rule) => `${appName}: ${problem} Allowed: ${rule}.`,
  unsupportedResponseType: 'Only response_type=code is supported (authorization code with PKCE).',
  pkceRefusedDescription: () =>
    `${REASONS['native-pkce-invalid'].message} code_challenge (43 base64url characters) and code_challenge_method=S256 are required (RFC 7636). Reason: native-pkce-invalid.`,
  auditPkceRefused: 'Authorization request without a valid S256 code_challenge.',
  appRequestExpiredDetail: "The app's login request expired or was started in another browser.",
  auditAppAuthorized: (appName, method) => `${appName} login (${method === 'sso' ? 'single sign-on' : 'password'})`,
  unsupportedGrantType: 'Only grant_type=authorization_code is supported.',
  unknownClientDescription: (clientId, known) => `Unknown client_id "${clientId.slice(0, 80)}": expected ${known.join(' or ')}.`,
  tokenRefusedDescription: (reason, detail) => `${REASONS[reason].message} ${detail}`,
  codeUnknownDetail: 'The code is unknown, expired, or was issued to another app.',
  codeReplayedDetail: 'The code was already redeemed; the tokens issued for it are revoked (RFC 6749 §4.1.2).',
  redirectMismatchDetail: 'redirect_uri differs from the one of the authorization request (RFC 6749 §4.1.3).',
  verifierMissingDetail: 'code_verifier is missing.',
  verifierWrongDetail: 'code_verifier does not match the code_challenge (S256).',
  auditTokenIssued: (appName) => `${appName} access token issued.`,
  tokenInvalidMessage: 'The access token is unknown, expired, revoked, or its seat is disabled: log in from the app again.',
  tokenMissingMessage: 'Send the access token from /oauth/token as "Authorization: Bearer <token>".',
  auditAccountCreated: (seats) => `${seats} seats`,
  auditHarnessSsoSaved: (version, protocol, vendor) =>
    `Version ${version} (${protocol.toUpperCase()}, vendor ${vendor}) saved through the harness API`,
  auditHarnessSsoSwitched: (version) => `Configuration version ${version}, switched through the harness API`,
};
