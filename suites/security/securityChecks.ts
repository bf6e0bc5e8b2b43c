// SP checks that no fault catalog entry produces (the IdP plays no part in them), run through the
// same scenario machinery as the matrix: today, the OE desktop app redeeming its authorization code
// twice (RFC 6749 §4.1.2: codes are single-use; the tokens of a replayed code are revoked).
import { PERSONAS, PERSONA_IDS } from '../../mock-idps/index.ts';
import { samlProfile } from '../conformance/catalogScenarios.ts';
import type { Scenario } from '../conformance/scenario.ts';

export function securityCheckScenarios(): Scenario[] {
  return PERSONA_IDS.map((id) => {
    const persona = PERSONAS[id];
    return {
      id: `native.code-replay × ${id}`,
      title: 'The desktop app redeems its authorization code twice',
      source: 'security-check',
      fault: 'native.code-replay',
      category: 'attack',
      persona: id,
      vendor: persona.vendor,
      protocol: persona.protocol,
      expected: 'reject',
      expectation: { kind: 'app-refusal', reason: 'native-code-invalid' },
      idpFaults: [],
      profile: persona.protocol === 'saml' ? samlProfile(persona) : { protocol: 'oidc' },
      flow: 'native-code-replay',
      loginAs: 'user',
    } satisfies Scenario;
  });
}
