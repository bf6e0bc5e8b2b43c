// Microsoft Entra ID (Azure AD): Enterprise application "SAML-based Sign-on" and an App
// registration on the v2.0 endpoint. Every value below is the vendor's default; faults override.
import { derivedGuid } from '../derived.ts';
import type { OidcPersona, SamlPersona, VendorFacts } from '../types.ts';

const LEARN = 'https://learn.microsoft.com/en-us/entra';
const CLAIMS = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';
const MS_CLAIMS = 'http://schemas.microsoft.com/identity/claims';
const WS8 = 'http://schemas.microsoft.com/ws/2008/06/identity/claims';

/** What Entra is in either protocol (types.ts VendorFacts): the same facts under its SAML and OIDC personas. */
export const facts: VendorFacts = {
  productName: 'Microsoft Entra ID',
  shortName: 'Entra',
  brand: { name: 'Microsoft', colour: '#0067b8' },
  pathId: 'tid',
  userIdFormat: (key) => derivedGuid(key, 'oid'),
  signIn: {
    signInName: 'upn',
    heading: 'Sign in',
    identifierLabel: 'Email, phone, or Skype',
    identifierField: 'loginfmt',
    passwordHeading: 'Enter password',
    passwordLabel: 'Password',
    passwordField: 'passwd',
    nextButton: 'Next',
    submitButton: 'Sign in',
    steps: 2,
    wrongCredentials: "Your account or password is incorrect. If you don't remember your password, reset it now.",
    unknownUser: 'This username may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin.',
    consent: { heading: 'Permissions requested', accept: 'Accept', deny: 'Cancel' },
  },
};

