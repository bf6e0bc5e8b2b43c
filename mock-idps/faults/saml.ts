// The SAML half of the fault catalog: every SAML entry of reference/faults.md, as data plus the
// effect the engine applies through its typed seams (saml/effects.ts). Proven one by one with
// @node-saml/node-saml in saml.proofs.test.ts — never with samlify.
import type { ResponseSpec } from '../saml/spec.ts';
import { STATUS, shiftSpecTimes } from '../saml/spec.ts';
import { samlInstant } from '../saml/ids.ts';
import {
  appendUnsignedAssertion,
  commentInIdentity,
  deepNesting,
  entityExpansionDoctype,
  oversizeAttribute,
  signatureWrapping,
  stripSignatures,
  tamperIdentity,
  xsltTransform,
  xxeDoctype,
  type XswVariant,
} from '../saml/mutators.ts';
import type { EffectContext } from '../saml/effects.ts';
import { SAML_PERSONAS, vendorFacts } from '../personas/index.ts';
import { samlNearMissFaults } from './nearMiss.ts';
import { samlRedirectSafetyFaults } from './redirectSafety.ts';
import { samlSignatureCombinationFaults } from './signatureCombinations.ts';
import { samlTimeBoundaryFaults } from './timeBoundaries.ts';
import { samlFaultList, type SamlFault } from './samlTypes.ts';
import { ALL_SAML, samlConsoleFix, samlPersonasStating, samlVendorFixes } from './consoleFixes.ts';

const ALL = ALL_SAML;
const CORE = 'SAML 2.0 Core (saml-core-2.0-os)';
const PROFILES = 'SAML 2.0 Profiles (saml-profiles-2.0-os) §4.1.4.3 Web SSO Response processing rules';

// --- fixes, once per console (the commonest are the personas' consoleFixes, which the reference portal's presets also show) ---
const ACS_FIX = samlConsoleFix(
  'acsUrl',
  'At the IdP, set the ACS / Reply URL to the ACS URL shown in the IdP and SSO section, exactly (scheme, host, path).',
);
const AUDIENCE_FIX = samlConsoleFix(
  'spEntityId',
  'At the IdP, set the SP entity ID (Audience) to the SP entity ID shown in the IdP and SSO section, exactly — case and trailing slash included.',
);
const ISSUER_FIX = samlConsoleFix(
  'issuer',
  'Copy the IdP entity ID (Issuer) from the IdP metadata into the IdP and SSO section, byte for byte.',
);
const CERT_FIX = samlConsoleFix(
  'certificate',
  "Download the IdP's active signing certificate and upload it in the IdP and SSO section (or configure the metadata URL so it follows rotations).",
);
const SIGNING_SCOPE_FIX = samlConsoleFix(
  'signingScope',
  'Make the parts the IdP signs and the parts the SP requires agree: sign what the SP requires, or change "Signed parts" in the IdP and SSO section.',
);
const SHA1_FIX = {
  default: 'At the IdP, set the signing algorithm to RSA-SHA256 and the digest to SHA-256.',
  ...samlVendorFixes('sha256'),
} as const;
const CLOCK_FIX = {
  default:
    'Fix the IdP or SP clock (NTP, UTC), or raise the allowed clock skew in the IdP and SSO section if a few minutes of drift are expected.',
} as const;
const ATTACK_FIX = {
  default:
    'Nothing to change at the IdP: this response was forged or altered in transit. The SP must refuse it; capture it and run `sso-harness explain <SAMLResponse>`.',
} as const;
const EMAIL_FIX = samlConsoleFix(
  'emailNameId',
  'Send the user\'s email: in the NameID (emailAddress format) or an email attribute, and set "Email comes from" in the IdP and SSO section accordingly.',
);

// --- effect helpers ---------------------------------------------------------------------------------
const isEmailLike = (value: string): boolean => value.includes('@');
/** The ACS URL of an old app on the same host: `/old-app` before the ACS path (neither equal to the ACS nor starting with it). */
function oldAppAcs(acs: string): string {
  const url = new URL(acs);
  url.pathname = `/old-app${url.pathname}`;
  return url.href;
}
function dropEmailAttributes(spec: ResponseSpec): void {
  spec.attributes = spec.attributes.filter((a) => !a.values.some(isEmailLike));
}
function setTimes(spec: ResponseSpec, ctx: EffectContext, issuedOffsetSeconds: number): void {
  const issued = new Date(ctx.now.getTime() + issuedOffsetSeconds * 1000);
  shiftSpecTimes(spec, (issued.getTime() - Date.parse(spec.issueInstant)) / 1000);
}
const at = (ctx: EffectContext, seconds: number): string => samlInstant(new Date(ctx.now.getTime() + seconds * 1000));

function xsw<V extends XswVariant>(variant: V, responseLevel: boolean): SamlFault<`saml.xsw${V}`> {
  return {
    id: `saml.xsw${variant}`,
    title: `Signature wrapping XSW${variant}`,
    protocol: 'saml',
    category: 'attack',
    personas: ALL,
    reference: 'Somorovsky et al., "On Breaking SAML: Be Whoever You Want to Be" (USENIX Security 2012); SAML Raider XSW catalog',
    expected: 'reject',
    // Every variant needs a second assertion (evil or displaced original): the first structural check refuses it.
    reason: 'saml-multiple-assertions',
    customerSees:
      'The portal refuses the login (more than one assertion: signature wrapping); nobody is logged in as the impersonated user.',
    fix: ATTACK_FIX,
    how: responseLevel
      ? `Signed Response moved inside an evil Response carrying the admin's identity (${variant === 1 ? 'after' : 'before'} the Signature).`
      : {
          3: 'Unsigned evil assertion for the admin inserted before the signed one.',
          4: 'Unsigned evil assertion for the admin wraps the signed one.',
          5: 'Signed assertion edited to the admin; an unsigned copy of the original appended at the end.',
          6: 'Signed assertion edited to the admin; the original copy hidden inside its Signature.',
          7: 'Unsigned evil assertion for the admin inside samlp:Extensions, before the signed one.',
          8: 'Signed assertion edited to the admin; the original copy hidden in a ds:Object of its Signature.',
        }[variant as 3 | 4 | 5 | 6 | 7 | 8],
    sp: responseLevel
      ? { requireSignedResponse: true, requireSignedAssertion: false }
      : { requireSignedResponse: false, requireSignedAssertion: true },
    effect: {
      adjust: (spec) => {
        spec.signing.scope = responseLevel ? 'response' : 'assertion';
      },
      afterSigning: (xml, ctx) => signatureWrapping(variant, () => ctx.victimEmail)(xml),
    },
  };
}

