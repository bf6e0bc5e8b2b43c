// Signature combinations: the Response and the Assertion each signed their own way. A correct SP
// checks every signature the message carries — algorithm, digest, transforms, key and value —
// including the one its settings do not require; a portal that checks only the signature it
// requires (or only the first it finds) lets the other part carry SHA-1, an attacker's key, a
// broken value or an XPath transform. Each entry is generated from one row of the table below.
import { extraTransform, XPATH_TRANSFORM } from '../saml/mutators.ts';
import type { PartSigning, SamlEffect } from '../saml/effects.ts';
import type { ReasonCode } from '../../lib/index.ts';
import type { PersonaId } from '../types.ts';
import type { SamlFault, SpExpectations } from './samlTypes.ts';

type Part = 'assertion' | 'response';

const DSIG = 'XML-DSig core (xmldsig-core1)';
const SAML_SIG = 'SAML 2.0 Core §5.4 (SAML and XML Signature Syntax and Processing)';
const WEAK = 'RFC 9231 §2.3.3 / NIST SP 800-131A (SHA-1 disallowed for signatures); every signature present must meet the policy';
const FORGED =
  'Nothing to change at the IdP: one part of this response was signed or altered by someone else. The SP must check every signature it receives, not only the one it requires.';

interface Combination<Id extends string = string> {
  /** `saml.sign-<id>`. */
  readonly id: Id;
  readonly title: string;
  /** The part the SP requires a signature on; the other part is signed too, by the IdP's choice. */
  readonly required: Part;
  /** How the other (or the required) part is signed differently. */
  readonly signing: Partial<Record<Part, PartSigning>>;
  /** Only the required part is signed (default: both parts are). */
  readonly onlyRequiredSigned?: boolean;
  /** An XPath transform added to this part's signature (SignedInfo re-signed). */
  readonly xpathTransformOn?: Part;
  readonly persona: PersonaId;
  readonly reason: ReasonCode;
  readonly reference: string;
  readonly customerSees: string;
  readonly fix: string;
  readonly how: string;
}

const other = (part: Part): Part => (part === 'assertion' ? 'response' : 'assertion');

