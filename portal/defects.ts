// Defect switches of the reference portal, so the harness can prove that its suites catch real SP
// bugs: with a switch on, the matching faults must be *accepted* and a suite that targets them
// must go red. Two kinds. `off` switches disable one check in one place. `partial` switches keep
// the check and get it partly wrong, the way real portals do — a prefix or case-insensitive
// compare, one of two values or signatures checked, a parameter checked only when present, a
// window too wide, a value normalised after it was checked. Every switch belongs to one SP rule
// (`rule`); `certify --self-check` reports per rule which scenarios catch its switches.
// Switches are configuration only (createPortal({ defects })), never reachable from any page.
import type { ReasonCode } from '../lib/index.ts';
import type { DefectSet } from './sso/contract.ts';

export interface DefectInfo {
  /** What the portal does wrong when the switch is on. */
  readonly description: string;
  /** The check this switch disables or gets partly wrong (one check, one place). */
  readonly check: string;
  /** The SP rule the check belongs to (RULES below). */
  readonly rule: RuleId;
  /** `off`: the check is skipped; `partial`: the check runs, partly wrong. */
  readonly kind: 'off' | 'partial';
  /**
   * The refusal reason the correct portal gives and the defective one no longer gives; absent when the correct outcome is not a refusal.
   */
  readonly bypasses?: ReasonCode;
  /** The module that honours the switch. */
  readonly where: string;
}

/** The SP rules the switches belong to: what a correct portal checks, in words. */
export const RULES = {
  'saml.audience': "The Audience names this SP's entity ID exactly",
  'saml.issuer': 'The Response and Assertion Issuers are the configured IdP entity ID, exactly',
  'saml.destination': 'The Response Destination, when present (even empty), is the ACS URL',
  'saml.recipient': 'The bearer SubjectConfirmationData Recipient is the ACS URL',
  'saml.signature-scope': 'Each part the settings require to be signed carries a signature',
  'saml.signature-trust': 'Every signature present verifies with the configured certificates',
  'saml.algorithms': 'Every signature uses SHA-256 or stronger algorithms and digests',
  'saml.time-window': 'IssueInstant, NotBefore, NotOnOrAfter and SubjectConfirmationData NotOnOrAfter hold, within the configured skew',
  'saml.in-response-to': "An SP-initiated login is answered with the InResponseTo of this browser's request",
  'saml.replay': 'An assertion ID is used once',
  'saml.unsolicited': 'Unsolicited responses only where IdP-initiated login is allowed',
  'oidc.nonce': "The ID token nonce is this login's",
  'oidc.state': "The callback state is this browser's pending login",
  'oidc.issuer': 'The ID token iss is the configured issuer, exactly',
  'oidc.audience': 'aud contains the client id and no untrusted audience; azp, when present, is the client id',
  'oidc.algorithm': 'The ID token is signed with RS256',
  'oidc.email-verified': 'An email the IdP does not mark verified is refused',
  'oidc.hosted-domain': "Google's hd is the required Workspace domain",
  'oidc.time-window': 'exp, iat and nbf hold within the configured skew',
  'native.pkce': 'The token request proves the PKCE S256 challenge',
  'native.redirect-uri':
    "Native redirect URIs follow RFC 8252 (loopback http, the app's own scheme) and the token request repeats the same one",
  'native.client-id': 'Native clients are known by their exact client_id',
  'native.code-once': 'An authorization code is redeemed once',
  'native.request-binding': "An app's authorization request is completed only in the browser that started it",
  'web.sso-enabled': 'An SSO login is accepted only while SSO is on for the account, when the answer arrives',
  'web.return-path': 'After login the browser stays on the portal, whatever RelayState or return path was given',
  'session.renewal':
    'Every login (password, SSO, support) starts a session with a new identifier: one the browser brought never becomes logged in',
  'session.logout': 'Logging out ends the session on the server: a copy of its cookie opens nothing afterwards',
  'web.anti-forgery':
    "Every state-changing form post carries this session's anti-forgery token: none, an empty one or another session's is refused",
  'web.admin-role': "Only admin seats change the account's SSO (save, Test SSO, Enable, disable)",
  'support.grant-scope': 'Support access granted for one account opens nothing of another (pages or actions)',
  'tenant.isolation':
    "An identity one account's IdP asserts logs into no other account: a response is judged by the receiving account's IdP settings, its seat looked up in that account only",
  'web.secrets-hidden': "A saved client secret is never shown back, to the customer's admins or to support",
  'harness.token': 'The provisioning API takes its Bearer token in full and exactly',
  'session.cookie-flags': 'Session cookies are set HttpOnly and SameSite=Lax or Strict (and Secure over HTTPS), whichever login set them',
  'session.kinds':
    "A seat session opens nothing of the support console and a support session nothing of the seats' pages, whichever cookie carries it",
  'session.seat-disabled': "A seat disabled while logged in loses its web sessions and its apps' tokens at once",
  'seats.email-unique': 'Seat emails are unique within an account, compared without case, whether a seat is added, edited or imported',
  'audit.actor': 'An audit event names the person who acted (the admin who changed a seat), not the seat acted on',
  'metadata.signing-keys':
    'Only the certificates IdP metadata lists for signing (use="signing" or no use) verify signatures; its encryption certificates never do',
  'metadata.redirects':
    'A fetch of IdP metadata, discovery or JWKS follows redirects on the same host only: a redirect to another host is refused with a message naming it',
  'sso.enable-warnings':
    'Enable warns unless the configuration version saved is the one that passed Test SSO (a pass of an earlier version, or a test answered after a later save, does not count)',
} as const;

