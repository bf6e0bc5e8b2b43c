// Read-only view of the fault catalog (mock-idps/faults/catalog.ts) for support output: the
// customer symptom and the per-vendor fix are stated there once and quoted here.
import { getFault, isFaultId } from '../../mock-idps/index.ts';
import type { FaultDefinition, Vendor } from '../../mock-idps/index.ts';

/** The catalog entry a finding names; undefined when the id (read from an artefact or a report) is not a catalog id. */
export function catalogFault(id: string): FaultDefinition | undefined {
  return isFaultId(id) ? getFault(id) : undefined;
}

/** The fix in the vendor's console when the catalog has one for it, else the generic fix. */
export function fixFor(fault: FaultDefinition, vendor: Vendor | undefined): string {
  return (vendor !== undefined ? fault.fix[vendor] : undefined) ?? fault.fix.default;
}
