// What one conformance scenario is: a fault (or a combination of faults) switched on at the IdP
// for one persona, the SP settings it assumes, how the login is driven, and what a correct SP
// does with it. Scenarios are generated from the fault catalog (catalogScenarios.ts) and from the
// SAML signature matrix (suites/security/signatureMatrix.ts) — never written out per vendor.
import type { ReasonCode } from '../../lib/index.ts';
import type { FaultId, ExpectedOutcome, FaultCategory, PersonaId, Protocol, TenantJwksChange, Vendor } from '../../mock-idps/index.ts';
import type { SeatAuditKind } from './seatFaultSetups.ts';

/** SP-side settings an account is configured with; scenarios sharing a profile share an account. */
export type SpProfile =
  | {
      readonly protocol: 'saml';
      readonly requireSignedResponse: boolean;
      readonly requireSignedAssertion: boolean;
      readonly allowIdpInitiated: boolean;
      /** SSO configured but turned off (never enabled after set-up). */
      readonly ssoOff?: true;
    }
  | {
      readonly protocol: 'oidc';
      /**
       * A fault whose production depends on what the SP has cached about the IdP (its JWKS): it
       * gets an account and IdP tenant of its own, so no other scenario warms or spoils that cache.
       */
      readonly isolatedFor?: string;
      /**
       * The fault is about an IdP that publishes several keys (`extra-rsa-key`) or one
       * (`signing-key-only`: a token without kid is then acceptable): the IdP's JWKS has the change
       * from the account's creation, so the SP sees those keys from its first JWKS fetch — whether
       * that fetch happens at set-up (Test SSO) or at the faulty login.
       */
      readonly jwksChange?: TenantJwksChange;
    };

/** How the login is driven (HTTP level unless stated). */
export type ScenarioFlow =
  /** The seat starts at the portal's sign-on URL; SAML AuthnRequest or OIDC authorization request. */
  | 'sp-initiated'
  /** The user starts at the IdP (SAML app tile): an unsolicited response. */
  | 'idp-initiated'
  /** A first IdP-initiated login succeeds; an attacker's browser then delivers the same response again. */
  | 'idp-initiated-replay'
  /** A login succeeds; an attacker replays its OIDC callback URL (code + state) from another browser. */
  | 'oidc-callback-replay'
  /** The seat logs in from the SP with a return path (`Scenario.returnPath`) that leads off-site. */
  | 'sp-initiated-external-return'
  /** The OE desktop app (RFC 8252 loopback redirect, PKCE) logs in through the system browser. */
  | 'native-wrong-verifier'
  | 'native-missing-verifier'
  /** The desktop app asks the portal to redirect to an external https URL. */
  | 'native-external-redirect-uri'
  /** A native code is redeemed twice (not a catalog fault: the native-allow-code-replay check). */
  | 'native-code-replay'
  /** The admin (logged in by SSO) saves the unchanged SSO configuration while the IdP is faulty. */
  | 'reconfigure';

/** What a security check scenario names in place of a catalog fault (suites/security/securityChecks.ts). */
export type SecurityCheckId = 'native.code-replay';

/** Who signs in at the IdP: the account's ordinary user, its admin, or a seat-fault user. */
export type LoginAs = 'user' | 'admin' | { readonly seatAudit: SeatAuditKind };

export type Expectation =
  /** The portal refuses: error page with the reason, no session, audit event, nothing further. */
  | { readonly kind: 'portal-refusal'; readonly reasons: readonly ReasonCode[]; readonly auditedInAccount: boolean }
  /** The IdP refuses with its own page (vendor error code or words); nothing reaches the portal. */
  | { readonly kind: 'idp-refusal'; readonly shows: string }
  /** Saving the configuration is refused with an error on `field`; the saved configuration is unchanged. */
  | { readonly kind: 'config-refusal'; readonly field: string }
  /** The native app's token request is refused with a reason; no access token. */
  | { readonly kind: 'app-refusal'; readonly reason: ReasonCode }
  /**
   * Login succeeds as the expected seat, on a portal page; `warning`: the admin is warned (Test SSO
   * result); `anyPortalPage`: where the login lands is attacker-chosen, so any page of the portal
   * (a "not found" included) is right — what matters is that the browser stays on the portal.
   */
  | { readonly kind: 'accepted'; readonly warning: boolean; readonly anyPortalPage?: boolean };

/**
 * Where a scenario comes from: one catalog entry (ledgered per fault), a combination of catalog
 * faults (the SAML signature matrix), or an SP check no catalog entry produces (suites/security).
 */
export type ScenarioSource = 'catalog' | 'combination' | 'security-check';

export interface Scenario {
  /** Stable test title part, e.g. `saml.audience-mismatch × okta-saml`. */
  readonly id: string;
  readonly title: string;
  readonly source: ScenarioSource;
  /**
   * Catalog fault id the scenario is about (annotation `fault`, reports, ledger). A combination
   * names the fault of the check that decides it; a security check names no catalog fault.
   */
  readonly fault: FaultId | SecurityCheckId;
  readonly category: FaultCategory;
  readonly persona: PersonaId;
  readonly vendor: Vendor;
  readonly protocol: Protocol;
  /** The catalog's expected outcome (annotation `expected`). */
  readonly expected: ExpectedOutcome;
  readonly expectation: Expectation;
  /** Catalog fault ids switched on (one-shot) at the IdP for the faulty login. */
  readonly idpFaults: readonly FaultId[];
  readonly profile: SpProfile;
  readonly flow: ScenarioFlow;
  readonly loginAs: LoginAs;
  /**
   * The fault only shows through an SP call that not every correct SP makes: when the SP made no
   * such call (the IdP request log says so), the scenario is not applicable to that SP.
   */
  readonly onlyIf?: 'sp-calls-userinfo' | 'sp-refreshes-tokens';
  /** `sp-initiated-external-return`: the page to land on that the login starts with (an attacker's). */
  readonly returnPath?: string;
}

export function expectationSummary(expectation: Expectation): string {
  switch (expectation.kind) {
    case 'portal-refusal':
      return `refused by the portal (${expectation.reasons.join(' or ')})`;
    case 'idp-refusal':
      return `refused by the IdP ("${expectation.shows}")`;
    case 'config-refusal':
      return `configuration refused (${expectation.field})`;
    case 'app-refusal':
      return `app token refused (${expectation.reason})`;
    case 'accepted':
      return expectation.warning ? 'accepted with a warning' : 'accepted';
  }
}
