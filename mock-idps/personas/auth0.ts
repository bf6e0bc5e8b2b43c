// Auth0: the "SAML2 Web App" addon of an application, and the application over OIDC.
// Every value below is the vendor's default; faults override.
import { derivedChars } from '../derived.ts';
import type { OidcPersona, SamlPersona, VendorFacts } from '../types.ts';

const DOCS = 'https://auth0.com/docs';
const CLAIMS = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';

/** What Auth0 is in either protocol (types.ts VendorFacts): the same facts under its SAML and OIDC personas. */
export const facts: VendorFacts = {
  productName: 'Auth0',
  shortName: 'Auth0',
  brand: { name: 'Auth0', colour: '#635dff' },
  pathId: 'tenant',
  userIdFormat: (key) => `auth0|${derivedChars(key, 'auth0-user', 24, '0123456789abcdef')}`,
  signIn: {
    signInName: 'email',
    heading: 'Welcome',
    identifierLabel: 'Email address',
    identifierField: 'username',
    passwordHeading: 'Welcome',
    passwordLabel: 'Password',
    passwordField: 'password',
    nextButton: 'Continue',
    submitButton: 'Continue',
    steps: 1,
    wrongCredentials: 'Wrong email or password.',
    unknownUser: 'Wrong email or password.',
    consent: { heading: 'Authorize {app}', accept: 'Accept', deny: 'Decline' },
  },
};

