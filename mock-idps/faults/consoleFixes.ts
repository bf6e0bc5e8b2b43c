// A fault's fix in each vendor console's words, read by key from the persona files (consoleFixes),
// so a new vendor brings its own steps or fails to compile; the vendor-neutral `default` is the
// fault's. Also the "every persona of a protocol" lists the catalog uses, read off the registry.
import { OIDC_PERSONAS, perVendor, SAML_PERSONAS, VENDOR_PERSONAS } from '../personas/index.ts';
import type { OidcConsoleFix, PersonaId, SamlConsoleFix, Vendor } from '../types.ts';

export type ConsoleFix = { readonly default: string } & Readonly<Record<Vendor, string>>;

export function samlConsoleFix(key: SamlConsoleFix, defaultFix: string): ConsoleFix {
  return { default: defaultFix, ...perVendor((vendor) => VENDOR_PERSONAS[vendor].saml.consoleFixes[key]) };
}

export function oidcConsoleFix(key: OidcConsoleFix, defaultFix: string): ConsoleFix {
  return { default: defaultFix, ...perVendor((vendor) => VENDOR_PERSONAS[vendor].oidc.consoleFixes[key]) };
}

/** Every SAML persona, in registry order. */
export const ALL_SAML: readonly PersonaId[] = SAML_PERSONAS.map((persona) => persona.id);
/** Every OIDC persona, in registry order. */
export const ALL_OIDC: readonly PersonaId[] = OIDC_PERSONAS.map((persona) => persona.id);
