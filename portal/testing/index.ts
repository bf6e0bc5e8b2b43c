// portal/'s testing entry: what other folders' tests and scripts use besides portal/index.ts (the vendor preset rows, for cross-checks).
export { NAMED_PRESET_IDS, VENDOR_PRESETS, type NamedVendorPreset, type SamlFixKey } from '../sso/presets.ts';
