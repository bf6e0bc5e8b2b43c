// Read-only view of the fault catalog (mock-idps/faults/catalog.ts) for support output: the
// customer symptom and the per-vendor fix are stated there once and quoted here.
import { getFault } from '../../mock-idps/faults/catalog.ts';
import type { FaultDefinition, Vendor } from '../../mock-idps/types.ts';

export function catalogFault(id: string): FaultDefinition | undefined {
  return getFault(id);
}

/** The fix in the vendor's console when the catalog has one for it, else the generic fix. */
export function fixFor(fault: FaultDefinition, vendor: Vendor | undefined): string {
  return (vendor !== undefined ? fault.fix[vendor] : undefined) ?? fault.fix.default;
}
