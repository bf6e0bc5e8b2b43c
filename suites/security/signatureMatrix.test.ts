import { describe, expect, it } from 'vitest';
import { getSamlFault, SAML_PERSONAS } from '../../mock-idps/index.ts';
import {
  MATRIX_FAULT_IDS,
  allCombinations,
  personaFor,
  signatureScenarios,
  violations,
  type SignatureCombination,
} from './signatureMatrix.ts';

const combo = (
  signed: SignatureCombination['signed'],
  requires: SignatureCombination['requires'],
  algorithm: SignatureCombination['algorithm'] = 'rsa-sha256',
  key: SignatureCombination['key'] = 'configured',
): SignatureCombination => ({ signed, requires, algorithm, key });

describe('the SAML signature matrix', () => {
  it('covers every combination once: 4 signed parts × 3 SP requirements × 2 algorithms × 4 keys', () => {
    const all = allCombinations();
    expect(all).toHaveLength(96);
    expect(new Set(all.map((c) => JSON.stringify(c))).size).toBe(96);
    expect(new Set(signatureScenarios().map((s) => s.id)).size).toBe(96);
  });

  it('is produced by catalog faults only', () => {
    for (const id of MATRIX_FAULT_IDS) expect(getSamlFault(id), id).toBeDefined();
  });

  it.each<[SignatureCombination, string[]]>([
    [combo('assertion', 'assertion'), []],
    [combo('both', 'response'), []],
    [combo('both', 'both', 'rsa-sha256', 'expired'), []],
    [combo('none', 'assertion', 'rsa-sha1', 'rotated'), ['saml-signature-missing']],
    [combo('response', 'assertion'), ['saml-signature-missing']],
    [combo('assertion', 'both'), ['saml-signature-missing']],
    [combo('assertion', 'assertion', 'rsa-sha1'), ['saml-weak-algorithm']],
    [combo('assertion', 'assertion', 'rsa-sha256', 'other-app'), ['saml-cert-untrusted']],
    [combo('response', 'assertion', 'rsa-sha1', 'rotated'), ['saml-signature-missing', 'saml-weak-algorithm', 'saml-cert-untrusted']],
  ])('%o violates %o', (c, reasons) => {
    expect(violations(c).map((v) => v.reason)).toEqual(reasons);
  });

  it('runs "SP requires both" only on personas that sign both by default, the rest round-robin over all', () => {
    expect(personaFor(combo('both', 'both'), 5).signing.scope).toBe('both');
    expect([0, 1, 2, 3].map((i) => personaFor(combo('both', 'assertion'), i).id)).toEqual(SAML_PERSONAS.map((p) => p.id));
  });

  it('expects a refusal with any of the violated reasons, or an acceptance', () => {
    const scenarios = signatureScenarios();
    const accepted = scenarios.filter((s) => s.expectation.kind === 'accepted');
    expect(accepted.every((s) => s.expected === 'accept')).toBe(true);
    // (2 + 2 + 1) signed parts covering the requirement × SHA-256 × the configured or expired key
    expect(accepted).toHaveLength(10);
    const refused = scenarios.find((s) => s.id.startsWith('signs response, SP requires assertion, rsa-sha1, rotated key'));
    expect(refused?.expectation).toEqual({
      kind: 'portal-refusal',
      reasons: ['saml-signature-missing', 'saml-weak-algorithm', 'saml-cert-untrusted'],
      auditedInAccount: true,
    });
    expect(refused?.idpFaults).toEqual(['saml.signing-scope-response-only', 'saml.sha1-signature', 'saml.cert-rotated']);
  });
});
