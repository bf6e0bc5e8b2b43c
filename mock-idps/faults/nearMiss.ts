// Near-miss faults, generated from one table: every value an SP compares × the ways a comparison
// goes partly wrong (mock-idps/nearMissValues.ts). Each field runs on one persona of its protocol,
// the vendors taking turns across fields, so the family costs one scenario per variant, not four.
// A correct SP refuses each, except where a standard says that part compares case-insensitively.
import { nearMiss, nearMissAccepted, NEAR_MISS_VARIANTS, type NearMissKind, type NearMissVariant } from '../nearMissValues.ts';
import type { OidcFault, RpCheck } from '../oidc/effects.ts';
import type { NearMissClaim } from '../oidc/jwtMutator.ts';
import type { ReasonCode } from '../../lib/index.ts';
import type { EffectContext } from '../saml/effects.ts';
import type { ResponseSpec } from '../saml/spec.ts';
import type { PersonaId } from '../types.ts';
import type { SamlFault, SpCheck } from './samlTypes.ts';

const SAML_CORE = 'SAML 2.0 Core (saml-core-2.0-os)';
const SAML_PROFILES = 'SAML 2.0 Profiles §4.1.4.3';
const OIDC_CORE = 'OpenID Connect Core 1.0';
const RFC3986 = 'RFC 3986 §6.2.1 (simple string comparison); scheme and host compare case-insensitively (§3.1, §3.2.2)';

/** The variants that make sense for each kind of value (a URL has a path to extend, a token has none). */
const VARIANTS_OF = {
  url: ['scheme-case', 'case', 'truncated', 'extended', 'trailing-slash', 'extra-segment', 'percent-encoded', 'lookalike', 'empty'],
  identifier: ['case', 'truncated', 'extended', 'prepended', 'trailing-slash', 'whitespace', 'lookalike', 'empty'],
  token: ['case', 'truncated', 'extended', 'whitespace', 'lookalike', 'empty'],
  domain: ['case', 'truncated', 'prepended', 'subdomain', 'extended', 'whitespace', 'lookalike', 'empty'],
  // Surrounding spaces on an address are left out: trimming them confuses no identity.
  email: ['case', 'truncated', 'extended', 'prepended', 'subdomain', 'lookalike', 'empty'],
} as const satisfies Readonly<Record<NearMissKind, readonly NearMissVariant[]>>;

interface NearMissField {
  /** Stable id part: `<protocol>.near-miss-<id>-<variant>`. */
  readonly id: string;
  /** "the Response Issuer". */
  readonly what: string;
  readonly kind: NearMissKind;
  /** XML Schema types with whiteSpace="collapse" (xs:anyURI, xs:NCName): surrounding spaces are not the SP's to refuse. */
  readonly collapsesWhitespace?: boolean;
  /** Variants left out for this field, and why (in the comment beside it). */
  readonly without?: readonly NearMissVariant[];
  readonly persona: PersonaId;
  readonly reason: ReasonCode;
  /** A variant a correct SP refuses for another reason (an empty InResponseTo is a missing one). */
  readonly reasonOf?: Partial<Record<NearMissVariant, ReasonCode>>;
  readonly reference: string;
  readonly fix: string;
}

interface SamlNearMissField extends NearMissField {
  /** The one SP check a relaxed judge skips (none for the seat lookup: no SP logs in without a seat). */
  readonly check?: SpCheck;
  readonly set: (spec: ResponseSpec, variant: NearMissVariant, ctx: EffectContext) => void;
}

interface OidcNearMissField extends NearMissField {
  readonly check?: RpCheck;
  /** The ID token claim changed after signing (and re-signed with the persona key), or the authorization response's state. */
  readonly claim: NearMissClaim | 'state';
}

const AT_IDP = (where: string): string =>
  `At the IdP, set ${where} to exactly the value shown in the IdP and SSO section (no extra characters, same case).`;
const FORGED = 'Nothing to change at the IdP: a nearly-right value is forged or altered in transit. The SP must compare exactly.';

const EMAIL_REFERENCE =
  'RFC 5321 §2.4 (domains compare case-insensitively; mailbox providers treat the local part so too); the email is the only link from an IdP identity to a seat';
const EMAIL_FIX =
  "At the IdP, make the user's email exactly the seat's email address (Seats section), or add a seat for the address the IdP sends.";

