// The portal's own tests start it like the suites do (driverEmbedded), quietly.
import { startEmbeddedPortal, type EmbeddedPortal, type EmbeddedPortalOptions } from '../driverEmbedded.ts';

export function startTestPortal(options: EmbeddedPortalOptions = {}): Promise<EmbeddedPortal> {
  return startEmbeddedPortal({ log: () => undefined, ...options });
}

/** The usual test account: one admin and one user with passwords. */
export const STANDARD_ACCOUNT = {
  name: 'Contoso',
  ssoDomains: ['contoso.example'],
  seats: [
    { name: 'Ada Admin', email: 'ada@contoso.example', role: 'admin', password: 'admin-password-1' },
    { name: 'Uma User', email: 'uma@contoso.example', role: 'user', password: 'user-password-1' },
  ],
} as const;
