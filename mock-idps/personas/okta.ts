// Okta: a SAML 2.0 app integration and an OIDC web app on the custom authorization server
// `default`. Every value below is the vendor's default; faults override.
import { derivedChars } from '../derived.ts';
import type { OidcPersona, SamlPersona, VendorFacts } from '../types.ts';

const HELP = 'https://help.okta.com/en-us/content/topics';
const DEV = 'https://developer.okta.com/docs';
const OKTA_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt', 'none'];
const OKTA_REQUEST_OBJECT_ALGS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'];

/** What Okta is in either protocol (types.ts VendorFacts): the same facts under its SAML and OIDC personas. */
export const facts: VendorFacts = {
  productName: 'Okta',
  shortName: 'Okta',
  brand: { name: 'Okta', colour: '#00297a' },
  pathId: 'org',
  userIdFormat: (key) => `00u${derivedChars(key, 'okta-user', 17, '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')}`,
  signIn: {
    signInName: 'email',
    heading: 'Sign In',
    identifierLabel: 'Username',
    identifierField: 'identifier',
    passwordHeading: 'Sign In',
    passwordLabel: 'Password',
    passwordField: 'credentials.passcode',
    nextButton: 'Sign in',
    submitButton: 'Sign in',
    steps: 1,
    wrongCredentials: 'Unable to sign in',
    unknownUser: 'Unable to sign in',
    consent: { heading: '{app} would like to:', accept: 'Allow Access', deny: "Don't Allow" },
  },
};

