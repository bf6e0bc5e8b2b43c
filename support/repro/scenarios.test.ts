import { describe, expect, it } from 'vitest';
import { getFault, getSamlFault, LOCKOUT_CAUSES, PERSONAS, VENDORS, PROTOCOLS } from '../../mock-idps/index.ts';
import {
  expectedSymptom,
  findScenario,
  fixTitleOf,
  personasFor,
  REPRO_SCENARIOS,
  UnknownScenarioError,
  type ReproChange,
  type SpSettingsPatch,
} from './scenarios.ts';

describe('repro scenarios (data)', () => {
  it("has one scenario per lockout cause of the lifecycle, breaking and fixing it the lifecycle's way", () => {
    const lockouts = REPRO_SCENARIOS.filter((scenario) => scenario.kind === 'lockout');
    expect(lockouts.map((scenario) => scenario.id).sort()).toEqual(Object.keys(LOCKOUT_CAUSES).sort());
    for (const scenario of lockouts) {
      const cause = LOCKOUT_CAUSES[scenario.id as keyof typeof LOCKOUT_CAUSES];
      expect(scenario.breaks).toEqual([{ at: 'idp', lockout: cause.id }]);
      expect(scenario.fixes).toEqual([{ at: 'fix', lockout: cause.id }]);
      expect(scenario.faults).toEqual([cause.fault]);
      expect(PERSONAS[scenario.persona].protocol).toBe(cause.protocol);
    }
  });

  it('covers every vendor and protocol with misconfigurations of its own', () => {
    const covered = new Set(REPRO_SCENARIOS.filter((scenario) => scenario.kind === 'misconfiguration').map((scenario) => scenario.persona));
    for (const vendor of VENDORS)
      for (const protocol of PROTOCOLS) expect(covered, `${vendor}-${protocol}`).toContain(`${vendor}-${protocol}`);
  });

  it('has unique, lower-case kebab ids (they name the evidence folder)', () => {
    const ids = REPRO_SCENARIOS.map((scenario) => scenario.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(REPRO_SCENARIOS.map((scenario) => [scenario.id, scenario] as const))(
    '%s: names catalog faults that apply to its persona, and predicts a failure for every persona it allows',
    (_id, scenario) => {
      expect(scenario.faults.length).toBeGreaterThan(0);
      for (const fault of scenario.faults) expect(getFault(fault), fault).toBeDefined();
      const personas = personasFor(scenario);
      expect(personas).toContain(scenario.persona);
      for (const persona of personas) expect(expectedSymptom(scenario, PERSONAS[persona]), persona).toBeDefined();
      const faultChanges = [...scenario.breaks, ...scenario.fixes].filter(
        (change): change is Extract<ReproChange, { fault: string }> => 'fault' in change,
      );
      for (const change of faultChanges) expect(getFault(change.fault), change.fault).toBeDefined();
    },
  );

  it.each(REPRO_SCENARIOS.flatMap((scenario) => scenario.faults.map((fault) => [scenario.id, fault, scenario] as const)))(
    "%s: the SP settings the catalog assumes for %s are the broken state's",
    (_id, fault, scenario) => {
      const assumed = getSamlFault(fault)?.sp ?? {};
      const broken = scenario.breaks.reduce<SpSettingsPatch>(
        (settings, change) => (change.at === 'sp' && 'settings' in change ? { ...settings, ...change.settings } : settings),
        {},
      );
      const preset = PERSONAS[scenario.persona];
      const presetFor = (key: keyof typeof assumed): boolean | undefined => {
        if (preset.protocol !== 'saml') return undefined;
        if (key === 'requireSignedResponse') return ['response', 'both'].includes(preset.signing.scope);
        if (key === 'requireSignedAssertion') return ['assertion', 'both'].includes(preset.signing.scope);
        return false;
      };
      // The repro scenarios change signing and IdP-initiated settings; SSO turned off is no setting they patch.
      for (const key of Object.keys(assumed).filter((name): name is keyof SpSettingsPatch & keyof typeof assumed => name !== 'ssoOff')) {
        expect(broken[key] ?? presetFor(key), `${key} in the broken state`).toBe(assumed[key]);
      }
    },
  );

  it.each([
    ['acs-url-changed', 'entra-saml', { at: 'idp', code: 'AADSTS50011' }],
    ['acs-url-changed', 'okta-saml', { at: 'idp', code: 'invalid_acs' }],
    ['sp-entity-id-changed', 'google-saml', { at: 'idp', code: 'app_not_configured_for_user' }],
    ['sp-entity-id-changed', 'okta-saml', { at: 'portal', reason: 'saml-audience-mismatch' }],
    ['signing-certificate-rotated', 'google-saml', { at: 'portal', reason: 'saml-cert-untrusted' }],
    ['entra-saml-user-not-assigned', 'entra-saml', { at: 'idp', code: 'AADSTS50105' }],
    ['google-oidc-redirect-uri-mismatch', 'google-oidc', { at: 'idp', code: 'redirect_uri_mismatch' }],
    ['okta-oidc-org-vs-custom-issuer', 'okta-oidc', { at: 'portal', reason: 'oidc-issuer-mismatch' }],
    ['auth0-saml-sha1-legacy-tenant', 'auth0-saml', { at: 'portal', reason: 'saml-weak-algorithm' }],
  ] as const)('%s with %s: the customer sees %j', (id, persona, symptom) => {
    expect(expectedSymptom(findScenario(id), PERSONAS[persona])).toEqual(symptom);
  });

  it("quotes the catalog's fix in the vendor's console unless the scenario says its own", () => {
    expect(fixTitleOf(findScenario('okta-oidc-org-vs-custom-issuer'), PERSONAS['okta-oidc'])).toBe(
      getFault('oidc.issuer-okta-org-server')?.fix.okta,
    );
    expect(fixTitleOf(findScenario('redirect-uri-changed'), PERSONAS['okta-oidc'])).toBe(LOCKOUT_CAUSES['redirect-uri-changed'].fixTitle);
  });

  it('lets lockouts and cross-vendor cases run with any persona of their protocol, a vendor case only with its vendor', () => {
    expect(personasFor(findScenario('acs-url-changed'))).toEqual(['entra-saml', 'okta-saml', 'google-saml', 'auth0-saml']);
    expect(personasFor(findScenario('okta-oidc-org-vs-custom-issuer'))).toEqual(['okta-oidc']);
    expect(personasFor(findScenario('entra-saml-user-not-assigned'))).toEqual(['entra-saml']);
    expect(personasFor(findScenario('saml-idp-clock-ahead'))).toEqual(['entra-saml', 'okta-saml', 'google-saml', 'auth0-saml']);
  });

  it('refuses an unknown scenario, suggesting near names', () => {
    expect(() => findScenario('cert-rotated')).toThrow(UnknownScenarioError);
    expect(() => findScenario('redirect-uri')).toThrow(/Did you mean: .*redirect-uri-changed.*`sso-harness repro --list`/);
  });
});