export type RuleId = keyof typeof RULES;

const SAML_LOGIN = 'portal/sso/samlLogin.ts';
const OIDC_LOGIN = 'portal/sso/oidcLogin.ts';
const NATIVE = 'portal/native (web layer)';
const SESSIONS = 'portal/auth/requestState.ts';
const GUARDS = 'portal/web/guards.ts';
const SUPPORT = 'portal/support/routes.ts';

export const DEFECTS = {
  'saml-skip-audience': {
    rule: 'saml.audience',
    kind: 'off',
    description: 'Accepts an assertion whose AudienceRestriction names another SP.',
    check: 'Audience equals the SP entity ID (SAML core §2.5.1.4)',
    bypasses: 'saml-audience-mismatch',
    where: SAML_LOGIN,
  },
  'saml-skip-issuer': {
    rule: 'saml.issuer',
    kind: 'off',
    description: 'Accepts a response or assertion from any Issuer.',
    check: 'Issuer equals the configured IdP entity ID (SAML profiles §4.1.4.2)',
    bypasses: 'saml-issuer-mismatch',
    where: SAML_LOGIN,
  },
  'saml-skip-destination': {
    rule: 'saml.destination',
    kind: 'off',
    description: 'Accepts a response whose Destination is another URL.',
    check: 'Response Destination equals the ACS URL (SAML bindings §3.5.5.2)',
    bypasses: 'saml-destination-mismatch',
    where: SAML_LOGIN,
  },
  'saml-skip-recipient': {
    rule: 'saml.recipient',
    kind: 'off',
    description: 'Accepts an assertion whose SubjectConfirmationData Recipient is another URL.',
    check: 'SubjectConfirmationData Recipient equals the ACS URL (SAML profiles §4.1.4.3)',
    bypasses: 'saml-recipient-mismatch',
    where: SAML_LOGIN,
  },
  'saml-ignore-signature-scope': {
    rule: 'saml.signature-scope',
    kind: 'off',
    description: 'Accepts a valid signature on either the Response or the Assertion, whatever the configured signed parts require.',
    check: 'Each part the settings require to be signed carries a valid signature',
    bypasses: 'saml-signature-missing',
    where: SAML_LOGIN,
  },
  'saml-trust-keyinfo-cert': {
    rule: 'saml.signature-trust',
    kind: 'off',
    description: 'Verifies the signature with the certificate embedded in the response KeyInfo instead of the configured one.',
    check: 'Signatures verify with the configured certificates only',
    bypasses: 'saml-cert-untrusted',
    where: SAML_LOGIN,
  },
  'saml-skip-time-window': {
    rule: 'saml.time-window',
    kind: 'off',
    description: 'Accepts assertions outside NotBefore / NotOnOrAfter.',
    check: 'Conditions and SubjectConfirmationData validity window, with the configured skew',
    bypasses: 'saml-expired',
    where: SAML_LOGIN,
  },
  'saml-skip-inresponseto': {
    rule: 'saml.in-response-to',
    kind: 'off',
    description: 'Accepts a response whose InResponseTo matches no pending request of this browser.',
    check: 'InResponseTo equals the pending AuthnRequest ID (SAML profiles §4.1.4.3)',
    bypasses: 'saml-inresponseto-unknown',
    where: SAML_LOGIN,
  },
  'saml-skip-replay-cache': {
    rule: 'saml.replay',
    kind: 'off',
    description: 'Accepts the same assertion ID more than once.',
    check: 'One-time use of each assertion ID until its NotOnOrAfter (SAML profiles §4.1.4.5)',
    bypasses: 'saml-replay',
    where: SAML_LOGIN,
  },
  'saml-allow-sha1': {
    rule: 'saml.algorithms',
    kind: 'off',
    description: 'Accepts RSA-SHA1 signatures and SHA-1 digests.',
    check: 'Signature and digest algorithms are SHA-256 or stronger',
    bypasses: 'saml-weak-algorithm',
    where: SAML_LOGIN,
  },
  'saml-allow-unsolicited': {
    rule: 'saml.unsolicited',
    kind: 'off',
    description: 'Accepts IdP-initiated (unsolicited) responses although the settings do not allow them.',
    check: 'Unsolicited responses only when "Allow IdP-initiated login" is on',
    bypasses: 'saml-unsolicited-not-allowed',
    where: SAML_LOGIN,
  },
  'oidc-skip-nonce': {
    rule: 'oidc.nonce',
    kind: 'off',
    description: 'Accepts an ID token whose nonce is missing or belongs to another login.',
    check: 'ID token nonce equals the nonce of the pending login (OIDC core §3.1.3.7 step 11)',
    bypasses: 'oidc-nonce-mismatch',
    where: OIDC_LOGIN,
  },
  'oidc-skip-state': {
    rule: 'oidc.state',
    kind: 'off',
    description: 'Accepts a callback whose state is missing or belongs to another browser session.',
    check: 'Callback state equals the pending login state (RFC 6749 §10.12)',
    bypasses: 'oidc-state-mismatch',
    where: OIDC_LOGIN,
  },
  'oidc-skip-issuer': {
    rule: 'oidc.issuer',
    kind: 'off',
    description: 'Accepts an ID token from any issuer.',
    check: 'ID token iss equals the configured issuer (OIDC core §3.1.3.7 step 2)',
    bypasses: 'oidc-issuer-mismatch',
    where: OIDC_LOGIN,
  },
  'oidc-skip-audience': {
    rule: 'oidc.audience',
    kind: 'off',
    description: 'Accepts an ID token issued for another client (aud / azp).',
    check: 'ID token aud contains the client ID, azp equals it when several audiences (OIDC core §3.1.3.7 steps 3–5)',
    bypasses: 'oidc-audience-mismatch',
    where: OIDC_LOGIN,
  },
  'oidc-accept-any-alg': {
    rule: 'oidc.algorithm',
    kind: 'off',
    description: 'Accepts ID tokens signed with any algorithm the header names (none, HS256 with the public key…).',
    check: 'ID token algorithm pinned to RS256 (OIDC core §3.1.3.7 step 7)',
    bypasses: 'oidc-alg-not-allowed',
    where: OIDC_LOGIN,
  },
  'oidc-skip-email-verified': {
    rule: 'oidc.email-verified',
    kind: 'off',
    description: 'Accepts an email the IdP marks email_verified=false.',
    check: 'email_verified is not false',
    bypasses: 'email-unverified',
    where: OIDC_LOGIN,
  },
  'native-skip-pkce': {
    rule: 'native.pkce',
    kind: 'off',
    description: 'Issues native-client tokens without checking the PKCE code_verifier.',
    check: 'PKCE S256 code_verifier matches the code_challenge (RFC 7636 §4.6)',
    bypasses: 'native-pkce-invalid',
    where: NATIVE,
  },
  'native-any-redirect-uri': {
    rule: 'native.redirect-uri',
    kind: 'off',
    description: 'Redirects native-client logins to any redirect_uri.',
    check: 'Desktop loopback / mobile private-use scheme redirect URIs only (RFC 8252 §7.1, §7.3)',
    bypasses: 'native-redirect-uri-invalid',
    where: NATIVE,
  },
  'native-skip-client-id': {
    rule: 'native.client-id',
    kind: 'off',
    description: "Takes any unknown client_id for the desktop app's, and redeems a code for whichever client asks.",
    check: 'client_id is a registered app, and the one the code was issued to (RFC 6749 §4.1.3)',
    where: NATIVE,
  },
  'native-token-skip-redirect-uri': {
    rule: 'native.redirect-uri',
    kind: 'off',
    description: 'Issues tokens whatever redirect_uri the token request carries.',
    check: "The token request's redirect_uri is identical to the authorization request's (RFC 6749 §4.1.3)",
    bypasses: 'native-redirect-uri-invalid',
    where: NATIVE,
  },
  'native-request-not-bound-to-browser': {
    rule: 'native.request-binding',
    kind: 'off',
    description:
      "Completes an app's authorization request in whichever browser opens its link (a logged-in victim's code goes to the attacker's app).",
    check: 'The pending authorization request belongs to the browser that started it',
    where: NATIVE,
  },
  'native-allow-code-replay': {
    rule: 'native.code-once',
    kind: 'off',
    description: 'Accepts a native-client authorization code more than once.',
    check: 'Authorization codes are single-use (RFC 6749 §4.1.2)',
    bypasses: 'native-code-invalid',
    where: NATIVE,
  },
  'relaystate-allow-offsite': {
    rule: 'web.return-path',
    kind: 'off',
    description: 'Redirects after login to an off-site RelayState / return URL (open redirect).',
    check: 'RelayState and return URLs stay on the portal',
    where: 'portal/web (login routes)',
  },
  // --- partial bugs: the check runs, partly wrong ---------------------------------------------------
  'sso-enabled-checked-at-start-only': {
    rule: 'web.sso-enabled',
    kind: 'partial',
    description:
      'Checks that SSO is on when a login starts, not when its answer arrives: a login started before support turned SSO off still logs in.',
    check: 'SSO on, checked at the start of the login only',
    bypasses: 'sso-not-configured',
    where: 'portal/web/ssoRoutes.ts',
  },
  'saml-audience-prefix': {
    rule: 'saml.audience',
    kind: 'partial',
    description: 'Accepts an Audience that starts with the SP entity ID (…/acme/old-app, a trailing slash, extra characters).',
    check: 'Audience compared with startsWith instead of exactly',
    bypasses: 'saml-audience-mismatch',
    where: SAML_LOGIN,
  },
  'saml-issuer-case-insensitive': {
    rule: 'saml.issuer',
    kind: 'partial',
    description: 'Compares the Issuers ignoring letter case and surrounding spaces.',
    check: 'Issuer compared case-insensitively after trimming',
    bypasses: 'saml-issuer-mismatch',
    where: SAML_LOGIN,
  },
  'saml-response-issuer-unchecked': {
    rule: 'saml.issuer',
    kind: 'partial',
    description: 'Checks the Assertion Issuer only; any Response Issuer passes.',
    check: 'Only one of the two Issuers compared',
    bypasses: 'saml-issuer-mismatch',
    where: SAML_LOGIN,
  },
  'saml-destination-prefix': {
    rule: 'saml.destination',
    kind: 'partial',
    description: 'Accepts a Destination that starts with the ACS URL.',
    check: 'Destination compared with startsWith',
    bypasses: 'saml-destination-mismatch',
    where: SAML_LOGIN,
  },
  'saml-destination-when-nonempty': {
    rule: 'saml.destination',
    kind: 'partial',
    description: 'Compares the Destination only when it is non-empty (an empty one passes).',
    check: 'Destination checked only when it has a value',
    bypasses: 'saml-destination-mismatch',
    where: SAML_LOGIN,
  },
  'saml-recipient-case-insensitive': {
    rule: 'saml.recipient',
    kind: 'partial',
    description: 'Compares the Recipient with the ACS URL ignoring letter case (the path too).',
    check: 'Recipient compared case-insensitively',
    bypasses: 'saml-recipient-mismatch',
    where: SAML_LOGIN,
  },
  'saml-unrequired-signature-unverified': {
    rule: 'saml.signature-trust',
    kind: 'partial',
    description: 'Verifies only the signatures the settings require; another signature present (broken, or by another key) is ignored.',
    check: 'Only the required signature verified',
    bypasses: 'saml-cert-untrusted',
    where: SAML_LOGIN,
  },
  'saml-algorithms-first-signature': {
    rule: 'saml.algorithms',
    kind: 'partial',
    description: 'Checks the signature and digest algorithms of the first signature in the document only.',
    check: 'Algorithm policy applied to one of two signatures',
    bypasses: 'saml-weak-algorithm',
    where: SAML_LOGIN,
  },
  'saml-skew-doubled': {
    rule: 'saml.time-window',
    kind: 'partial',
    description: 'Applies the allowed clock skew twice (a 120 s setting allows 240 s).',
    check: 'Time window too wide',
    bypasses: 'saml-expired',
    where: SAML_LOGIN,
  },
  'saml-subject-expiry-unchecked': {
    rule: 'saml.time-window',
    kind: 'partial',
    description: 'Checks the Conditions window but not the SubjectConfirmationData NotOnOrAfter.',
    check: 'One of two expiry times checked',
    bypasses: 'saml-expired',
    where: SAML_LOGIN,
  },
  'saml-inresponseto-when-present': {
    rule: 'saml.in-response-to',
    kind: 'partial',
    description: 'Checks InResponseTo only when it has a value: an SP-initiated login answered without one (or with an empty one) passes.',
    check: 'InResponseTo checked only when present',
    bypasses: 'saml-inresponseto-missing',
    where: SAML_LOGIN,
  },
  'oidc-audience-includes': {
    rule: 'oidc.audience',
    kind: 'partial',
    description: 'Accepts an ID token whose aud includes the client id, whatever other audiences it names (with or without azp).',
    check: 'Untrusted extra audiences not refused (OIDC core §3.1.3.7 step 3)',
    bypasses: 'oidc-audience-mismatch',
    where: OIDC_LOGIN,
  },
  'oidc-azp-only-with-several-audiences': {
    rule: 'oidc.audience',
    kind: 'partial',
    description: 'Compares azp with the client id only when aud has several values.',
    check: 'azp checked only when aud is an array of several',
    bypasses: 'oidc-audience-mismatch',
    where: OIDC_LOGIN,
  },
  'oidc-issuer-trailing-slash-ignored': {
    rule: 'oidc.issuer',
    kind: 'partial',
    description: 'Compares iss with the configured issuer after removing trailing slashes.',
    check: 'iss normalised before the exact compare',
    bypasses: 'oidc-issuer-mismatch',
    where: OIDC_LOGIN,
  },
  'oidc-nonce-when-present': {
    rule: 'oidc.nonce',
    kind: 'partial',
    description: 'Compares the nonce only when the ID token carries a non-empty one.',
    check: 'nonce checked only when present',
    bypasses: 'oidc-nonce-mismatch',
    where: OIDC_LOGIN,
  },
  'oidc-state-case-insensitive': {
    rule: 'oidc.state',
    kind: 'partial',
    description: 'Compares the callback state with the pending one ignoring letter case.',
    check: 'state compared case-insensitively',
    bypasses: 'oidc-state-mismatch',
    where: OIDC_LOGIN,
  },
  'oidc-hd-suffix': {
    rule: 'oidc.hosted-domain',
    kind: 'partial',
    description: 'Accepts a Google hd that ends with the required domain (evilcorp.example, sub.corp.example).',
    check: 'hd compared with endsWith',
    bypasses: 'hosted-domain-mismatch',
    where: OIDC_LOGIN,
  },
  'oidc-email-verified-boolean-only': {
    rule: 'oidc.email-verified',
    kind: 'partial',
    description: 'Refuses email_verified only when it is the boolean false (the string "false" passes).',
    check: 'email_verified compared with === false',
    bypasses: 'email-unverified',
    where: OIDC_LOGIN,
  },
  'oidc-skew-doubled': {
    rule: 'oidc.time-window',
    kind: 'partial',
    description: 'Applies the allowed clock skew twice to exp, iat and nbf.',
    check: 'Time window too wide',
    bypasses: 'oidc-expired',
    where: OIDC_LOGIN,
  },
  'native-redirect-uri-prefix': {
    rule: 'native.redirect-uri',
    kind: 'partial',
    description: "Accepts a desktop redirect URI that starts with http://127.0.0.1 and a mobile one that starts with the app's scheme.",
    check: 'Redirect URI rule checked with startsWith',
    bypasses: 'native-redirect-uri-invalid',
    where: NATIVE,
  },
  'native-token-redirect-uri-when-present': {
    rule: 'native.redirect-uri',
    kind: 'partial',
    description: "Compares the token request's redirect_uri only when it is sent.",
    check: 'redirect_uri checked only when present (RFC 6749 §4.1.3 requires it)',
    bypasses: 'native-redirect-uri-invalid',
    where: NATIVE,
  },
  'native-client-id-case-insensitive': {
    rule: 'native.client-id',
    kind: 'partial',
    description: 'Looks native clients up by client_id ignoring letter case and surrounding spaces.',
    check: 'client_id compared case-insensitively after trimming',
    where: NATIVE,
  },
  'return-path-normalised-after-check': {
    rule: 'web.return-path',
    kind: 'partial',
    description:
      'Checks the raw return path for // and \\, then normalises it and redirects to the result unchecked (/..//evil.example becomes //evil.example).',
    check: 'Return path checked before it is normalised',
    where: 'portal/web (login routes)',
  },
  'session-fixation': {
    rule: 'session.renewal',
    kind: 'off',
    description:
      'Keeps the session identifier the browser presents at login (an unknown one is adopted, not cleared) instead of issuing a new one.',
    check: 'A new session identifier at every login (OWASP ASVS 3.2.1)',
    where: SESSIONS,
  },
  'session-fixation-sso-only': {
    rule: 'session.renewal',
    kind: 'partial',
    description: 'Issues a new session identifier at password and support logins; an SSO login keeps the one the browser presents.',
    check: 'Identifier renewed on one of the login paths only',
    where: SESSIONS,
  },
  'logout-client-only': {
    rule: 'session.logout',
    kind: 'off',
    description: 'Log out clears the cookie in the browser; the session lives on at the server.',
    check: 'Logout invalidates the server session (OWASP ASVS 3.3.1)',
    where: SESSIONS,
  },
  'logout-keeps-sso-sessions': {
    rule: 'session.logout',
    kind: 'partial',
    description: 'Log out ends password sessions at the server; a session an SSO login opened only loses its cookie.',
    check: 'Server session ended for one of the login methods only',
    where: SESSIONS,
  },
  'session-cookie-not-httponly': {
    rule: 'session.cookie-flags',
    kind: 'off',
    description: 'Sets the session cookies without HttpOnly and without SameSite.',
    check: 'HttpOnly and SameSite on session cookies (OWASP ASVS 3.4.2, 3.4.3)',
    where: SESSIONS,
  },
  'session-cookie-flags-password-only': {
    rule: 'session.cookie-flags',
    kind: 'partial',
    description: 'Sets HttpOnly and SameSite on the session cookie of a password login; the one an SSO login sets has neither.',
    check: 'Cookie attributes right on one of the login paths only',
    where: SESSIONS,
  },
  'session-kind-unchecked-seat': {
    rule: 'session.kinds',
    kind: 'partial',
    description:
      "Looks the seat session cookie up without the session's kind: a support session's token in it opens the seat whose id is the staff member's (the support cookie is looked up by kind).",
    check: 'Session kind checked for one of the two cookies',
    where: SESSIONS,
  },
  'csrf-skip': {
    rule: 'web.anti-forgery',
    kind: 'off',
    description: 'Takes every form post without checking its anti-forgery token.',
    check: 'Anti-forgery token of this session on every state-changing post (OWASP ASVS 4.2.2)',
    where: GUARDS,
  },
  'csrf-when-present': {
    rule: 'web.anti-forgery',
    kind: 'partial',
    description: 'Checks the anti-forgery token only when the form carries the field: a post without it passes.',
    check: 'Token checked only when present',
    where: GUARDS,
  },
  'csrf-token-format-only': {
    rule: 'web.anti-forgery',
    kind: 'partial',
    description: "Takes any token of the right shape (43 base64url characters): another session's token passes.",
    check: 'Token checked for its form, not bound to the session',
    where: GUARDS,
  },
  'csrf-skip-settings-save': {
    rule: 'web.anti-forgery',
    kind: 'partial',
    description:
      "Checks the anti-forgery token on every post but the IdP and SSO settings save (a route added without the guard): a page elsewhere saves settings in the admin's name.",
    check: 'Token checked on all actions but one',
    where: 'portal/web/accountRoutes.ts',
  },
  'csrf-skip-support-console': {
    rule: 'web.anti-forgery',
    kind: 'partial',
    description:
      "Checks the anti-forgery token on the customers' pages, not on the support console's account actions (access, Turn SSO off): a page elsewhere turns an account's SSO off in support's name.",
    check: 'Token checked for seat sessions, not for support sessions',
    where: SUPPORT,
  },
  'admin-role-unchecked': {
    rule: 'web.admin-role',
    kind: 'off',
    description: 'Lets any logged-in seat of the account use the admin pages and actions.',
    check: 'Admin role on every account settings page and action (OWASP ASVS 4.1.3)',
    where: GUARDS,
  },
  'sso-switch-role-unchecked': {
    rule: 'web.admin-role',
    kind: 'partial',
    description:
      'Checks the admin role on the settings pages, not on the Enable and disable actions: a user seat posting them turns SSO on or off.',
    check: 'Role checked on pages, not on two of the actions',
    where: 'portal/web/accountRoutes.ts',
  },
  'support-grant-any-account': {
    rule: 'support.grant-scope',
    kind: 'off',
    description: 'Takes a support grant of any account as access to every account.',
    check: 'Support access is per account, per ticket (OWASP ASVS 4.2.1: no cross-tenant access by id)',
    where: SUPPORT,
  },
  'support-action-grant-any-account': {
    rule: 'support.grant-scope',
    kind: 'partial',
    description: 'Shows an account to support only with its own grant, but its Turn SSO off action takes a grant of any account.',
    check: 'Grant checked on the page, not matched to the account on the action',
    where: SUPPORT,
  },
  'acs-config-by-issuer': {
    rule: 'tenant.isolation',
    kind: 'off',
    description:
      "Judges a SAML response at one account's ACS by the settings of whichever account's IdP its Issuer names (another customer's IdP can log into this account).",
    check: "The receiving account's own IdP entity ID and certificates (SAML profiles §4.1.4.2)",
    bypasses: 'saml-issuer-mismatch',
    where: 'portal/web/ssoRoutes.ts',
  },
  'seat-lookup-any-account': {
    rule: 'tenant.isolation',
    kind: 'partial',
    description: 'Looks the asserted email up in the receiving account, and in every other account when it has no such seat.',
    check: 'Seat lookup falls back to all accounts',
    bypasses: 'no-seat-for-email',
    where: 'portal/web/ssoFlows.ts',
  },
  'seat-lookup-global-first': {
    rule: 'tenant.isolation',
    kind: 'partial',
    description:
      "Looks the asserted email up across all accounts and takes the first seat found, oldest account first (emails taken as unique across customers): where two accounts have a seat of that email, the older account's seat is logged in whichever IdP asserted it.",
    check: 'Seat looked up by email alone, not within the receiving account',
    where: 'portal/web/ssoFlows.ts',
  },
  'api-account-unchecked': {
    rule: 'tenant.isolation',
    kind: 'partial',
    description:
      "The JSON exports (audit log, seat email audit) check that the reader is an admin, not an admin of the account in the URL: an admin of any account reads another's by changing the id.",
    check: 'Role checked, account of the role not matched to the URL',
    where: 'portal/web/apiRoutes.ts',
  },
  'client-secret-shown': {
    rule: 'web.secrets-hidden',
    kind: 'off',
    description:
      'Shows the saved OIDC client secret in the admin\'s form (pre-filled, "so the admin can check it") and in the support console.',
    check: 'Secrets write-only (OWASP ASVS 4.0.3 §8.3.1, §2.10.4)',
    where: 'portal/web/accountRoutes.ts, portal/support/routes.ts',
  },
  'client-secret-shown-to-support': {
    rule: 'web.secrets-hidden',
    kind: 'partial',
    description: "Keeps the secret out of the admin's form but shows it in the support console's configuration table.",
    check: 'Secret hidden on one of the two pages',
    where: 'portal/support/routes.ts',
  },
  'test-pass-any-version': {
    rule: 'sso.enable-warnings',
    kind: 'partial',
    description:
      'Counts a passed Test SSO of any saved version: after the admin changes and saves the settings, Enable no longer warns that they were never tested.',
    check: 'Pass looked up for the account, not for the version saved now',
    where: 'portal/web/accountRoutes.ts',
  },
  'test-result-for-current-version': {
    rule: 'sso.enable-warnings',
    kind: 'partial',
    description:
      'Records a Test SSO result against the version saved when the IdP answers, not the one the test started with: a change saved while the test was at the IdP inherits its pass.',
    check: 'Test result credited to the version current at the answer',
    where: 'portal/web/ssoFlows.ts',
  },
  'disabled-seat-app-tokens-live': {
    rule: 'session.seat-disabled',
    kind: 'partial',
    description:
      "Disabling a seat ends its web sessions; its apps' access tokens are not revoked and userinfo takes them until they expire.",
    check: 'Access ended for the web, not for the apps',
    where: 'portal/web/seatAccess.ts',
  },
  'disabled-seat-checked-at-login-only': {
    rule: 'session.seat-disabled',
    kind: 'partial',
    description:
      "Checks the disabled flag at login only: a seat disabled while logged in keeps its web session and its apps' tokens until they expire.",
    check: 'Disabled flag checked at login, not on each request',
    where: 'portal/web/seatAccess.ts',
  },
  'seat-email-unique-case-sensitive': {
    rule: 'seats.email-unique',
    kind: 'partial',
    description:
      'Compares seat emails with their letter case when a seat is added or edited: Tim@corp and tim@corp become two seats, and SSO cannot tell who logs in.',
    check: 'Uniqueness compared with case',
    where: 'portal/web/seatRoutes.ts',
  },
  'seat-email-unique-on-add-only': {
    rule: 'seats.email-unique',
    kind: 'partial',
    description: "Checks that an added seat's email is unique, not an edited one's: editing a seat's email to another seat's passes.",
    check: 'Uniqueness checked on add, not on edit',
    where: 'portal/web/seatRoutes.ts',
  },
  'seat-import-duplicates-case-sensitive': {
    rule: 'seats.email-unique',
    kind: 'partial',
    description:
      "Compares the emails of a seat list's lines with their letter case: a list naming one person twice in other case adds two seats.",
    check: 'Duplicates within an import compared with case',
    where: 'portal/web/seatCsv.ts',
  },
  'audit-actor-is-subject': {
    rule: 'audit.actor',
    kind: 'partial',
    description: 'Audits a seat added or edited as done by that seat, not by the admin who did it.',
    check: 'Actor of seat changes is the seat acted on',
    where: 'portal/web/seatRoutes.ts',
  },
  'metadata-trusts-encryption-keys': {
    rule: 'metadata.signing-keys',
    kind: 'partial',
    description:
      "Takes every certificate of the IdP metadata as a signing certificate, the ones listed for encryption too: a response signed with the IdP's encryption key verifies.",
    check: 'KeyDescriptor use ignored',
    where: 'portal/sso/idpMetadata.ts',
  },
  'metadata-redirect-any-host': {
    rule: 'metadata.redirects',
    kind: 'partial',
    description:
      'Follows a redirect of the SAML metadata URL to another host (OIDC discovery and JWKS fetches still stay on their host): whoever answers the redirect chooses the IdP certificate the account trusts.',
    check: 'Same-host redirects enforced for discovery and JWKS, not for SAML metadata',
    where: 'portal/sso/samlSettings.ts',
  },
  'jwks-redirect-any-host': {
    rule: 'metadata.redirects',
    kind: 'partial',
    description:
      "Follows a redirect of the IdP's JWKS URL to another host (SAML metadata and OIDC discovery fetches still stay on their host): whoever answers the redirect chooses the keys ID tokens are verified with.",
    check: 'Same-host redirects enforced for metadata and discovery, not for the JWKS',
    where: 'portal/sso/jwks.ts',
  },
  'harness-token-prefix': {
    rule: 'harness.token',
    kind: 'partial',
    description: 'Takes any Bearer token the harness token starts with (a truncated token, its first character).',
    check: 'Token compared as a prefix, not in full',
    where: 'portal/harness/harnessAuth.ts',
  },
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