const SAML_FIELDS = [
  {
    id: 'response-issuer',
    what: 'the Response Issuer',
    kind: 'identifier',
    persona: 'entra-saml',
    reason: 'saml-issuer-mismatch',
    check: 'issuer',
    reference: `${SAML_CORE} §2.2.5, §3.2.2 (Issuer of the Response); ${SAML_PROFILES}`,
    fix: FORGED,
    set: (spec, variant) => {
      spec.responseIssuer = nearMiss(spec.responseIssuer, variant);
    },
  },
  {
    id: 'assertion-issuer',
    what: 'the Assertion Issuer',
    kind: 'identifier',
    persona: 'okta-saml',
    reason: 'saml-issuer-mismatch',
    check: 'issuer',
    reference: `${SAML_CORE} §2.3.3 (Issuer of the Assertion); ${SAML_PROFILES}`,
    fix: FORGED,
    set: (spec, variant) => {
      spec.assertionIssuer = nearMiss(spec.assertionIssuer, variant);
    },
  },
  {
    id: 'audience',
    what: 'the Audience',
    kind: 'identifier',
    collapsesWhitespace: true,
    persona: 'google-saml',
    reason: 'saml-audience-mismatch',
    check: 'audience',
    reference: `${SAML_CORE} §2.5.1.4 (AudienceRestriction: the SP must be named); ${RFC3986}`,
    fix: AT_IDP('the Audience / Entity ID'),
    set: (spec, variant) => {
      spec.conditions?.audiences.splice(0, 1, nearMiss(spec.conditions.audiences[0] ?? '', variant));
    },
  },
  {
    id: 'destination',
    what: 'the Response Destination',
    kind: 'url',
    collapsesWhitespace: true,
    persona: 'auth0-saml',
    reason: 'saml-destination-mismatch',
    check: 'destination',
    reference: `SAML 2.0 Bindings §3.5.5.2 (Destination matches the location it was received at); ${RFC3986}`,
    fix: AT_IDP('the Destination / ACS URL'),
    set: (spec, variant) => {
      spec.destination = nearMiss(spec.destination ?? '', variant);
    },
  },
  {
    id: 'recipient',
    what: 'the SubjectConfirmationData Recipient',
    kind: 'url',
    collapsesWhitespace: true,
    persona: 'entra-saml',
    reason: 'saml-recipient-mismatch',
    check: 'recipient',
    reference: `${SAML_PROFILES} (Recipient is the ACS URL); ${RFC3986}`,
    fix: AT_IDP('the Recipient / ACS URL'),
    set: (spec, variant) => {
      spec.recipient = nearMiss(spec.recipient, variant);
    },
  },
  {
    id: 'in-response-to',
    what: 'the InResponseTo',
    kind: 'token',
    collapsesWhitespace: true,
    persona: 'okta-saml',
    reason: 'saml-inresponseto-unknown',
    reasonOf: { empty: 'saml-inresponseto-missing' },
    check: 'in-response-to',
    reference: `${SAML_PROFILES} (InResponseTo equals the ID of the AuthnRequest)`,
    fix: FORGED,
    set: (spec, variant) => {
      if (spec.inResponseTo !== undefined) spec.inResponseTo = nearMiss(spec.inResponseTo, variant);
    },
  },
  {
    id: 'email',
    what: 'the asserted email (NameID and email attributes)',
    kind: 'email',
    persona: 'auth0-saml',
    reason: 'no-seat-for-email',
    reasonOf: { empty: 'email-missing', lookalike: 'email-missing' },
    reference: EMAIL_REFERENCE,
    fix: EMAIL_FIX,
    set: (spec, variant, ctx) => {
      const email = ctx.user.email;
      if (spec.nameId.value === email) spec.nameId.value = nearMiss(email, variant);
      for (const attribute of spec.attributes)
        attribute.values = attribute.values.map((value) => (value === email ? nearMiss(email, variant) : value));
    },
  },
] as const satisfies readonly SamlNearMissField[];

const OIDC_FIELDS = [
  {
    id: 'iss',
    what: 'the ID token iss',
    kind: 'identifier',
    persona: 'entra-oidc',
    reason: 'oidc-issuer-mismatch',
    check: 'issuer',
    claim: 'iss',
    // An issuer is compared exactly, its scheme and host included (§3.1.3.7 step 2): the URL exceptions do not apply.
    reference: `${OIDC_CORE} §3.1.3.7 step 2 (iss MUST exactly match the Issuer Identifier)`,
    fix: FORGED,
  },
  {
    id: 'aud',
    what: 'the ID token aud',
    kind: 'token',
    persona: 'okta-oidc',
    reason: 'oidc-audience-mismatch',
    check: 'audience',
    claim: 'aud',
    reference: `${OIDC_CORE} §3.1.3.7 step 3 (aud contains the client_id)`,
    fix: FORGED,
  },
  {
    id: 'azp',
    what: 'the ID token azp',
    kind: 'token',
    persona: 'google-oidc',
    reason: 'oidc-audience-mismatch',
    check: 'audience',
    claim: 'azp',
    reference: `${OIDC_CORE} §3.1.3.7 step 5 (when azp is present, it is the client_id)`,
    fix: FORGED,
  },
  {
    id: 'nonce',
    what: 'the ID token nonce',
    kind: 'token',
    persona: 'auth0-oidc',
    reason: 'oidc-nonce-mismatch',
    check: 'nonce',
    claim: 'nonce',
    reference: `${OIDC_CORE} §3.1.3.7 step 11 (nonce equals the one sent)`,
    fix: FORGED,
  },
  {
    id: 'state',
    what: 'the authorization response state',
    kind: 'token',
    persona: 'entra-oidc',
    reason: 'oidc-state-mismatch',
    check: 'state',
    claim: 'state',
    // Spaces in a query parameter are an encoding matter, not a near miss of the value.
    without: ['whitespace'],
    reference: 'RFC 6749 §10.12 (state binds the response to the browser that started the login)',
    fix: FORGED,
  },
  {
    id: 'hd',
    what: 'the ID token hd',
    kind: 'domain',
    persona: 'google-oidc',
    reason: 'hosted-domain-mismatch',
    check: 'hd',
    claim: 'hd',
    reference: 'Google Identity: validate hd against the Workspace domain; DNS names compare case-insensitively (RFC 4343)',
    fix: 'Log in with an account of the Workspace domain the account requires.',
  },
  {
    id: 'email',
    what: 'the ID token email',
    kind: 'email',
    persona: 'google-oidc',
    reason: 'no-seat-for-email',
    reasonOf: { empty: 'email-missing', lookalike: 'email-missing' },
    check: 'email',
    claim: 'email',
    reference: EMAIL_REFERENCE,
    fix: EMAIL_FIX,
  },
] as const satisfies readonly OidcNearMissField[];

