// The Test SSO result's "What to change", in the vendor console's words: which refusal reasons
// have a console fix, and that fix from the vendor's preset row (presets.ts samlFixes; the mock
// IdPs' personas carry the same steps, cross-checked in scripts/vendorPresets.crosscheck.test.ts).
import type { ReasonCode } from '../../lib/index.ts';
import { isNamedVendorPreset, VENDOR_PRESETS, type SamlFixKey } from './presets.ts';

/** The refusal reasons with a fix in each vendor console (SAML ones; the others have one fix for every vendor). */
export const REASON_FIX_KEYS: Readonly<Partial<Record<ReasonCode, SamlFixKey>>> = {
  'saml-destination-mismatch': 'acsUrl',
  'saml-recipient-mismatch': 'acsUrl',
  'saml-audience-mismatch': 'spEntityId',
  'saml-issuer-mismatch': 'issuer',
  'saml-cert-untrusted': 'certificate',
  'saml-signature-missing': 'signingScope',
};

/** The fix for `reason` in the console of `vendor`, or undefined (then the reason's generic fix applies). */
export function vendorFixFor(reason: ReasonCode, vendor: string | undefined): string | undefined {
  const key = REASON_FIX_KEYS[reason];
  return key !== undefined && isNamedVendorPreset(vendor) ? VENDOR_PRESETS[vendor].samlFixes[key] : undefined;
}
