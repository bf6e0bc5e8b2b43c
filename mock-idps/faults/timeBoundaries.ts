// Every time rule at its edge: each time value on its own, just inside and just outside the SP's
// allowed clock skew, on the side where it can go wrong (issued or valid from the future, expired
// in the past). A window checked too wide, a rule checked on one of two values, or a boundary off
// by the skew is caught; the matrix configures every account with the skew these assume.
import { samlInstant } from '../saml/ids.ts';
import type { OidcFault } from '../oidc/effects.ts';
import type { ResponseSpec } from '../saml/spec.ts';
import type { PersonaId } from '../types.ts';
import type { SamlFault } from './samlTypes.ts';
import type { ReasonCode } from '../../lib/index.ts';

/** The allowed clock skew every conformance account is configured with (seconds). */
export const BOUNDARY_CLOCK_SKEW_SECONDS = 120;
/** How far inside or outside the skew a boundary value lies: wide enough for a slow login, narrow enough to catch a doubled window. */
const MARGIN_SECONDS = 30;

type Side = 'inside' | 'outside';
const SIDES = ['inside', 'outside'] as const satisfies readonly Side[];
const offset = (side: Side): number => BOUNDARY_CLOCK_SKEW_SECONDS + (side === 'inside' ? -MARGIN_SECONDS : MARGIN_SECONDS);

interface Boundary {
  readonly id: string;
  /** "the Conditions NotBefore". */
  readonly what: string;
  /** future: the value lies ahead of now (not valid yet); past: it lies behind (expired). */
  readonly direction: 'future' | 'past';
  readonly persona: PersonaId;
  readonly reason: ReasonCode;
  readonly reference: string;
}

interface SamlBoundary extends Boundary {
  readonly set: (spec: ResponseSpec, instant: string) => void;
}

interface OidcBoundary extends Boundary {
  readonly claim: 'iat' | 'nbf' | 'exp';
}

const SAML_CORE = 'SAML 2.0 Core (saml-core-2.0-os)';
const SAML_BOUNDARIES = [
  {
    id: 'issue-instant',
    what: 'the IssueInstant',
    direction: 'future',
    persona: 'entra-saml',
    reason: 'saml-not-yet-valid',
    reference: `${SAML_CORE} §2.3.3, §3.2.2 (IssueInstant); implementations allow a configured skew`,
    set: (spec, instant) => {
      spec.issueInstant = instant;
    },
  },
  {
    id: 'not-before',
    what: 'the Conditions NotBefore',
    direction: 'future',
    persona: 'okta-saml',
    reason: 'saml-not-yet-valid',
    reference: `${SAML_CORE} §2.5.1.2 (NotBefore)`,
    set: (spec, instant) => {
      if (spec.conditions) spec.conditions.notBefore = instant;
    },
  },
  {
    id: 'not-on-or-after',
    what: 'the Conditions NotOnOrAfter',
    direction: 'past',
    persona: 'google-saml',
    reason: 'saml-expired',
    reference: `${SAML_CORE} §2.5.1.2 (NotOnOrAfter)`,
    set: (spec, instant) => {
      if (spec.conditions) spec.conditions.notOnOrAfter = instant;
    },
  },
  {
    id: 'subject-not-on-or-after',
    what: 'the SubjectConfirmationData NotOnOrAfter',
    direction: 'past',
    persona: 'auth0-saml',
    reason: 'saml-expired',
    reference: `${SAML_CORE} §2.4.1.2; SAML 2.0 Profiles §4.1.4.2`,
    set: (spec, instant) => {
      spec.subjectConfirmationNotOnOrAfter = instant;
    },
  },
] as const satisfies readonly SamlBoundary[];

