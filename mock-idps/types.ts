// Contract of the mock IdPs: what a persona is (vendor shape as data), what a fault is
// (catalog entry + the narrow seam that produces it), and what a tenant holds.
// Persona and fault *values* live in mock-idps/personas/*.ts and mock-idps/faults/*.ts.
import type { ReasonCode, DistinguishedName } from '../lib/index.ts';
import type { VENDOR_PERSONAS } from './personas/index.ts';

// The vendor ids are the persona registry's keys (mock-idps/personas/index.ts): a new vendor is
// a persona file and its row there, and every Record<Vendor, …> then asks for it.
export type Vendor = keyof typeof VENDOR_PERSONAS;
export { VENDORS, PERSONA_IDS } from './personas/index.ts';
export const PROTOCOLS = ['saml', 'oidc'] as const;
export type Protocol = (typeof PROTOCOLS)[number];
export type PersonaId = `${Vendor}-${Protocol}`;

/** Where a fact about a vendor comes from (docs page, support article, captured fixture). */
export interface Source {
  readonly fact: string;
  readonly url: string;
}

/**
 * Per-tenant identifiers, derived deterministically from the harness tenant key.
 * Templates in persona data use them as `{tid}`, `{org}`, `{idpid}`, `{exk}`, `{slug}`,
 * `{tenant}` (Auth0 tenant name), `{clientId}` and `{base}` (server origin, no trailing slash).
 */
export interface TenantIds {
  readonly key: string;
  readonly tid: string;
  readonly org: string;
  readonly idpid: string;
  readonly exk: string;
  readonly slug: string;
  readonly tenant: string;
  readonly clientId: string;
}

/** A directory user as the IdP knows it; one directory per tenant backs both protocols. */
export interface DirectoryUser {
  readonly id: string;
  email: string;
  /** Entra UPN (may be a guest `#EXT#` UPN); Okta username; otherwise = email. */
  upn: string;
  givenName: string;
  familyName: string;
  displayName: string;
  password: string;
  emailVerified: boolean;
  /** Assigned to the SP's application at the IdP. */
  assigned: boolean;
  disabled: boolean;
  groups: string[];
  /** Vendor-native subject ids, e.g. Okta `00u…`, Google 21 digits, Auth0 `auth0|…`, Entra oid GUID. */
  readonly vendorIds: Readonly<Record<Vendor, string>>;
  /** Google Workspace hosted domain (`hd`), when the account belongs to one. */
  hostedDomain?: string;
}

export type SamlSigningScope = 'none' | 'assertion' | 'response' | 'both';
export type SignatureAlgorithm = 'rsa-sha256' | 'rsa-sha1';
export type UserField = 'email' | 'upn' | 'givenName' | 'familyName' | 'displayName' | 'id' | 'vendorId' | 'groups' | 'tid';

/** The error page a vendor shows for a given situation. */
export interface VendorError {
  readonly code: string;
  readonly title: string;
  readonly message: string;
  readonly httpStatus: number;
}

export type SamlBinding = 'redirect' | 'post';

/**
 * The IdP metadata document as the vendor publishes it (../shared/reference/vendors.md, "SAML 2.0
 * IdP metadata"). Element order is always the schema's (SingleLogoutService, NameIDFormat,
 * SingleSignOnService, Attribute); everything the vendors write differently is here.
 */