export const saml: SamlPersona = {
  id: 'entra-saml',
  vendor: 'entra',
  protocol: 'saml',
  displayName: 'Microsoft Entra ID (SAML)',
  // Where the customer's admin pastes the SP values in this console (the suites read the portal's link of the same name).
  consoleFields: { entityId: 'Identifier (Entity ID)', acsUrl: 'Reply URL (Assertion Consumer Service URL)' },
  // The issuer is only an identifier: kept byte for byte, including the trailing slash.
  entityIdTemplate: 'https://sts.windows.net/{tid}/',
  realIssuers: [/^https:\/\/sts\.windows\.net\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/$/i],
  ssoPathTemplate: '/entra/{tid}/saml2',
  metadataPathTemplate: '/entra/{tid}/federationmetadata/2007-06/federationmetadata.xml',
  // My Apps "user access URL": https://launcher.myapps.microsoft.com/api/signin/{appId}?tenantId={tid}
  idpInitiatedPathTemplate: '/entra/{tid}/myapps/signin/{clientId}',
  signing: { scope: 'assertion', algorithm: 'rsa-sha256', digest: 'sha256' },
  nameId: { format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress', value: 'upn' },
  attributes: [
    { name: `${MS_CLAIMS}/tenantid`, from: 'tid' },
    { name: `${MS_CLAIMS}/objectidentifier`, from: 'vendorId' },
    { name: `${MS_CLAIMS}/displayname`, from: 'displayName' },
    { name: `${CLAIMS}/givenname`, from: 'givenName' },
    { name: `${CLAIMS}/surname`, from: 'familyName' },
    { name: `${CLAIMS}/emailaddress`, from: 'email' },
    { name: `${CLAIMS}/name`, from: 'upn' },
  ],
  validity: { notBeforeSeconds: -300, notOnOrAfterSeconds: 3600 },
  // Self-signed RSA-2048, 3 years (vendors.md "certificate").
  certificate: { subject: [['CN', 'Microsoft Azure Federated SSO Certificate']], lifetime: { years: 3 } },
  metadata: {
    declaration: '<?xml version="1.0" encoding="utf-8"?>',
    prefix: '',
    rootAttributes: ['ID', 'entityID', 'xmlns'],
    signed: true,
    wsFederation: {
      claimTypes: [
        { uri: `${CLAIMS}/name`, displayName: 'Name', description: 'The mutable display name of the user.' },
        {
          uri: `${CLAIMS}/nameidentifier`,
          displayName: 'Subject',
          description:
            'An immutable, globally unique, non-reusable identifier of the user that is unique to the application for which a token is issued.',
        },
        { uri: `${CLAIMS}/givenname`, displayName: 'Given Name', description: 'First name of the user.' },
        { uri: `${CLAIMS}/surname`, displayName: 'Surname', description: 'Last name of the user.' },
        { uri: `${MS_CLAIMS}/displayname`, displayName: 'Display Name', description: 'Display name of the user.' },
        { uri: `${MS_CLAIMS}/nickname`, displayName: 'Nick Name', description: 'Nick name of the user.' },
        {
          uri: `${WS8}/authenticationinstant`,
          displayName: 'Authentication Instant',
          description: 'The time (UTC) when the user is authenticated to Windows Azure Active Directory.',
        },
        {
          uri: `${WS8}/authenticationmethod`,
          displayName: 'Authentication Method',
          description: 'The method that Windows Azure Active Directory uses to authenticate users.',
        },
        {
          uri: `${MS_CLAIMS}/objectidentifier`,
          displayName: 'ObjectIdentifier',
          description: 'Primary identifier for the user in the directory. Immutable, globally unique, non-reusable.',
        },
        { uri: `${MS_CLAIMS}/tenantid`, displayName: 'TenantId', description: "Identifier for the user's tenant." },
        { uri: `${MS_CLAIMS}/identityprovider`, displayName: 'IdentityProvider', description: 'Identity provider for the user.' },
        { uri: `${CLAIMS}/emailaddress`, displayName: 'Email', description: 'Email address of the user.' },
        { uri: `${WS8}/groups`, displayName: 'Groups', description: 'Groups of the user.' },
        {
          uri: `${MS_CLAIMS}/accesstoken`,
          displayName: 'External Access Token',
          description: 'Access token issued by external identity provider.',
        },
        {
          uri: `${WS8}/expiration`,
          displayName: 'External Access Token Expiration',
          description: 'UTC expiration time of access token issued by external identity provider.',
        },
        {
          uri: `${MS_CLAIMS}/openid2_id`,
          displayName: 'External OpenID 2.0 Identifier',
          description: 'OpenID 2.0 identifier issued by external identity provider.',
        },
        {
          uri: 'http://schemas.microsoft.com/claims/groups.link',
          displayName: 'GroupsOverageClaim',
          description: "Issued when number of user's group claims exceeds return limit.",
        },
        { uri: `${WS8}/role`, displayName: 'Role Claim', description: 'Roles that the user or Service Principal is attached to' },
        {
          uri: `${WS8}/wids`,
          displayName: 'RoleTemplate Id Claim',
          description: 'Role template id of the Built-in Directory Roles that the user is a member of',
        },
      ],
    },
    wantAuthnRequestsSigned: false,
    keyInfo: 'default',
    certificate: 'one-line',
    nameIdFormats: [],
    ssoBindings: ['redirect', 'post'],
    singleLogout: { bindings: ['redirect'], at: 'sso-url' },
    attributes: [],
    layout: 'one-line',
    emptyElementEnd: ' />',
  },
  wire: {
    xmlDeclaration: false,
    idStyle: 'underscore-uuid',
    assertionChildOrder: ['Subject', 'Conditions', 'AttributeStatement', 'AuthnStatement'],
    authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:Password',
    sessionIndex: 'assertion-id',
    protocolPrefix: 'samlp',
    assertionPrefix: '',
    signaturePrefix: '',
    xmlStandaloneNo: false,
    responseSignaturePosition: 'after-issuer',
    subjectConfirmationSeconds: 300,
    attributeValueXsiType: false,
    xsiNamespacesOn: 'attribute-statement',
    rootAttributeOrder: {
      response: ['ID', 'Version', 'IssueInstant', 'Destination', 'InResponseTo', 'xmlns'],
      assertion: ['ID', 'IssueInstant', 'Version', 'xmlns'],
    },
  },
  authnRequestPolicy: { spEntityId: 'exact', acsUrl: 'must-match' },
  loginFlow: 'email-then-password',
  signInErrors: {
    wrongPassword: "AADSTS50126: Your account or password is incorrect. If you don't remember your password, reset it now.",
    unknownUser: 'AADSTS50034: This username may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin.',
  },
  commonIssuerMistake: { what: 'without the trailing slash', apply: (issuer) => issuer.replace(/\/$/, '') },
  consoleFixes: {
    acsUrl:
      'Entra admin center → Enterprise applications → your app → Single sign-on → Basic SAML Configuration → Reply URL (Assertion Consumer Service URL): paste the ACS URL shown in the IdP and SSO section.',
    spEntityId:
      'Entra admin center → Enterprise applications → your app → Single sign-on → Basic SAML Configuration → Identifier (Entity ID): paste the SP entity ID shown in the IdP and SSO section.',
    issuer:
      'Entra admin center → your app → Single sign-on → "Set up" section: copy "Microsoft Entra Identifier" (https://sts.windows.net/{tenant id}/ — with the trailing slash).',
    certificate:
      'Entra admin center → your app → Single sign-on → SAML Certificates: download "Certificate (Base64)" of the *Active* certificate and upload it in the IdP and SSO section.',
    signingScope:
      'Entra admin center → your app → Single sign-on → SAML Certificates → Edit → Signing Option: "Sign SAML response and assertion" (or match the SP\'s "Signed parts").',
    emailNameId:
      'Entra admin center → your app → Single sign-on → Attributes & Claims: set "Unique User Identifier (Name ID)" to user.mail (or keep user.userprincipalname when UPNs are emails) and keep the emailaddress claim.',
    userAssignment: 'Entra admin center → Enterprise applications → your app → Users and groups → Add user/group.',
    sha256: 'Entra admin center → your app → Single sign-on → SAML Certificates → Edit → Signing Algorithm: SHA-256.',
    guestNameId:
      "Entra admin center → your app → Single sign-on → Attributes & Claims → Unique User Identifier: use user.mail (guests' UPNs are user_domain#EXT#@tenant.onmicrosoft.com).",
    encryptionOff:
      "Entra admin center → your app → Single sign-on → Token encryption: deactivate the certificate (or upload the SP's encryption certificate).",
    hideAppTile:
      'Entra admin center → Enterprise applications → your app → Properties: "Visible to users?" No, until SSO is re-enabled in OE.',
  },
  errors: {
    acsMismatch: {
      code: 'AADSTS50011',
      title: "Sorry, but we're having trouble signing you in.",
      message:
        "The redirect URI '{acs}' specified in the request does not match the redirect URIs configured for the application '{spEntityId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.",
      httpStatus: 400,
    },
    unknownSp: {
      code: 'AADSTS700016',
      title: "Sorry, but we're having trouble signing you in.",
      message:
        "Application with identifier '{spEntityId}' was not found in the directory '{tid}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.",
      httpStatus: 400,
    },
    userNotAssigned: {
      code: 'AADSTS50105',
      title: "Sorry, but we're having trouble signing you in.",
      message:
        "Your administrator has configured the application '{spEntityId}' to block users unless they are specifically granted ('assigned') access to the application. The signed in user '{user}' is blocked because they are not a direct member of a group with access, nor had access directly assigned by an administrator.",
      httpStatus: 400,
    },
    userDisabled: {
      code: 'AADSTS50057',
      title: "Sorry, but we're having trouble signing you in.",
      message: 'The user account is disabled. The account has been disabled by an administrator.',
      httpStatus: 400,
    },
    malformedRequest: {
      code: 'AADSTS750054',
      title: "Sorry, but we're having trouble signing you in.",
      message: 'SAMLRequest or SAMLResponse must be present as query string parameters in HTTP request for SAML Redirect binding.',
      httpStatus: 400,
    },
  },
  sources: [
    {
      fact: 'Issuer https://sts.windows.net/{tid}/, SSO URL /{tid}/saml2, attribute URIs, NameID emailAddress, Password AuthnContextClassRef',
      url: `${LEARN}/identity-platform/reference-saml-tokens`,
    },
    {
      fact: 'AuthnRequest handling: Issuer must match an app identifier, AssertionConsumerServiceURL must match a reply URL',
      url: `${LEARN}/identity-platform/single-sign-on-saml-protocol`,
    },
    {
      fact: 'Default signing: assertion only, RSA-SHA256; SHA-1 selectable; response-only / both options',
      url: `${LEARN}/identity/enterprise-apps/certificate-signing-options`,
    },
    {
      fact: 'Signing certificate valid 3 years by default',
      url: `${LEARN}/identity/enterprise-apps/tutorial-manage-certificates-for-federated-single-sign-on`,
    },
    { fact: 'AADSTS50011, AADSTS700016, AADSTS50105, AADSTS50057, AADSTS750054', url: `${LEARN}/identity-platform/reference-error-codes` },
    {
      fact: 'Wire shape: unprefixed Issuer/Assertion/Signature with own xmlns, _UUID ids, NotBefore -5 min / +60 min, SessionIndex = assertion ID',
      url: 'https://github.com/node-saml/passport-saml/tree/master/test/static (captured Azure AD responses)',
    },
  ],
};

export const oidc: OidcPersona = {
  id: 'entra-oidc',
  vendor: 'entra',
  protocol: 'oidc',
  displayName: 'Microsoft Entra ID (OIDC)',
  // Where the customer's admin pastes the SP redirect URI in this console.
  consoleFields: { redirectUri: 'Redirect URI (Web)' },
  // v2.0 tokens (public and sovereign clouds), the {tenantid} template of /common discovery, v1.0 tokens (sts.windows.net).
  realIssuers: [
    /^https:\/\/(?:login\.microsoftonline\.(?:com|us)|login\.partner\.microsoftonline\.cn|login\.chinacloudapi\.cn)\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\{tenantid\})\/v2\.0$/i,
    /^https:\/\/sts\.windows\.net\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/$/i,
  ],
  issuerPathTemplate: '/entra/{tid}/v2.0',
  idToken: {
    // Entra v2.0 tokens live 65 minutes: iat and nbf are back-dated 5 min, exp = real time + 60 min.
    lifetimeSeconds: 3900,
    headerTyp: true,
    headerOrder: ['typ', 'alg', 'kid'],
    // `sub` is pairwise: the same user has another `sub` in every app registration.
    subject: 'pairwise-per-client',
    issuedAtBackdateSeconds: 300,
    claims: [
      { name: 'aud', from: 'audience' },
      { name: 'iss', from: 'issuer' },
      { name: 'iat', from: 'issuedAt' },
      { name: 'nbf', from: 'notBefore' },
      { name: 'exp', from: 'expiresAt' },
      { name: 'aio', from: 'opaque', value: 'AW' },
      // `email` is an *optional claim*, absent by default; OE's set-up guide has the admin add it,
      // so the happy path carries it and the fault `oidc.email-claim-absent` is the Entra default.
      { name: 'email', from: 'email', requiresScope: 'email', userinfo: true },
      { name: 'name', from: 'displayName', requiresScope: 'profile', userinfo: true },
      { name: 'nonce', from: 'nonce' },
      { name: 'oid', from: 'vendorId' },
      // preferred_username is the UPN: not guaranteed to be an email (guests: #EXT#).
      { name: 'preferred_username', from: 'upn', requiresScope: 'profile' },
      { name: 'rh', from: 'opaque', value: '0.A' },
      { name: 'sub', from: 'subject', userinfo: true },
      { name: 'tid', from: 'tid' },
      { name: 'uti', from: 'opaque', value: '' },
      { name: 'ver', from: 'constant', value: '2.0' },
    ],
    signingAlgorithm: 'RS256',
  },
  // Beside the issuer, as Entra publishes them: /{tid}/oauth2/v2.0/…, /{tid}/discovery/v2.0/keys (the
  // issuer is /{tid}/v2.0). userinfo stands for https://graph.microsoft.com/oidc/userinfo.
  endpointsBesideIssuer: { issuerSuffix: '/v2.0' },
  endpoints: {
    authorization: '/oauth2/v2.0/authorize',
    token: '/oauth2/v2.0/token',
    userinfo: '/oidc/userinfo',
    jwks: '/discovery/v2.0/keys',
    logout: '/oauth2/v2.0/logout',
  },
  // The tenant document (2024): token_endpoint first, pairwise subjects, no PKCE methods listed.
  discovery: [
    ['token_endpoint', '{token}'],
    ['token_endpoint_auth_methods_supported', ['client_secret_post', 'private_key_jwt', 'client_secret_basic']],
    ['jwks_uri', '{jwks}'],
    ['response_modes_supported', ['query', 'fragment', 'form_post']],
    ['subject_types_supported', ['pairwise']],
    ['id_token_signing_alg_values_supported', ['RS256']],
    ['response_types_supported', ['code', 'id_token', 'code id_token', 'id_token token']],
    ['scopes_supported', ['openid', 'profile', 'email', 'offline_access']],
    ['issuer', '{issuer}'],
    ['request_uri_parameter_supported', false],
    ['userinfo_endpoint', '{userinfo}'],
    ['authorization_endpoint', '{authorization}'],
    ['device_authorization_endpoint', '{endpointBase}/oauth2/v2.0/devicecode'],
    ['http_logout_supported', true],
    ['frontchannel_logout_supported', true],
    ['end_session_endpoint', '{logout}'],
    [
      'claims_supported',
      [
        'sub',
        'iss',
        'cloud_instance_name',
        'cloud_instance_host_name',
        'cloud_graph_host_name',
        'msgraph_host',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'acr',
        'nonce',
        'preferred_username',
        'name',
        'tid',
        'ver',
        'at_hash',
        'c_hash',
        'email',
      ],
    ],
    ['kerberos_endpoint', '{endpointBase}/kerberos'],
    ['tenant_region_scope', 'NA'],
    ['cloud_instance_name', 'microsoftonline.com'],
    ['cloud_graph_host_name', 'graph.windows.net'],
    ['msgraph_host', 'graph.microsoft.com'],
    ['rbac_url', 'https://pas.windows.net'],
  ],
  jwks: { kid: 'x5t', x5t: 'sha1', members: ['kty', 'use', 'kid', 'x5t', 'n', 'e', 'x5c', 'issuer'] },
  // The platform keys' self-signed certificate in x5c: 5 years (vendors.md "JWKS").
  certificate: { subject: [['CN', 'accounts.accesscontrol.windows.net']], lifetime: { years: 5 } },
  sessionCookie: 'ESTSAUTH',
  // Refresh: the offline_access scope is enough and is not echoed in `scope`; each redeem returns
  // a new refresh token and the old one stays valid until it expires.
  refreshTokens: {
    requestedBy: 'offline_access-scope',
    echoOfflineAccess: false,
    rotation: 'new-each-use',
    unrotatedAnswer: 'same',
    invalidGrant: {
      description:
        'AADSTS50173: The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.',
      errorCodes: [50173],
    },
  },
  // `create` (self-service sign-up) is documented too; the mock has no sign-up page and refuses it.
  prompts: { supported: ['login', 'none', 'consent', 'select_account'] },
  loginFlow: 'email-then-password',
  loginPath: '/login',
  clientIdFormat: (key) => derivedGuid(key, 'oidc-client'),
  errorStyle: { codeInPageMessage: true, numericErrorCodes: true },
  consoleFixes: {
    clientSecret:
      'Entra admin center → App registrations → your app → Certificates & secrets → Client secrets: create a new secret and paste its *Value* (not the Secret ID) into the IdP and SSO section.',
    redirectUri:
      "Entra admin center → App registrations → your app → Authentication → Web → Redirect URIs: add the portal's OIDC redirect URI exactly.",
    userAssignment:
      'Entra admin center → Enterprise applications → your app → Users and groups → Add user/group (or set "Assignment required" to No under Properties).',
    emailClaim:
      'Entra admin center → App registrations → your app → Token configuration → Add optional claim → ID → email (and accept the Microsoft Graph email permission).',
    refreshTokenRevoked:
      'Entra admin center → Users → the user → Revoke sessions (or a password reset) revokes refresh tokens; the user signs in again. The SP must treat AADSTS50173 / invalid_grant as "sign in again".',
    tenantIssuer:
      'Use https://login.microsoftonline.com/{tenant id}/v2.0 (Entra admin center → App registrations → Endpoints), not /common or /organizations.',
  },
  errors: {
    redirectUriMismatch: {
      code: 'AADSTS50011',
      title: "Sorry, but we're having trouble signing you in.",
      message:
        "The redirect URI '{redirectUri}' specified in the request does not match the redirect URIs configured for the application '{clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.",
      httpStatus: 400,
    },
    invalidClient: {
      code: 'invalid_client',
      title: 'AADSTS7000215',
      message:
        "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'.",
      httpStatus: 401,
    },
    clientSecretExpired: {
      code: 'invalid_client',
      title: 'AADSTS7000222',
      message:
        "AADSTS7000222: The provided client secret keys for app '{clientId}' are expired. Visit the Azure portal to create new keys for your app.",
      httpStatus: 401,
    },
    userNotAssigned: {
      code: 'AADSTS50105',
      title: "Sorry, but we're having trouble signing you in.",
      message:
        "Your administrator has configured the application '{clientId}' to block users unless they are specifically granted ('assigned') access to the application. The signed in user '{user}' is blocked because they are not a direct member of a group with access, nor had access directly assigned by an administrator.",
      httpStatus: 400,
    },
    userDisabled: {
      code: 'AADSTS50057',
      title: "Sorry, but we're having trouble signing you in.",
      message: 'The user account is disabled. The account has been disabled by an administrator.',
      httpStatus: 400,
    },
  },
  sources: [
    {
      fact: 'Refresh tokens with scope offline_access, not echoed in scope; a new refresh token on each redeem; prompt login, none, consent, select_account, create',
      url: `${LEARN}/identity-platform/scopes-oidc#the-offline_access-scope`,
    },
    {
      fact: 'Issuer https://login.microsoftonline.com/{tid}/v2.0, discovery under /v2.0/.well-known/openid-configuration, endpoint names',
      url: `${LEARN}/identity-platform/v2-protocols-oidc`,
    },
    {
      fact: 'ID token claims (aio, oid, tid, rh, uti, preferred_username, ver 2.0; pairwise sub; email optional); header typ, alg, kid',
      url: `${LEARN}/identity-platform/id-token-claims-reference`,
    },
    {
      fact: 'email is an optional claim the admin adds under Token configuration',
      url: `${LEARN}/identity-platform/optional-claims-reference`,
    },
    {
      fact: "AADSTS50011, AADSTS7000215, AADSTS7000222, AADSTS50105, AADSTS50057 (shown on Microsoft's page, token errors as invalid_client JSON)",
      url: `${LEARN}/identity-platform/reference-error-codes`,
    },
  ],
};