function statusFault<Id extends string>(id: Id, title: string, code: string, subCode: string | undefined, message: string): SamlFault<Id> {
  return {
    id,
    title,
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: `${CORE} §3.2.2.2 StatusCode`,
    expected: 'reject',
    reason: 'saml-status-not-success',
    customerSees: `The portal says the identity provider reported that the login failed (${subCode ?? code}).`,
    fix: {
      default:
        "Read the status the IdP sent (shown on the error page) and fix the cause at the IdP: usually the user's assignment to the app or the requested authentication context.",
    },
    how: `Response with StatusCode ${code.split(':').pop()}${subCode ? `/${subCode.split(':').pop()}` : ''} and no assertion.`,
    effect: {
      adjust: (spec) => {
        spec.status = { code, ...(subCode ? { subCode } : {}), message };
        spec.includeAssertion = false;
      },
    },
  };
}

const handWrittenSamlFaults = samlFaultList([
  // --- misconfigurations: addressing ---------------------------------------------------------------
  {
    id: 'saml.acs-mismatch',
    title: "Destination is not the SP's ACS URL",
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: `${CORE} §3.2.2 (Destination); ${PROFILES}`,
    expected: 'reject',
    reason: 'saml-destination-mismatch',
    singleCheck: 'destination',
    customerSees: 'After the IdP login, the portal says the SAML response was addressed to another URL.',
    fix: ACS_FIX,
    // Not the ACS with something appended: every correct SP refuses this one, a prefix compare too
    // (python3-saml compares Destination as a prefix); the near-miss family has the prefix variant.
    how: 'Response Destination is an ACS URL the SP does not own (the Reply URL of an old app: /old-app before the ACS path).',
    effect: {
      adjust: (spec, ctx) => {
        spec.destination = oldAppAcs(ctx.sp.acs);
      },
    },
  },
  {
    id: 'saml.destination-scheme-mismatch',
    title: 'Destination uses https while the SP computes http (TLS-terminating proxy)',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: `${CORE} §3.2.2; ${PROFILES}`,
    expected: 'reject',
    reason: 'saml-destination-mismatch',
    singleCheck: 'destination',
    customerSees: 'After the IdP login, the portal says the SAML response was addressed to another URL, although the URLs look the same.',
    fix: {
      default:
        'Behind a TLS-terminating proxy, make the SP compute its public https:// ACS URL (trusted X-Forwarded-Proto / configured base URL) and register that URL at the IdP.',
    },
    how: 'Response Destination is the ACS URL with the other scheme (http ↔ https).',
    effect: {
      adjust: (spec, ctx) => {
        spec.destination = ctx.sp.acs.startsWith('https:')
          ? ctx.sp.acs.replace(/^https:/, 'http:')
          : ctx.sp.acs.replace(/^http:/, 'https:');
      },
    },
  },
  {
    id: 'saml.recipient-mismatch',
    title: 'SubjectConfirmationData Recipient is not the ACS URL',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: `${PROFILES} (Recipient); ${CORE} §2.4.1.2`,
    expected: 'reject',
    reason: 'saml-recipient-mismatch',
    singleCheck: 'recipient',
    customerSees: "After the IdP login, the portal says the assertion's Recipient is not its ACS URL.",
    fix: { ...ACS_FIX, ...samlVendorFixes('recipientUrl') },
    how: 'SubjectConfirmationData Recipient is another ACS URL; Destination is correct.',
    effect: {
      adjust: (spec, ctx) => {
        spec.recipient = oldAppAcs(ctx.sp.acs);
      },
    },
  },
  {
    id: 'saml.audience-mismatch',
    title: 'Audience is another SP entity ID',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: `${CORE} §2.5.1.4 AudienceRestriction`,
    expected: 'reject',
    reason: 'saml-audience-mismatch',
    singleCheck: 'audience',
    customerSees: 'After the IdP login, the portal says the SAML assertion is meant for another service provider.',
    fix: AUDIENCE_FIX,
    how: 'Audience is the entity ID of another application.',
    effect: {
      adjust: (spec) => {
        spec.conditions?.audiences.splice(0, 1, 'https://other-app.example.com/saml/metadata');
      },
    },
  },
  {
    id: 'saml.audience-case-variant',
    title: 'Audience differs from the SP entity ID only in case',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: `${CORE} §2.5.1.4 (URI comparison is case-sensitive, RFC 3986 §6.2.1)`,
    expected: 'reject',
    reason: 'saml-audience-mismatch',
    singleCheck: 'audience',
    customerSees:
      'After the IdP login, the portal says the SAML assertion is meant for another service provider, although the IDs look the same.',
    fix: AUDIENCE_FIX,
    how: 'Audience is the SP entity ID in upper case.',
    effect: {
      adjust: (spec, ctx) => {
        spec.conditions?.audiences.splice(0, 1, ctx.sp.entityId.toUpperCase());
      },
    },
  },
  {
    id: 'saml.audience-trailing-slash',
    title: 'Audience differs from the SP entity ID by a trailing slash',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: `${CORE} §2.5.1.4`,
    expected: 'reject',
    reason: 'saml-audience-mismatch',
    singleCheck: 'audience',
    customerSees:
      'After the IdP login, the portal says the SAML assertion is meant for another service provider, although the IDs look the same.',
    fix: AUDIENCE_FIX,
    how: 'Audience is the SP entity ID with a trailing slash added (or removed).',
    effect: {
      adjust: (spec, ctx) => {
        spec.conditions?.audiences.splice(0, 1, ctx.sp.entityId.endsWith('/') ? ctx.sp.entityId.slice(0, -1) : `${ctx.sp.entityId}/`);
      },
    },
  },
  {
    id: 'saml.issuer-mismatch',
    title: "Issuer differs from the IdP entity ID configured at the SP (the vendor's classic variant)",
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: `${CORE} §2.2.5 Issuer; ${PROFILES}`,
    expected: 'reject',
    reason: 'saml-issuer-mismatch',
    singleCheck: 'issuer',
    customerSees: 'After the IdP login, the portal says the SAML response comes from an issuer it does not know.',
    fix: ISSUER_FIX,
    how: `Issuer is the vendor's usual look-alike: ${SAML_PERSONAS.map((p) => `${vendorFacts(p.vendor).shortName} ${p.commonIssuerMistake.what}`).join(', ')}.`,
    effect: {
      adjust: (spec, ctx) => {
        const wrong = ctx.persona.commonIssuerMistake.apply(spec.responseIssuer, ctx.ids);
        spec.responseIssuer = wrong;
        spec.assertionIssuer = wrong;
      },
    },
  },
  // --- misconfigurations: keys and algorithms -----------------------------------------------------
  {
    id: 'saml.cert-rotated',
    title: 'IdP rotated its signing certificate; the SP still trusts the old one',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: 'XML-DSig core §4.4 KeyInfo; SAML metadata-2.0 §2.4.1.1 KeyDescriptor',
    expected: 'reject',
    reason: 'saml-cert-untrusted',
    singleCheck: 'signature-trust',
    customerSees:
      "Everyone is locked out at once after the IdP's certificate rollover: the portal says the response is signed by a certificate it does not trust.",
    fix: CERT_FIX,
    how: "Signed with the tenant's next key (the one a rotation activates); the SP has the current certificate.",
    effect: { signingKey: 'rotated' },
  },
  {
    id: 'saml.cert-expired',
    title: 'Signing certificate past its NotAfter (same key)',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: 'SAML metadata-interop §2.5 (key validity is not enforced from certificate dates); RFC 5280 §4.1.2.5',
    expected: 'accept-with-warning',
    customerSees:
      'Login still works; the portal warns that the IdP signing certificate has expired and must be renewed before the IdP drops it.',
    fix: {
      ...CERT_FIX,
      default:
        'Renew the IdP signing certificate (create and activate a new one at the IdP) and upload it in the IdP and SSO section before the IdP stops using the old one.',
    },
    how: 'Signed with the current key; the certificate in KeyInfo (and metadata, after `expire`) expired yesterday.',
    effect: { signingKey: 'expired' },
  },
  {
    id: 'saml.wrong-cert-pasted',
    title: "The SP was given another certificate (another app's, or the encryption certificate)",
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: 'SAML metadata-2.0 §2.4.1.1 KeyDescriptor use="signing"',
    expected: 'reject',
    reason: 'saml-cert-untrusted',
    singleCheck: 'signature-trust',
    customerSees: 'From the first test, the portal says the response is signed by a certificate it does not trust.',
    fix: CERT_FIX,
    how: "Signed with another application's key, so the certificate configured at the SP is not the signer's.",
    effect: { signingKey: 'other-app' },
  },
  {
    id: 'saml.signing-scope-response-only',
    title: 'IdP signs only the Response; the SP requires a signed Assertion',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: `${PROFILES}; SAML 2.0 Bindings §3.5.5.2`,
    expected: 'reject',
    reason: 'saml-signature-missing',
    singleCheck: 'signature-scope',
    customerSees: 'The portal says the SAML response is not signed where the account requires a signature.',
    fix: SIGNING_SCOPE_FIX,
    how: 'Signing scope set to the Response only.',
    sp: { requireSignedResponse: false, requireSignedAssertion: true },
    effect: {
      adjust: (spec) => {
        spec.signing.scope = 'response';
      },
    },
  },
  {
    id: 'saml.signing-scope-assertion-only',
    title: 'IdP signs only the Assertion; the SP requires a signed Response',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: `${PROFILES}; SAML 2.0 Bindings §3.5.5.2`,
    expected: 'reject',
    reason: 'saml-signature-missing',
    singleCheck: 'signature-scope',
    customerSees: 'The portal says the SAML response is not signed where the account requires a signature.',
    fix: SIGNING_SCOPE_FIX,
    how: 'Signing scope set to the Assertion only.',
    sp: { requireSignedResponse: true, requireSignedAssertion: false },
    effect: {
      adjust: (spec) => {
        spec.signing.scope = 'assertion';
      },
    },
  },
  {
    id: 'saml.signing-scope-both',
    title: 'IdP signs both the Response and the Assertion',
    protocol: 'saml',
    category: 'quirk',
    personas: ALL,
    reference: `${PROFILES}`,
    expected: 'accept',
    customerSees: 'Nothing: login works.',
    fix: { default: 'Nothing to fix: signing both is the safest setting.' },
    how: "Signing scope set to both (Okta's default).",
    effect: {
      adjust: (spec) => {
        spec.signing.scope = 'both';
      },
    },
  },
  {
    id: 'saml.signing-scope-none',
    title: 'IdP signs nothing',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: `${PROFILES} (the assertion or response MUST be signed for the POST binding)`,
    expected: 'reject',
    reason: 'saml-signature-missing',
    customerSees: 'The portal says the SAML response is not signed where the account requires a signature.',
    fix: SIGNING_SCOPE_FIX,
    how: 'Signing scope set to none.',
    effect: {
      adjust: (spec) => {
        spec.signing.scope = 'none';
      },
    },
  },
  {
    id: 'saml.sha1-signature',
    title: 'RSA-SHA1 signature (legacy setting)',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: 'RFC 9231 §2.3.3 / NIST SP 800-131A (SHA-1 disallowed for signatures)',
    expected: 'reject',
    reason: 'saml-weak-algorithm',
    singleCheck: 'weak-algorithm',
    customerSees: 'The portal says the SAML response is signed with SHA-1, which is refused.',
    fix: SHA1_FIX,
    how: 'SignatureMethod rsa-sha1 with SHA-1 digests (the old Entra / Auth0 setting).',
    effect: {
      adjust: (spec) => {
        spec.signing.algorithm = 'rsa-sha1';
        spec.signing.digest = 'sha1';
      },
    },
  },
  {
    id: 'saml.sha1-digest',
    title: 'SHA-256 signature over SHA-1 digests',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: 'RFC 9231 §2.1.1; NIST SP 800-131A',
    expected: 'reject',
    reason: 'saml-weak-algorithm',
    singleCheck: 'weak-algorithm',
    customerSees: 'The portal says the SAML response is signed with SHA-1, which is refused.',
    fix: SHA1_FIX,
    how: 'SignatureMethod rsa-sha256 but DigestMethod sha1 (Okta\'s separate "Digest Algorithm" setting).',
    effect: {
      adjust: (spec) => {
        spec.signing.digest = 'sha1';
      },
    },
  },
  // --- misconfigurations: time --------------------------------------------------------------------
  {
    id: 'saml.clock-skew-future-beyond',
    title: 'IdP clock 15 minutes ahead (beyond the allowed skew)',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: `${CORE} §2.5.1.2 NotBefore; §1.3.3 (time values)`,
    expected: 'reject',
    reason: 'saml-not-yet-valid',
    singleCheck: 'time-window',
    customerSees: 'The portal says the SAML assertion is not valid yet.',
    fix: CLOCK_FIX,
    how: 'Issued 15 minutes in the future: IssueInstant, NotBefore and all other instants shifted by +15 min.',
    effect: {
      adjust: (spec, ctx) => {
        setTimes(spec, ctx, 900);
        if (spec.conditions) spec.conditions.notBefore = spec.issueInstant;
      },
    },
  },
  {
    id: 'saml.clock-skew-future-within',
    title: 'IdP clock 60 seconds ahead (within the allowed skew)',
    protocol: 'saml',
    category: 'quirk',
    personas: ALL,
    reference: `${CORE} §2.5.1.2; implementations allow a few minutes of skew`,
    expected: 'accept',
    customerSees: 'Nothing: login works.',
    fix: { default: 'Nothing to fix; keep both clocks on NTP.' },
    how: 'NotBefore = IssueInstant = now + 60 s.',
    effect: {
      adjust: (spec, ctx) => {
        setTimes(spec, ctx, 60);
        if (spec.conditions) spec.conditions.notBefore = spec.issueInstant;
      },
    },
  },
  {
    id: 'saml.clock-skew-past-beyond',
    title: 'Assertion expired 10 minutes ago (IdP clock behind)',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: `${CORE} §2.5.1.2 NotOnOrAfter; ${PROFILES}`,
    expected: 'reject',
    reason: 'saml-expired',
    singleCheck: 'time-window',
    customerSees: 'The portal says the SAML assertion has expired.',
    fix: CLOCK_FIX,
    how: 'Conditions and SubjectConfirmationData NotOnOrAfter = now − 10 min.',
    effect: {
      adjust: (spec, ctx) => {
        setTimes(spec, ctx, -1200);
        if (spec.conditions) spec.conditions.notOnOrAfter = at(ctx, -600);
        spec.subjectConfirmationNotOnOrAfter = at(ctx, -600);
      },
    },
  },
  {
    id: 'saml.clock-skew-past-within',
    title: 'Assertion expired 60 seconds ago (within the allowed skew)',
    protocol: 'saml',
    category: 'quirk',
    personas: ALL,
    reference: `${CORE} §2.5.1.2; implementations allow a few minutes of skew`,
    expected: 'accept',
    customerSees: 'Nothing: login works.',
    fix: { default: 'Nothing to fix; keep both clocks on NTP.' },
    how: 'Conditions and SubjectConfirmationData NotOnOrAfter = now − 60 s.',
    effect: {
      adjust: (spec, ctx) => {
        setTimes(spec, ctx, -240);
        if (spec.conditions) spec.conditions.notOnOrAfter = at(ctx, -60);
        spec.subjectConfirmationNotOnOrAfter = at(ctx, -60);
      },
    },
  },
  {
    id: 'saml.expired-assertion',
    title: 'Assertion issued two hours ago (captured and posted late)',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: `${CORE} §2.5.1.2; ${PROFILES}`,
    expected: 'reject',
    reason: 'saml-expired',
    singleCheck: 'time-window',
    customerSees: 'The portal says the SAML assertion has expired.',
    fix: {
      default: 'Log in again from the portal. If it persists, a proxy or the browser is re-posting an old response; check the IdP clock.',
    },
    how: 'Every instant shifted by −2 h (all validity windows have closed).',
    effect: { adjust: (spec) => shiftSpecTimes(spec, -7200) },
  },
  {
    id: 'saml.not-yet-valid',
    title: 'Assertion issued two hours in the future',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: `${CORE} §2.5.1.2`,
    expected: 'reject',
    reason: 'saml-not-yet-valid',
    singleCheck: 'time-window',
    customerSees: 'The portal says the SAML assertion is not valid yet.',
    fix: CLOCK_FIX,
    how: 'Every instant shifted by +2 h.',
    effect: { adjust: (spec) => shiftSpecTimes(spec, 7200) },
  },
  {
    id: 'saml.missing-conditions',
    title: 'Assertion without Conditions',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: `${PROFILES} (the assertion MUST contain an AudienceRestriction)`,
    expected: 'reject',
    reason: 'saml-conditions-missing',
    customerSees: 'The portal says the SAML assertion has no validity conditions.',
    fix: {
      default:
        'At the IdP, keep the Conditions element (NotBefore / NotOnOrAfter / AudienceRestriction); custom IdP templates sometimes drop it.',
    },
    how: 'The Conditions element is omitted.',
    effect: {
      adjust: (spec) => {
        spec.conditions = undefined;
      },
    },
  },
  // --- misconfigurations: request binding ---------------------------------------------------------
  {
    id: 'saml.inresponseto-unknown',
    title: 'InResponseTo names a request the SP never made',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: `${PROFILES} (InResponseTo MUST match a request)`,
    expected: 'reject',
    reason: 'saml-inresponseto-unknown',
    singleCheck: 'in-response-to',
    customerSees: 'The portal says the SAML response answers a login request it did not make.',
    fix: {
      default:
        "Start the login from the portal again; if it persists, a proxy or cache is dropping the portal's session cookie (SameSite) between the redirect and the ACS POST.",
    },
    how: 'InResponseTo (Response and SubjectConfirmationData) is a fresh random ID.',
    effect: {
      adjust: (spec, ctx) => {
        spec.inResponseTo = `_unknown${Date.now().toString(16)}`;
        if (ctx.persona.wire.sessionIndex === 'in-response-to') spec.sessionIndex = spec.inResponseTo;
      },
    },
  },
  {
    id: 'saml.inresponseto-missing',
    title: 'InResponseTo missing on an SP-initiated login',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: `${PROFILES}`,
    expected: 'reject',
    reason: 'saml-inresponseto-missing',
    singleCheck: 'in-response-to',
    customerSees: 'The portal says the SAML response does not say which login request it answers.',
    fix: {
      default:
        'At the IdP, answer the AuthnRequest (do not start a fresh IdP-initiated login); with Okta, do not use the app\'s "embed link" as the portal\'s SSO URL.',
    },
    how: 'InResponseTo omitted although the login started at the SP.',
    effect: {
      adjust: (spec) => {
        spec.inResponseTo = undefined;
      },
    },
  },
  {
    id: 'saml.idp-initiated-unsolicited',
    title: 'Unsolicited (IdP-initiated) response while the SP does not allow IdP-initiated login',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: `${PROFILES} §4.1.5 Unsolicited Responses`,
    expected: 'reject',
    reason: 'saml-unsolicited-not-allowed',
    singleCheck: 'unsolicited',
    customerSees: 'Clicking the app tile at the IdP ends on the portal\'s "IdP-initiated login is not allowed" page.',
    fix: { default: 'Start the login from the portal, or turn on "Allow IdP-initiated login" in the IdP and SSO section.' },
    how: "The user starts at the IdP's app tile: no AuthnRequest, no InResponseTo.",
    flow: 'idp-initiated',
    sp: { allowIdpInitiated: false },
    effect: {},
  },
  {
    id: 'saml.replay',
    title: 'The same response delivered twice',
    protocol: 'saml',
    category: 'attack',
    personas: ALL,
    reference: `${PROFILES} (one-time use of bearer assertions); ${CORE} §2.4.1.2`,
    expected: 'reject',
    reason: 'saml-replay',
    singleCheck: 'replay',
    customerSees: 'The second delivery is refused: the portal says the assertion was already used.',
    fix: ATTACK_FIX,
    how: 'An unsolicited response is posted, then the identical bytes are posted again.',
    flow: 'idp-initiated-replay',
    sp: { allowIdpInitiated: true },
    effect: { replayPrevious: true },
  },
  // --- identity and email -------------------------------------------------------------------------
  {
    id: 'saml.nameid-unspecified-email',
    title: 'NameID format unspecified carrying the email',
    protocol: 'saml',
    category: 'quirk',
    personas: ALL,
    reference: `${CORE} §8.3.1`,
    expected: 'accept',
    customerSees: 'Nothing: login works.',
    fix: { default: 'Nothing to fix.' },
    how: "NameID Format unspecified, value = the user's email.",
    effect: {
      adjust: (spec, ctx) => {
        spec.nameId = { format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified', value: ctx.user.email };
      },
    },
  },
  {
    id: 'saml.nameid-email-format',
    title: 'NameID format emailAddress',
    protocol: 'saml',
    category: 'quirk',
    personas: ALL,
    reference: `${CORE} §8.3.2`,
    expected: 'accept',
    customerSees: 'Nothing: login works.',
    fix: { default: 'Nothing to fix.' },
    how: "NameID Format emailAddress, value = the user's email.",
    effect: {
      adjust: (spec, ctx) => {
        spec.nameId = { format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress', value: ctx.user.email };
      },
    },
  },
  {
    id: 'saml.nameid-persistent',
    title: 'Persistent opaque NameID, email in an attribute',
    protocol: 'saml',
    category: 'quirk',
    personas: ['entra-saml', 'okta-saml', 'auth0-saml'],
    reference: `${CORE} §8.3.7`,
    expected: 'accept',
    customerSees: 'Nothing: login works (the email comes from the attribute).',
    fix: { default: 'Nothing to fix, as long as the email attribute is sent.' },
    how: "NameID Format persistent with an opaque value; the vendor's email attribute is kept.",
    effect: {
      adjust: (spec, ctx) => {
        spec.nameId = {
          format: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
          value: ctx.user.vendorIds[ctx.persona.vendor].replace(/[^A-Za-z0-9]/g, ''),
        };
      },
    },
  },
  {
    id: 'saml.nameid-transient-no-email',
    title: 'Transient NameID and no email attribute',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: `${CORE} §8.3.8`,
    expected: 'reject',
    reason: 'email-missing',
    customerSees: 'The portal says the identity provider did not send an email address.',
    fix: EMAIL_FIX,
    how: 'NameID Format transient (random per login) and every email-bearing attribute removed.',
    effect: {
      adjust: (spec) => {
        spec.nameId = { format: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient', value: `_t${Date.now().toString(36)}` };
        dropEmailAttributes(spec);
      },
    },
  },
  {
    id: 'saml.email-missing',
    title: 'No email anywhere: NameID is an opaque id, no email attribute',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: 'OE SSO setup guide (email identifies the seat)',
    expected: 'reject',
    reason: 'email-missing',
    customerSees: 'The portal says the identity provider did not send an email address.',
    fix: EMAIL_FIX,
    how: 'NameID = the vendor user id (Auth0 `auth0|…` style); email attributes removed.',
    effect: {
      adjust: (spec, ctx) => {
        spec.nameId = { format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified', value: ctx.user.vendorIds[ctx.persona.vendor] };
        dropEmailAttributes(spec);
      },
    },
  },
  {
    id: 'saml.email-case',
    title: 'Email in a different case than the seat',
    protocol: 'saml',
    category: 'quirk',
    personas: ALL,
    reference: 'RFC 5321 §2.4 (domain case-insensitive; local part treated case-insensitively by the OE seat match)',
    expected: 'accept',
    customerSees: 'Nothing: login works (seat emails match case-insensitively).',
    fix: { default: "Nothing to fix; optionally align the seat email's case with the IdP." },
    how: 'NameID and email attributes carry the email in upper case.',
    effect: {
      adjust: (spec, ctx) => {
        const upper = ctx.user.email.toUpperCase();
        if (spec.nameId.value.includes('@')) spec.nameId.value = upper;
        for (const a of spec.attributes) a.values = a.values.map((v) => (v.toLowerCase() === ctx.user.email.toLowerCase() ? upper : v));
      },
    },
  },
  {
    id: 'saml.upn-not-email',
    title: 'NameID is a UPN in the onmicrosoft.com domain, not the mailbox address',
    protocol: 'saml',
    category: 'misconfig',
    personas: ['entra-saml'],
    reference: 'Entra "Attributes & Claims": Unique User Identifier defaults to user.userprincipalname',
    expected: 'reject',
    reason: 'no-seat-for-email',
    customerSees: 'The portal says no seat has the email address the IdP sent (an …onmicrosoft.com address).',
    fix: EMAIL_FIX,
    how: 'NameID = {user}@{tenant}.onmicrosoft.com; email attributes removed.',
    effect: {
      adjust: (spec, ctx) => {
        spec.nameId.value = `${ctx.user.email.split('@')[0] ?? 'user'}@oetenant.onmicrosoft.com`;
        dropEmailAttributes(spec);
      },
    },
  },
  {
    id: 'saml.guest-ext-upn',
    title: 'Entra guest UPN (#EXT#) as NameID, no email attribute',
    protocol: 'saml',
    category: 'misconfig',
    personas: ['entra-saml'],
    reference: 'Entra B2B: guest UPN format `user_domain#EXT#@tenant.onmicrosoft.com`',
    // A #EXT# UPN is not the guest's email (it is not even deliverable): a correct SP does not treat it as one.
    expected: 'reject',
    reason: 'email-missing',
    customerSees: "The portal says the IdP sent no email address: the NameID is the guest's #EXT# UPN, which is not an email.",
    fix: { ...EMAIL_FIX, ...samlVendorFixes('guestNameId') },
    how: "NameID = the guest's #EXT# UPN; email attributes removed.",
    effect: {
      adjust: (spec, ctx) => {
        spec.nameId.value = `${ctx.user.email.replace('@', '_')}#EXT#@oetenant.onmicrosoft.com`;
        dropEmailAttributes(spec);
      },
    },
  },
  // --- status -------------------------------------------------------------------------------------
  statusFault(
    'saml.status-requester',
    'Status Requester (the IdP refused the request)',
    STATUS.requester,
    STATUS.requestDenied,
    'The request was denied.',
  ),
  statusFault(
    'saml.status-responder',
    'Status Responder (IdP-side error)',
    STATUS.responder,
    undefined,
    'An error occurred at the identity provider.',
  ),
  statusFault(
    'saml.status-authn-failed',
    'Status AuthnFailed',
    STATUS.responder,
    STATUS.authnFailed,
    'The user could not be authenticated.',
  ),
  statusFault(
    'saml.status-no-passive',
    'Status NoPassive (IsPassive request, no session)',
    STATUS.responder,
    STATUS.noPassive,
    'The user is not signed in and passive authentication was requested.',
  ),
  // --- encryption ---------------------------------------------------------------------------------
  {
    id: 'saml.encrypted-assertion-unexpected',
    title: 'Assertion encrypted, SP has no decryption key',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: `${CORE} §2.3.4 EncryptedAssertion; XML Encryption 1.1`,
    expected: 'reject',
    reason: 'saml-encrypted-unexpected',
    singleCheck: 'encryption',
    customerSees: 'The portal says the SAML assertion is encrypted but the account has no decryption key.',
    fix: {
      default: 'At the IdP, turn assertion encryption off, or configure the SP encryption certificate at the IdP and the key at the SP.',
      ...samlVendorFixes('encryptionOff'),
    },
    how: 'The signed assertion is encrypted (AES-256-GCM, RSA-OAEP) for an encryption certificate.',
    effect: { encryptAssertion: 'sp-certificate' },
  },
  {
    id: 'saml.encrypted-wrong-key',
    title: 'Assertion encrypted for another certificate',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: `${CORE} §2.3.4; XML Encryption 1.1`,
    expected: 'reject',
    reason: 'saml-encrypted-unexpected',
    customerSees: 'The portal says the SAML assertion is encrypted and cannot be decrypted.',
    fix: {
      default:
        "At the IdP, upload the SP encryption certificate shown in the IdP and SSO section (not another app's), or turn encryption off.",
    },
    how: "The assertion is encrypted for another application's certificate.",
    effect: { encryptAssertion: 'other-app' },
  },
  // --- RelayState -----------------------------------------------------------------------------------
  {
    id: 'saml.relaystate-lost',
    title: 'RelayState dropped by the IdP',
    protocol: 'saml',
    category: 'quirk',
    personas: ALL,
    reference: 'SAML 2.0 Bindings §3.5.3 RelayState',
    expected: 'accept',
    customerSees: 'Login works but lands on the portal home page instead of the page the user asked for.',
    fix: { default: 'Nothing blocking. Some IdPs drop RelayState on IdP-side redirects; the SP lands on its default page.' },
    how: 'The auto-POST form carries no RelayState.',
    effect: { relayState: () => undefined },
  },
  {
    id: 'saml.relaystate-external-url',
    title: 'RelayState is an external URL (open redirect attempt)',
    protocol: 'saml',
    category: 'attack',
    personas: ALL,
    reference: 'SAML 2.0 Bindings §3.5.3; OWASP Unvalidated Redirects',
    expected: 'accept',
    customerSees: "Login works and lands on the portal's default page; the portal never redirects to the external address.",
    fix: { default: 'Nothing to change at the IdP; the SP must only follow same-site relative RelayState values.' },
    how: 'RelayState = https://evil.example/phish.',
    effect: { relayState: () => 'https://evil.example/phish' },
  },
  // --- account state: SSO configured but turned off ------------------------------------------------
  {
    id: 'saml.idp-initiated-sso-off',
    title: 'IdP-initiated login to an account whose SSO is configured but turned off',
    protocol: 'saml',
    category: 'misconfig',
    personas: samlPersonasStating('hideAppTile'),
    reference:
      'SAML 2.0 Profiles §4.1.5 (unsolicited responses are accepted only where the SP is set up for them); OE: "Turn SSO off" keeps the configuration but ends SSO logins',
    expected: 'reject',
    reason: 'sso-not-configured',
    customerSees:
      'The portal refuses the login: SSO is turned off for this account (support turned it off, or the admin has not enabled it). The app tile at the IdP does not log anyone in.',
    fix: {
      default:
        'Log in with your password while SSO is off; the admin re-enables SSO after Test SSO passes. Or hide the app tile at the IdP until then.',
      ...samlVendorFixes('hideAppTile'),
    },
    how: "The account's SSO is configured (IdP-initiated login allowed) and never enabled; the user starts at the IdP's app tile. The IdP sends a valid response.",
    sp: { allowIdpInitiated: true, ssoOff: true },
    flow: 'idp-initiated',
    effect: {},
  },
  // --- IdP-side refusals (vendor error pages) ------------------------------------------------------
  {
    id: 'saml.user-not-assigned',
    title: 'User not assigned to the application at the IdP',
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: 'Vendor error pages: AADSTS50105, Okta "App Not Assigned", Google app_not_enabled_for_user, Auth0 access_denied',
    expected: 'reject',
    customerSees: 'The IdP shows its own error page (e.g. AADSTS50105) and never returns to the portal.',
    fix: samlConsoleFix('userAssignment', 'At the IdP, assign the user (or their group) to the application.'),
    how: 'The IdP answers the login with its "user not assigned" error page.',
    effect: { refuse: 'userNotAssigned' },
  },
  {
    id: 'saml.acs-not-registered',
    title: "The AuthnRequest's ACS URL is not registered at the IdP",
    // Every vendor that checks the AuthnRequest's ACS URL against the app registration.
    protocol: 'saml',
    category: 'misconfig',
    personas: SAML_PERSONAS.filter((p) => p.authnRequestPolicy.acsUrl === 'must-match').map((p) => p.id),
    reference: 'Vendor error pages: AADSTS50011, Google invalid_request, Auth0 "Callback URL mismatch", Okta 400',
    expected: 'reject',
    customerSees: 'The IdP shows its own error page (e.g. AADSTS50011: the reply URL does not match) and never returns to the portal.',
    fix: ACS_FIX,
    how: 'The IdP refuses the AuthnRequest with its ACS-mismatch error page.',
    effect: { refuse: 'acsMismatch' },
  },
  {
    id: 'saml.sp-entity-id-unknown',
    title: "The AuthnRequest's Issuer (SP entity ID) is not registered at the IdP",
    protocol: 'saml',
    category: 'misconfig',
    personas: ALL,
    reference: 'Vendor error pages: AADSTS700016, Google app_not_configured_for_user, Okta 404, Auth0 unknown client',
    expected: 'reject',
    customerSees:
      'The IdP shows its own error page (e.g. AADSTS700016: application with identifier … was not found) and never returns to the portal.',
    fix: AUDIENCE_FIX,
    how: 'The IdP refuses the AuthnRequest with its unknown-application error page.',
    effect: { refuse: 'unknownSp' },
  },
  // --- vendor quirks ------------------------------------------------------------------------------
  {
    id: 'saml.auth0-response-signature-last',
    title: 'Auth0 signResponse: the Response Signature is its last child',
    protocol: 'saml',
    category: 'quirk',
    personas: ['auth0-saml'],
    reference: 'Auth0 SAML2 Web App addon "signResponse"; XML-DSig enveloped signatures may sit anywhere in the element',
    expected: 'accept',
    customerSees: 'Nothing: login works.',
    fix: { default: 'Nothing to fix; an SP that looks for the Signature only right after Issuer must be fixed.' },
    how: 'Auth0 signs the Response instead of the Assertion and appends the Signature last.',
    sp: { requireSignedResponse: true, requireSignedAssertion: false },
    effect: {
      adjust: (spec) => {
        spec.signing.scope = 'response';
      },
    },
  },
  // --- attacks --------------------------------------------------------------------------------------
  {
    id: 'saml.signature-stripped',
    title: 'Every Signature element removed',
    protocol: 'saml',
    category: 'attack',
    personas: ALL,
    reference: 'CVE-2017-11428 family (signature exclusion); SAML Raider "Remove Signatures"',
    expected: 'reject',
    reason: 'saml-signature-missing',
    customerSees: 'The portal says the SAML response is not signed where the account requires a signature.',
    fix: ATTACK_FIX,
    how: 'All ds:Signature elements removed after signing.',
    effect: { afterSigning: stripSignatures('all') },
  },
  xsw(1, true),
  xsw(2, true),
  xsw(3, false),
  xsw(4, false),
  xsw(5, false),
  xsw(6, false),
  xsw(7, false),
  xsw(8, false),
  {
    id: 'saml.multiple-assertions',
    title: 'A second, unsigned assertion after the signed one',
    protocol: 'saml',
    category: 'attack',
    personas: ALL,
    reference: `${PROFILES}; OASIS SAML security considerations §6.4`,
    expected: 'reject',
    reason: 'saml-multiple-assertions',
    customerSees: 'The portal says the SAML response carries more than one assertion.',
    fix: ATTACK_FIX,
    how: 'An unsigned assertion for the admin appended after the signed assertion.',
    sp: { requireSignedResponse: false, requireSignedAssertion: true },
    effect: {
      adjust: (spec) => {
        spec.signing.scope = 'assertion';
      },
      afterSigning: (xml, ctx) => appendUnsignedAssertion(() => ctx.victimEmail)(xml),
    },
  },
  {
    id: 'saml.comment-injection-nameid',
    title: 'XML comment inside the NameID / email (CVE-2017-11427)',
    protocol: 'saml',
    category: 'attack',
    personas: ALL,
    reference: 'CVE-2017-11427, CVE-2017-11428, CVE-2017-11429, CVE-2018-0489 (Duo Labs, 2018)',
    expected: 'reject',
    reason: 'no-seat-for-email',
    customerSees: 'The portal refuses the login: no seat has the (full) email address the IdP sent.',
    fix: ATTACK_FIX,
    how: "The attacker's account is `{admin email}.evil.example`; after signing, a comment splits it right after `{admin email}`.",
    effect: {
      adjust: (spec, ctx) => {
        const attackerEmail = `${ctx.victimEmail}.evil.example`;
        if (spec.nameId.value.includes('@')) spec.nameId.value = attackerEmail;
        for (const a of spec.attributes) a.values = a.values.map((v) => (isEmailLike(v) ? attackerEmail : v));
      },
      afterSigning: (xml, ctx) => commentInIdentity(() => ctx.victimEmail)(xml),
    },
  },
  {
    id: 'saml.keyinfo-attacker-cert',
    title: 'Signed with an attacker key, attacker certificate in KeyInfo',
    protocol: 'saml',
    category: 'attack',
    personas: ALL,
    reference: 'XML-DSig core §4.4 (KeyInfo is a hint, not trust); CVE-2022-41912 family',
    expected: 'reject',
    reason: 'saml-cert-untrusted',
    singleCheck: 'signature-trust',
    customerSees: 'The portal says the SAML response is signed by a certificate it does not trust.',
    fix: ATTACK_FIX,
    how: 'A self-signed attacker key signs; its certificate is embedded in KeyInfo.',
    effect: { signingKey: 'attacker' },
  },
  {
    id: 'saml.xxe-doctype',
    title: 'DOCTYPE with an external entity (XXE)',
    protocol: 'saml',
    category: 'attack',
    personas: ALL,
    reference: 'OWASP XXE Prevention; SAML 2.0 Bindings §3.5.4 (no DTD processing); CWE-611',
    expected: 'reject',
    reason: 'saml-doctype-forbidden',
    singleCheck: 'doctype',
    customerSees: 'The portal refuses the response: it contains a DOCTYPE, which is never allowed.',
    fix: ATTACK_FIX,
    how: 'A DOCTYPE declaring an external entity (file:///etc/hostname, never the network) is prepended; the entity is not referenced.',
    effect: { afterSigning: xxeDoctype },
  },
  {
    id: 'saml.doctype-entity-expansion',
    title: 'DOCTYPE with nested entity expansion ("billion laughs")',
    protocol: 'saml',
    category: 'attack',
    personas: ALL,
    reference: 'CWE-776; OWASP XML Security Cheat Sheet',
    // Not single-check: node-saml's own parser refuses entity declarations even with the DOCTYPE check relaxed.
    expected: 'reject',
    reason: 'saml-doctype-forbidden',
    customerSees: 'The portal refuses the response: it contains a DOCTYPE, which is never allowed.',
    fix: ATTACK_FIX,
    how: 'A DOCTYPE declaring ten nested entity levels is prepended; the entities are not referenced.',
    effect: { afterSigning: entityExpansionDoctype },
  },
  {
    id: 'saml.xslt-transform',
    title: "XSLT transform in the signature's Transforms",
    protocol: 'saml',
    category: 'attack',
    personas: ALL,
    reference: 'XML-DSig Best Practices (W3C Note 2013) §2.1.2 "avoid XSLT transforms"; CVE-2007-4575 family',
    expected: 'reject',
    reason: 'saml-signature-invalid',
    customerSees: 'The portal says the SAML signature does not verify.',
    fix: ATTACK_FIX,
    how: 'An XSLT Transform (reading a local file) is added to the signature; SignedInfo re-signed so it is the only defect.',
    effect: { afterSigning: (xml, ctx) => xsltTransform(() => ctx.signingKey, ctx.spec.signing.algorithm)(xml) },
  },
  {
    id: 'saml.digest-mismatch',
    title: 'Identity edited after signing (digest mismatch)',
    protocol: 'saml',
    category: 'attack',
    personas: ALL,
    reference: 'XML-DSig core §3.2.1 Reference validation',
    expected: 'reject',
    reason: 'saml-signature-invalid',
    customerSees: 'The portal says the SAML signature does not verify: the content was changed after signing.',
    fix: ATTACK_FIX,
    how: 'NameID and email attributes rewritten to the admin after signing.',
    effect: { afterSigning: (xml, ctx) => tamperIdentity(() => ctx.victimEmail)(xml) },
  },
  {
    id: 'saml.oversize-response',
    title: 'Oversize response (2 MB attribute)',
    protocol: 'saml',
    category: 'attack',
    personas: ALL,
    reference: 'CWE-400; OWASP XML Security Cheat Sheet (limit input size)',
    expected: 'reject',
    reason: 'saml-malformed',
    singleCheck: 'size',
    customerSees: 'The portal refuses the response as unreadable; the portal keeps working.',
    fix: ATTACK_FIX,
    how: 'A 2 MB attribute is added before signing (size is the only defect).',
    effect: { beforeSigning: oversizeAttribute(2 * 1024 * 1024) },
  },
  {
    id: 'saml.deep-nesting',
    title: 'Deeply nested XML (10,000 levels)',
    protocol: 'saml',
    category: 'attack',
    personas: ALL,
    reference: 'CWE-674 (uncontrolled recursion); OWASP XML Security Cheat Sheet',
    expected: 'reject',
    reason: 'saml-malformed',
    customerSees: 'The portal refuses the response as unreadable; the portal keeps working.',
    fix: ATTACK_FIX,
    how: '10,000 nested elements inside samlp:Extensions, added after signing.',
    effect: { afterSigning: deepNesting(10_000) },
  },
]);

/**
 * The catalog's SAML entries: written one by one, then the near misses, time boundaries, off-site RelayStates and signature combinations
 * generated from tables (faults/nearMiss.ts, timeBoundaries.ts, redirectSafety.ts, signatureCombinations.ts).
 */
const allSamlFaults = [
  ...handWrittenSamlFaults,
  ...samlNearMissFaults,
  ...samlTimeBoundaryFaults,
  ...samlRedirectSafetyFaults,
  ...samlSignatureCombinationFaults,
];

/** Every SAML fault id, exactly: a misspelt one is a compile error wherever a SamlFaultId (or FaultId) is asked for. */
export type SamlFaultId = (typeof allSamlFaults)[number]['id'];

export const samlFaults: readonly SamlFault<SamlFaultId>[] = allSamlFaults;
