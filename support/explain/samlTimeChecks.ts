// Validity window against the capture time and the allowed skew (SAML core §2.5.1.2 Conditions
// NotBefore / NotOnOrAfter, §2.4.1.2 SubjectConfirmationData NotOnOrAfter, IssueInstant). One
// finding per direction: the instant furthest out decides, the others are listed with it.
import type { FindingDraft } from '../../reporting/index.ts';
import { duration, instant } from './compare.ts';
import type { SamlContext } from './context.ts';
import { FAULT } from './faultIds.ts';

/** Up to an hour off is a drifting clock; beyond, the response itself is old or future-dated. */
const CLOCK_DRIFT_SECONDS = 3600;

interface Instant {
  readonly what: string;
  readonly at: Date;
}

/** Longest validity any vendor gives an assertion (Entra, Auth0: 60 minutes). */
const LONGEST_VALIDITY_SECONDS = 3600;

/**
 * An encrypted assertion hides its validity window; the Response's IssueInstant does not. A
 * response issued longer ago than any vendor's assertions live is stale at the capture time.
 */
function encryptedAge(ctx: SamlContext): FindingDraft[] {
  const issued = instant(ctx.facts.issueInstant);
  if (ctx.facts.encryptedAssertions === 0 || !issued) return [];
  const age = (ctx.at.getTime() - issued.getTime()) / 1000;
  const lifetime = ctx.persona?.validity.notOnOrAfterSeconds ?? LONGEST_VALIDITY_SECONDS;
  if (age <= lifetime + ctx.skewSeconds) return [];
  return [
    {
      check: 'saml.encrypted-age',
      severity: 'warning',
      title: `Issued ${duration(age)} before the capture time: its encrypted assertion has almost certainly expired`,
      detail: `Response IssueInstant ${issued.toISOString()}, capture time ${ctx.at.toISOString()}. The assertion's own window cannot be read without the SP's key, but ${ctx.persona ? `${ctx.persona.displayName} assertions live ${duration(lifetime)}` : `no vendor's assertions live longer than ${duration(lifetime)}`}. If this is an old capture, pass its time with --at; posted now, the SP would refuse it as expired.`,
    },
  ];
}

export function samlTimeChecks(ctx: SamlContext): FindingDraft[] {
  const { facts, at } = ctx;
  const out: FindingDraft[] = [];
  const assertion = facts.assertions[0];
  if (!assertion) return encryptedAge(ctx);
  const skewWords = `${duration(ctx.skewSeconds)} allowed skew${ctx.skewFromConfig ? '' : " (default; pass --config for the account's)"}`;
  const conditions = assertion.conditions;
  if (!conditions) {
    out.push({
      check: 'saml.conditions',
      severity: 'blocking',
      fault: FAULT.samlMissingConditions,
      reason: 'saml-conditions-missing',
      title: 'The assertion has no Conditions',
      detail: 'Without Conditions there is no validity window and no Audience: the assertion could be replayed anywhere, any time.',
    });
  }
  const starts: Instant[] = [];
  const ends: Instant[] = [];
  const collect = (list: Instant[], what: string, value: string | undefined): void => {
    if (value === undefined) return;
    const date = instant(value);
    if (date) list.push({ what, at: date });
    else
      out.push({
        check: 'saml.time-format',
        severity: 'blocking',
        reason: 'saml-malformed',
        title: `${what} is not a date`,
        detail: `"${value}" is not an xs:dateTime (e.g. 2026-01-01T10:00:00Z).`,
      });
  };
  collect(starts, 'Response IssueInstant', facts.issueInstant);
  collect(starts, 'Assertion IssueInstant', assertion.issueInstant);
  collect(starts, 'Conditions NotBefore', conditions?.notBefore);
  collect(ends, 'Conditions NotOnOrAfter', conditions?.notOnOrAfter);
  for (const confirmation of assertion.subjectConfirmations) {
    collect(starts, 'SubjectConfirmationData NotBefore', confirmation.notBefore);
    collect(ends, 'SubjectConfirmationData NotOnOrAfter', confirmation.notOnOrAfter);
  }
  const skew = ctx.skewSeconds;
  const future = starts.filter((item) => item.at > at);
  const ahead = Math.max(0, ...future.map((item) => (item.at.getTime() - at.getTime()) / 1000));
  const list = (items: readonly Instant[]): string => items.map((item) => `${item.what} ${item.at.toISOString()}`).join(', ');
  if (ahead > skew) {
    out.push({
      check: 'saml.not-before',
      severity: 'blocking',
      fault: ahead <= CLOCK_DRIFT_SECONDS ? FAULT.samlSkewFutureBeyond : FAULT.samlNotYetValid,
      reason: 'saml-not-yet-valid',
      title: `Not valid yet at capture time: ${duration(ahead)} in the future`,
      detail: `${list(future)}; captured at ${at.toISOString()}, beyond the ${skewWords}. The IdP clock is ahead (or the capture time is wrong: pass --at).`,
    });
  } else if (ahead > 0) {
    out.push({
      check: 'saml.not-before',
      severity: 'warning',
      fault: FAULT.samlSkewFutureWithin,
      title: `Issued ${duration(ahead)} in the future, within the allowed skew`,
      detail: `${list(future)}; captured at ${at.toISOString()}; accepted within the ${skewWords}. The IdP clock is drifting.`,
    });
  }
  const past = ends.filter((item) => item.at <= at);
  const late = Math.max(-1, ...past.map((item) => (at.getTime() - item.at.getTime()) / 1000));
  if (late >= skew) {
    out.push({
      check: 'saml.not-on-or-after',
      severity: 'blocking',
      fault: late <= CLOCK_DRIFT_SECONDS ? FAULT.samlSkewPastBeyond : FAULT.samlExpired,
      reason: 'saml-expired',
      title: `Expired at capture time: ${duration(late)} ago`,
      detail: `${list(past)}; captured at ${at.toISOString()}, beyond the ${skewWords}. Either the response was used late (replayed, or the browser sat on the IdP page) or the IdP clock is behind.`,
    });
  } else if (late >= 0) {
    out.push({
      check: 'saml.not-on-or-after',
      severity: 'warning',
      fault: FAULT.samlSkewPastWithin,
      title: `Expired ${duration(late)} before capture, within the allowed skew`,
      detail: `${list(past)}; captured at ${at.toISOString()}; accepted within the ${skewWords}.`,
    });
  }
  const notBefore = instant(conditions?.notBefore);
  const notOnOrAfter = instant(conditions?.notOnOrAfter);
  if (notBefore && notOnOrAfter) {
    const persona = ctx.persona;
    const typical = persona
      ? ` ${persona.displayName} issues ${duration(-persona.validity.notBeforeSeconds)} before to ${duration(persona.validity.notOnOrAfterSeconds)} after issue.`
      : '';
    out.push({
      check: 'saml.validity',
      severity: 'info',
      title: `Valid from ${notBefore.toISOString()} to ${notOnOrAfter.toISOString()} (${duration((notOnOrAfter.getTime() - notBefore.getTime()) / 1000)})`,
      detail: `Captured at ${at.toISOString()}, ${skewWords}.${typical}`,
    });
  }
  return out;
}
