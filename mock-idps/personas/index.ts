// All personas, keyed by id; the single place that lists them (CLI, server, suites read it).
import type { OidcPersona, Persona, PersonaId, SamlPersona, Vendor } from '../types.ts';
import { PERSONA_IDS } from '../types.ts';
import * as auth0 from './auth0.ts';
import * as entra from './entra.ts';
import * as google from './google.ts';
import * as okta from './okta.ts';

export const VENDOR_PERSONAS: Readonly<Record<Vendor, { readonly saml: SamlPersona; readonly oidc: OidcPersona }>> = { entra, okta, google, auth0 };

export const PERSONAS: Readonly<Record<PersonaId, Persona>> = Object.fromEntries(
  Object.values(VENDOR_PERSONAS).flatMap((v) => [[v.saml.id, v.saml], [v.oidc.id, v.oidc]]),
) as Record<PersonaId, Persona>;

export const SAML_PERSONAS: readonly SamlPersona[] = Object.values(VENDOR_PERSONAS).map((v) => v.saml);
export const OIDC_PERSONAS: readonly OidcPersona[] = Object.values(VENDOR_PERSONAS).map((v) => v.oidc);

export function isPersonaId(value: string): value is PersonaId {
  return (PERSONA_IDS as readonly string[]).includes(value);
}

export function getPersona(id: PersonaId): Persona {
  return PERSONAS[id];
}

export function getSamlPersona(id: PersonaId): SamlPersona | undefined {
  const persona = PERSONAS[id];
  return persona.protocol === 'saml' ? persona : undefined;
}

export function getOidcPersona(id: PersonaId): OidcPersona | undefined {
  const persona = PERSONAS[id];
  return persona.protocol === 'oidc' ? persona : undefined;
}
