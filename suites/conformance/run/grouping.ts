// How the matrix is laid out for Playwright: one group per persona (a group runs in one worker, in
// order, so the persona's matrix accounts are set up once per group), groups of one protocol first
// when the self-check asks for it (it only reorders; every scenario still runs until a failure).
import type { PersonaId, Protocol } from '../../../mock-idps/index.ts';
import type { Scenario } from '../scenario.ts';

/** `saml` or `oidc`: run that protocol's groups first (set by `certify --self-check`). */
export const MATRIX_FIRST_ENV = 'SSO_HARNESS_MATRIX_FIRST';

export function groupByPersona(
  scenarios: readonly Scenario[],
  first: string | undefined = process.env[MATRIX_FIRST_ENV],
): Map<PersonaId, Scenario[]> {
  const groups = new Map<PersonaId, Scenario[]>();
  for (const scenario of scenarios) groups.set(scenario.persona, [...(groups.get(scenario.persona) ?? []), scenario]);
  if (first !== 'saml' && first !== 'oidc') return groups;
  const protocolOf = (persona: PersonaId): Protocol => (persona.endsWith('-saml') ? 'saml' : 'oidc');
  return new Map([...groups].sort(([a], [b]) => Number(protocolOf(b) === first) - Number(protocolOf(a) === first)));
}
