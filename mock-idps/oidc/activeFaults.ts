// The OIDC faults a tenant has switched on for this persona, filtered by the seam asking.
// `take` consumes one-shot faults (use once, like msw's `{ once: true }`); `peek` does not.
import type { FaultId } from '../faults/catalog.ts';
import { OIDC_FAULTS_BY_ID } from '../faults/oidc.ts';
import type { ActiveFault, TenantState } from '../tenants.ts';
import type { OidcPersona, PersonaId } from '../types.ts';
import type { OidcFault, OidcSeam } from './effects.ts';

export interface ResolvedFault {
  readonly active: ActiveFault;
  readonly fault: OidcFault;
}

export class PersonaFaults {
  readonly #tenant: TenantState;
  readonly #persona: OidcPersona;

  constructor(tenant: TenantState, persona: OidcPersona) {
    this.#tenant = tenant;
    this.#persona = persona;
  }

  #appliesTo(seams: readonly OidcSeam[]): (faultId: FaultId, persona: PersonaId) => boolean {
    return (faultId, persona) => {
      const fault = OIDC_FAULTS_BY_ID.get(faultId);
      return fault !== undefined && fault.personas.includes(persona) && seams.includes(fault.effect.seam);
    };
  }

  #resolve(active: readonly ActiveFault[]): ResolvedFault[] {
    return active.flatMap((entry) => {
      const fault = OIDC_FAULTS_BY_ID.get(entry.id);
      return fault ? [{ active: entry, fault }] : [];
    });
  }

  peek(...seams: OidcSeam[]): ResolvedFault[] {
    return this.#resolve(this.#tenant.peekFaults(this.#persona.id, this.#appliesTo(seams)));
  }

  take(...seams: OidcSeam[]): ResolvedFault[] {
    return this.#resolve(this.#tenant.takeFaults(this.#persona.id, this.#appliesTo(seams)));
  }

  /** Take only the faults of this seam that `predicate` picks (one seam, several effects). */
  takeWhere(seam: OidcSeam, predicate: (fault: OidcFault) => boolean): ResolvedFault[] {
    const picks = (faultId: FaultId, persona: PersonaId): boolean => {
      const fault = OIDC_FAULTS_BY_ID.get(faultId);
      return fault !== undefined && this.#appliesTo([seam])(faultId, persona) && predicate(fault);
    };
    return this.#resolve(this.#tenant.takeFaults(this.#persona.id, picks));
  }

  has(seam: OidcSeam, predicate: (fault: OidcFault) => boolean = () => true): boolean {
    return this.peek(seam).some(({ fault }) => predicate(fault));
  }
}