export interface SamlMetadataShape {
  /** The XML declaration as published ('' = none); the root follows it on the same line. */
  readonly declaration: string;
  /** `md`: elements prefixed `md:` and the root declares only xmlns:md; '': the default namespace. */
  readonly prefix: 'md' | '';
  /**
   * Root attributes in the vendor's order: `ID` (Entra's `_` + UUID) and `validUntil` (the signing certificate's notAfter) only where
   * written.
   */
  readonly rootAttributes: readonly ('ID' | 'entityID' | 'xmlns' | 'validUntil')[];
  /** An enveloped signature over the whole document, first child of the root (Entra; needs `ID`). */
  readonly signed: boolean;
  /**
   * Entra's two WS-Federation RoleDescriptors (security token service, application service) before
   * the IDPSSODescriptor, the first offering these claim types; their endpoints are the SSO URL's
   * directory + `wsfed`, their target scope the entity ID.
   */
  readonly wsFederation?: {
    readonly claimTypes: readonly { readonly uri: string; readonly displayName: string; readonly description: string }[];
  };
  /** `WantAuthnRequestsSigned="false"` written on the IDPSSODescriptor (Okta, Google). */
  readonly wantAuthnRequestsSigned: boolean;
  /** KeyInfo prefixed `ds:` with its own xmlns:ds, or unprefixed with its own default namespace. */
  readonly keyInfo: 'ds' | 'default';
  /** The certificate's base64 on one line, or wrapped at 76 characters with `indent` after each break. */
  readonly certificate: 'one-line' | { readonly wrap: 76; readonly indent: string };
  readonly nameIdFormats: readonly string[];
  readonly ssoBindings: readonly SamlBinding[];
  /** SingleLogoutService: the bindings, at the SSO URL or at the SSO URL + `/logout`; absent: the vendor has no SAML logout. */
  readonly singleLogout?: { readonly bindings: readonly SamlBinding[]; readonly at: 'sso-url' | 'sso-url/logout' };
  /** `saml:Attribute` elements advertised (URI name format), each declaring the assertion namespace. */
  readonly attributes: readonly { readonly name: string; readonly friendlyName: string }[];
  /** `one-line`, or `indented` (2 spaces per level, one element per line). */
  readonly layout: 'one-line' | 'indented';
  /** How an empty element ends: `/>`, or ` />` (Entra, .NET). */
  readonly emptyElementEnd: '/>' | ' />';
}

export type DiscoveryValue = string | boolean | null | readonly string[];

export type JwkMember = 'kty' | 'use' | 'kid' | 'x5t' | 'n' | 'e' | 'x5c' | 'issuer' | 'alg';

/** The JWKS as the vendor publishes it (../shared/reference/vendors.md, "JWKS"). */
export interface JwksShape {
  /** How a key is named: its RFC 7638 thumbprint (Okta: 43 base64url), its x5t (Entra, Auth0 legacy keys), or 40 lowercase hex (Google). */
  readonly kid: 'jwk-thumbprint' | 'x5t' | 'hex40';
  /**
   * x5t (with x5c): base64url of the certificate's SHA-1 (Entra), or of that thumbprint in uppercase hex (Auth0); absent: neither is
   * published.
   */
  readonly x5t?: 'sha1' | 'sha1-hex';
  /**
   * Each key's members in the vendor's order; members not listed are not published (Entra: no `alg`). `issuer`: Entra's per-key issuer, the
   * literal `{tenantid}` template.
   */
  readonly members: readonly JwkMember[];
  /**
   * `never-signs`: the set always holds two keys, as Google's does — beside the signing key, a
   * second real RSA key the persona never signs with (the previous key takes its place during a
   * rollover). Absent: the signing key alone (and the previous one during a rollover).
   */
  readonly secondKey?: 'never-signs';
}

export type LoginFlow = 'email-then-password' | 'username-and-password' | 'account-chooser' | 'universal-login';

/** The vendor's sign-in form as data: the persona pages render it; the suites' IdP page object fills it by label. */
export interface LoginForm {
  /** What the user types as the identifier: the UPN (Entra) or the email. */
  readonly signInName: 'upn' | 'email';
  /** Heading of the identifier (or combined) step. */
  readonly heading: string;
  readonly identifierLabel: string;
  readonly identifierField: string;
  readonly passwordHeading: string;
  readonly passwordLabel: string;
  readonly passwordField: string;
  /** Button that submits the identifier step (two-step flows) or the whole form. */
  readonly nextButton: string;
  readonly submitButton: string;
  /** Both fields on one page (Okta, Auth0) or identifier first, then password (Entra, Google). */
  readonly steps: 1 | 2;
  readonly wrongCredentials: string;
  readonly unknownUser: string;
  /** The consent screen (OIDC prompt=consent): its heading (`{app}` = the client) and its two buttons. */
  readonly consent: { readonly heading: string; readonly accept: string; readonly deny: string };
}

/**
 * What a vendor is, whatever the protocol: one per persona file (`facts`), required, so a new
 * vendor that forgets one is a compile error there and not a silent default somewhere else.
 */
