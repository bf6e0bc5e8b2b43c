// Google Workspace: a custom SAML app and "Sign in with Google" (OpenID Connect).
// Every value below is the vendor's default; faults override.
import { derivedChars, derivedDigits } from '../derived.ts';
import type { OidcPersona, SamlPersona, VendorFacts } from '../types.ts';

/** What Google is in either protocol (types.ts VendorFacts): the same facts under its SAML and OIDC personas. */
export const facts: VendorFacts = {
  productName: 'Google Workspace',
  shortName: 'Google',
  brand: { name: 'Google', colour: '#1a73e8' },
  pathId: 'idpid',
  userIdFormat: (key) => derivedDigits(key, 'google-sub', 21),
  signIn: {
    signInName: 'email',
    heading: 'Sign in',
    identifierLabel: 'Email or phone',
    identifierField: 'identifier',
    passwordHeading: 'Welcome',
    passwordLabel: 'Enter your password',
    passwordField: 'Passwd',
    nextButton: 'Next',
    submitButton: 'Next',
    steps: 2,
    wrongCredentials: 'Wrong password. Try again or click Forgot password to reset it.',
    unknownUser: "Couldn't find your Google Account",
    consent: { heading: '{app} wants access to your Google Account', accept: 'Allow', deny: 'Cancel' },
  },
};