/** A field's variants, as a type: its kind's, less those it goes `without`, less whitespace where its type collapses it (as variantsOf). */
type VariantOf<F extends NearMissField> = Exclude<
  (typeof VARIANTS_OF)[F['kind']][number],
  | (F extends { readonly without: readonly (infer W)[] } ? W : never)
  | (F extends { readonly collapsesWhitespace: true } ? 'whitespace' : never)
>;
/** `<protocol>.near-miss-<field>-<variant>` for every variant the field runs (distributes over a union of fields). */
type NearMissIdOf<P extends 'saml' | 'oidc', F extends NearMissField> = F extends NearMissField
  ? `${P}.near-miss-${F['id']}-${VariantOf<F>}`
  : never;

export type SamlNearMissFaultId = NearMissIdOf<'saml', (typeof SAML_FIELDS)[number]>;
export type OidcNearMissFaultId = NearMissIdOf<'oidc', (typeof OIDC_FIELDS)[number]>;

const idOf = <P extends 'saml' | 'oidc', F extends NearMissField>(protocol: P, field: F, variant: VariantOf<F>): NearMissIdOf<P, F> =>
  `${protocol}.near-miss-${field.id}-${variant}` as NearMissIdOf<P, F>;

function variantsOf<F extends NearMissField>(field: F): readonly VariantOf<F>[] {
  const variants: readonly NearMissVariant[] = VARIANTS_OF[field.kind];
  return variants.filter(
    (variant): variant is VariantOf<F> =>
      !(field.without ?? []).includes(variant) && !(field.collapsesWhitespace && variant === 'whitespace'),
  );
}

/** What every generated entry shares: id, words, expected outcome and what the customer sees. */
function common<P extends 'saml' | 'oidc', F extends NearMissField>(protocol: P, field: F, variant: VariantOf<F>) {
  const accepted = nearMissAccepted(field.kind, variant);
  const info = NEAR_MISS_VARIANTS[variant];
  return {
    id: idOf(protocol, field, variant),
    title: `Near miss: ${field.what} ${info.words}`,
    category: accepted ? ('quirk' as const) : ('attack' as const),
    personas: [field.persona],
    reference: field.reference,
    expected: accepted ? ('accept' as const) : ('reject' as const),
    ...(accepted ? {} : { reason: field.reasonOf?.[variant] ?? field.reason }),
    customerSees: accepted ? 'Nothing: the login works.' : `The portal refuses the login: ${field.what} is not exactly the expected value.`,
    fix: { default: accepted ? 'Nothing to change: the value is the same once compared the way its standard says.' : field.fix },
    how: `${field.what} ${info.words}; a correct SP ${accepted ? 'accepts it' : 'refuses it'}. Catches ${info.catches}.`,
  };
}

/** A refused variant violates the field's one check; an accepted variant, or a field without a check, has none. */
function singleCheckOf<C extends string>(
  field: { readonly kind: NearMissKind; readonly check?: C },
  variant: NearMissVariant,
): { singleCheck?: C } {
  return nearMissAccepted(field.kind, variant) || !field.check ? {} : { singleCheck: field.check };
}

export const samlNearMissFaults: readonly SamlFault<SamlNearMissFaultId>[] = SAML_FIELDS.flatMap((field) =>
  variantsOf(field).map((variant): SamlFault<SamlNearMissFaultId> => ({
    ...common('saml', field, variant),
    protocol: 'saml',
    ...singleCheckOf(field, variant),
    effect: { adjust: (spec, ctx) => field.set(spec, variant, ctx) },
  })),
);

export const oidcNearMissFaults: readonly OidcFault<OidcNearMissFaultId>[] = OIDC_FIELDS.flatMap((field) =>
  variantsOf(field).map((variant): OidcFault<OidcNearMissFaultId> => ({
    ...common('oidc', field, variant),
    protocol: 'oidc',
    ...singleCheckOf(field, variant),
    effect:
      field.claim === 'state'
        ? { seam: 'authorization', outcome: 'state-near-miss', variant }
        : { seam: 'id-token', jwt: { claims: [{ op: 'near-miss', claim: field.claim, variant }] } },
  })),
);