export interface VendorFacts {
  /** The product's name as the portal's vendor list shows it (cross-checked against portal/sso/presets.ts). */
  readonly productName: string;
  /** The short name support texts and reports use ("Entra", "Okta"). */
  readonly shortName: string;
  /** Header and colour of the mock's pages. */
  readonly brand: { readonly name: string; readonly colour: string };
  /** The tenant id that is the first path segment after `/{vendor}/`. */
  readonly pathId: 'tid' | 'org' | 'idpid' | 'tenant';
  /** The vendor-native user id (Entra oid, Okta 00u…, Google 21 digits, Auth0 auth0|…) for a user key. */
  readonly userIdFormat: (key: string) => string;
  /** The sign-in pages' labels, buttons and messages (the steps themselves follow the personas' `loginFlow`). */
  readonly signIn: LoginForm;
}

/** The vendor console's steps for the commonest SAML fixes (faults and the portal's Test SSO result refer to them by key). */
export type SamlConsoleFix = 'acsUrl' | 'spEntityId' | 'issuer' | 'certificate' | 'signingScope' | 'emailNameId' | 'userAssignment';
/** The vendor console's steps for the commonest OIDC fixes, by key. */
export type OidcConsoleFix = 'clientSecret' | 'redirectUri' | 'userAssignment' | 'emailClaim' | 'refreshTokenRevoked';
/** Steps for faults only some vendors show (e.g. SHA-1 signing: not Google): a vendor states the ones it has. */
export type SamlVendorFix = 'sha256' | 'recipientUrl' | 'guestNameId' | 'encryptionOff' | 'hideAppTile';
export type OidcVendorFix =
  | 'issuerTrailingSlash'
  | 'orgAuthorizationServer'
  | 'tenantIssuer'
  | 'customDomainIssuer'
  | 'emailVerification'
  | 'workspaceAccount'
  | 'rs256'
  | 'refreshTokenRotation';

/** Root attributes of Response and Assertion: `xmlns` is the namespace declaration. */
export type ResponseRootAttribute = 'xmlns' | 'ID' | 'Version' | 'IssueInstant' | 'Destination' | 'InResponseTo';
export type AssertionRootAttribute = 'xmlns' | 'ID' | 'Version' | 'IssueInstant';

/**
 * A signing certificate as the vendor issues it (vendors.md, the metadata "certificate" row and the
 * JWKS "x5c" row). The mock generates it at run time with exactly this subject; lib/x509.ts marks
 * it test-only in an nsComment extension, since the subject is the vendor's.
 */
export interface PersonaCertificate {
  /** The subject DN in the certificate's order; values may hold tenant placeholders (`{org}`, `{tenant}`), filled per tenant. */
  readonly subject: DistinguishedName;
  /** notAfter − notBefore: calendar years (plus minutes: Okta's 10 years and one minute), or days. */
  readonly lifetime: { readonly years: number; readonly minutes?: number } | { readonly days: number };
}