const OIDC_CORE = 'OpenID Connect Core 1.0 §3.1.3.7 steps 9–10; RFC 7519 §4.1.4–4.1.6 ("some small leeway")';
const OIDC_BOUNDARIES = [
  {
    id: 'iat',
    what: 'the ID token iat',
    direction: 'future',
    persona: 'entra-oidc',
    reason: 'oidc-expired',
    reference: OIDC_CORE,
    claim: 'iat',
  },
  {
    id: 'nbf',
    what: 'the ID token nbf',
    direction: 'future',
    persona: 'okta-oidc',
    reason: 'oidc-expired',
    reference: OIDC_CORE,
    claim: 'nbf',
  },
  {
    id: 'exp',
    what: 'the ID token exp',
    direction: 'past',
    persona: 'google-oidc',
    reason: 'oidc-expired',
    reference: OIDC_CORE,
    claim: 'exp',
  },
] as const satisfies readonly OidcBoundary[];

const secondsFromNow = (boundary: Boundary, side: Side): number => (boundary.direction === 'future' ? 1 : -1) * offset(side);

/** `<protocol>.time-boundary-<boundary>-<side>`: every boundary on both sides. */
type BoundaryIdOf<P extends 'saml' | 'oidc', B extends Boundary> = `${P}.time-boundary-${B['id']}-${Side}`;
export type SamlTimeBoundaryFaultId = BoundaryIdOf<'saml', (typeof SAML_BOUNDARIES)[number]>;
export type OidcTimeBoundaryFaultId = BoundaryIdOf<'oidc', (typeof OIDC_BOUNDARIES)[number]>;

function common<P extends 'saml' | 'oidc', B extends Boundary>(protocol: P, boundary: B, side: Side) {
  const seconds = secondsFromNow(boundary, side);
  const inside = side === 'inside';
  const when = `${Math.abs(seconds)} s ${boundary.direction === 'future' ? 'ahead' : 'ago'}`;
  return {
    id: `${protocol}.time-boundary-${boundary.id}-${side}` as BoundaryIdOf<P, B>,
    title: `${boundary.what} ${when}: just ${side} the ${BOUNDARY_CLOCK_SKEW_SECONDS} s skew`,
    category: inside ? ('quirk' as const) : ('misconfig' as const),
    personas: [boundary.persona],
    reference: boundary.reference,
    expected: inside ? ('accept' as const) : ('reject' as const),
    ...(inside ? {} : { reason: boundary.reason }),
    customerSees: inside
      ? 'Nothing: the login works.'
      : `The portal refuses the login: ${boundary.what} is outside the allowed clock skew.`,
    fix: {
      default: inside
        ? 'Nothing to change: within the allowed skew.'
        : 'Fix the IdP or SP clock (NTP, UTC); a window wider than the configured skew is an SP defect.',
    },
    how: `${boundary.what} is ${when} (the SP allows ${BOUNDARY_CLOCK_SKEW_SECONDS} s); every other time value is right.`,
  };
}

export const samlTimeBoundaryFaults: readonly SamlFault<SamlTimeBoundaryFaultId>[] = SAML_BOUNDARIES.flatMap((boundary) =>
  SIDES.map((side): SamlFault<SamlTimeBoundaryFaultId> => ({
    ...common('saml', boundary, side),
    protocol: 'saml',
    ...(side === 'outside' ? { singleCheck: 'time-window' as const } : {}),
    effect: { adjust: (spec, ctx) => boundary.set(spec, samlInstant(new Date(ctx.now.getTime() + secondsFromNow(boundary, side) * 1000))) },
  })),
);

export const oidcTimeBoundaryFaults: readonly OidcFault<OidcTimeBoundaryFaultId>[] = OIDC_BOUNDARIES.flatMap((boundary) =>
  SIDES.map((side): OidcFault<OidcTimeBoundaryFaultId> => ({
    ...common('oidc', boundary, side),
    protocol: 'oidc',
    ...(side === 'outside' ? { singleCheck: 'time' as const } : {}),
    effect: { seam: 'id-token', jwt: { claims: [{ op: 'time', claim: boundary.claim, secondsFromNow: secondsFromNow(boundary, side) }] } },
  })),
);
