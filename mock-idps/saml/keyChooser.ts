// Which key signs and which certificate encrypts, for one tenant and persona.
import { expiredCopy, sharedKey } from '../keys.ts';
import type { TenantState } from '../tenants.ts';
import type { PersonaId } from '../types.ts';
import type { KeyChooser } from './issue.ts';

export function keyChooserFor(tenant: TenantState, persona: PersonaId): KeyChooser {
  const current = tenant.signingKeys(persona).current;
  return {
    current,
    attacker: () => sharedKey('attacker'),
    choose(choice) {
      switch (choice) {
        case 'rotated':
          return tenant.nextSigningKey(persona);
        case 'other-app':
          return sharedKey('other-app');
        case 'attacker':
          return sharedKey('attacker');
        // Same key, certificate past NotAfter: the signature still verifies with the SP's copy.
        case 'expired':
          return current.notAfter.getTime() < tenant.now().getTime() ? current : expiredCopy(current, tenant.now());
      }
    },
    encryptionCertificate(choice) {
      const registered = tenant.samlApp(persona)?.encryptionCertificate;
      return choice === 'sp-certificate' && registered ? registered : sharedKey('other-app').certificatePem;
    },
  };
}