export interface SamlPersona {
  readonly id: PersonaId;
  readonly vendor: Vendor;
  readonly protocol: 'saml';
  readonly displayName: string;
  /** The vendor console's names of the fields where the admin pastes the SP entity ID and ACS URL. */
  readonly consoleFields: { readonly entityId: string; readonly acsUrl: string };
  readonly entityIdTemplate: string;
  /** Issuers of real tenants of this vendor (host and path), by which `explain` recognises a captured artefact. */
  readonly realIssuers: readonly RegExp[];
  readonly ssoPathTemplate: string;
  readonly metadataPathTemplate: string;
  readonly idpInitiatedPathTemplate: string;
  readonly signing: { readonly scope: SamlSigningScope; readonly algorithm: SignatureAlgorithm; readonly digest: 'sha256' | 'sha1' };
  readonly nameId: { readonly format: string; readonly value: UserField };
  readonly attributes: ReadonlyArray<{ readonly name: string; readonly from: UserField; readonly nameFormat?: string }>;
  readonly validity: { readonly notBeforeSeconds: number; readonly notOnOrAfterSeconds: number };
  /** The signing certificate as the vendor generates it (metadata KeyInfo, the Response's KeyInfo). */
  readonly certificate: PersonaCertificate;
  readonly metadata: SamlMetadataShape;
  readonly wire: {
    readonly xmlDeclaration: boolean;
    readonly idStyle: 'underscore-uuid' | 'okta-digits' | 'underscore-hex32' | 'underscore-alnum';
    readonly issuerFormat?: string;
    readonly assertionChildOrder: ReadonlyArray<'Subject' | 'Conditions' | 'AuthnStatement' | 'AttributeStatement'>;
    readonly authnContextClassRef: string;
    readonly sessionIndex: 'assertion-id' | 'in-response-to' | 'random';
    /** Namespace prefix of the protocol elements (Response, Status). */
    readonly protocolPrefix: 'samlp' | 'saml2p';
    /** Prefix of assertion elements; '' = default namespace declared on Issuer and Assertion (Entra). */
    readonly assertionPrefix: '' | 'saml' | 'saml2';
    /** Prefix of ds:Signature; '' = unprefixed with its own xmlns. */
    readonly signaturePrefix: '' | 'ds';
    /** `standalone="no"` on the XML declaration (Google). */
    readonly xmlStandaloneNo: boolean;
    /** Where a Response-level signature goes; Auth0's signResponse puts it last. */
    readonly responseSignaturePosition: 'after-issuer' | 'last-child';
    /** SubjectConfirmationData NotOnOrAfter, seconds after issue. */
    readonly subjectConfirmationSeconds: number;
    /** xsi:type="xs:string" on AttributeValue, declaring xs/xsi where the vendor does. */
    readonly attributeValueXsiType: boolean;
    /** With xsi:type: xs/xsi declared on each AttributeValue (Okta) or once on the AttributeStatement. */
    readonly xsiNamespacesOn: 'attribute-value' | 'attribute-statement';
    /** Root attribute order as the vendor's stack serializes it (OpenSAML sorts; .NET and node-samlp do not). */
    readonly rootAttributeOrder: {
      readonly response: readonly ResponseRootAttribute[];
      readonly assertion: readonly AssertionRootAttribute[];
    };
  };
  /**
   * How the vendor checks an incoming AuthnRequest against the app registration.
   * `spEntityId`: 'exact' (case-sensitive), 'ignored' (the app is chosen by the SSO URL itself).
   * `acsUrl`: 'must-match' a registered ACS, or 'ignored' (the IdP posts to the configured ACS).
   */
  readonly authnRequestPolicy: { readonly spEntityId: 'exact' | 'ignored'; readonly acsUrl: 'must-match' | 'ignored' };
  readonly loginFlow: LoginFlow;
  /** The SAML sign-in page's answer to a wrong password or an unknown user, in the vendor's words. */
  readonly signInErrors: { readonly wrongPassword: string; readonly unknownUser: string };
  /**
   * The issuer an SP typically has configured by mistake for this vendor (fault saml.issuer-mismatch):
   * `what` describes it, `apply` makes it from the real issuer.
   */
  readonly commonIssuerMistake: { readonly what: string; readonly apply: (issuer: string, ids: TenantIds) => string };
  readonly consoleFixes: Readonly<Record<SamlConsoleFix, string>> & Readonly<Partial<Record<SamlVendorFix, string>>>;
  readonly errors: Readonly<Record<'acsMismatch' | 'unknownSp' | 'userNotAssigned' | 'userDisabled' | 'malformedRequest', VendorError>>;
  readonly sources: readonly Source[];
}

/** Where an ID token claim takes its value from: the user, a constant, or the token being issued. */
export type OidcClaimSource =
  | UserField
  | 'emailVerified'
  | 'hostedDomain'
  | 'constant'
  | 'issuer'
  | 'audience'
  | 'authorizedParty'
  | 'subject'
  | 'issuedAt'
  | 'notBefore'
  | 'expiresAt'
  | 'authTime'
  | 'nonce'
  | 'accessTokenHash'
  | 'sessionId'
  | 'emailLocalPart'
  | 'updatedAt'
  /** Random per token; `value` (a string) is its prefix, e.g. Okta `jti` "ID.". */
  | 'opaque'
  /** Stable per tenant; `value` (a string) is its prefix, e.g. Okta `idp` "00o". */
  | 'tenantScoped';

export interface OidcClaimSpec {
  readonly name: string;
  readonly from: OidcClaimSource;
  readonly value?: unknown;
  /** Sent only when the authorization request asked for this scope. */
  readonly requiresScope?: string;
  /** Also returned by the userinfo endpoint. */
  readonly userinfo?: boolean;
}

