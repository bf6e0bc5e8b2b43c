// All personas, keyed by id; the single place that lists them (CLI, server, suites read it).
import type { LoginFlow, LoginForm, OidcPersona, Persona, PersonaId, SamlPersona, Vendor, VendorFacts } from '../types.ts';
import * as auth0 from './auth0.ts';
import * as entra from './entra.ts';
import * as google from './google.ts';
import * as okta from './okta.ts';

/** A persona file: the vendor's facts and its persona per protocol, each required. */
export interface VendorPersonas {
  readonly facts: VendorFacts;
  readonly saml: SamlPersona;
  readonly oidc: OidcPersona;
}

/** The one list of vendors: its keys are the Vendor type (types.ts), each row a persona file. */
export const VENDOR_PERSONAS = { entra, okta, google, auth0 } as const satisfies Readonly<Record<string, VendorPersonas>>;

// Read off the rows (not imported from ../types.ts, which re-exports these: no load-order cycle).
export const VENDORS: readonly Vendor[] = Object.values(VENDOR_PERSONAS).map((v) => v.saml.vendor);
export const PERSONA_IDS: readonly PersonaId[] = Object.values(VENDOR_PERSONAS).flatMap((v) => [v.saml.id, v.oidc.id]);

export const PERSONAS: Readonly<Record<PersonaId, Persona>> = Object.fromEntries(
  Object.values(VENDOR_PERSONAS).flatMap((v) => [
    [v.saml.id, v.saml],
    [v.oidc.id, v.oidc],
  ]),
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

/** One value per vendor, in registry order: the shape of every per-vendor table outside the persona files. */
export function perVendor<T>(value: (vendor: Vendor) => T): Readonly<Record<Vendor, T>> {
  // Filled from VENDORS, the registry's own keys, so every Vendor is present.
  return Object.fromEntries(VENDORS.map((vendor) => [vendor, value(vendor)])) as Record<Vendor, T>;
}

/** The vendor's ID tokens carry `hd`, the Workspace domain (Google): only such tokens can be held to one. */
export function issuesHostedDomain(persona: OidcPersona): boolean {
  return persona.idToken.claims.some((claim) => claim.from === 'hostedDomain');
}

export function vendorFacts(vendor: Vendor): VendorFacts {
  return VENDOR_PERSONAS[vendor].facts;
}

/**
 * The sign-in form of a login flow: the texts of the vendor whose personas follow it. Flows are
 * the suites' and pages' key (they branch on the steps); the texts live in the persona files.
 */
export function loginForm(flow: LoginFlow): LoginForm {
  const row = Object.values(VENDOR_PERSONAS).find((v) => v.saml.loginFlow === flow || v.oidc.loginFlow === flow);
  if (row === undefined) throw new Error(`No persona follows the login flow "${flow}".`);
  return row.facts.signIn;
}
