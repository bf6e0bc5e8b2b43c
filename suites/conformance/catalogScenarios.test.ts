import { describe, expect, it } from 'vitest';
import { isReasonCode } from '../../lib/index.ts';
import { FAULT_CATALOG, getFault, isFaultId, type CatalogFault, type FaultId } from '../../mock-idps/index.ts';
import type { PersonaId } from '../../mock-idps/index.ts';
import { catalogScenarios, scenarioFor } from './catalogScenarios.ts';
import type { Scenario } from './scenario.ts';
import { SEAT_FAULT_SETUPS, fillSeatTemplate } from './seatFaultSetups.ts';

const scenarios = catalogScenarios();
const find = (fault: FaultId, persona: PersonaId): Scenario => {
  const found = scenarios.find((s) => s.fault === fault && s.persona === persona);
  if (!found) throw new Error(`no scenario ${fault} × ${persona}`);
  return found;
};

describe('catalogScenarios', () => {
  it('has one scenario per catalog entry × persona it applies to, with unique ids', () => {
    expect(scenarios).toHaveLength(FAULT_CATALOG.reduce((sum, fault) => sum + fault.personas.length, 0));
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
    expect(scenarios.length).toBeGreaterThanOrEqual(200);
  });

  it('carries the catalog data the reports read', () => {
    for (const scenario of scenarios) {
      const fault = isFaultId(scenario.fault) ? getFault(scenario.fault) : undefined;
      expect(fault?.expected).toBe(scenario.expected);
      expect(fault?.category).toBe(scenario.category);
      expect(scenario.persona.endsWith(`-${scenario.protocol}`)).toBe(true);
    }
  });

  it('names only real reason codes in its refusals', () => {
    for (const { expectation } of scenarios) {
      if (expectation.kind === 'portal-refusal') expect(expectation.reasons.every(isReasonCode)).toBe(true);
      if (expectation.kind === 'app-refusal') expect(isReasonCode(expectation.reason)).toBe(true);
    }
  });

  it.each<[FaultId, PersonaId, Partial<Scenario>]>([
    [
      'saml.audience-mismatch',
      'okta-saml',
      {
        flow: 'sp-initiated',
        expectation: { kind: 'portal-refusal', reasons: ['saml-audience-mismatch'], auditedInAccount: true },
        profile: { protocol: 'saml', requireSignedResponse: true, requireSignedAssertion: true, allowIdpInitiated: false },
        idpFaults: ['saml.audience-mismatch'],
      },
    ],
    [
      'saml.audience-mismatch',
      'google-saml',
      { profile: { protocol: 'saml', requireSignedResponse: false, requireSignedAssertion: true, allowIdpInitiated: false } },
    ],
    [
      'saml.xsw1',
      'entra-saml',
      { profile: { protocol: 'saml', requireSignedResponse: true, requireSignedAssertion: false, allowIdpInitiated: false } },
    ],
    ['saml.user-not-assigned', 'entra-saml', { expectation: { kind: 'idp-refusal', shows: 'AADSTS50105' } }],
    [
      'saml.replay',
      'auth0-saml',
      {
        flow: 'idp-initiated-replay',
        profile: { protocol: 'saml', requireSignedResponse: false, requireSignedAssertion: true, allowIdpInitiated: true },
      },
    ],
    [
      'saml.idp-initiated-unsolicited',
      'okta-saml',
      { flow: 'idp-initiated', expectation: { kind: 'portal-refusal', reasons: ['saml-unsolicited-not-allowed'], auditedInAccount: true } },
    ],
    ['saml.cert-expired', 'google-saml', { expectation: { kind: 'accepted', warning: true }, loginAs: 'admin' }],
    ['saml.relaystate-external-url', 'okta-saml', { expectation: { kind: 'accepted', warning: false }, loginAs: 'user' }],
    ['oidc.redirect-uri-mismatch', 'google-oidc', { expectation: { kind: 'idp-refusal', shows: 'redirect_uri_mismatch' } }],
    [
      'oidc.user-not-assigned',
      'okta-oidc',
      { expectation: { kind: 'portal-refusal', reasons: ['oidc-idp-error'], auditedInAccount: true } },
    ],
    ['oidc.user-not-assigned', 'entra-oidc', { expectation: { kind: 'idp-refusal', shows: 'AADSTS50105' } }],
    [
      'oidc.jwks-rotated',
      'okta-oidc',
      { profile: { protocol: 'oidc', isolatedFor: 'oidc.jwks-rotated' }, expectation: { kind: 'accepted', warning: false } },
    ],
    ['oidc.kid-absent-multiple-keys', 'auth0-oidc', { profile: { protocol: 'oidc', isolatedFor: 'oidc.kid-absent-multiple-keys' } }],
    // One key for the whole account's life: an SP that ran Test SSO before the fault would otherwise have cached Google's two.
    [
      'oidc.kid-absent-single-key',
      'google-oidc',
      { profile: { protocol: 'oidc', isolatedFor: 'oidc.kid-absent-single-key', jwksChange: 'signing-key-only' } },
    ],
    [
      'oidc.embedded-jwk',
      'google-oidc',
      { profile: { protocol: 'oidc', isolatedFor: 'oidc.embedded-jwk', jwksChange: 'signing-key-only' } },
    ],
    ['oidc.kid-unknown', 'auth0-oidc', { profile: { protocol: 'oidc' } }],
    [
      'oidc.discovery-issuer-mismatch',
      'okta-oidc',
      { flow: 'reconfigure', loginAs: 'admin', expectation: { kind: 'config-refusal', field: 'issuer' } },
    ],
    [
      'oidc.code-replay',
      'entra-oidc',
      { flow: 'oidc-callback-replay', expectation: { kind: 'portal-refusal', reasons: ['oidc-state-mismatch'], auditedInAccount: true } },
    ],
    [
      'oidc.refresh-token-revoked',
      'google-oidc',
      {
        onlyIf: 'sp-refreshes-tokens',
        flow: 'sp-initiated',
        expectation: { kind: 'portal-refusal', reasons: ['oidc-token-error'], auditedInAccount: true },
      },
    ],
    ['oidc.refresh-token-reused', 'okta-oidc', { onlyIf: 'sp-refreshes-tokens' }],
    ['oidc.userinfo-sub-mismatch', 'okta-oidc', { onlyIf: 'sp-calls-userinfo' }],
    [
      'oidc.pkce-verifier-wrong',
      'google-oidc',
      { flow: 'native-wrong-verifier', idpFaults: [], expectation: { kind: 'app-refusal', reason: 'native-pkce-invalid' } },
    ],
    ['oidc.pkce-verifier-missing', 'google-oidc', { flow: 'native-missing-verifier' }],
    [
      'oidc.open-redirect-redirect-uri',
      'okta-oidc',
      {
        flow: 'native-external-redirect-uri',
        expectation: { kind: 'portal-refusal', reasons: ['native-redirect-uri-invalid'], auditedInAccount: false },
      },
    ],
    [
      'oidc.open-redirect-return-url',
      'okta-oidc',
      { flow: 'sp-initiated-external-return', expectation: { kind: 'accepted', warning: false } },
    ],
    [
      'seat.disabled',
      'okta-saml',
      {
        loginAs: { seatAudit: 'seat-disabled' },
        idpFaults: [],
        expectation: { kind: 'portal-refusal', reasons: ['seat-disabled'], auditedInAccount: true },
        profile: { protocol: 'saml', requireSignedResponse: true, requireSignedAssertion: true, allowIdpInitiated: false },
      },
    ],
    [
      'seat.unknown-to-idp',
      'google-oidc',
      { expectation: { kind: 'idp-refusal', shows: "Couldn't find your Google Account" }, profile: { protocol: 'oidc' } },
    ],
    [
      'seat.admin-not-covered',
      'auth0-oidc',
      { expectation: { kind: 'portal-refusal', reasons: ['oidc-idp-error'], auditedInAccount: true } },
    ],
    ['seat.admin-not-covered', 'entra-saml', { expectation: { kind: 'idp-refusal', shows: 'AADSTS50105' } }],
  ])('%s × %s', (fault, persona, expected) => {
    expect(find(fault, persona)).toMatchObject(expected);
  });

  it('refuses to guess a reason the catalog does not give', () => {
    const fault = getFault('saml.audience-mismatch');
    if (!fault) throw new Error('saml.audience-mismatch left the catalog');
    // An entry the catalog does not have, on purpose: its id is no FaultId.
    const withoutReason = { ...fault, id: 'saml.test-no-reason' as string as FaultId, reason: undefined } as CatalogFault;
    expect(() => scenarioFor(withoutReason, 'okta-saml')).toThrow(
      'Catalog entry saml.test-no-reason expects a rejection at the SP but names no reason code: add "reason" to the entry.',
    );
  });
});

describe('seat fault set-ups', () => {
  it('exist for every seat audit kind of the catalog', () => {
    const kinds = FAULT_CATALOG.flatMap((fault) => (fault.protocol === 'seat' ? [fault.audit] : []));
    expect(Object.keys(SEAT_FAULT_SETUPS).sort()).toEqual([...new Set(kinds)].sort());
  });

  it('fill the tenant domain and the guest UPN', () => {
    expect(fillSeatTemplate('a@{domain} {guestUpn}', { domain: 'x.example', guestUpn: 'g_p#EXT#@t.onmicrosoft.com' })).toBe(
      'a@x.example g_p#EXT#@t.onmicrosoft.com',
    );
  });
});