export const saml: SamlPersona = {
  id: 'okta-saml',
  vendor: 'okta',
  protocol: 'saml',
  displayName: 'Okta (SAML)',
  // Where the customer's admin pastes the SP values in this console (the suites read the portal's link of the same name).
  consoleFields: { entityId: 'Audience URI (SP Entity ID)', acsUrl: 'Single sign-on URL' },
  // `http`, not `https`: the single most common issuer typo at SPs.
  entityIdTemplate: 'http://www.okta.com/{exk}',
  realIssuers: [/^http:\/\/www\.okta\.com\/[A-Za-z0-9]+$/],
  ssoPathTemplate: '/okta/{org}/app/{slug}/{exk}/sso/saml',
  metadataPathTemplate: '/okta/{org}/app/{exk}/sso/saml/metadata',
  // The app tile on the Okta dashboard ("embed link").
  idpInitiatedPathTemplate: '/okta/{org}/home/{slug}/{exk}',
  signing: { scope: 'both', algorithm: 'rsa-sha256', digest: 'sha256' },
  // Value is the Okta username, which in most orgs is the login email.
  nameId: { format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified', value: 'upn' },
  // Okta sends no attributes by default; these are the Attribute Statements the SP's setup guide asks the admin to add.
  attributes: [
    { name: 'email', from: 'email', nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified' },
    { name: 'firstName', from: 'givenName', nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified' },
    { name: 'lastName', from: 'familyName', nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified' },
  ],
  validity: { notBeforeSeconds: -300, notOnOrAfterSeconds: 300 },
  // 10 years and one minute (vendors.md "certificate").
  certificate: {
    subject: [
      ['C', 'US'],
      ['ST', 'California'],
      ['L', 'San Francisco'],
      ['O', 'Okta'],
      ['OU', 'SSOProvider'],
      ['CN', '{org}'],
      ['emailAddress', 'info@okta.com'],
    ],
    lifetime: { years: 10, minutes: 1 },
  },
  metadata: {
    // 2024 documents: one line, emailAddress only, POST before Redirect, no logout.
    declaration: '<?xml version="1.0" encoding="UTF-8"?>',
    prefix: 'md',
    rootAttributes: ['entityID', 'xmlns'],
    signed: false,
    wantAuthnRequestsSigned: true,
    keyInfo: 'ds',
    certificate: { wrap: 76, indent: '    ' },
    nameIdFormats: ['urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'],
    ssoBindings: ['post', 'redirect'],
    attributes: [],
    layout: 'one-line',
    emptyElementEnd: '/>',
  },
  wire: {
    xmlDeclaration: true,
    idStyle: 'okta-digits',
    issuerFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity',
    assertionChildOrder: ['Subject', 'Conditions', 'AuthnStatement', 'AttributeStatement'],
    authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
    sessionIndex: 'in-response-to',
    protocolPrefix: 'saml2p',
    assertionPrefix: 'saml2',
    signaturePrefix: 'ds',
    xmlStandaloneNo: false,
    responseSignaturePosition: 'after-issuer',
    subjectConfirmationSeconds: 300,
    attributeValueXsiType: true,
    xsiNamespacesOn: 'attribute-value',
    rootAttributeOrder: {
      response: ['xmlns', 'Destination', 'ID', 'InResponseTo', 'IssueInstant', 'Version'],
      assertion: ['xmlns', 'ID', 'IssueInstant', 'Version'],
    },
  },
  // The app is chosen by the SSO URL (it carries the exk id); Okta posts to its configured
  // "Single sign-on URL" unless "Allow this app to request other SSO URLs" is ticked.
  authnRequestPolicy: { spEntityId: 'ignored', acsUrl: 'must-match' },
  loginFlow: 'username-and-password',
  signInErrors: { wrongPassword: 'Unable to sign in', unknownUser: 'Unable to sign in' },
  commonIssuerMistake: { what: 'https instead of http', apply: (issuer) => issuer.replace(/^http:/, 'https:') },
  consoleFixes: {
    acsUrl:
      'Okta Admin Console → Applications → your app → General → SAML Settings → Edit → Single sign-on URL: paste the ACS URL shown in the IdP and SSO section.',
    spEntityId:
      'Okta Admin Console → Applications → your app → General → SAML Settings → Edit → Audience URI (SP Entity ID): paste the SP entity ID shown in the IdP and SSO section.',
    issuer:
      'Okta Admin Console → your app → Sign On → View SAML setup instructions: copy "Identity Provider Issuer" (http://www.okta.com/exk… — http, not https).',
    certificate:
      'Okta Admin Console → your app → Sign On → SAML Signing Certificates: Actions → Download certificate of the *Active* one, and upload it in the IdP and SSO section.',
    signingScope:
      'Okta Admin Console → your app → General → SAML Settings → Show Advanced Settings: Response "Signed" and Assertion Signature "Signed".',
    emailNameId:
      'Okta Admin Console → your app → General → SAML Settings: Name ID format EmailAddress, Application username "Email"; or add an Attribute Statement "email" = user.email.',
    userAssignment: 'Okta Admin Console → Applications → your app → Assignments → Assign to People / Groups.',
    sha256:
      'Okta Admin Console → your app → General → SAML Settings → Show Advanced Settings: Signature Algorithm RSA-SHA256, Digest Algorithm SHA256.',
    recipientUrl:
      'Okta Admin Console → your app → General → SAML Settings → Edit → Show Advanced Settings → Recipient URL: paste the ACS URL (untick "Use this for Recipient URL and Destination URL" only if they must differ).',
    encryptionOff: 'Okta Admin Console → your app → General → SAML Settings → Show Advanced Settings: Assertion Encryption "Unencrypted".',
    hideAppTile:
      'Okta Admin Console → Applications → your app → General → App Settings: "Do not display application icon to users", until SSO is re-enabled in OE.',
  },
  errors: {
    acsMismatch: {
      code: 'invalid_acs',
      title: '400 Bad Request',
      message:
        'The AssertionConsumerServiceURL \'{acs}\' in the request is not the Single sign-on URL of this app and "Allow this app to request other SSO URLs" is not enabled.',
      httpStatus: 400,
    },
    unknownSp: {
      code: '404',
      title: '404 Page not found',
      message: 'The app link you followed does not exist in this Okta org. Check the Okta SSO URL configured at the SP.',
      httpStatus: 404,
    },
    userNotAssigned: {
      code: 'app_not_assigned',
      title: '403 — App Not Assigned',
      message: "User is not assigned to this application. Sorry, you can't access {app} because you are not assigned this app in Okta.",
      httpStatus: 403,
    },
    userDisabled: {
      code: 'user_deactivated',
      title: 'Unable to sign in',
      message: 'Your account is deactivated. Contact your Okta administrator.',
      httpStatus: 403,
    },
    malformedRequest: {
      code: 'invalid_saml_request',
      title: '400 Bad Request',
      message: 'The SAMLRequest could not be decoded or is not a valid AuthnRequest.',
      httpStatus: 400,
    },
  },
  sources: [
    {
      fact: 'Issuer http://www.okta.com/{exk…}, SSO URL /app/{slug}/{exk}/sso/saml, metadata URL',
      url: `${HELP}/apps/apps_app_integration_wizard_saml.htm`,
    },
    {
      fact: 'Response and Assertion signed, RSA-SHA256 default, SHA-1 selectable; NameID unspecified = Okta username',
      url: `${DEV}/concepts/saml/`,
    },
    { fact: 'Attribute Statements are admin-defined, none by default', url: `${HELP}/apps/define-attribute-statements.htm` },
    { fact: 'Signing certificate valid 10 years', url: `${HELP}/apps/manage-signing-keys.htm` },
    { fact: '403 App Not Assigned / "you are not assigned this app"', url: `${HELP}/end-user/app-not-assigned.htm` },
    {
      fact: 'Wire shape: saml2p/saml2/ds prefixes, XML declaration, id + digits, Issuer Format entity, ±5 min, SessionIndex = InResponseTo',
      url: 'https://github.com/node-saml/passport-saml/tree/master/test/static (captured Okta responses)',
    },
  ],
};

export const oidc: OidcPersona = {
  id: 'okta-oidc',
  vendor: 'okta',
  protocol: 'oidc',
  displayName: 'Okta (OIDC)',
  // Where the customer's admin pastes the SP redirect URI in this console.
  consoleFields: { redirectUri: 'Sign-in redirect URIs' },
  // Custom authorization server `default`; the org server would be `/okta/{org}` (fault oidc.issuer-okta-org-server).
  // The org authorization server (https://{org}.okta.com) and custom ones (…/oauth2/{default|aus…}), in every Okta cell.
  realIssuers: [
    /^https:\/\/[a-z0-9-]+\.(?:okta|oktapreview|okta-emea|okta-gov)\.com(?:\/oauth2\/[A-Za-z0-9]+)?$/i,
    /^https:\/\/[a-z0-9-]+\.okta\.mil(?:\/oauth2\/[A-Za-z0-9]+)?$/i,
  ],
  issuerPathTemplate: '/okta/{org}/oauth2/default',
  idToken: {
    lifetimeSeconds: 3600,
    headerTyp: false,
    headerOrder: ['kid', 'alg'],
    subject: 'vendor-id',
    issuedAtBackdateSeconds: 0,
    claims: [
      { name: 'sub', from: 'subject', userinfo: true },
      { name: 'name', from: 'displayName', requiresScope: 'profile', userinfo: true },
      { name: 'email', from: 'email', requiresScope: 'email', userinfo: true },
      { name: 'ver', from: 'constant', value: 1 },
      { name: 'iss', from: 'issuer' },
      { name: 'aud', from: 'audience' },
      { name: 'iat', from: 'issuedAt' },
      { name: 'exp', from: 'expiresAt' },
      { name: 'jti', from: 'opaque', value: 'ID.' },
      { name: 'amr', from: 'constant', value: ['pwd'] },
      { name: 'idp', from: 'tenantScoped', value: '00o' },
      { name: 'nonce', from: 'nonce' },
      { name: 'preferred_username', from: 'upn', requiresScope: 'profile', userinfo: true },
      { name: 'auth_time', from: 'authTime' },
      { name: 'at_hash', from: 'accessTokenHash' },
      { name: 'email_verified', from: 'emailVerified', requiresScope: 'email', userinfo: true },
      { name: 'groups', from: 'groups', requiresScope: 'groups', userinfo: true },
    ],
    signingAlgorithm: 'RS256',
  },
  endpoints: {
    authorization: '/v1/authorize',
    token: '/v1/token',
    userinfo: '/v1/userinfo',
    jwks: '/v1/keys',
    logout: '/v1/logout',
    revocation: '/v1/revoke',
    introspection: '/v1/introspect',
    pushedAuthorization: '/v1/par',
  },
  // The custom authorization server `default` (2023 document, 26 fields).
  discovery: [
    ['issuer', '{issuer}'],
    ['authorization_endpoint', '{authorization}'],
    ['token_endpoint', '{token}'],
    ['userinfo_endpoint', '{userinfo}'],
    // Registration stays on the org server: /oauth2/v1/clients.
    ['registration_endpoint', '{base}/../v1/clients'],
    ['jwks_uri', '{jwks}'],
    ['response_types_supported', ['code', 'id_token', 'code id_token', 'code token', 'id_token token', 'code id_token token']],
    ['response_modes_supported', ['query', 'fragment', 'form_post', 'okta_post_message']],
    [
      'grant_types_supported',
      [
        'authorization_code',
        'implicit',
        'refresh_token',
        'password',
        'urn:ietf:params:oauth:grant-type:device_code',
        'urn:openid:params:grant-type:ciba',
      ],
    ],
    ['subject_types_supported', ['public']],
    ['id_token_signing_alg_values_supported', ['RS256']],
    [
      'scopes_supported',
      [
        'okta.myAccount.appAuthenticator.maintenance.manage',
        'okta.myAccount.appAuthenticator.maintenance.read',
        'okta.myAccount.appAuthenticator.manage',
        'okta.myAccount.appAuthenticator.read',
        'okta.myAccount.email.manage',
        'okta.myAccount.email.read',
        'okta.myAccount.manage',
        'okta.myAccount.phone.manage',
        'okta.myAccount.phone.read',
        'okta.myAccount.profile.manage',
        'okta.myAccount.profile.read',
        'okta.myAccount.read',
        'openid',
        'profile',
        'email',
        'address',
        'phone',
        'offline_access',
        'device_sso',
      ],
    ],
    ['token_endpoint_auth_methods_supported', OKTA_AUTH_METHODS],
    [
      'claims_supported',
      [
        'iss',
        'ver',
        'sub',
        'aud',
        'iat',
        'exp',
        'jti',
        'auth_time',
        'amr',
        'idp',
        'nonce',
        'name',
        'nickname',
        'preferred_username',
        'given_name',
        'middle_name',
        'family_name',
        'email',
        'email_verified',
        'profile',
        'zoneinfo',
        'locale',
        'address',
        'phone_number',
        'picture',
        'website',
        'gender',
        'birthdate',
        'updated_at',
        'at_hash',
        'c_hash',
      ],
    ],
    ['code_challenge_methods_supported', ['S256']],
    ['introspection_endpoint', '{introspection}'],
    ['introspection_endpoint_auth_methods_supported', OKTA_AUTH_METHODS],
    ['revocation_endpoint', '{revocation}'],
    ['revocation_endpoint_auth_methods_supported', OKTA_AUTH_METHODS],
    ['end_session_endpoint', '{logout}'],
    ['request_parameter_supported', true],
    ['request_object_signing_alg_values_supported', OKTA_REQUEST_OBJECT_ALGS],
    ['device_authorization_endpoint', '{base}/v1/device/authorize'],
    ['pushed_authorization_request_endpoint', '{pushedAuthorization}'],
    ['backchannel_token_delivery_modes_supported', ['poll']],
    ['backchannel_authentication_request_signing_alg_values_supported', OKTA_REQUEST_OBJECT_ALGS],
  ],
  jwks: { kid: 'jwk-thumbprint', members: ['kty', 'alg', 'kid', 'use', 'e', 'n'] },
  // Okta publishes no certificate with its keys: this one never leaves the mock.
  certificate: { subject: [['CN', 'Okta (OIDC) token signing']], lifetime: { days: 365 } },
  sessionCookie: 'idx',
  // Refresh: scope offline_access (echoed in `scope`) with the Refresh Token grant on the app. Web
  // apps default to "Use persistent token" (no rotation); "Rotate token after every use" is the
  // configured alternative (fault oidc.refresh-token-reused).
  refreshTokens: {
    requestedBy: 'offline_access-scope',
    echoOfflineAccess: true,
    rotation: 'none',
    unrotatedAnswer: 'same',
    invalidGrant: { description: 'The refresh token is invalid or expired.' },
  },
  // none, consent, login and `consent login`; select_account is not an Okta value (invalid_request).
  prompts: { supported: ['none', 'consent', 'login'] },
  loginFlow: 'username-and-password',
  loginPath: '/signin',
  clientIdFormat: (key) => `0oa${derivedChars(key, 'oidc-client', 17, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
  errorStyle: { codeInPageMessage: false, numericErrorCodes: false },
  consoleFixes: {
    clientSecret:
      'Okta Admin Console → Applications → your app → General → Client Credentials: copy the client secret (or generate a new one) into the IdP and SSO section.',
    redirectUri:
      "Okta Admin Console → Applications → your app → General → Login redirect URIs: add the portal's OIDC redirect URI exactly.",
    userAssignment: 'Okta Admin Console → Applications → your app → Assignments → Assign → Assign to People / Groups.',
    emailClaim: 'Okta Admin Console → Security → API → your authorization server → Access Policies: allow the email scope for the app.',
    refreshTokenRevoked:
      'Okta Admin Console → Directory → People → the user → Clear User Sessions (or the app\'s Tokens tab) revokes refresh tokens; the user signs in again. The SP must treat invalid_grant as "sign in again".',
    orgAuthorizationServer:
      'Okta Admin Console → Security → API → Authorization Servers: copy the Issuer URI of the server the app uses (https://{org}.okta.com/oauth2/default for the custom server, https://{org}.okta.com for the org server) into the IdP and SSO section.',
    emailVerification: 'Okta Admin Console → Directory → People → the user: complete the activation / email verification.',
    refreshTokenRotation:
      'Okta Admin Console → Applications → your app → General → Refresh Token: with "Rotate token after every use", keep only the newest refresh token; the grace period (default 30 s) covers concurrent refreshes only.',
  },
  errors: {
    redirectUriMismatch: {
      code: 'invalid_request',
      title: '400 Bad Request',
      message: "The 'redirect_uri' parameter must be a Login redirect URI in the client app settings: {clientId}",
      httpStatus: 400,
    },
    invalidClient: {
      code: 'invalid_client',
      title: 'invalid_client',
      message: 'The client secret supplied for a confidential client is invalid.',
      httpStatus: 401,
    },
    clientSecretExpired: {
      code: 'invalid_client',
      title: 'invalid_client',
      message: 'The client secret supplied for a confidential client is invalid.',
      httpStatus: 401,
    },
    // 302: Okta sends these back to the redirect URI instead of showing a page.
    userNotAssigned: {
      code: 'access_denied',
      title: 'access_denied',
      message: 'User is not assigned to the client application.',
      httpStatus: 302,
    },
    userDisabled: { code: 'access_denied', title: 'access_denied', message: 'The user account is deactivated.', httpStatus: 302 },
  },
  sources: [
    {
      fact: 'Refresh tokens with offline_access and the Refresh Token grant; persistent or rotating refresh tokens, reuse after rotation revokes the chain; prompt none, consent, login',
      url: 'https://developer.okta.com/docs/guides/refresh-tokens/main/',
    },
    {
      fact: 'Org vs custom authorization server issuers; /v1/authorize, /v1/token, /v1/userinfo, /v1/keys',
      url: `${DEV}/concepts/auth-servers/`,
    },
    {
      fact: 'ID token claims (ver 1, jti ID.…, amr, idp, auth_time, at_hash; email with the email scope); header kid, alg, no typ',
      url: `${DEV}/reference/api/oidc/`,
    },
    { fact: 'redirect_uri error page text; access_denied for unassigned users', url: `${DEV}/guides/sign-into-web-app-redirect/` },
    { fact: 'invalid_client text of the token endpoint', url: `${DEV}/reference/api/oidc/#response-properties-5` },
  ],
};
