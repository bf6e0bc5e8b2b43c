// The test annotations the reports are built from: what each test certifies (vendor, protocol,
// persona, entry point, lifecycle lockout cause) and, for the conformance matrix, which catalog
// fault it switched on and what it expected. Specs push them with `test.info().annotations.push`.
import { PERSONAS } from '../mock-idps/index.ts';
import type { ExpectedOutcome, PersonaId } from '../mock-idps/index.ts';

export const ANNOTATION = {
  vendor: 'vendor',
  protocol: 'protocol',
  persona: 'persona',
  /** One per entry point the test logs in on: web, desktop, mobile-ios, mobile-android. */
  entryPoint: 'entry-point',
  lockoutCause: 'lockout-cause',
  /** Conformance: the catalog fault id the test switched on. */
  fault: 'fault',
  /** Security suite: a check that is not a catalog fault (e.g. native code replay); reported like one. */
  securityCheck: 'security-check',
  /** Conformance: reject | accept | accept-with-warning (the catalog's `expected`). */
  expected: 'expected',
  /** Conformance, optional: what the SP actually did — one of Observed, or a sentence starting like "refused by …" / "logged in: …". */
  observed: 'observed',
  /** Listed in the expected-failures ledger; the description says why. */
  knownDeviation: 'known-deviation',
  /** Whether a refusal named the expected reason: "verified: …", "other reason: …", "not verifiable: …" (one per refusal judged). */
  reasonCheck: 'reason-check',
  /** A set-up step failed: the description names it. No verdict on the SP. */
  couldNotRun: 'could-not-run',
  /** The scenario's fault cannot reach this SP; the description says why. */
  notApplicable: 'not-applicable',
  /** A part of a check the target gives no way to read (e.g. no audit vocabulary); the description says which. */
  notVerifiable: 'not-verifiable',
} as const;

/** A test that names no entry point logs in through the web portal in desktop Chromium. */
export const DEFAULT_ENTRY_POINT = 'web';

export interface Annotation {
  readonly type: string;
  readonly description?: string;
}

export type Observed = 'rejected' | 'accepted' | 'accepted-with-warning' | 'error' | 'not-run';

/** What a test says it certifies, read from its annotations. */
export interface TestSubject {
  readonly vendor?: string;
  readonly protocol?: 'saml' | 'oidc';
  readonly persona?: string;
  readonly entryPoints: readonly string[];
  readonly lockoutCause?: string;
  readonly fault?: string;
  readonly expected?: ExpectedOutcome;
  readonly observed?: Observed;
  readonly knownDeviation?: string;
  /** Every reason check the test recorded. */
  readonly reasonChecks: readonly string[];
  readonly couldNotRun?: string;
  readonly notApplicable?: string;
  /** Parts of checks the target gives no way to read. */
  readonly notVerifiable: readonly string[];
}

const EXPECTED: readonly string[] = ['reject', 'accept', 'accept-with-warning'];
const OBSERVED: readonly string[] = ['rejected', 'accepted', 'accepted-with-warning', 'error', 'not-run'];

function last(annotations: readonly Annotation[], type: string): string | undefined {
  const values = annotations.filter((item) => item.type === type && item.description).map((item) => item.description!.trim());
  return values.at(-1);
}

/**
 * What the SP did, from an `observed` annotation: the word itself, or the conformance suite's
 * sentence ("refused by the portal (saml-audience-mismatch)", "logged in: …; Test SSO shows a
 * warning", "app token issued", "redirected off-site to …").
 */
export function observedFrom(text: string): Observed | undefined {
  const value = text.trim();
  if (OBSERVED.includes(value)) return value as Observed;
  if (/^(refused|app token refused)\b/i.test(value)) return 'rejected';
  if (/^logged in\b/i.test(value)) return /shows a warning/i.test(value) ? 'accepted-with-warning' : 'accepted';
  if (/^(app token issued|redirected off-site|returned to the app)\b/i.test(value)) return 'accepted';
  return undefined;
}

/** Read the subject; vendor and protocol are filled from the persona data when only the persona is given. */
export function readSubject(annotations: readonly Annotation[]): TestSubject {
  const persona = last(annotations, ANNOTATION.persona);
  const known = persona !== undefined && Object.hasOwn(PERSONAS, persona) ? PERSONAS[persona as PersonaId] : undefined;
  const vendor = last(annotations, ANNOTATION.vendor) ?? known?.vendor;
  const protocolText = last(annotations, ANNOTATION.protocol) ?? known?.protocol;
  const protocol = protocolText === 'saml' || protocolText === 'oidc' ? protocolText : undefined;
  const entryPoints = [
    ...new Set(
      annotations.filter((item) => item.type === ANNOTATION.entryPoint && item.description).map((item) => item.description!.trim()),
    ),
  ];
  const expected = last(annotations, ANNOTATION.expected);
  const observed = last(annotations, ANNOTATION.observed);
  const lockoutCause = last(annotations, ANNOTATION.lockoutCause);
  const fault = last(annotations, ANNOTATION.fault) ?? last(annotations, ANNOTATION.securityCheck);
  const deviation = annotations.find((item) => item.type === ANNOTATION.knownDeviation);
  const all = (type: string): string[] =>
    annotations.filter((item) => item.type === type && item.description).map((item) => item.description!.trim());
  const couldNotRun = last(annotations, ANNOTATION.couldNotRun);
  const notApplicable = last(annotations, ANNOTATION.notApplicable);
  return {
    ...(vendor !== undefined ? { vendor } : {}),
    ...(protocol !== undefined ? { protocol } : {}),
    ...(persona !== undefined ? { persona } : {}),
    entryPoints,
    ...(lockoutCause !== undefined ? { lockoutCause } : {}),
    ...(fault !== undefined ? { fault } : {}),
    ...(expected !== undefined && EXPECTED.includes(expected) ? { expected: expected as ExpectedOutcome } : {}),
    ...(observed !== undefined && observedFrom(observed) ? { observed: observedFrom(observed)! } : {}),
    ...(deviation ? { knownDeviation: deviation.description?.trim() || 'listed in the expected-failures ledger' } : {}),
    reasonChecks: all(ANNOTATION.reasonCheck),
    ...(couldNotRun !== undefined ? { couldNotRun } : {}),
    ...(notApplicable !== undefined ? { notApplicable } : {}),
    notVerifiable: all(ANNOTATION.notVerifiable),
  };
}

/**
 * How a lifecycle stage title names the entry point it is about ("SSO login works … on the
 * desktop app", "… locked out of the mobile app (iPhone)"): such a stage counts for that entry
 * point's cell of the matrix only; a stage naming none counts for every entry point of the test.
 */
export const ENTRY_POINT_WORDS: Readonly<Record<string, RegExp>> = {
  web: /\bweb\b/i,
  desktop: /\bdesktop\b/i,
  'mobile-ios': /\b(iphone|ios)\b/i,
  'mobile-android': /\bandroid\b/i,
};

export function entryPointsNamedIn(title: string, among: readonly string[]): string[] {
  return among.filter((entryPoint) => ENTRY_POINT_WORDS[entryPoint]?.test(title));
}

/** Entry points a test covers: its annotations, or the web portal when it names none. */
export function entryPointsOf(subject: TestSubject): readonly string[] {
  return subject.entryPoints.length > 0 ? subject.entryPoints : [DEFAULT_ENTRY_POINT];
}
