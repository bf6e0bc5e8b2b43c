// What the SP side needs to know about each vendor preset, read off its row in presets.ts: its
// display name and where the email usually is. The IdP personas in mock-idps/ are the other side
// and are not imported.
import type { VendorPreset } from './contract.ts';
import { PRESET_IDS, PRESETS } from './presets.ts';

export { isVendorPreset } from './presets.ts';

function perPreset<T>(value: (preset: VendorPreset) => T): Readonly<Record<VendorPreset, T>> {
  // Filled from PRESET_IDS, the presets' own keys, so every preset is present.
  return Object.fromEntries(PRESET_IDS.map((preset) => [preset, value(preset)])) as Record<VendorPreset, T>;
}

export const VENDOR_NAMES: Readonly<Record<VendorPreset, string>> = perPreset((preset) => PRESETS[preset].name);

/** SAML attributes that usually carry the email, tried in order when no attribute is configured and the NameID is not an email. */
export const SAML_EMAIL_ATTRIBUTES: Readonly<Record<VendorPreset, readonly string[]>> = perPreset(
  (preset) => PRESETS[preset].samlEmailAttributes,
);

/** The OIDC claim that carries the email when the admin leaves "email claim" empty. */
export const DEFAULT_OIDC_EMAIL_CLAIM = 'email';
