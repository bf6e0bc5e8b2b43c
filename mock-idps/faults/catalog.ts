// The one declarative fault catalog: SAML (faults/saml.ts), OIDC (faults/oidc.ts) and seat
// faults (faults/seats.ts). Suites, CLI and reports read it; they never restate it.
// Its ids are types as well as values: FaultId is the exact union of them, so a misspelt id at a
// call site is a compile error; a string from outside (CLI flag, JSON file, HTTP body) becomes one
// only through isFaultId.
import type { OidcFault } from '../oidc/effects.ts';
import type { FaultDefinition, PersonaId, Protocol } from '../types.ts';
import { oidcFaults, type OidcFaultId } from './oidc.ts';
import { samlFaults, type SamlFaultId } from './saml.ts';
import type { SamlFault } from './samlTypes.ts';
import { seatFaults, type SeatFault, type SeatFaultId } from './seats.ts';

export type { OidcFaultId, SamlFaultId, SeatFaultId };
/** Every fault id of the catalog, exactly (near misses, time boundaries and the other generated families included). */
export type FaultId = SamlFaultId | OidcFaultId | SeatFaultId;

export type CatalogFault = SamlFault<SamlFaultId> | OidcFault<OidcFaultId> | SeatFault<SeatFaultId>;
/** The entry of an id: a SAML id gives a SamlFault, an OIDC id an OidcFault, a seat id a SeatFault, a mix any CatalogFault. */
export type FaultOf<Id extends FaultId> = [Id] extends [SamlFaultId]
  ? SamlFault<Id>
  : [Id] extends [OidcFaultId]
    ? OidcFault<Id>
    : [Id] extends [SeatFaultId]
      ? SeatFault<Id>
      : CatalogFault;

export const FAULT_CATALOG: readonly CatalogFault[] = [...samlFaults, ...oidcFaults, ...seatFaults];

const BY_ID: ReadonlyMap<string, CatalogFault> = new Map(FAULT_CATALOG.map((fault) => [fault.id, fault]));

/** The one way a string from outside becomes a FaultId: it names a catalog entry. */
export function isFaultId(value: unknown): value is FaultId {
  return typeof value === 'string' && BY_ID.has(value);
}

/** The catalog entry of an id (always there: FaultId names only catalog entries). */
export function getFault<Id extends FaultId>(id: Id): FaultOf<Id> {
  const fault = BY_ID.get(id);
  if (fault === undefined) throw new Error(`${id} is not in the fault catalog.`);
  return fault as FaultOf<Id>;
}

export function getSamlFault(id: FaultId): SamlFault<SamlFaultId> | undefined {
  const fault = getFault(id);
  return fault.protocol === 'saml' ? fault : undefined;
}

/** The OIDC entry of a catalog id (undefined for a SAML or seat id). */
export function getOidcFault(id: FaultId): OidcFault<OidcFaultId> | undefined {
  const fault = getFault(id);
  return fault.protocol === 'oidc' ? fault : undefined;
}

export function faultIds(protocol?: Protocol | 'seat'): FaultId[] {
  return FAULT_CATALOG.filter((fault) => !protocol || fault.protocol === protocol).map((fault) => fault.id);
}

/** Can this fault be switched on at the IdP for this persona? (Seat faults live on the portal side.) */
export function appliesTo(faultId: FaultId, persona: PersonaId): boolean {
  const fault = getFault(faultId);
  return fault.protocol !== 'seat' && fault.personas.includes(persona);
}

/** The catalog as plain data (for `faults --json` and the control API): SAML effects are code, so they are left out. */
export function catalogAsData(faults: readonly CatalogFault[] = FAULT_CATALOG): FaultDefinition<FaultId>[] {
  return faults.map((fault) => {
    if (fault.protocol !== 'saml') return fault;
    const { effect: _effect, ...data } = fault;
    return data;
  });
}