const COMBINATIONS = [
  {
    id: 'unrequired-response-sha1',
    title: 'Assertion signed RSA-SHA256; the unrequired Response signature is RSA-SHA1',
    required: 'assertion',
    signing: { response: { algorithm: 'rsa-sha1', digest: 'sha1' } },
    persona: 'okta-saml',
    reason: 'saml-weak-algorithm',
    reference: WEAK,
    customerSees: 'The portal says the SAML response is signed with SHA-1, which is refused.',
    fix: 'At the IdP, set the signing algorithm of both the Response and the Assertion to RSA-SHA256 with SHA-256 digests.',
    how: 'Both parts signed; the Assertion (the part the SP requires) with RSA-SHA256, the Response with RSA-SHA1 and SHA-1 digests.',
  },
  {
    id: 'unrequired-assertion-sha1-digest',
    title: 'Response signed RSA-SHA256; the unrequired Assertion signature has SHA-1 digests',
    required: 'response',
    signing: { assertion: { digest: 'sha1' } },
    persona: 'entra-saml',
    reason: 'saml-weak-algorithm',
    reference: WEAK,
    customerSees: 'The portal says the SAML response is signed with SHA-1, which is refused.',
    fix: 'At the IdP, set the digest algorithm of both signatures to SHA-256.',
    how: "Both parts signed with RSA-SHA256; the Assertion's digests are SHA-1, the Response's SHA-256 (the SP requires the Response).",
  },
  {
    id: 'required-sha1-other-sha256',
    title: 'The required Assertion signature is RSA-SHA1; the Response signature is RSA-SHA256',
    required: 'assertion',
    signing: { assertion: { algorithm: 'rsa-sha1', digest: 'sha1' } },
    persona: 'auth0-saml',
    reason: 'saml-weak-algorithm',
    reference: WEAK,
    customerSees: 'The portal says the SAML response is signed with SHA-1, which is refused.',
    fix: 'At the IdP, set the signing algorithm to RSA-SHA256 with SHA-256 digests (Auth0: "signatureAlgorithm": "rsa-sha256", "digestAlgorithm": "sha256").',
    how: "Both parts signed; the Assertion (required) with RSA-SHA1, the Response with RSA-SHA256: an SP that checks only the outer signature's algorithm misses it.",
  },
  {
    id: 'unrequired-assertion-attacker-key',
    title: 'Response signed by the IdP; the unrequired Assertion signature by an attacker key',
    required: 'response',
    signing: { assertion: { key: 'attacker' } },
    persona: 'okta-saml',
    reason: 'saml-cert-untrusted',
    reference: `${DSIG} §4.4 (KeyInfo is a hint, not trust); ${SAML_SIG}`,
    customerSees: 'The portal says the SAML response is signed by a certificate it does not trust.',
    fix: FORGED,
    how: "The Assertion is signed first by a self-signed attacker key (its certificate in KeyInfo), then the Response by the IdP's trusted key over it.",
  },
  {
    id: 'unrequired-response-attacker-key',
    title: 'Assertion signed by the IdP; the unrequired Response signature by an attacker key',
    required: 'assertion',
    signing: { response: { key: 'attacker' } },
    persona: 'entra-saml',
    reason: 'saml-cert-untrusted',
    reference: `${DSIG} §4.4 (KeyInfo is a hint, not trust); ${SAML_SIG}`,
    customerSees: 'The portal says the SAML response is signed by a certificate it does not trust.',
    fix: FORGED,
    how: "The Assertion is signed by the IdP's trusted key; the Response is signed over it by a self-signed attacker key (its certificate in KeyInfo).",
  },
  {
    id: 'unrequired-response-rotated-key',
    title: "Assertion signed with the trusted key; the Response with the IdP's next (not yet trusted) key",
    required: 'assertion',
    signing: { response: { key: 'rotated' } },
    persona: 'auth0-saml',
    reason: 'saml-cert-untrusted',
    reference: `${DSIG} §4.4; SAML metadata-2.0 §2.4.1.1 KeyDescriptor`,
    customerSees: 'The portal says the SAML response is signed by a certificate it does not trust.',
    fix: "Upload the IdP's new signing certificate in the IdP and SSO section (or configure the metadata URL so it follows rotations): the IdP signs the Response with it.",
    how: 'Half a rotation: the Assertion is signed with the current key, the Response with the next one.',
  },
  {
    id: 'unrequired-response-value-broken',
    title: 'Assertion signature verifies; the unrequired Response signature does not',
    required: 'assertion',
    signing: { response: { signatureValue: 'corrupt' } },
    persona: 'okta-saml',
    reason: 'saml-signature-invalid',
    reference: `${DSIG} §3.2 (core validation: reference and signature validation); ${SAML_SIG}`,
    customerSees: 'The portal says the SAML signature does not verify.',
    fix: FORGED,
    how: "Both parts signed by the IdP; the Response's SignatureValue is damaged after signing (the Assertion and its signature are intact).",
  },
  {
    id: 'unrequired-assertion-value-broken',
    title: 'Response signature verifies; the unrequired Assertion signature does not',
    required: 'response',
    signing: { assertion: { signatureValue: 'corrupt' } },
    persona: 'entra-saml',
    reason: 'saml-signature-invalid',
    reference: `${DSIG} §3.2 (core validation); ${SAML_SIG}`,
    customerSees: 'The portal says the SAML signature does not verify.',
    fix: FORGED,
    how: "The Assertion's SignatureValue is damaged right after it is signed; the Response is then signed over it and verifies.",
  },
  {
    id: 'response-xpath-transform',
    title: 'XPath transform in the Response signature (the Assertion signature is plain)',
    required: 'assertion',
    signing: {},
    xpathTransformOn: 'response',
    persona: 'auth0-saml',
    reason: 'saml-signature-invalid',
    reference: `${SAML_SIG} §5.4.4 (only enveloped-signature and exclusive c14n transforms); XML-DSig Best Practices §2.1.2 (avoid XPath transforms)`,
    customerSees: 'The portal says the SAML signature does not verify.',
    fix: FORGED,
    how: 'An XPath filter transform (which could exclude the identity from what is digested) is appended to the Response signature; its SignedInfo is re-signed so the transform is the only defect.',
  },
  {
    id: 'assertion-xpath-transform',
    title: 'XPath transform in the Assertion signature, the only signature',
    required: 'assertion',
    onlyRequiredSigned: true,
    signing: {},
    xpathTransformOn: 'assertion',
    persona: 'google-saml',
    reason: 'saml-signature-invalid',
    reference: `${SAML_SIG} §5.4.4 (only enveloped-signature and exclusive c14n transforms); XML-DSig Best Practices §2.1.2`,
    customerSees: 'The portal says the SAML signature does not verify.',
    fix: FORGED,
    how: 'An XPath filter transform is appended to the Assertion signature; its SignedInfo is re-signed so the transform is the only defect.',
  },
] as const satisfies readonly Combination[];

const XPATH_FILTER = (ds: string): string => `<${ds}XPath>not(ancestor-or-self::*[local-name()='Signature'])</${ds}XPath>`;

function effectOf(row: Combination): SamlEffect {
  return {
    adjust: (spec) => {
      spec.signing.scope = row.onlyRequiredSigned ? row.required : 'both';
    },
    ...(Object.keys(row.signing).length > 0 ? { signingByPart: row.signing } : {}),
    ...(row.xpathTransformOn
      ? {
          afterSigning: (xml, ctx) =>
            extraTransform(
              row.xpathTransformOn === 'response' ? 'response' : 'assertion-or-response',
              XPATH_TRANSFORM,
              XPATH_FILTER,
              () => ctx.signingKey,
              ctx.spec.signing.algorithm,
            )(xml),
        }
      : {}),
  };
}

function spOf(row: Combination): SpExpectations {
  return { requireSignedAssertion: row.required === 'assertion', requireSignedResponse: row.required === 'response' };
}

export type SamlSignatureCombinationFaultId = `saml.sign-${(typeof COMBINATIONS)[number]['id']}`;

export const samlSignatureCombinationFaults = COMBINATIONS.map(
  (row: Combination<(typeof COMBINATIONS)[number]['id']>): SamlFault<SamlSignatureCombinationFaultId> => ({
    id: `saml.sign-${row.id}`,
    title: row.title,
    protocol: 'saml',
    category: row.fix === FORGED ? 'attack' : 'misconfig',
    personas: [row.persona],
    reference: row.reference,
    expected: 'reject',
    reason: row.reason,
    customerSees: row.customerSees,
    fix: { default: row.fix },
    how: `${row.how} The SP requires the ${row.required} signature${row.onlyRequiredSigned ? '' : `; the ${other(row.required)} is signed as well`}.`,
    sp: spOf(row),
    effect: effectOf(row),
  }),
);
