// The one declarative fault catalog: SAML (faults/saml.ts), OIDC (faults/oidc.ts) and seat
// faults (faults/seats.ts). Suites, CLI and reports read it; they never restate it.
import type { OidcFault } from '../oidc/effects.ts';
import type { FaultDefinition, PersonaId, Protocol } from '../types.ts';
import { oidcFaults } from './oidc.ts';
import { samlFaults } from './saml.ts';
import type { SamlFault } from './samlTypes.ts';
import { seatFaults, type SeatFault } from './seats.ts';

export type CatalogFault = SamlFault | OidcFault | SeatFault;

export const FAULT_CATALOG: readonly CatalogFault[] = [...samlFaults, ...oidcFaults, ...seatFaults];

const BY_ID: ReadonlyMap<string, CatalogFault> = new Map(FAULT_CATALOG.map((fault) => [fault.id, fault]));

export function getFault(id: string): CatalogFault | undefined {
  return BY_ID.get(id);
}

export function getSamlFault(id: string): SamlFault | undefined {
  const fault = BY_ID.get(id);
  return fault?.protocol === 'saml' ? fault : undefined;
}

export function faultIds(protocol?: Protocol | 'seat'): string[] {
  return FAULT_CATALOG.filter((fault) => !protocol || fault.protocol === protocol).map((fault) => fault.id);
}

/** Can this fault be switched on at the IdP for this persona? (Seat faults live on the portal side.) */
export function appliesTo(faultId: string, persona: PersonaId): boolean {
  const fault = BY_ID.get(faultId);
  return fault !== undefined && fault.protocol !== 'seat' && fault.personas.includes(persona);
}

/** The catalog as plain data (for `faults --json` and the control API): SAML effects are code, so they are left out. */
export function catalogAsData(faults: readonly CatalogFault[] = FAULT_CATALOG): FaultDefinition[] {
  return faults.map((fault) => {
    if (fault.protocol !== 'saml') return fault;
    const { effect: _effect, ...data } = fault;
    return data;
  });
}
