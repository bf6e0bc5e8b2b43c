// The foreign portal's route-level words: titles, notices, refusal details, errors and audit
// details, in its own voice (never the reference portal's sentences).
import type { SkinText } from '../types.ts';
import { FOREIGN_NAMES as N, FOREIGN_REFUSALS, foreignProtocol, foreignRole, foreignVendorLabel } from './words.ts';

const SSO_PLACE = 'Organisation settings → Single sign-on';

export const FOREIGN_TEXT: SkinText = {
  titles: {
    login: 'Sign-in',
    home: 'Dashboard',
    accountParameters: 'Organisation settings',
    enableConfirm: 'Require single sign-on?',
    testResult: N.testSsoResult,
    seats: 'Members',
    seatEdit: 'Member details',
    auditLog: 'Activity',
    supportLogin: 'Staff desk sign-in',
    supportConsole: 'Staff desk',
    supportAccess: 'Unlock an organisation',
    supportAccount: (account) => `${account.name} · staff view`,
  },
  notices: {
    accountSaved: 'Organisation profile updated.',
    ssoSaved: `${N.ssoSaved}. Register the values below with your identity provider, then run a connection test.`,
    idpUsersSaved: `${N.idpUserExportUploaded}: member addresses are now checked against it.`,
    ssoEnabled: 'Single sign-on is now required for everyone in the organisation.',
    ssoDisabled: 'Single sign-on is optional again: members may use their passwords. Your settings are kept.',
    seatAdded: 'Member created.',
    seatSaved: 'Member updated.',
    seatsImported: 'Roster loaded.',
    supportSsoDisabled: 'Single sign-on is suspended for this organisation. Its members can use passwords again; the settings are kept.',
  },
  wrongCredentials:
    'That combination of work email and password is not right. Try again, or sign in through your identity provider if your organisation uses one.',
  badLoginEmail: 'Type the work email you were invited with, for example jane@yourcompany.example.',
  ssoRequiredDetail: (account) => `"${account.name}" requires single sign-on, so nobody in it — owners included — can use a password.`,
  continueWithSso: 'Go to your identity provider',
  seatDisabledDetail: (email) => `${email} is a suspended member.`,
  auditPasswordFailed: 'Wrong work email or password.',
  auditPasswordOk: 'Signed in with a password.',
  auditLoggedOut: 'Signed out.',
  accountNameInvalid: 'Give the organisation a name of 1 to 200 characters.',
  domainInvalid: (domain) => `"${domain}" does not look like a mail domain. List domains such as yourcompany.example, separated by commas.`,
  auditAccountUpdated: (name, domains) => `Organisation "${name}", verified domains: ${domains.join(', ') || 'none'}`,
  auditSsoSaved: (version, settings) =>
    `Revision ${version}: ${
      settings.protocol === 'saml'
        ? `${foreignProtocol('saml')} via ${foreignVendorLabel(settings.vendor)}; provider entity ${settings.idpEntityId}; endpoint ${settings.idpSsoUrl}; ${settings.idpCertificates.length} token-signing certificate(s); verifying ${[settings.requireSignedResponse && 'the whole message', settings.requireSignedAssertion && 'the assertion'].filter(Boolean).join(' and ')}; tolerance ${settings.allowedClockSkewSeconds} s; provider-started logins ${settings.allowIdpInitiated ? 'accepted' : 'turned down'}`
        : `${foreignProtocol('oidc')} via ${foreignVendorLabel(settings.vendor)}; authority ${settings.issuer}; application ${settings.clientId}; scopes ${settings.scopes}; email from claim ${settings.emailClaim}`
    }`,
  idpExportMissing: 'Pick the CSV file exported from your identity provider first.',
  auditIdpExport: (users) => `Directory export with ${users} people`,
  testNotConfiguredDetail: 'Store connection settings before running a connection test.',
  testNotConfiguredHeading: 'Nothing to test yet',
  auditTestStarted: (version) => `Revision ${version}`,
  enableNotConfiguredDetail: 'Store connection settings before requiring single sign-on.',
  enableNotConfiguredHeading: 'Single sign-on cannot be required yet',
  auditSsoEnabled: (version, neverPassedTest, blocking) => {
    const caveats = [
      neverPassedTest && 'no successful connection test',
      blocking > 0 && `${blocking} member address problem(s) to fix`,
    ].filter(Boolean);
    return `Revision ${version}${caveats.length > 0 ? ` — required regardless of: ${caveats.join(', ')}` : ''}`;
  },
  auditSsoDisabledByAdmin: 'An owner made single sign-on optional; the settings are kept.',
  seatNameInvalid: 'A full name has 1 to 200 characters.',
  seatEmailInvalid: (email) => `"${email}" is not a work email; write it as jane@yourcompany.example.`,
  seatEmailTaken: (email) =>
    `${email} already belongs to another member (upper and lower case count as the same). Every member needs an address of their own.`,
  seatPasswordShort: (min) => `Passwords need ${min} characters or more.`,
  seatNoAdminLeft: 'After this change no owner could manage the organisation. Keep at least one active owner.',
  unknownSeatTitle: 'No such member',
  unknownSeatMessage: 'This member is not part of your organisation. Pick one from the Members list.',
  seatImportEmpty: 'Choose a roster file, or paste the roster, before loading it.',
  seatCsvFileName: (accountId) => `roster-org-${accountId}.csv`,
  auditSeatAdded: (seat) => `${seat.email} (${seat.name}), ${foreignRole(seat.role)}`,
  auditSeatsImported: (added, updated, unchanged) => `Roster: ${added} new, ${updated} changed, ${unchanged} as before`,
  auditSeatUpdated: (before, after, passwordChanged) => {
    const changes = [
      before.name !== after.name && `full name now "${after.name}"`,
      before.email !== after.email && `work email now ${after.email}`,
      before.role !== after.role && `now ${foreignRole(after.role)}`,
      before.disabled !== after.disabled && (after.disabled ? 'suspended' : 'reactivated'),
      passwordChanged && 'password reset',
    ].filter(Boolean);
    return `${after.email} — ${changes.join('; ') || 'nothing changed'}`;
  },
  apiForbidden: 'Only owners of this organisation, and Ooma staff with an unlocked case, may read this.',
  apiUnauthorized: 'Sign in as an owner of the organisation (or as Ooma staff with an unlocked case) first.',
  unknownSsoAccountTitle: 'Unknown organisation',
  unknownSsoAccountMessage: `This single sign-on address belongs to no organisation here. Copy the values again from ${SSO_PLACE}.`,
  ssoStartNotEnabledDetail: (account) => `"${account.name}" does not require single sign-on: sign in with your work email and password.`,
  acsWithoutResponseDetail: 'The post carried no SAMLResponse field; the provider has to use the HTTP-POST binding.',
  samlNotConfiguredDetail: (account) => `"${account.name}" has no active SAML connection, so SAML answers are not taken for it.`,
  oidcStateMissingDetail: 'This browser has no OIDC sign-in of this organisation in progress (it lapsed, was used, or began elsewhere).',
  oidcNotConfiguredDetail: (account) => `"${account.name}" has no active OIDC connection.`,
  idpUnreachableHeading: 'Your identity provider is out of reach',
  loginStartFailedDetail: (problem) => `Sign-in could not begin: ${problem}`,
  loginStartFailedAdvice: `Check the connection under ${SSO_PLACE}, or try again in a little while.`,
  noSeatForEmailDetail: (email, account) => `The provider sent ${email}, which no member of "${account.name}" has.`,
  seatForEmailDisabledDetail: (email) => `The member ${email} is suspended.`,
  sharedSeatEmailDetail: (count, email, account) =>
    `${count} members of "${account.name}" share ${email}, so we cannot tell who is signing in.`,
  testPassedDetail: (email) => `Matched ${email}`,
  auditTestResult: (version, failureDetail, email) => `Revision ${version} — ${failureDetail ?? `${email} matched a member`}`,
  auditSsoLogin: (spInitiated, emailSource) =>
    `${spInitiated ? 'Started here' : 'Started at the provider'}${emailSource !== undefined ? `; address taken from ${emailSource}` : ''}`,
  defaultRefusalHeading: "We couldn't sign you in",
  notFoundTitle: 'Nothing here',
  notFoundMessage: (path) => `We have no page at ${path}. Head back to your dashboard.`,
  serverErrorTitle: 'That did not work',
  serverErrorMessage:
    'Something broke on our side while handling this. Nothing was changed; try again, and if it keeps failing, tell the help desk when it happened.',
  requestRefusedTitle: 'We could not take that',
  unreadableBody: (problem) => `We could not read what was sent (${problem}).`,
  adminsOnlyTitle: 'Owners only',
  adminsOnlyMessage: 'Only owners of the organisation can open this page. Ask one of them if something needs changing.',
  formRefusedTitle: 'Form expired',
  formRefusedMessage:
    'We could not accept this form: it was opened before you signed in or out, or it did not come from us. Reload the page and send it again.',
  supportProduct: 'Ooma Staff Desk',
  supportWrongLogin: 'That staff email and secret do not match.',
  supportUnknownAccountTitle: 'Unknown organisation',
  supportUnknownAccountMessage: 'No organisation has this number. Look it up again.',
  supportTicketInvalid: 'A case number is required: 2 to 64 letters, digits or . _ # / - (for example CASE-2041).',
  supportReasonInvalid: (min) =>
    `Write a justification of ${min} to 500 characters; the organisation's owners will read it in their activity history.`,
  auditSupportAccess: (ticket, reason, until) => `Case ${ticket} — ${reason} — open until ${new Date(until).toISOString()}`,
  supportAccessExpiredTitle: 'Case closed',
  supportAccessExpiredMessage: 'Your access to this organisation has run out (or was never opened). Unlock it again with the case number.',
  auditSupportSsoDisabled: (wasEnabled) =>
    wasEnabled ? 'Ooma staff suspended single sign-on; settings kept, passwords work again.' : 'Single sign-on was already optional.',
  unknownAppTitle: 'Unrecognised app',
  unknownAppMessage: (clientId, known) =>
    `The app calls itself "${clientId.slice(0, 80)}", which we do not recognise (we know ${known.join(' and ')}). Update the app, or start again from it.`,
  appRefusalHeading: 'The app could not sign you in',
  appRedirectRefusedDetail: (appName, problem, rule) => `${appName}: ${problem} Permitted: ${rule}.`,
  unsupportedResponseType: 'Only response_type=code (authorization code with PKCE) is offered.',
  pkceRefusedDescription: () =>
    `${FOREIGN_REFUSALS['native-pkce-invalid'].message} Send code_challenge (43 base64url characters) with code_challenge_method=S256 (RFC 7636). Error ${FOREIGN_REFUSALS['native-pkce-invalid'].ref}.`,
  auditPkceRefused: 'Authorization request lacking a valid S256 code_challenge.',
  appRequestExpiredDetail: "The app's sign-in request lapsed, or began in another browser.",
  auditAppAuthorized: (appName, method) => `${appName} allowed in (${method === 'sso' ? 'via single sign-on' : 'via password'})`,
  unsupportedGrantType: 'Only grant_type=authorization_code is offered.',
  unknownClientDescription: (clientId, known) =>
    `client_id "${clientId.slice(0, 80)}" is not registered here (we know ${known.join(' and ')}).`,
  tokenRefusedDescription: (reason, detail) => `${FOREIGN_REFUSALS[reason].message} ${detail} Error ${FOREIGN_REFUSALS[reason].ref}.`,
  codeUnknownDetail: 'We do not know this code, it ran out, or it belongs to another app.',
  codeReplayedDetail: 'This code was redeemed before; every token handed out for it is now revoked (RFC 6749 §4.1.2).',
  redirectMismatchDetail: 'redirect_uri is not the one the authorization request used (RFC 6749 §4.1.3).',
  verifierMissingDetail: 'No code_verifier was sent.',
  verifierWrongDetail: 'The code_verifier does not fit the code_challenge (S256).',
  auditTokenIssued: (appName) => `${appName} received an access token.`,
  tokenInvalidMessage: 'This access token is unknown, expired or revoked, or its member is suspended. Sign in from the app again.',
  tokenMissingMessage: 'Send the access token from the token endpoint as "Authorization: Bearer <token>".',
  auditAccountCreated: (seats) => `Organisation created with ${seats} member(s)`,
  auditHarnessSsoSaved: (version, protocol, vendor) =>
    `Revision ${version} (${foreignProtocol(protocol)}, ${foreignVendorLabel(vendor)}) stored by the provisioning API`,
  auditHarnessSsoSwitched: (version) => `Revision ${version}, switched by the provisioning API`,
};