/** An OIDC `prompt` value (OIDC Core §3.1.2.1) the mock can honour. */
export type PromptValue = 'none' | 'login' | 'consent' | 'select_account';

/**
 * Refresh tokens as the vendor issues them (../shared/reference/vendors.md, "OIDC behaviours that
 * real clients rely on"): how an RP asks for one, and what the refresh grant gives back.
 */
export interface RefreshTokenBehaviour {
  /**
   * `offline_access-scope`: the scope on the authorization request is enough (Entra, Okta, Auth0).
   * `access_type-offline`: Google's parameter (not a scope): a refresh token with the first consent
   * of that user for that client, and again with `prompt=consent`.
   */
  readonly requestedBy: 'offline_access-scope' | 'access_type-offline';
  /** `offline_access` written in the token response's `scope` (Okta, Auth0; Entra leaves it out). */
  readonly echoOfflineAccess: boolean;
  /**
   * What a refresh grant does to the presented token: `none` keeps it (Google; Okta "Use persistent
   * token" and Auth0 non-rotating, their defaults for web apps); `rotate` replaces it and a reuse of
   * the old one is refused with every token of the grant revoked (Okta, Auth0 when rotation is
   * configured; fault oidc.refresh-token-reused); `new-each-use` returns a new one while the old one
   * stays valid until it expires (Entra).
   */
  readonly rotation: 'none' | 'rotate' | 'new-each-use';
  /** When the token is not rotated: the refresh grant's answer repeats it (`same`) or has none (`omitted`). */
  readonly unrotatedAnswer: 'same' | 'omitted';
  /** The vendor's `invalid_grant` answer to a revoked, expired or reused refresh token. */
  readonly invalidGrant: { readonly description: string; readonly errorCodes?: readonly number[] };
}

/** The `prompt` values the vendor documents, and what it does with one it does not. */
export interface PromptBehaviour {
  readonly supported: readonly PromptValue[];
  /**
   * Values the vendor's SDKs send but its server does not act on: dropped from the request
   * (Auth0's `select_account`, passed to upstream social connections only).
   */
  readonly ignored?: readonly PromptValue[];
  /**
   * The vendor's own error page for a value it refuses (Google: `login`); without it, the refusal is RFC 6749 invalid_request back to the
   * redirect URI.
   */
  readonly refusedPage?: VendorError;
}

