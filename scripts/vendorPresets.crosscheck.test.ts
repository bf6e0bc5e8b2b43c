// The two homes of vendor facts agree: the mock IdPs' persona files (mock-idps/personas) and the
// reference portal's preset rows (portal/sso/presets.ts). The portal may not import the mock IdPs
// (they meet only over HTTP), so it keeps its own row per vendor; this test, outside both, is what
// keeps a vendor's row and its persona file from drifting apart.
import { describe, expect, it } from 'vitest';
import { VENDOR_PERSONAS, VENDORS } from '../mock-idps/index.ts';
import { NAMED_PRESET_IDS, VENDOR_PRESETS, type NamedVendorPreset, type SamlFixKey } from '../portal/testing/index.ts';

const SAML_FIX_KEYS: readonly SamlFixKey[] = ['acsUrl', 'spEntityId', 'issuer', 'certificate', 'signingScope'];

/** The persona row of a preset, by id (the two lists are checked equal first). */
function personasOf(preset: NamedVendorPreset) {
  const vendor = VENDORS.find((v) => v === preset);
  if (vendor === undefined) throw new Error(`No persona file for the portal preset "${preset}".`);
  return VENDOR_PERSONAS[vendor];
}

describe('portal presets and IdP personas', () => {
  it('name the same vendors, in the same order', () => {
    expect([...NAMED_PRESET_IDS]).toEqual([...VENDORS]);
  });

  it.each(NAMED_PRESET_IDS.map((preset) => [preset] as const))('%s: same product name, same protocols', (preset) => {
    const row = personasOf(preset);
    expect(VENDOR_PRESETS[preset].name).toBe(row.facts.productName);
    expect([...VENDOR_PRESETS[preset].protocols]).toEqual([row.saml.protocol, row.oidc.protocol]);
  });

  it.each(NAMED_PRESET_IDS.map((preset) => [preset] as const))("%s: the Test SSO result's console fixes are the persona's", (preset) => {
    const { saml } = personasOf(preset);
    for (const key of SAML_FIX_KEYS) expect(VENDOR_PRESETS[preset].samlFixes[key], key).toBe(saml.consoleFixes[key]);
  });

  it.each(NAMED_PRESET_IDS.map((preset) => [preset] as const))(
    '%s: the portal shows the SP values under the console field names the persona states',
    (preset) => {
      const { saml, oidc } = personasOf(preset);
      const labels = (protocol: 'saml' | 'oidc'): string[] => VENDOR_PRESETS[preset].links[protocol].map((link) => link.label);
      expect(labels('saml')).toEqual(expect.arrayContaining([saml.consoleFields.entityId, saml.consoleFields.acsUrl]));
      expect(labels('oidc')).toContain(oidc.consoleFields.redirectUri);
    },
  );
});
