// A fault's fix in each vendor console's words, read by key from the persona files (consoleFixes),
// so a new vendor brings its own steps or fails to compile; the vendor-neutral `default` is the
// fault's. Also the "every persona of a protocol" lists the catalog uses, read off the registry.
import { OIDC_PERSONAS, perVendor, SAML_PERSONAS, VENDOR_PERSONAS } from '../personas/index.ts';
import type { OidcConsoleFix, OidcVendorFix, PersonaId, SamlConsoleFix, SamlVendorFix, Vendor } from '../types.ts';

export type ConsoleFix = { readonly default: string } & Readonly<Record<Vendor, string>>;

export function samlConsoleFix(key: SamlConsoleFix, defaultFix: string): ConsoleFix {
  return { default: defaultFix, ...perVendor((vendor) => VENDOR_PERSONAS[vendor].saml.consoleFixes[key]) };
}

export function oidcConsoleFix(key: OidcConsoleFix, defaultFix: string): ConsoleFix {
  return { default: defaultFix, ...perVendor((vendor) => VENDOR_PERSONAS[vendor].oidc.consoleFixes[key]) };
}

/** The steps of the vendors that state `key` (the fault's other vendors get its default), in registry order. */
export function samlVendorFixes(key: SamlVendorFix): Readonly<Partial<Record<Vendor, string>>> {
  return Object.fromEntries(
    SAML_PERSONAS.flatMap((persona) => {
      const steps = persona.consoleFixes[key];
      return steps === undefined ? [] : [[persona.vendor, steps]];
    }),
  );
}

export function oidcVendorFixes(key: OidcVendorFix): Readonly<Partial<Record<Vendor, string>>> {
  return Object.fromEntries(
    OIDC_PERSONAS.flatMap((persona) => {
      const steps = persona.consoleFixes[key];
      return steps === undefined ? [] : [[persona.vendor, steps]];
    }),
  );
}

/** The SAML personas whose vendor states steps for `key`: a vendor-specific fault applies to those. */
export function samlPersonasStating(key: SamlVendorFix): readonly PersonaId[] {
  return SAML_PERSONAS.filter((persona) => persona.consoleFixes[key] !== undefined).map((persona) => persona.id);
}

export function oidcPersonasStating(key: OidcVendorFix): readonly PersonaId[] {
  return OIDC_PERSONAS.filter((persona) => persona.consoleFixes[key] !== undefined).map((persona) => persona.id);
}

/** Every SAML persona, in registry order. */
export const ALL_SAML: readonly PersonaId[] = SAML_PERSONAS.map((persona) => persona.id);
/** Every OIDC persona, in registry order. */
export const ALL_OIDC: readonly PersonaId[] = OIDC_PERSONAS.map((persona) => persona.id);
