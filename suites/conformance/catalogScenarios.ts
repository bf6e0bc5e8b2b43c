// The conformance matrix: every fault catalog entry × every persona it applies to, with the SP
// settings, login flow and expected outcome derived from the entry's data (its effect seam, `sp`,
// `flow`, `expected`, `reason`) and the persona's (signing scope, vendor error pages). Adding a
// catalog entry adds its scenarios here; nothing is written out per vendor.
import type { ReasonCode } from '../../lib/index.ts';
import { FAULT_CATALOG, type CatalogFault, type FaultId, isTenantJwksChange, loginForm, PERSONAS } from '../../mock-idps/index.ts';
import type { SpExpectations, OidcPersona, PersonaId, SamlPersona } from '../../mock-idps/index.ts';
import type { Expectation, LoginAs, Scenario, ScenarioFlow, SpProfile } from './scenario.ts';
import { SEAT_FAULT_SETUPS } from './seatFaultSetups.ts';

type SamlFault = Extract<CatalogFault, { protocol: 'saml' }>;
type OidcFault = Extract<CatalogFault, { protocol: 'oidc' }>;
type SeatFault = Extract<CatalogFault, { protocol: 'seat' }>;

/** An off-site address a forged return URL points to. Never requested. */
export const EXTERNAL_URL = 'https://evil.example/phish';

interface Derived {
  readonly returnPath?: string;
  readonly expectation: Expectation;
  readonly profile: SpProfile;
  readonly flow: ScenarioFlow;
  readonly idpFaults: readonly FaultId[];
  readonly loginAs: LoginAs;
}

const refusedByPortal = (reason: ReasonCode | undefined, fault: CatalogFault, auditedInAccount = true): Expectation => {
  if (!reason)
    throw new Error(`Catalog entry ${fault.id} expects a rejection at the SP but names no reason code: add "reason" to the entry.`);
  return { kind: 'portal-refusal', reasons: [reason], auditedInAccount };
};

const outcomeOf = (fault: CatalogFault): Expectation =>
  fault.expected === 'reject'
    ? refusedByPortal(fault.reason, fault)
    : { kind: 'accepted', warning: fault.expected === 'accept-with-warning' };

/** The SP settings a SAML scenario assumes: the entry's `sp`, else "sign where the vendor signs". */
export function samlProfile(persona: SamlPersona, sp: SpExpectations = {}): Extract<SpProfile, { protocol: 'saml' }> {
  const scope = persona.signing.scope;
  return {
    protocol: 'saml',
    requireSignedResponse: sp.requireSignedResponse ?? (scope === 'response' || scope === 'both'),
    requireSignedAssertion: sp.requireSignedAssertion ?? (scope === 'assertion' || scope === 'both'),
    allowIdpInitiated: sp.allowIdpInitiated ?? false,
    ...(sp.ssoOff ? { ssoOff: true as const } : {}),
  };
}

function deriveSaml(fault: SamlFault, persona: SamlPersona): Derived {
  const base = { profile: samlProfile(persona, fault.sp), idpFaults: [fault.id], loginAs: 'user' as const };
  if (fault.effect.refuse)
    return { ...base, flow: 'sp-initiated', expectation: { kind: 'idp-refusal', shows: persona.errors[fault.effect.refuse].code } };
  const expectation = outcomeOf(fault);
  // A RelayState the IdP (or an attacker) chose: any page of the portal is a right place to land.
  return {
    ...base,
    flow: fault.flow ?? 'sp-initiated',
    expectation: fault.effect.relayState && expectation.kind === 'accepted' ? { ...expectation, anyPortalPage: true } : expectation,
  };
}

/**
 * OIDC faults whose production depends on the SP's cached JWKS: a key rotation, a token without
 * kid (judged against however many keys the SP has cached), or a JWKS of one key (an SP that cached
 * the vendor's two at set-up would judge against two). Each gets its own account.
 */
export function dependsOnKeyCache(fault: OidcFault): boolean {
  const effect = fault.effect;
  return (
    effect.seam === 'signing-key' ||
    (effect.seam === 'id-token' && (effect.jwt.signer === 'persona-key-without-kid' || effect.jwt.publish === 'signing-key-only'))
  );
}