export const saml: SamlPersona = {
  id: 'google-saml',
  vendor: 'google',
  protocol: 'saml',
  displayName: 'Google Workspace (SAML)',
  // Where the customer's admin pastes the SP values in this console (the suites read the portal's link of the same name).
  consoleFields: { entityId: 'Entity ID', acsUrl: 'ACS URL' },
  entityIdTemplate: 'https://accounts.google.com/o/saml2?idpid={idpid}',
  realIssuers: [/^https:\/\/accounts\.google\.com\/o\/saml2\?idpid=[A-Za-z0-9]+$/],
  ssoPathTemplate: '/google/{idpid}/o/saml2/idp',
  metadataPathTemplate: '/google/{idpid}/o/saml2/metadata',
  // The app launcher tile ("Test SAML login"): https://accounts.google.com/o/saml2/initsso?idpid=…&spid=…
  idpInitiatedPathTemplate: '/google/{idpid}/o/saml2/initsso',
  signing: { scope: 'assertion', algorithm: 'rsa-sha256', digest: 'sha256' },
  nameId: { format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified', value: 'email' },
  // No attributes unless the admin maps them ("Attribute mapping" is empty by default).
  attributes: [],
  validity: { notBeforeSeconds: -300, notOnOrAfterSeconds: 300 },
  // 1825 days (vendors.md "certificate"); the subject in the certificate's own order.
  certificate: {
    subject: [
      ['O', 'Google Inc.'],
      ['L', 'Mountain View'],
      ['CN', 'Google'],
      ['OU', 'Google For Work'],
      ['C', 'US'],
      ['ST', 'California'],
    ],
    lifetime: { days: 1825 },
  },
  metadata: {
    // 2022–23 downloads: 2-space indentation, validUntil = the certificate's end, no logout (Google has no SAML SLO).
    declaration: '<?xml version="1.0" encoding="UTF-8"?>',
    prefix: 'md',
    rootAttributes: ['xmlns', 'entityID', 'validUntil'],
    signed: false,
    wantAuthnRequestsSigned: true,
    keyInfo: 'ds',
    certificate: { wrap: 76, indent: '' },
    nameIdFormats: ['urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'],
    ssoBindings: ['redirect', 'post'],
    attributes: [],
    layout: 'indented',
    emptyElementEnd: '/>',
  },
  wire: {
    xmlDeclaration: true,
    idStyle: 'underscore-hex32',
    assertionChildOrder: ['Subject', 'Conditions', 'AttributeStatement', 'AuthnStatement'],
    authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified',
    sessionIndex: 'assertion-id',
    protocolPrefix: 'saml2p',
    assertionPrefix: 'saml2',
    signaturePrefix: 'ds',
    xmlStandaloneNo: true,
    responseSignaturePosition: 'after-issuer',
    subjectConfirmationSeconds: 300,
    attributeValueXsiType: true,
    xsiNamespacesOn: 'attribute-statement',
    rootAttributeOrder: {
      response: ['xmlns', 'Destination', 'ID', 'InResponseTo', 'IssueInstant', 'Version'],
      assertion: ['xmlns', 'ID', 'IssueInstant', 'Version'],
    },
  },
  // Google compares the AuthnRequest Issuer with the app's Entity ID case-sensitively.
  authnRequestPolicy: { spEntityId: 'exact', acsUrl: 'must-match' },
  loginFlow: 'account-chooser',
  signInErrors: {
    wrongPassword: 'Wrong password. Try again or click Forgot password to reset it.',
    unknownUser: "Couldn't find your Google Account",
  },
  commonIssuerMistake: { what: 'the SSO URL', apply: (issuer) => issuer.replace('/o/saml2?', '/o/saml2/idp?') },
  consoleFixes: {
    acsUrl:
      'Google Admin console → Apps → Web and mobile apps → your app → Service provider details → ACS URL: paste the ACS URL shown in the IdP and SSO section.',
    spEntityId:
      'Google Admin console → Apps → Web and mobile apps → your app → Service provider details → Entity ID: paste the SP entity ID exactly (Google compares it case-sensitively).',
    issuer:
      'Google Admin console → your app → Google Identity Provider details: copy "Entity ID" (https://accounts.google.com/o/saml2?idpid=…), not the SSO URL.',
    certificate:
      'Google Admin console → your app → Google Identity Provider details: download the certificate and upload it in the IdP and SSO section.',
    signingScope:
      'Google Admin console → your app → Service provider details: tick "Signed response" when the SP requires a signed Response (Google then signs the Response instead of the Assertion).',
    emailNameId:
      'Google Admin console → your app → Service provider details: Name ID format EMAIL, Name ID "Basic Information > Primary email".',
    userAssignment:
      "Google Admin console → Apps → Web and mobile apps → your app → User access: turn the app ON for the user's organizational unit or group.",
  },
  errors: {
    acsMismatch: {
      code: 'invalid_request',
      title: "400. That's an error.",
      message: "Error: invalid_request. The ACS URL '{acs}' in the request does not match the ACS URL configured for the SAML app.",
      httpStatus: 400,
    },
    unknownSp: {
      code: 'app_not_configured_for_user',
      title: "403. That's an error.",
      message:
        "Error: app_not_configured_for_user. Service is not configured for this user. (The entity ID '{spEntityId}' does not match any SAML app; the comparison is case-sensitive.)",
      httpStatus: 403,
    },
    userNotAssigned: {
      code: 'app_not_enabled_for_user',
      title: "403. That's an error.",
      message:
        "Error: app_not_enabled_for_user. Service is not available for this user: the app is turned off for the user's organizational unit.",
      httpStatus: 403,
    },
    userDisabled: {
      code: 'account_disabled',
      title: 'Account disabled',
      message: 'Your account has been disabled. Contact your Google Workspace administrator.',
      httpStatus: 403,
    },
    malformedRequest: {
      code: 'invalid_request',
      title: "400. That's an error.",
      message: 'Error: invalid_request. The SAML request could not be parsed.',
      httpStatus: 400,
    },
  },
  sources: [
    {
      fact: 'Entity ID https://accounts.google.com/o/saml2?idpid=…, SSO URL /o/saml2/idp?idpid=…, signed response optional, NameID primary email',
      url: 'https://support.google.com/a/answer/6087519',
    },
    {
      fact: 'app_not_configured_for_user (entity ID mismatch, case-sensitive), app_not_enabled_for_user, invalid_request',
      url: 'https://support.google.com/a/answer/6301076',
    },
    { fact: 'Signing certificate valid 5 years', url: 'https://support.google.com/a/answer/7394709' },
    {
      fact: 'Wire shape: saml2p/saml2 prefixes, XML declaration standalone="no", _ + 32 hex ids, ±5 min',
      url: 'https://github.com/SAML-Toolkits/python3-saml/tree/master/tests/data/responses (captured Google responses)',
    },
  ],
};

export const oidc: OidcPersona = {
  id: 'google-oidc',
  vendor: 'google',
  protocol: 'oidc',
  displayName: 'Google Workspace (OIDC)',
  // Where the customer's admin pastes the SP redirect URI in this console.
  consoleFields: { redirectUri: 'Authorized redirect URIs' },
  // Real issuer https://accounts.google.com; tokens may carry the legacy `accounts.google.com`
  // (fault oidc.issuer-google-legacy drops the scheme the same way).
  // Both forms Google documents as valid, with and without the scheme.
  realIssuers: [/^(?:https:\/\/)?accounts\.google\.com$/],
  issuerPathTemplate: '/google/{idpid}',
  idToken: {
    lifetimeSeconds: 3600,
    headerTyp: true,
    headerOrder: ['alg', 'kid', 'typ'],
    subject: 'vendor-id',
    issuedAtBackdateSeconds: 0,
    claims: [
      { name: 'iss', from: 'issuer' },
      { name: 'azp', from: 'authorizedParty' },
      { name: 'aud', from: 'audience' },
      { name: 'sub', from: 'subject', userinfo: true },
      // `hd` only for Workspace accounts: the one reliable signal of domain membership.
      { name: 'hd', from: 'hostedDomain', userinfo: true },
      { name: 'email', from: 'email', requiresScope: 'email', userinfo: true },
      { name: 'email_verified', from: 'emailVerified', requiresScope: 'email', userinfo: true },
      { name: 'at_hash', from: 'accessTokenHash' },
      { name: 'nonce', from: 'nonce' },
      { name: 'name', from: 'displayName', requiresScope: 'profile', userinfo: true },
      {
        name: 'picture',
        from: 'constant',
        value: 'https://lh3.googleusercontent.com/a/default-user=s96-c',
        requiresScope: 'profile',
        userinfo: true,
      },
      { name: 'given_name', from: 'givenName', requiresScope: 'profile', userinfo: true },
      { name: 'family_name', from: 'familyName', requiresScope: 'profile', userinfo: true },
      { name: 'iat', from: 'issuedAt' },
      { name: 'exp', from: 'expiresAt' },
    ],
    signingAlgorithm: 'RS256',
  },
  // accounts.google.com/o/oauth2/v2/auth, oauth2.googleapis.com/token,
  // openidconnect.googleapis.com/v1/userinfo, www.googleapis.com/oauth2/v3/certs — one host here.
  endpoints: {
    authorization: '/o/oauth2/v2/auth',
    token: '/token',
    userinfo: '/v1/userinfo',
    jwks: '/oauth2/v3/certs',
    revocation: '/revoke',
  },
  // accounts.google.com (2024, 15 fields): no logout endpoint, no response modes.
  discovery: [
    ['issuer', '{issuer}'],
    ['authorization_endpoint', '{authorization}'],
    ['device_authorization_endpoint', '{base}/device/code'],
    ['token_endpoint', '{token}'],
    ['userinfo_endpoint', '{userinfo}'],
    ['revocation_endpoint', '{revocation}'],
    ['jwks_uri', '{jwks}'],
    [
      'response_types_supported',
      ['code', 'token', 'id_token', 'code token', 'code id_token', 'token id_token', 'code token id_token', 'none'],
    ],
    ['subject_types_supported', ['public']],
    ['id_token_signing_alg_values_supported', ['RS256']],
    ['scopes_supported', ['openid', 'email', 'profile']],
    ['token_endpoint_auth_methods_supported', ['client_secret_post', 'client_secret_basic']],
    ['claims_supported', ['aud', 'email', 'email_verified', 'exp', 'family_name', 'given_name', 'iat', 'iss', 'name', 'picture', 'sub']],
    ['code_challenge_methods_supported', ['plain', 'S256']],
    [
      'grant_types_supported',
      [
        'authorization_code',
        'refresh_token',
        'urn:ietf:params:oauth:grant-type:device_code',
        'urn:ietf:params:oauth:grant-type:jwt-bearer',
      ],
    ],
  ],
  // Google publishes two keys (vendors.md "JWKS"): the second one is never used to sign here.
  jwks: { kid: 'hex40', members: ['alg', 'use', 'kty', 'e', 'n', 'kid'], secondKey: 'never-signs' },
  // Google publishes no certificate with its keys: this one never leaves the mock.
  certificate: { subject: [['CN', 'Google Workspace (OIDC) token signing']], lifetime: { days: 365 } },
  sessionCookie: 'SID',
  // Refresh: access_type=offline (offline_access is not a Google scope); a refresh token with the
  // first consent of the user for the client, again only with prompt=consent; never rotated, and
  // the refresh grant's answer carries none.
  refreshTokens: {
    requestedBy: 'access_type-offline',
    echoOfflineAccess: false,
    rotation: 'none',
    unrotatedAnswer: 'omitted',
    invalidGrant: { description: 'Token has been expired or revoked.' },
  },
  // none, consent, select_account (space-separated combinations); `login` is refused on Google's page.
  prompts: {
    supported: ['none', 'consent', 'select_account'],
    refusedPage: {
      code: 'invalid_request',
      title: 'Access blocked: Authorization Error',
      message: 'Error 400: invalid_request. Invalid parameter value for prompt: Invalid prompt: {prompt}',
      httpStatus: 400,
    },
  },
  loginFlow: 'account-chooser',
  loginPath: '/v3/signin',
  clientIdFormat: (key) =>
    `${derivedDigits(key, 'oidc-client', 12)}-${derivedChars(key, 'oidc-client-2', 32, 'abcdefghijklmnopqrstuvwxyz0123456789')}.apps.googleusercontent.com`,
  errorStyle: { codeInPageMessage: false, numericErrorCodes: false },
  consoleFixes: {
    clientSecret:
      'Google Cloud Console → APIs & Services → Credentials → your OAuth 2.0 client: copy the client secret (or add a new one) into the IdP and SSO section.',
    redirectUri:
      "Google Cloud Console → APIs & Services → Credentials → your OAuth client → Authorized redirect URIs: add the portal's OIDC redirect URI exactly.",
    userAssignment:
      'The OAuth consent screen is "Internal": sign in with an account of the Workspace organization, or set User type to External (Google Cloud Console → OAuth consent screen).',
    emailClaim: 'Request the email scope; Google Cloud Console → OAuth consent screen → Scopes: add .../auth/userinfo.email.',
    refreshTokenRevoked:
      'The user removed the app at myaccount.google.com → Security → Third-party access, changed their password, or the token was unused for 6 months; the SP must treat invalid_grant as "sign in again".',
    emailVerification: 'Use a Workspace account (its email is verified by the organization).',
    workspaceAccount:
      "Sign out of the personal Google account and sign in with the organization's Workspace account (personal accounts carry no hd); or add the domain to the account's SSO domains.",
  },
  errors: {
    redirectUriMismatch: {
      code: 'redirect_uri_mismatch',
      title: "Access blocked: This app's request is invalid",
      message:
        "Error 400: redirect_uri_mismatch. You can't sign in because this app sent an invalid request. If you're the app developer, register the redirect URI in the Google Cloud Console.",
      httpStatus: 400,
    },
    invalidClient: { code: 'invalid_client', title: 'invalid_client', message: 'Unauthorized', httpStatus: 401 },
    clientSecretExpired: { code: 'invalid_client', title: 'invalid_client', message: 'Unauthorized', httpStatus: 401 },
    userNotAssigned: {
      code: 'org_internal',
      title: 'Access blocked: {clientId} can only be used within its organization',
      message: 'Error 403: org_internal. This app is restricted to users within its organization.',
      httpStatus: 403,
    },
    userDisabled: {
      code: 'access_denied',
      title: "Couldn't sign you in",
      message: 'Error 403: access_denied. This account has been disabled.',
      httpStatus: 403,
    },
  },
  sources: [
    {
      fact: 'Refresh token with access_type=offline on the first consent, again with prompt=consent; prompt none, consent, select_account (login not supported)',
      url: 'https://developers.google.com/identity/protocols/oauth2/web-server#offline',
    },
    {
      fact: 'Issuer https://accounts.google.com or accounts.google.com; claims sub (21 digits), email, email_verified, hd, at_hash, name, picture; header alg, kid, typ',
      url: 'https://developers.google.com/identity/openid-connect/openid-connect',
    },
    {
      fact: 'Endpoints from https://accounts.google.com/.well-known/openid-configuration',
      url: 'https://accounts.google.com/.well-known/openid-configuration',
    },
    {
      fact: 'redirect_uri_mismatch, org_internal',
      url: 'https://developers.google.com/identity/protocols/oauth2/web-server#authorization-errors',
    },
  ],
};
