// Defect switches of the reference portal. Each switch disables exactly one security check, in
// exactly one place, so the harness can prove that its suites catch a real SP bug: with the
// switch on, the matching fault must be *accepted* and the suite that targets it must go red.
// Switches are configuration only (createPortal({ defects })), never reachable from any page.
import type { ReasonCode } from '../lib/reasons.ts';
import type { DefectSet } from './sso/contract.ts';

export interface DefectInfo {
  /** What the portal does wrong when the switch is on. */
  readonly description: string;
  /** The check this switch disables (one check, one place). */
  readonly check: string;
  /** The refusal reason the correct portal gives and the defective one no longer gives; absent when the correct outcome is not a refusal. */
  readonly bypasses?: ReasonCode;
  /** The module that honours the switch. */
  readonly where: string;
}

const SAML_LOGIN = 'portal/sso/samlLogin.ts';
const OIDC_LOGIN = 'portal/sso/oidcLogin.ts';
const NATIVE = 'portal/native (web layer)';

export const DEFECTS = {
  'saml-skip-audience': { description: 'Accepts an assertion whose AudienceRestriction names another SP.', check: 'Audience equals the SP entity ID (SAML core §2.5.1.4)', bypasses: 'saml-audience-mismatch', where: SAML_LOGIN },
  'saml-skip-issuer': { description: 'Accepts a response or assertion from any Issuer.', check: 'Issuer equals the configured IdP entity ID (SAML profiles §4.1.4.2)', bypasses: 'saml-issuer-mismatch', where: SAML_LOGIN },
  'saml-skip-destination': { description: 'Accepts a response whose Destination is another URL.', check: 'Response Destination equals the ACS URL (SAML bindings §3.5.5.2)', bypasses: 'saml-destination-mismatch', where: SAML_LOGIN },
  'saml-skip-recipient': { description: 'Accepts an assertion whose SubjectConfirmationData Recipient is another URL.', check: 'SubjectConfirmationData Recipient equals the ACS URL (SAML profiles §4.1.4.3)', bypasses: 'saml-recipient-mismatch', where: SAML_LOGIN },
  'saml-ignore-signature-scope': { description: 'Accepts a valid signature on either the Response or the Assertion, whatever the configured signed parts require.', check: 'Each part the settings require to be signed carries a valid signature', bypasses: 'saml-signature-missing', where: SAML_LOGIN },
  'saml-trust-keyinfo-cert': { description: 'Verifies the signature with the certificate embedded in the response KeyInfo instead of the configured one.', check: 'Signatures verify with the configured certificates only', bypasses: 'saml-cert-untrusted', where: SAML_LOGIN },
  'saml-skip-time-window': { description: 'Accepts assertions outside NotBefore / NotOnOrAfter.', check: 'Conditions and SubjectConfirmationData validity window, with the configured skew', bypasses: 'saml-expired', where: SAML_LOGIN },
  'saml-skip-inresponseto': { description: 'Accepts a response whose InResponseTo matches no pending request of this browser.', check: 'InResponseTo equals the pending AuthnRequest ID (SAML profiles §4.1.4.3)', bypasses: 'saml-inresponseto-unknown', where: SAML_LOGIN },
  'saml-skip-replay-cache': { description: 'Accepts the same assertion ID more than once.', check: 'One-time use of each assertion ID until its NotOnOrAfter (SAML profiles §4.1.4.5)', bypasses: 'saml-replay', where: SAML_LOGIN },
  'saml-allow-sha1': { description: 'Accepts RSA-SHA1 signatures and SHA-1 digests.', check: 'Signature and digest algorithms are SHA-256 or stronger', bypasses: 'saml-weak-algorithm', where: SAML_LOGIN },
  'saml-allow-unsolicited': { description: 'Accepts IdP-initiated (unsolicited) responses although the settings do not allow them.', check: 'Unsolicited responses only when "Allow IdP-initiated login" is on', bypasses: 'saml-unsolicited-not-allowed', where: SAML_LOGIN },
  'oidc-skip-nonce': { description: 'Accepts an ID token whose nonce is missing or belongs to another login.', check: 'ID token nonce equals the nonce of the pending login (OIDC core §3.1.3.7 step 11)', bypasses: 'oidc-nonce-mismatch', where: OIDC_LOGIN },
  'oidc-skip-state': { description: 'Accepts a callback whose state is missing or belongs to another browser session.', check: 'Callback state equals the pending login state (RFC 6749 §10.12)', bypasses: 'oidc-state-mismatch', where: OIDC_LOGIN },
  'oidc-skip-issuer': { description: 'Accepts an ID token from any issuer.', check: 'ID token iss equals the configured issuer (OIDC core §3.1.3.7 step 2)', bypasses: 'oidc-issuer-mismatch', where: OIDC_LOGIN },
  'oidc-skip-audience': { description: 'Accepts an ID token issued for another client (aud / azp).', check: 'ID token aud contains the client ID, azp equals it when several audiences (OIDC core §3.1.3.7 steps 3–5)', bypasses: 'oidc-audience-mismatch', where: OIDC_LOGIN },
  'oidc-accept-any-alg': { description: 'Accepts ID tokens signed with any algorithm the header names (none, HS256 with the public key…).', check: 'ID token algorithm pinned to RS256 (OIDC core §3.1.3.7 step 7)', bypasses: 'oidc-alg-not-allowed', where: OIDC_LOGIN },
  'oidc-skip-email-verified': { description: 'Accepts an email the IdP marks email_verified=false.', check: 'email_verified is not false', bypasses: 'email-unverified', where: OIDC_LOGIN },
  'native-skip-pkce': { description: 'Issues native-client tokens without checking the PKCE code_verifier.', check: 'PKCE S256 code_verifier matches the code_challenge (RFC 7636 §4.6)', bypasses: 'native-pkce-invalid', where: NATIVE },
  'native-any-redirect-uri': { description: 'Redirects native-client logins to any redirect_uri.', check: 'Desktop loopback / mobile private-use scheme redirect URIs only (RFC 8252 §7.1, §7.3)', bypasses: 'native-redirect-uri-invalid', where: NATIVE },
  'native-allow-code-replay': { description: 'Accepts a native-client authorization code more than once.', check: 'Authorization codes are single-use (RFC 6749 §4.1.2)', bypasses: 'native-code-invalid', where: NATIVE },
  'relaystate-allow-offsite': { description: 'Redirects after login to an off-site RelayState / return URL (open redirect).', check: 'RelayState and return URLs stay on the portal', where: 'portal/web (login routes)' },
} as const satisfies Record<string, DefectInfo>;

export type DefectId = keyof typeof DEFECTS;

export const DEFECT_IDS = Object.keys(DEFECTS) as DefectId[];

export function isDefectId(value: string): value is DefectId {
  return Object.hasOwn(DEFECTS, value);
}

/** Parse configured defect ids; an unknown id is a startup error that lists the valid ones. */
export function parseDefects(ids: readonly string[]): DefectSet {
  const unknown = ids.filter((id) => !isDefectId(id));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown defect switch${unknown.length > 1 ? 'es' : ''}: ${unknown.join(', ')}. ` +
        `Defect switches are configuration for harness self-tests; valid ids are: ${DEFECT_IDS.join(', ')}.`,
    );
  }
  return new Set<DefectId>(ids as DefectId[]);
}

/** Whether a defect switch is on. Typed by id so a misspelt switch is a compile error at the check it disables. */
export function defectOn(defects: DefectSet, id: DefectId): boolean {
  return defects.has(id);
}
