// The paths a SAML persona owns under its tenant, from the persona's path templates.
import { fillTemplate } from '../tenantIds.ts';
import type { SamlPersona, TenantIds } from '../types.ts';

export type SamlRoute = 'metadata' | 'sso' | 'login' | 'idp-initiated';

export interface SamlPaths {
  readonly metadata: string;
  readonly sso: string;
  /** The vendor login page (form posts back to it). */
  readonly login: string;
  readonly idpInitiated: string;
}

export function samlPaths(persona: SamlPersona, ids: TenantIds): SamlPaths {
  const sso = fillTemplate(persona.ssoPathTemplate, ids);
  return {
    metadata: fillTemplate(persona.metadataPathTemplate, ids),
    sso,
    login: `${sso}/login`,
    idpInitiated: fillTemplate(persona.idpInitiatedPathTemplate, ids),
  };
}

/** Which SAML route `path` is, or undefined when the SAML persona does not own it. */
export function samlRouteOf(paths: SamlPaths, path: string): SamlRoute | undefined {
  if (path === paths.metadata) return 'metadata';
  if (path === paths.login) return 'login';
  // Auth0: the SSO URL doubles as the IdP-initiated URL; the engine tells them apart by SAMLRequest.
  if (path === paths.sso) return 'sso';
  if (path === paths.idpInitiated) return 'idp-initiated';
  return undefined;
}