export interface OidcPersona {
  readonly id: PersonaId;
  readonly vendor: Vendor;
  readonly protocol: 'oidc';
  readonly displayName: string;
  /** The vendor console's name of the field where the admin pastes the SP redirect URI. */
  readonly consoleFields: { readonly redirectUri: string };
  /** Path of the issuer under the server origin, e.g. `/entra/{tid}/v2.0`; `{base}{issuerPath}` is the issuer. */
  readonly issuerPathTemplate: string;
  /** Issuers of real tenants of this vendor (host and path), by which `explain` recognises a captured artefact. */
  readonly realIssuers: readonly RegExp[];
  readonly idToken: {
    readonly lifetimeSeconds: number;
    readonly headerTyp: boolean;
    /** Claim name → where its value comes from; order is the order in the payload. */
    readonly claims: ReadonlyArray<OidcClaimSpec>;
    readonly signingAlgorithm: 'RS256';
    /** JOSE header parameters in the order the vendor writes them (`typ` only where headerTyp). */
    readonly headerOrder: ReadonlyArray<'alg' | 'kid' | 'typ'>;
    /** `sub`: the vendor's user id, or an id pairwise per client (Entra). */
    readonly subject: 'vendor-id' | 'pairwise-per-client';
    /** Seconds `iat` (and `nbf`) are back-dated (Entra: 5 min, which makes its 65 min lifetime). */
    readonly issuedAtBackdateSeconds: number;
  };
  /**
   * Endpoint paths relative to where the endpoints are published (the issuer path, or beside it:
   * `endpointsBesideIssuer`), shaped like the vendor's own. The optional ones exist where the
   * vendor publishes them (the mock serves them through oidc-provider).
   */
  readonly endpoints: {
    readonly authorization: string;
    readonly token: string;
    readonly userinfo: string;
    readonly jwks: string;
    readonly logout?: string;
    readonly revocation?: string;
    readonly introspection?: string;
    readonly pushedAuthorization?: string;
  };
  /**
   * Set when the vendor publishes its endpoints beside the issuer rather than under it: under the
   * issuer path without this last part. Entra's issuer is `/{tid}/v2.0`, its endpoints
   * `/{tid}/oauth2/v2.0/authorize`, `/{tid}/discovery/v2.0/keys`… (`issuerSuffix: '/v2.0'`). The
   * engine serves them under the issuer path all the same (oidc-provider is mounted there); the
   * published paths are handed to it (oidc/discovery.ts, engineEndpointPath).
   */
  readonly endpointsBesideIssuer?: { readonly issuerSuffix: string };
  /**
   * The OpenID Provider discovery document as the vendor publishes it (../shared/reference/vendors.md,
   * "OIDC discovery"): its fields in the vendor's order and with the vendor's values. In strings,
   * `{issuer}` is the issuer, `{base}` the issuer without a trailing slash, `{endpointBase}` where
   * the endpoints are published (`{base}`, or beside the issuer: endpointsBesideIssuer), and `{authorization}`,
   * `{token}`, `{userinfo}`, `{jwks}`, `{logout}`, `{revocation}`, `{introspection}`,
   * `{pushedAuthorization}` the full URL of that endpoint. Endpoints the mock has no use for
   * (device, registration, Kerberos, MFA challenge) are listed at the vendor's path and answer 404.
   */
  readonly discovery: readonly (readonly [field: string, value: DiscoveryValue])[];
  readonly jwks: JwksShape;
  /** The signing key's certificate: published (x5c) only where the JWKS shape has x5t; otherwise never seen outside the mock. */
  readonly certificate: PersonaCertificate;
  /** Name of the IdP session cookie (scoped to the issuer path). */
  readonly sessionCookie: string;
  readonly refreshTokens: RefreshTokenBehaviour;
  readonly prompts: PromptBehaviour;
  readonly loginFlow: LoginFlow;
  /** Path of the login page under the issuer path, shaped like the vendor's. */
  readonly loginPath: string;
  /** The client id the vendor gives a new application, for a registration key. */
  readonly clientIdFormat: (key: string) => string;
  /**
   * How the vendor words errors: `codeInPageMessage` writes "CODE: message" on its error page
   * (Entra's AADSTS…); `numericErrorCodes` adds the `error_codes` list to token endpoint errors.
   */
  readonly errorStyle: { readonly codeInPageMessage: boolean; readonly numericErrorCodes: boolean };
  readonly consoleFixes: Readonly<Record<OidcConsoleFix, string>> & Readonly<Partial<Record<OidcVendorFix, string>>>;
  /**
   * Vendor errors. `httpStatus: 302` means the vendor sends the error back to the redirect URI
   * (`error` = code, `error_description` = message) instead of showing its own page.
   */
  readonly errors: Readonly<
    Record<'redirectUriMismatch' | 'invalidClient' | 'clientSecretExpired' | 'userNotAssigned' | 'userDisabled', VendorError>
  >;
  readonly sources: readonly Source[];
}

export type Persona = SamlPersona | OidcPersona;

export type FaultCategory = 'misconfig' | 'attack' | 'quirk';
export type FaultProtocol = Protocol | 'seat';
export type ExpectedOutcome = 'reject' | 'accept' | 'accept-with-warning';

/** A catalog entry. `produce` is the narrow seam; everything else is data for suites and reports. */
export interface FaultDefinition<Id extends string = string> {
  /** Stable id (reports and ledgers refer to it), e.g. `saml.audience-mismatch`: its literal type (catalog.ts FaultId) is kept. */
  readonly id: Id;
  readonly title: string;
  readonly protocol: FaultProtocol;
  readonly category: FaultCategory;
  readonly personas: readonly PersonaId[];
  /** Spec section, advisory or CVE. */
  readonly reference: string;
  readonly expected: ExpectedOutcome;
  /** The reason a correct SP gives (for reject), or the warning it shows (accept-with-warning). */
  readonly reason?: ReasonCode;
  readonly customerSees: string;
  readonly fix: { readonly default: string } & Partial<Record<Vendor, string>>;
  /** One line: how the mock IdP produces it (shown by `faults --json`). */
  readonly how: string;
}