export const saml: SamlPersona = {
  id: 'auth0-saml',
  vendor: 'auth0',
  protocol: 'saml',
  displayName: 'Auth0 (SAML)',
  // Where the customer's admin pastes the SP values in this console (the suites read the portal's link of the same name).
  consoleFields: { entityId: 'Settings: "audience"', acsUrl: 'Application Callback URL' },
  entityIdTemplate: 'urn:{tenant}.auth0.com',
  realIssuers: [/^urn:[a-z0-9-]+(?:\.[a-z]{2})?\.auth0\.com$/i],
  ssoPathTemplate: '/auth0/{tenant}/samlp/{clientId}',
  metadataPathTemplate: '/auth0/{tenant}/samlp/metadata/{clientId}',
  // Auth0 treats a GET of the SSO URL without SAMLRequest as an IdP-initiated login.
  idpInitiatedPathTemplate: '/auth0/{tenant}/samlp/{clientId}',
  // Older tenants default to RSA-SHA1 / SHA-1; new tenants (the happy path here) use SHA-256.
  signing: { scope: 'assertion', algorithm: 'rsa-sha256', digest: 'sha256' },
  // The Auth0 user_id, not the email, unless remapped with nameIdentifierProbes.
  nameId: { format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified', value: 'vendorId' },
  attributes: [
    { name: `${CLAIMS}/nameidentifier`, from: 'vendorId', nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri' },
    { name: `${CLAIMS}/emailaddress`, from: 'email', nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri' },
    { name: `${CLAIMS}/name`, from: 'displayName', nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri' },
    { name: `${CLAIMS}/upn`, from: 'email', nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri' },
    { name: 'http://schemas.auth0.com/nickname', from: 'givenName', nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri' },
  ],
  // lifetimeInSeconds 3600; NotBefore = IssueInstant.
  validity: { notBeforeSeconds: 0, notOnOrAfterSeconds: 3600 },
  // Exactly 5000 days (≈13.7 years), as Auth0's tenant signing certificates (vendors.md).
  certificate: { subject: [['CN', '{tenant}.auth0.com']], lifetime: { days: 5000 } },
  metadata: {
    declaration: '',
    prefix: '',
    rootAttributes: ['entityID', 'xmlns'],
    signed: false,
    wantAuthnRequestsSigned: false,
    keyInfo: 'default',
    certificate: 'one-line',
    nameIdFormats: [
      'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
      'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
    ],
    ssoBindings: ['redirect', 'post'],
    singleLogout: { bindings: ['redirect', 'post'], at: 'sso-url/logout' },
    attributes: [
      { name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', friendlyName: 'E-Mail Address' },
      { name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname', friendlyName: 'Given Name' },
      { name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name', friendlyName: 'Name' },
      { name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname', friendlyName: 'Surname' },
      { name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier', friendlyName: 'Name ID' },
    ],
    layout: 'one-line',
    emptyElementEnd: '/>',
  },
  wire: {
    xmlDeclaration: false,
    idStyle: 'underscore-alnum',
    assertionChildOrder: ['Subject', 'Conditions', 'AuthnStatement', 'AttributeStatement'],
    authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified',
    sessionIndex: 'random',
    protocolPrefix: 'samlp',
    assertionPrefix: 'saml',
    signaturePrefix: '',
    xmlStandaloneNo: false,
    responseSignaturePosition: 'last-child',
    subjectConfirmationSeconds: 3600,
    attributeValueXsiType: true,
    xsiNamespacesOn: 'attribute-statement',
    rootAttributeOrder: {
      response: ['xmlns', 'ID', 'InResponseTo', 'Version', 'IssueInstant', 'Destination'],
      assertion: ['xmlns', 'Version', 'ID', 'IssueInstant'],
    },
  },
  // The app is chosen by the client_id in the SSO URL; the ACS must be the Application Callback URL.
  authnRequestPolicy: { spEntityId: 'ignored', acsUrl: 'must-match' },
  loginFlow: 'universal-login',
  signInErrors: { wrongPassword: 'Wrong email or password', unknownUser: 'Wrong email or password' },
  commonIssuerMistake: { what: 'urn:auth0:{tenant}', apply: (_issuer, ids) => `urn:auth0:${ids.tenant}` },
  consoleFixes: {
    acsUrl:
      'Auth0 Dashboard → Applications → your app → Addons → SAML2 Web App → Settings → Application Callback URL: paste the ACS URL shown in the IdP and SSO section.',
    spEntityId:
      'Auth0 Dashboard → Applications → your app → Addons → SAML2 Web App → Settings: set "audience" to the SP entity ID shown in the IdP and SSO section.',
    issuer: 'Auth0 Dashboard → your app → Addons → SAML2 Web App → Usage: copy "Issuer" (urn:{tenant}.auth0.com).',
    certificate:
      'Auth0 Dashboard → your app → Addons → SAML2 Web App → Usage: download the Identity Provider Certificate and upload it in the IdP and SSO section.',
    signingScope:
      'Auth0 Dashboard → your app → Addons → SAML2 Web App → Settings: set "signResponse" to match the SP (true signs the Response).',
    emailNameId:
      'Auth0 Dashboard → your app → Addons → SAML2 Web App → Settings: "nameIdentifierProbes": ["http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"].',
    userAssignment: 'Auth0 Dashboard: allow the user in the login Action / Rule that restricts access to the application.',
    sha256:
      'Auth0 Dashboard → your app → Addons → SAML2 Web App → Settings: "signatureAlgorithm": "rsa-sha256", "digestAlgorithm": "sha256" (older tenants default to SHA-1).',
    encryptionOff: 'Auth0 Dashboard → your app → Addons → SAML2 Web App → Settings: remove "encryptionCert" / "encryptionPublicKey".',
  },
  errors: {
    acsMismatch: {
      code: 'invalid_request',
      title: 'Oops!, something went wrong',
      message:
        "Callback URL mismatch. The provided redirect_uri '{acs}' is not in the list of allowed callback URLs. Please go to the Application Settings page and make sure you are sending a valid callback url from your application.",
      httpStatus: 400,
    },
    unknownSp: { code: 'invalid_client', title: 'Oops!, something went wrong', message: 'Unknown client: {clientId}.', httpStatus: 400 },
    userNotAssigned: {
      code: 'access_denied',
      title: 'Oops!, something went wrong',
      message: 'access_denied: the user is not allowed to use this application (blocked by a login Action).',
      httpStatus: 403,
    },
    userDisabled: { code: 'unauthorized', title: 'Oops!, something went wrong', message: 'user is blocked', httpStatus: 401 },
    malformedRequest: {
      code: 'invalid_request',
      title: 'Oops!, something went wrong',
      message: 'invalid_request: the SAMLRequest could not be parsed.',
      httpStatus: 400,
    },
  },
  sources: [
    {
      fact: 'Issuer urn:{tenant}.auth0.com, SSO URL /samlp/{client_id}, metadata /samlp/metadata/{client_id}, IdP-initiated via GET of the SSO URL',
      url: `${DOCS}/authenticate/protocols/saml/saml-sso-integrations/configure-auth0-saml-identity-provider`,
    },
    {
      fact: 'Addon settings: signResponse, signatureAlgorithm (rsa-sha1 on older tenants), lifetimeInSeconds 3600, nameIdentifierProbes, default attribute mappings',
      url: `${DOCS}/authenticate/protocols/saml/saml-configuration/customize-saml-assertions`,
    },
    { fact: 'Callback URL mismatch error page', url: `${DOCS}/troubleshoot/authentication-issues/saml-errors` },
    {
      fact: 'Wire shape: samlp/saml prefixes, unprefixed Signature after the Assertion Issuer, NotBefore = IssueInstant, random SessionIndex',
      url: 'https://github.com/auth0/node-samlp/tree/master/test (fixtures)',
    },
  ],
};

export const oidc: OidcPersona = {
  id: 'auth0-oidc',
  vendor: 'auth0',
  protocol: 'oidc',
  displayName: 'Auth0 (OIDC)',
  // Where the customer's admin pastes the SP redirect URI in this console.
  consoleFields: { redirectUri: 'Allowed Callback URLs' },
  // The trailing slash is part of the issuer; dropping it is the classic mismatch.
  // {tenant}.auth0.com/ and the regional {tenant}.{us|eu|au|jp}.auth0.com/, trailing slash included.
  realIssuers: [/^https:\/\/[a-z0-9-]+(?:\.[a-z]{2})?\.auth0\.com\/$/i],
  issuerPathTemplate: '/auth0/{tenant}/',
  idToken: {
    lifetimeSeconds: 36_000,
    headerTyp: true,
    headerOrder: ['alg', 'typ', 'kid'],
    subject: 'vendor-id',
    issuedAtBackdateSeconds: 0,
    claims: [
      { name: 'nickname', from: 'emailLocalPart', requiresScope: 'profile', userinfo: true },
      { name: 'name', from: 'displayName', requiresScope: 'profile', userinfo: true },
      {
        name: 'picture',
        from: 'constant',
        value: 'https://s.gravatar.com/avatar/0?s=480&r=pg&d=mp',
        requiresScope: 'profile',
        userinfo: true,
      },
      { name: 'updated_at', from: 'updatedAt', requiresScope: 'profile', userinfo: true },
      { name: 'email', from: 'email', requiresScope: 'email', userinfo: true },
      { name: 'email_verified', from: 'emailVerified', requiresScope: 'email', userinfo: true },
      { name: 'iss', from: 'issuer' },
      { name: 'aud', from: 'audience' },
      { name: 'iat', from: 'issuedAt' },
      { name: 'exp', from: 'expiresAt' },
      { name: 'sub', from: 'subject', userinfo: true },
      { name: 'sid', from: 'sessionId' },
      { name: 'nonce', from: 'nonce' },
      // Custom claims added by an Action must be namespaced (non-namespaced ones are dropped).
      { name: 'https://example.com/groups', from: 'groups' },
    ],
    signingAlgorithm: 'RS256',
  },
  endpoints: {
    authorization: '/authorize',
    token: '/oauth/token',
    userinfo: '/userinfo',
    jwks: '/.well-known/jwks.json',
    revocation: '/oauth/revoke',
  },
  // A tenant's document (2023-09, 20 fields): no end_session_endpoint (tenants before 2023-11-14).
  discovery: [
    ['issuer', '{issuer}'],
    ['authorization_endpoint', '{authorization}'],
    ['token_endpoint', '{token}'],
    ['device_authorization_endpoint', '{base}/oauth/device/code'],
    ['userinfo_endpoint', '{userinfo}'],
    ['mfa_challenge_endpoint', '{base}/mfa/challenge'],
    ['jwks_uri', '{jwks}'],
    ['registration_endpoint', '{base}/oidc/register'],
    ['revocation_endpoint', '{revocation}'],
    [
      'scopes_supported',
      [
        'openid',
        'profile',
        'offline_access',
        'name',
        'given_name',
        'family_name',
        'nickname',
        'email',
        'email_verified',
        'picture',
        'created_at',
        'identities',
        'phone',
        'address',
      ],
    ],
    ['response_types_supported', ['code', 'token', 'id_token', 'code token', 'code id_token', 'token id_token', 'code token id_token']],
    ['code_challenge_methods_supported', ['S256', 'plain']],
    ['response_modes_supported', ['query', 'fragment', 'form_post']],
    ['subject_types_supported', ['public']],
    ['id_token_signing_alg_values_supported', ['HS256', 'RS256', 'PS256']],
    ['token_endpoint_auth_methods_supported', ['client_secret_basic', 'client_secret_post', 'private_key_jwt']],
    [
      'claims_supported',
      [
        'aud',
        'auth_time',
        'created_at',
        'email',
        'email_verified',
        'exp',
        'family_name',
        'given_name',
        'iat',
        'identities',
        'iss',
        'name',
        'nickname',
        'phone_number',
        'picture',
        'sub',
      ],
    ],
    ['request_uri_parameter_supported', false],
    ['request_parameter_supported', false],
    ['token_endpoint_auth_signing_alg_values_supported', ['RS256', 'RS384', 'PS256']],
  ],
  // A legacy tenant's key (the docs' example): kid = x5t = the base64 of the uppercase hex SHA-1 thumbprint.
  jwks: { kid: 'x5t', x5t: 'sha1-hex', members: ['alg', 'kty', 'use', 'x5c', 'n', 'e', 'kid', 'x5t'] },
  // The tenant's signing certificate, as in its SAML metadata: CN={tenant}, 5000 days.
  certificate: { subject: [['CN', '{tenant}.auth0.com']], lifetime: { days: 5000 } },
  sessionCookie: 'auth0',
  // Refresh: scope offline_access (echoed in `scope`) with the Refresh Token grant on the app.
  // Rotation is opt-in ("Allow Refresh Token Rotation"): off by default, and a non-rotating refresh
  // grant's answer has no refresh_token.
  refreshTokens: {
    requestedBy: 'offline_access-scope',
    echoOfflineAccess: true,
    rotation: 'none',
    unrotatedAnswer: 'omitted',
    invalidGrant: { description: 'Unknown or invalid refresh token.' },
  },
  // none (silent authentication), login, consent; the SDKs' select_account only reaches upstream social connections.
  prompts: { supported: ['none', 'login', 'consent'], ignored: ['select_account'] },
  loginFlow: 'universal-login',
  loginPath: '/u/login',
  clientIdFormat: (key) => derivedChars(key, 'oidc-client', 32, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
  errorStyle: { codeInPageMessage: false, numericErrorCodes: false },
  consoleFixes: {
    clientSecret:
      'Auth0 Dashboard → Applications → your app → Settings → Basic Information: copy the Client Secret (or rotate it) into the IdP and SSO section.',
    redirectUri:
      "Auth0 Dashboard → Applications → your app → Settings → Allowed Callback URLs: add the portal's OIDC redirect URI exactly.",
    userAssignment:
      'Auth0 Dashboard → Actions → Library: the post-login Action that calls api.access.deny refused this user; give the user the role or connection the Action expects.',
    emailClaim: 'Request the email scope and make sure the connection stores an email for the user (User Management → Users).',
    refreshTokenRevoked:
      'Auth0 Dashboard → User Management → Users → the user → Refresh Tokens (or the Management API) revoked it; the SP must treat invalid_grant as "sign in again".',
    issuerTrailingSlash:
      'Set the issuer in the IdP and SSO section to https://{tenant}.auth0.com/ — with the trailing slash (Auth0 Dashboard → Applications → your app → Settings → Advanced → Endpoints).',
    customDomainIssuer: 'With an Auth0 custom domain, use the custom domain as issuer everywhere (Branding → Custom Domains).',
    emailVerification:
      'Auth0 Dashboard → User Management → Users → the user → Send verification email (or mark it verified through the Management API).',
    rs256: 'Auth0 Dashboard → Applications → your app → Settings → Advanced Settings → OAuth → JsonWebToken Signature Algorithm: RS256.',
    refreshTokenRotation:
      'Auth0 Dashboard → Applications → your app → Settings → Refresh Token Rotation: with rotation on, keep only the newest refresh token; the Reuse Interval (default 0 s) covers concurrent refreshes only.',
  },
  errors: {
    redirectUriMismatch: {
      code: 'invalid_request',
      title: 'Oops!, something went wrong',
      message: 'Callback URL mismatch. The provided redirect_uri is not in the list of allowed callback URLs.',
      httpStatus: 400,
    },
    invalidClient: { code: 'access_denied', title: 'Unauthorized', message: 'Unauthorized', httpStatus: 401 },
    clientSecretExpired: { code: 'access_denied', title: 'Unauthorized', message: 'Unauthorized', httpStatus: 401 },
    // 302: Auth0 (an Action's api.access.deny) sends these back to the callback URL.
    userNotAssigned: { code: 'access_denied', title: 'access_denied', message: 'Access denied.', httpStatus: 302 },
    userDisabled: { code: 'unauthorized', title: 'unauthorized', message: 'user is blocked', httpStatus: 302 },
  },
  sources: [
    {
      fact: 'Refresh tokens with offline_access; rotation opt-in per application, automatic reuse detection revokes the family',
      url: 'https://auth0.com/docs/secure/tokens/refresh-tokens/configure-refresh-token-rotation',
    },
    {
      fact: 'Issuer https://{tenant}.auth0.com/ with trailing slash; ID token structure (profile claims first, sid) and 10 h lifetime',
      url: `${DOCS}/secure/tokens/id-tokens/id-token-structure`,
    },
    { fact: 'Endpoints /authorize, /oauth/token, /userinfo, /.well-known/jwks.json', url: `${DOCS}/api/authentication` },
    { fact: 'Custom claims must be namespaced', url: `${DOCS}/secure/tokens/json-web-tokens/create-custom-claims` },
    { fact: 'HS256 vs RS256 signing algorithm setting', url: `${DOCS}/get-started/applications/signing-algorithms` },
    {
      fact: 'Wrong client secret: 401 {"error":"access_denied","error_description":"Unauthorized"}',
      url: `${DOCS}/api/authentication#authorization-code-flow`,
    },
  ],
};
