// Contract between the portal's web layer (routes, views, persistence) and its SSO library
// (configuration validation, SAML and OIDC login, SP metadata, seat email audit).
// The library modules in portal/sso/ implement these; the web layer only calls them.
import type { ReasonCode } from '../../lib/index.ts';

import type { VendorPreset } from './presets.ts';

// The presets are portal/sso/presets.ts's rows.
export type { VendorPreset };
export type SsoProtocol = 'saml' | 'oidc';

/** A validation error that names the form field and says what to change. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}
export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly FieldError[] };

/** Everything the SP says about itself for one account (derived from the portal base URL and account id). */
export interface SpEndpoints {
  readonly entityId: string;
  readonly acsUrl: string;
  readonly metadataUrl: string;
  readonly signOnUrl: string;
  readonly oidcRedirectUri: string;
}

/** Raw form input of the SAML part of the IdP and SSO section. */
export interface SamlSettingsInput {
  readonly vendor: VendorPreset;
  readonly metadataSource: 'url' | 'upload' | 'manual';
  readonly metadataUrl?: string;
  readonly metadataXml?: string;
  readonly idpEntityId?: string;
  readonly idpSsoUrl?: string;
  readonly idpCertificate?: string;
  readonly requireSignedResponse: boolean;
  readonly requireSignedAssertion: boolean;
  readonly allowedClockSkewSeconds: string | number;
  readonly allowIdpInitiated: boolean;
  /** SAML attribute carrying the email; empty = NameID when it is an email, then the vendor preset's usual attributes. */
  readonly emailAttribute?: string;
}

/** Validated, storable SAML settings. */
export interface SamlSettings {
  readonly protocol: 'saml';
  readonly vendor: VendorPreset;
  readonly metadataUrl?: string;
  readonly idpEntityId: string;
  readonly idpSsoUrl: string;
  /** One or more trusted signing certificates (PEM). */
  readonly idpCertificates: readonly string[];
  readonly requireSignedResponse: boolean;
  readonly requireSignedAssertion: boolean;
  readonly allowedClockSkewSeconds: number;
  readonly allowIdpInitiated: boolean;
  readonly emailAttribute?: string;
  /** Warnings to show (e.g. certificate expires within 30 days). */
  readonly warnings: readonly string[];
}

export interface OidcSettingsInput {
  readonly vendor: VendorPreset;
  readonly issuer?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly scopes?: string;
  readonly emailClaim?: string;
  readonly allowedClockSkewSeconds?: string | number;
  /** Google only: required hosted domain (`hd`); empty = not checked. */
  readonly hostedDomain?: string;
}

export interface OidcSettings {
  readonly protocol: 'oidc';
  readonly vendor: VendorPreset;
  readonly issuer: string;
  readonly clientId: string;
  /** Secret: never render it back into a page, log or report. */
  readonly clientSecret: string;
  readonly scopes: string;
  readonly emailClaim: string;
  readonly allowedClockSkewSeconds: number;
  readonly hostedDomain?: string;
  readonly warnings: readonly string[];
}

export type SsoSettings = SamlSettings | OidcSettings;

/** Defect switches: each disables exactly one check, to prove the suites catch real SP bugs. */
export type DefectSet = ReadonlySet<string>;

/** The identity an SSO login produced, before it is matched to a seat. */
export interface SsoIdentity {
  readonly email: string;
  readonly subject: string;
  readonly issuer: string;
  /** Where the email came from, e.g. `NameID (emailAddress)` or `claim email`. */
  readonly emailSource: string;
  readonly attributes: Readonly<Record<string, string | readonly string[]>>;
  readonly warnings: readonly string[];
  /**
   * The warnings (also in `warnings`) about the saved configuration, e.g. an expired IdP signing certificate: the IdP and SSO section shows
   * them too.
   */
  readonly certificateWarnings?: readonly string[];
}

export type SsoResult =
  { readonly ok: true; readonly identity: SsoIdentity } | { readonly ok: false; readonly reason: ReasonCode; readonly detail: string };

/** Pending SP-initiated login state, kept server-side and keyed by a browser cookie. */
export interface PendingSamlLogin {
  readonly protocol: 'saml';
  readonly requestId: string;
  readonly createdAt: number;
}
export interface PendingOidcLogin {
  readonly protocol: 'oidc';
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  readonly createdAt: number;
}
export type PendingLogin = PendingSamlLogin | PendingOidcLogin;

/** The seat email audit's rule is shared (lib/seatEmailAudit.ts): its types are the portal's contract too. */
export type { SeatAuditFinding, SeatAuditKind, SeatForAudit } from '../../lib/index.ts';
