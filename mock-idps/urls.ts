// The URLs and identifiers a tenant's personas publish: what the customer's admin would copy
// from the vendor console into the SP. One function, used by the control API, the CLI and tests.
import { OIDC_PERSONAS, PERSONAS, SAML_PERSONAS } from './personas/index.ts';
import { fillTemplate } from './tenantIds.ts';
import type { OidcPersona, PersonaId, SamlPersona, TenantIds } from './types.ts';

export interface SamlPersonaUrls {
  readonly protocol: 'saml';
  readonly entityId: string;
  readonly metadataUrl: string;
  readonly ssoUrl: string;
  readonly idpInitiatedUrl: string;
}

export interface OidcPersonaUrls {
  readonly protocol: 'oidc';
  readonly issuer: string;
  readonly discoveryUrl: string;
}

export type PersonaUrls = SamlPersonaUrls | OidcPersonaUrls;

export function samlUrls(persona: SamlPersona, ids: TenantIds, origin: string): SamlPersonaUrls {
  return {
    protocol: 'saml',
    entityId: fillTemplate(persona.entityIdTemplate, ids, origin),
    metadataUrl: origin + fillTemplate(persona.metadataPathTemplate, ids),
    ssoUrl: origin + fillTemplate(persona.ssoPathTemplate, ids),
    idpInitiatedUrl: origin + fillTemplate(persona.idpInitiatedPathTemplate, ids),
  };
}

export function oidcUrls(persona: OidcPersona, ids: TenantIds, origin: string): OidcPersonaUrls {
  const issuer = origin + fillTemplate(persona.issuerPathTemplate, ids);
  // OIDC Discovery §4: the well-known path is appended to the issuer without its trailing slash.
  return { protocol: 'oidc', issuer, discoveryUrl: `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration` };
}

export function personaUrls(id: PersonaId, ids: TenantIds, origin: string): PersonaUrls {
  const persona = PERSONAS[id];
  return persona.protocol === 'saml' ? samlUrls(persona, ids, origin) : oidcUrls(persona, ids, origin);
}

export function allPersonaUrls(ids: TenantIds, origin: string, only?: readonly PersonaId[]): Partial<Record<PersonaId, PersonaUrls>> {
  const wanted = (persona: { id: PersonaId }): boolean => !only || only.includes(persona.id);
  const urls: Partial<Record<PersonaId, PersonaUrls>> = {};
  for (const p of SAML_PERSONAS.filter(wanted)) urls[p.id] = samlUrls(p, ids, origin);
  for (const p of OIDC_PERSONAS.filter(wanted)) urls[p.id] = oidcUrls(p, ids, origin);
  return urls;
}