function deriveOidc(fault: OidcFault, persona: OidcPersona): Derived {
  const effect = fault.effect;
  const jwksChange = effect.seam === 'id-token' && isTenantJwksChange(effect.jwt.publish) ? effect.jwt.publish : undefined;
  const profile: SpProfile = dependsOnKeyCache(fault)
    ? { protocol: 'oidc', isolatedFor: fault.id, ...(jwksChange ? { jwksChange } : {}) }
    : { protocol: 'oidc' };
  const atIdp = { profile, idpFaults: [fault.id], loginAs: 'user' as const };
  switch (effect.seam) {
    case 'discovery':
      // The SP reads discovery when the configuration is saved (then caches it): that is where a
      // discovery document that names another issuer must be caught (catalog: "Saving or testing
      // the SSO configuration fails").
      return { ...atIdp, loginAs: 'admin', flow: 'reconfigure', expectation: { kind: 'config-refusal', field: 'issuer' } };
    case 'registration':
      // RFC 6749 §4.1.2.1: never redirect to an unregistered URI — the IdP shows its own page.
      return { ...atIdp, flow: 'sp-initiated', expectation: { kind: 'idp-refusal', shows: persona.errors.redirectUriMismatch.code } };
    case 'authorization':
      if (effect.outcome === 'user-not-assigned' && persona.errors.userNotAssigned.httpStatus !== 302) {
        return { ...atIdp, flow: 'sp-initiated', expectation: { kind: 'idp-refusal', shows: persona.errors.userNotAssigned.code } };
      }
      return { ...atIdp, flow: 'sp-initiated', expectation: outcomeOf(fault) };
    case 'code':
      return { ...atIdp, flow: 'oidc-callback-replay', expectation: outcomeOf(fault) };
    case 'rp-driver': {
      const driven = { profile, idpFaults: [], loginAs: 'user' as const };
      switch (effect.action) {
        case 'pkce-verifier-wrong':
          return {
            ...driven,
            flow: 'native-wrong-verifier',
            expectation: { kind: 'app-refusal', reason: fault.reason ?? 'native-pkce-invalid' },
          };
        case 'pkce-verifier-missing':
          return {
            ...driven,
            flow: 'native-missing-verifier',
            expectation: { kind: 'app-refusal', reason: fault.reason ?? 'native-pkce-invalid' },
          };
        // The portal does not know the account before login, so the refusal is audited portal-wide.
        case 'redirect-uri-external':
          return { ...driven, flow: 'native-external-redirect-uri', expectation: refusedByPortal(fault.reason, fault, false) };
        // "reject" = the redirect is refused, not the login: the seat lands on a portal page.
        case 'external-return-url':
          return {
            ...driven,
            flow: 'sp-initiated-external-return',
            returnPath: EXTERNAL_URL,
            expectation: { kind: 'accepted', warning: false, anyPortalPage: true },
          };
        case 'return-path':
          return {
            ...driven,
            flow: 'sp-initiated-external-return',
            returnPath: effect.value,
            expectation: { kind: 'accepted', warning: false, anyPortalPage: true },
          };
        case 'replay-callback':
          return { ...atIdp, flow: 'oidc-callback-replay', expectation: outcomeOf(fault) };
      }
      break;
    }
    default:
      break;
  }
  return { ...atIdp, flow: 'sp-initiated', expectation: outcomeOf(fault) };
}

function deriveSeat(fault: SeatFault, persona: PersonaId): Derived {
  const setup = SEAT_FAULT_SETUPS[fault.audit];
  const personaData = PERSONAS[persona];
  // Every matrix account carries the seat-fault seats and IdP users, so the persona's usual account serves.
  const profile: SpProfile = personaData.protocol === 'saml' ? samlProfile(personaData) : { protocol: 'oidc' };
  const base = { profile, flow: 'sp-initiated' as const, idpFaults: [], loginAs: { seatAudit: fault.audit } };
  switch (setup.stopsAt) {
    case 'portal':
      return { ...base, expectation: refusedByPortal(fault.reason, fault) };
    case 'idp-unknown-user':
      return { ...base, expectation: { kind: 'idp-refusal', shows: loginForm(personaData.loginFlow).unknownUser.replace(/\.$/, '') } };
    case 'idp-not-assigned': {
      const error = personaData.errors.userNotAssigned;
      return {
        ...base,
        expectation: error.httpStatus === 302 ? refusedByPortal('oidc-idp-error', fault) : { kind: 'idp-refusal', shows: error.code },
      };
    }
  }
}

function derive(fault: CatalogFault, persona: PersonaId): Derived {
  const personaData = PERSONAS[persona];
  if (fault.protocol === 'saml' && personaData.protocol === 'saml') return deriveSaml(fault, personaData);
  if (fault.protocol === 'oidc' && personaData.protocol === 'oidc') return deriveOidc(fault, personaData);
  if (fault.protocol === 'seat') return deriveSeat(fault, persona);
  throw new Error(`Catalog entry ${fault.id} (${fault.protocol}) lists persona ${persona} of the other protocol.`);
}

export function scenarioFor(fault: CatalogFault, persona: PersonaId): Scenario {
  const personaData = PERSONAS[persona];
  const derived = derive(fault, persona);
  // A warning is for the admin to see (Test SSO result), so the admin is the one who logs in.
  const warned = derived.expectation.kind === 'accepted' && derived.expectation.warning;
  return {
    id: `${fault.id} × ${persona}`,
    title: fault.title,
    source: 'catalog',
    fault: fault.id,
    category: fault.category,
    persona,
    vendor: personaData.vendor,
    protocol: personaData.protocol,
    expected: fault.expected,
    ...derived,
    ...(warned ? { loginAs: 'admin' as const } : {}),
    // A forged userinfo answer matters only to an SP that asks for it; a refused refresh only to an SP that refreshes.
    ...(fault.protocol === 'oidc' && fault.effect.seam === 'userinfo' ? { onlyIf: 'sp-calls-userinfo' as const } : {}),
    ...(fault.protocol === 'oidc' && fault.effect.seam === 'refresh-token' ? { onlyIf: 'sp-refreshes-tokens' as const } : {}),
  };
}

/** Every catalog entry × every persona it applies to, in catalog order. */
export function catalogScenarios(catalog: readonly CatalogFault[] = FAULT_CATALOG): Scenario[] {
  return catalog.flatMap((fault) => fault.personas.map((persona) => scenarioFor(fault, persona)));
}
