// mock-idps/'s door: the personas (vendor facts), the fault catalog, the control API client, the IdP server (started on call) and offline
// minting (loaded on call).
import type * as oidcMint from './oidc/mint.ts';
import type * as samlMint from './saml/mint.ts';

export { IdpControlClient, TEST_USER_PASSWORD, type OidcPersonaId, type PublicUser, type SamlPersonaId } from './control/client.ts';
export {
  FAULT_CATALOG,
  appliesTo,
  catalogAsData,
  getFault,
  getOidcFault,
  getSamlFault,
  isFaultId,
  type CatalogFault,
  type FaultId,
  type SamlFaultId,
} from './faults/catalog.ts';
export {
  LOCKOUT_CAUSES,
  defaultPersonaFor,
  type LockoutCause,
  type LockoutCauseId,
  type LockoutContext,
  type LockoutState,
  type Symptom,
} from './faults/lockoutCauses.ts';
export type { SpExpectations } from './faults/samlTypes.ts';
export type { SeatFault } from './faults/seats.ts';
export { BOUNDARY_CLOCK_SKEW_SECONDS } from './faults/timeBoundaries.ts';
export { MintError } from './mintError.ts';
export type { OidcFault } from './oidc/effects.ts';
export { isTenantJwksChange, type TenantJwksChange } from './oidc/jwksChanges.ts';
export type { XswVariant } from './saml/mutators.ts';
export {
  OIDC_PERSONAS,
  PERSONAS,
  SAML_PERSONAS,
  VENDORS,
  VENDOR_PERSONAS,
  getOidcPersona,
  getSamlPersona,
  isPersonaId,
  issuesHostedDomain,
  loginForm,
  perVendor,
  vendorFacts,
} from './personas/index.ts';
// server.ts loads next to nothing until startIdpServer() is called (it imports the servers then).
export { DEMO_TENANT_KEY, startIdpServer, type IdpServer } from './server.ts';
export { PERSONA_IDS, PROTOCOLS } from './types.ts';
export type {
  ExpectedOutcome,
  FaultCategory,
  FaultDefinition,
  LoginFlow,
  OidcPersona,
  Persona,
  PersonaId,
  Protocol,
  SamlPersona,
  Vendor,
  VendorError,
} from './types.ts';
export { allPersonaUrls, type OidcPersonaUrls, type SamlPersonaUrls } from './urls.ts';

/** A SAMLResponse as the persona would send it, made offline (the SAML engine and its XML libraries load on the first call). */
export function mintSamlResponse(...args: Parameters<typeof samlMint.mintSamlResponse>): ReturnType<typeof samlMint.mintSamlResponse> {
  return import('./saml/mint.ts').then((module) => module.mintSamlResponse(...args));
}

/** An ID token as the persona would send it, made offline (the OIDC engine and jose load on the first call). */
export function mintIdToken(...args: Parameters<typeof oidcMint.mintIdToken>): ReturnType<typeof oidcMint.mintIdToken> {
  return import('./oidc/mint.ts').then((module) => module.mintIdToken(...args));
}
