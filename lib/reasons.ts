// The vocabulary of SSO refusal reasons shared by the reference portal (which shows and audits
// them), the fault catalog (which states the reason a correct SP must give) and the reports.
// Codes are stable: ledgers, reports and customer-facing pages refer to them.

export interface ReasonInfo {
  /** Plain words for the person who just failed to log in. */
  readonly message: string;
  /** What the customer's admin (or support) should change, and where. */
  readonly fix: string;
}

export const REASONS = {
  // SAML response checks
  'saml-malformed': {
    message: 'The identity provider sent a SAML response that could not be read.',
    fix: 'Check that the IdP posts a base64-encoded SAMLResponse to the ACS URL shown in the IdP and SSO section.',
  },
  'saml-doctype-forbidden': {
    message: 'The SAML response contains a DOCTYPE, which is never allowed (XXE protection).',
    fix: 'Real IdPs never send a DOCTYPE: treat this response as an attack and check who sent it.',
  },
  'saml-status-not-success': {
    message: 'The identity provider reported that the login failed.',
    fix: 'Read the IdP status shown on the page; fix the user or app assignment at the IdP.',
  },
  'saml-signature-missing': {
    message: 'The SAML response is not signed where this account requires a signature.',
    fix: 'At the IdP, sign the part the SP requires (assertion and/or response), or change "Signed parts" in the IdP and SSO section to match the IdP.',
  },
  'saml-signature-invalid': {
    message: 'The SAML signature does not verify: the content was changed after signing.',
    fix: 'A response altered in transit is an attack or a broken proxy; capture it and run `sso-harness explain`.',
  },
  'saml-cert-untrusted': {
    message: 'The SAML response is signed by a certificate this account does not trust.',
    fix: "The IdP signing certificate changed (rotated, or another app's certificate was pasted): download the current signing certificate from the IdP and upload it in the IdP and SSO section.",
  },
  'saml-weak-algorithm': {
    message: 'The SAML response is signed with SHA-1, which is refused.',
    fix: 'At the IdP, set the signing algorithm to RSA-SHA256 (digest SHA-256).',
  },
  'saml-multiple-assertions': {
    message: 'The SAML response carries more than one assertion.',
    fix: 'Real IdPs send one assertion: treat this response as an attack (signature wrapping).',
  },
  'saml-encrypted-unexpected': {
    message: 'The SAML assertion is encrypted but this account has no decryption key.',
    fix: 'At the IdP, turn assertion encryption off, or configure the SP encryption certificate.',
  },
  'saml-issuer-mismatch': {
    message: 'The SAML response comes from an issuer this account does not know.',
    fix: 'Copy the IdP entity ID / Issuer exactly (scheme, case, trailing slash) from the IdP metadata into the IdP and SSO section.',
  },
  'saml-audience-mismatch': {
    message: 'The SAML assertion is meant for another service provider (Audience).',
    fix: 'At the IdP, set the Audience / Identifier (Entity ID) to the SP entity ID shown in the IdP and SSO section, exactly.',
  },
  'saml-destination-mismatch': {
    message: 'The SAML response was addressed to another URL (Destination).',
    fix: 'At the IdP, set the Reply URL / Single sign-on URL / ACS URL to the ACS URL shown in the IdP and SSO section, exactly.',
  },
  'saml-recipient-mismatch': {
    message: "The SAML assertion's Recipient is not this account's ACS URL.",
    fix: 'At the IdP, set the Recipient / ACS URL to the ACS URL shown in the IdP and SSO section, exactly.',
  },
  'saml-not-yet-valid': {
    message: 'The SAML assertion is not valid yet (issued in the future).',
    fix: 'The IdP clock is ahead: fix its time (NTP), or raise the allowed clock skew in the IdP and SSO section.',
  },
  'saml-expired': {
    message: 'The SAML assertion has expired.',
    fix: 'Log in again; if it persists the IdP clock is behind (fix NTP) or the allowed clock skew is too small.',
  },
  'saml-conditions-missing': {
    message: 'The SAML assertion has no validity conditions.',
    fix: 'At the IdP, make sure the assertion carries Conditions (NotBefore / NotOnOrAfter / AudienceRestriction).',
  },
  'saml-inresponseto-unknown': {
    message: 'The SAML response answers a login request this portal did not make (or one that expired).',
    fix: 'Start the login again from the portal; if it persists, a proxy or cache is dropping the portal session cookie.',
  },
  'saml-inresponseto-missing': {
    message: 'The SAML response does not say which login request it answers.',
    fix: 'At the IdP, keep InResponseTo on SP-initiated logins; or allow IdP-initiated login if that is intended.',
  },
  'saml-replay': {
    message: 'This SAML assertion was already used to log in.',
    fix: 'Start a new login; a replayed assertion is refused by design.',
  },
  'saml-unsolicited-not-allowed': {
    message: 'IdP-initiated login is not allowed for this account.',
    fix: 'Start the login from the portal, or turn on "Allow IdP-initiated login" in the IdP and SSO section.',
  },
  // OIDC checks
  'oidc-idp-error': {
    message: 'The identity provider refused the login and sent an error back.',
    fix: 'Read the IdP error shown on the page; usually the user is not assigned to the application at the IdP.',
  },
  'oidc-state-mismatch': {
    message: 'The login response does not belong to this browser session (state).',
    fix: 'Start the login again from the portal; if it persists, cookies are being dropped between the portal and the IdP.',
  },
  'oidc-discovery-mismatch': {
    message: 'The IdP discovery document names another issuer than the one configured.',
    fix: "Use the issuer exactly as the IdP's discovery document states it (for Okta: org vs /oauth2/default; for Auth0: trailing slash).",
  },
  'oidc-idp-unreachable': {
    message: 'The portal could not reach the identity provider (discovery, keys or token endpoint).',
    fix: 'Check that the IdP is up and that the issuer in the IdP and SSO section is right, then retry; the detail names the URL that failed.',
  },
  'oidc-token-error': {
    message: 'The identity provider refused to issue tokens to this portal.',
    fix: 'Check the client ID and client secret in the IdP and SSO section against the IdP application (a secret may have expired).',
  },
  'oidc-issuer-mismatch': {
    message: 'The ID token was issued by another issuer than the one configured.',
    fix: 'Set the issuer in the IdP and SSO section to the issuer the IdP puts in its tokens.',
  },
  'oidc-audience-mismatch': {
    message: 'The ID token was issued for another application (aud / azp).',
    fix: 'Check the client ID in the IdP and SSO section against the IdP application.',
  },
  'oidc-signature-invalid': {
    message: 'The ID token signature does not verify with the IdP keys.',
    fix: 'If the IdP rotated its keys, retry; otherwise the token was altered. Capture it and run `sso-harness explain`.',
  },
  'oidc-alg-not-allowed': {
    message: 'The ID token is signed with an algorithm this account does not accept.',
    fix: 'At the IdP, sign ID tokens with RS256 (Auth0: Advanced settings → OAuth → JsonWebToken Signature Algorithm).',
  },
  'oidc-expired': {
    message: 'The ID token has expired or was issued in the future.',
    fix: 'Fix the IdP or SP clock (NTP), or raise the allowed clock skew.',
  },
  'oidc-claim-missing': {
    message: 'The ID token lacks a required claim.',
    fix: 'Real IdPs always send sub, iat and exp: treat the token as forged or the IdP as misconfigured.',
  },
  'oidc-nonce-mismatch': {
    message: 'The ID token does not belong to this login (nonce).',
    fix: 'Start the login again; if it persists, the IdP is not echoing the nonce.',
  },
  'oidc-hash-mismatch': {
    message: 'The ID token does not match the code or access token it came with (c_hash / at_hash).',
    fix: 'Treat as an attack (token substitution); capture it and run `sso-harness explain`.',
  },
  'oidc-userinfo-sub-mismatch': {
    message: 'The userinfo answer is about another user than the ID token.',
    fix: 'Treat as an attack (token substitution).',
  },
  // Identity to seat
  'email-missing': {
    message: 'The identity provider did not send an email address for this user.',
    fix: 'At the IdP, send the user\'s email (Entra: add the email optional claim / emailaddress attribute; Okta: attribute statement "email"; Auth0: map email into the NameID), or change "Email comes from" in the IdP and SSO section.',
  },
  'email-unverified': {
    message: 'The identity provider says this email address is not verified.',
    fix: "Verify the user's email at the IdP.",
  },
  'hosted-domain-mismatch': {
    message: 'The Google account is not part of the expected Workspace domain (hd).',
    fix: 'Log in with the Workspace account, or add the domain to the SSO domains of the account.',
  },
  'no-seat-for-email': {
    message: 'No seat of this account has the email address the identity provider sent.',
    fix: "In the portal, set the seat email to exactly the email the IdP sends (see the seat email audit), or fix the user's email at the IdP.",
  },
  'seat-disabled': { message: 'The seat for this email address is disabled.', fix: 'An admin of the account re-enables the seat.' },
  'sso-not-configured': {
    message: 'SSO is not configured for this account.',
    fix: 'An admin configures the IdP in Account parameters → IdP and SSO.',
  },
  'sso-required': {
    message: 'This account uses single sign-on: password login is turned off.',
    fix: 'Use "Continue with SSO". If SSO is broken, contact Ooma support: a super admin can turn SSO off without losing the configuration.',
  },
  // Native clients (desktop / mobile)
  'native-redirect-uri-invalid': {
    message: 'The app asked to return to an address that is not allowed.',
    fix: 'Desktop: use http://127.0.0.1:<port>/…; mobile: com.ooma.enterprise:/… (RFC 8252).',
  },
  'native-pkce-invalid': {
    message: "The app's PKCE proof is missing or wrong.",
    fix: 'The app must send code_challenge (S256) and the matching code_verifier.',
  },
  'native-code-invalid': { message: 'The authorization code is unknown, expired or already used.', fix: 'Start the app login again.' },
} as const satisfies Record<string, ReasonInfo>;

export type ReasonCode = keyof typeof REASONS;

export function isReasonCode(value: string): value is ReasonCode {
  return Object.hasOwn(REASONS, value);
}
