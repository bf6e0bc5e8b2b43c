// The SAML signature matrix: what the IdP signs (nothing / assertion / response / both) × what the
// SP requires (response / assertion / both) × the algorithm (RSA-SHA256 / RSA-SHA1) × the key that
// signs (the configured certificate's / rotated / another app's / an expired certificate's). Each
// dimension is produced by switching catalog faults on together; the expected outcome follows from
// the checks a correct SP makes, so a combination is refused with a reason of a check it violates
// (with several violations, any of their reasons) or accepted when it violates none.
import type { ReasonCode } from '../../lib/index.ts';
import { getSamlFault, type SamlFaultId, SAML_PERSONAS } from '../../mock-idps/index.ts';
import type { SamlPersona } from '../../mock-idps/index.ts';
import type { Scenario } from '../conformance/scenario.ts';

export const SIGNED_PARTS = ['none', 'assertion', 'response', 'both'] as const;
export const SP_REQUIRES = ['assertion', 'response', 'both'] as const;
export const ALGORITHMS = ['rsa-sha256', 'rsa-sha1'] as const;
export const SIGNING_KEYS = ['configured', 'rotated', 'other-app', 'expired'] as const;

export type SignedParts = (typeof SIGNED_PARTS)[number];
export type SpRequires = (typeof SP_REQUIRES)[number];
export type Algorithm = (typeof ALGORITHMS)[number];
export type SigningKey = (typeof SIGNING_KEYS)[number];

export interface SignatureCombination {
  readonly signed: SignedParts;
  readonly requires: SpRequires;
  readonly algorithm: Algorithm;
  readonly key: SigningKey;
}

/** The catalog faults that produce each value of each dimension (the persona default needs none). */
const SIGNED_FAULT: Readonly<Record<SignedParts, SamlFaultId>> = {
  none: 'saml.signing-scope-none',
  assertion: 'saml.signing-scope-assertion-only',
  response: 'saml.signing-scope-response-only',
  both: 'saml.signing-scope-both',
};
const ALGORITHM_FAULT: Readonly<Record<Algorithm, SamlFaultId | undefined>> = {
  'rsa-sha256': undefined,
  'rsa-sha1': 'saml.sha1-signature',
};
const KEY_FAULT: Readonly<Record<SigningKey, SamlFaultId | undefined>> = {
  configured: undefined,
  rotated: 'saml.cert-rotated',
  'other-app': 'saml.wrong-cert-pasted',
  expired: 'saml.cert-expired',
};

export const MATRIX_FAULT_IDS: readonly SamlFaultId[] = [
  ...Object.values(SIGNED_FAULT),
  ...Object.values(ALGORITHM_FAULT),
  ...Object.values(KEY_FAULT),
].filter((id): id is SamlFaultId => id !== undefined);

export function allCombinations(): SignatureCombination[] {
  return SIGNED_PARTS.flatMap((signed) =>
    SP_REQUIRES.flatMap((requires) => ALGORITHMS.flatMap((algorithm) => SIGNING_KEYS.map((key) => ({ signed, requires, algorithm, key })))),
  );
}

const covers = (signed: SignedParts, part: 'assertion' | 'response'): boolean => signed === part || signed === 'both';

/** The checks a combination violates, as the reasons a correct SP gives (empty: accept), each with the fault that decides it. */
export function violations(c: SignatureCombination): { readonly reason: ReasonCode; readonly fault: SamlFaultId }[] {
  if (c.signed === 'none') return [{ reason: 'saml-signature-missing', fault: SIGNED_FAULT.none }];
  const found: { reason: ReasonCode; fault: SamlFaultId }[] = [];
  const missing = (['assertion', 'response'] as const).some(
    (part) => (c.requires === part || c.requires === 'both') && !covers(c.signed, part),
  );
  if (missing) found.push({ reason: 'saml-signature-missing', fault: SIGNED_FAULT[c.signed] });
  const weak = ALGORITHM_FAULT[c.algorithm];
  if (weak) found.push({ reason: 'saml-weak-algorithm', fault: weak });
  const untrusted = c.key === 'rotated' || c.key === 'other-app' ? KEY_FAULT[c.key] : undefined;
  if (untrusted) found.push({ reason: 'saml-cert-untrusted', fault: untrusted });
  return found;
}

/**
 * Which persona runs a combination: requiring both parts only where the vendor signs both by
 * default (an SP may refuse "both" for vendors that never sign both); the rest round-robin, so
 * every vendor's wire shape meets every dimension.
 */
export function personaFor(c: SignatureCombination, index: number, personas: readonly SamlPersona[] = SAML_PERSONAS): SamlPersona {
  const eligible = c.requires === 'both' ? personas.filter((p) => p.signing.scope === 'both') : personas;
  const persona = eligible[index % eligible.length];
  if (!persona) throw new Error(`No SAML persona can run the signature combination ${describe(c)}.`);
  return persona;
}

export function describe(c: SignatureCombination): string {
  return `signs ${c.signed}, SP requires ${c.requires}, ${c.algorithm}, ${c.key} key`;
}

export function signatureScenarios(): Scenario[] {
  const counters = new Map<SpRequires, number>();
  return allCombinations().map((c) => {
    const index = counters.get(c.requires) ?? 0;
    counters.set(c.requires, index + 1);
    const persona = personaFor(c, index);
    const found = violations(c);
    const idpFaults = [SIGNED_FAULT[c.signed], ALGORITHM_FAULT[c.algorithm], KEY_FAULT[c.key]].filter(
      (id): id is SamlFaultId => id !== undefined,
    );
    const deciding = found[0]?.fault ?? SIGNED_FAULT[c.signed];
    const fault = getSamlFault(deciding);
    if (!fault) throw new Error(`The signature matrix uses ${deciding}, which is not in the fault catalog.`);
    return {
      id: `${describe(c)} × ${persona.id}`,
      title: describe(c),
      source: 'combination',
      fault: deciding,
      category: found.length > 0 ? fault.category : 'quirk',
      persona: persona.id,
      vendor: persona.vendor,
      protocol: 'saml',
      expected: found.length > 0 ? 'reject' : 'accept',
      expectation:
        found.length > 0
          ? { kind: 'portal-refusal', reasons: [...new Set(found.map((v) => v.reason))], auditedInAccount: true }
          : // An expired certificate of the same key is accepted; its warning is the catalog entry's own check.
            { kind: 'accepted', warning: false },
      idpFaults,
      profile: {
        protocol: 'saml',
        requireSignedResponse: c.requires === 'response' || c.requires === 'both',
        requireSignedAssertion: c.requires === 'assertion' || c.requires === 'both',
        allowIdpInitiated: false,
      },
      flow: 'sp-initiated',
      loginAs: 'user',
    } satisfies Scenario;
  });
}
