// Proofs that every SAML fault is exactly what it claims, with an independent validator
// (@node-saml/node-saml inside StrictSamlSp, never samlify): the minted artefact is refused by a
// correctly configured SP for the catalog's stated reason, and — for single-check faults —
// accepted once that one check is relaxed. Accept faults must be accepted as they are.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateTestKeyPair } from '../../lib/index.ts';
import { SAML_PERSONAS } from '../personas/index.ts';
import { mintSamlResponse } from '../saml/mint.ts';
import { StrictSamlSp, type StrictSpConfig, type StrictSpOutcome } from '../saml/testing/strictSamlSp.ts';
import { fillTemplate } from '../tenantIds.ts';
import { TenantState } from '../tenants.ts';
import type { PersonaId, SamlPersona } from '../types.ts';
import { samlFaults } from './saml.ts';
import type { SamlFault, SpCheck } from './samlTypes.ts';
import { BOUNDARY_CLOCK_SKEW_SECONDS } from './timeBoundaries.ts';

const SP = { entityId: 'http://127.0.0.1:4000/sso/acme', acs: 'http://127.0.0.1:4000/sso/acme/saml/acs' } as const;
const USER = 'bob.user@example.com';

const tenants = new Map<PersonaId, TenantState>();
function tenantFor(persona: SamlPersona): TenantState {
  let tenant = tenants.get(persona.id);
  if (!tenant) {
    tenant = new TenantState(`proof-${persona.id}`);
    tenants.set(persona.id, tenant);
  }
  return tenant;
}

let spEncryptionKey: ReturnType<typeof generateTestKeyPair> | undefined;
function spKey(): ReturnType<typeof generateTestKeyPair> {
  spEncryptionKey ??= generateTestKeyPair({ commonName: 'OE SP encryption', lifetimeDays: 365 });
  return spEncryptionKey;
}

function spConfig(persona: SamlPersona, fault: SamlFault | undefined, relax?: SpCheck): StrictSpConfig {
  const tenant = tenantFor(persona);
  const scope = persona.signing.scope;
  return {
    ...SP,
    idpEntityId: fillTemplate(persona.entityIdTemplate, tenant.ids),
    trustedCertificates: [tenant.signingKeys(persona.id).current.certificatePem],
    requireSignedResponse: fault?.sp?.requireSignedResponse ?? (scope === 'response' || scope === 'both'),
    requireSignedAssertion: fault?.sp?.requireSignedAssertion ?? (scope === 'assertion' || scope === 'both'),
    allowIdpInitiated: fault?.sp?.allowIdpInitiated ?? false,
    ssoEnabled: fault?.sp?.ssoOff !== true,
    // The skew the conformance accounts are configured with (the time-boundary faults assume it).
    clockSkewSeconds: BOUNDARY_CLOCK_SKEW_SECONDS,
    seats: tenant.directory.list().map((user) => user.email),
    // Relaxing "encryption" means the SP holds the key the IdP encrypted for.
    ...(relax === 'encryption' ? { decryptionKeyPem: spKey().privateKeyPem } : relax ? { relax: new Set([relax]) } : {}),
  };
}

/** Run the fault's flow against a fresh SP; return the outcome of the delivery that matters. */
async function deliver(persona: SamlPersona, fault: SamlFault | undefined, config: StrictSpConfig): Promise<StrictSpOutcome> {
  const sp = new StrictSamlSp(config);
  const flow = fault?.flow ?? 'sp-initiated';
  const requestId = flow === 'sp-initiated' ? `_req${randomBytes(8).toString('hex')}` : undefined;
  if (requestId) await sp.expectResponseTo(requestId);
  const minted = await mintSamlResponse({
    persona: persona.id,
    acs: SP.acs,
    audience: SP.entityId,
    email: USER,
    tenant: tenantFor(persona),
    ...(fault ? { fault: fault.id } : {}),
    ...(requestId ? { inResponseTo: requestId } : {}),
    ...(fault?.effect.encryptAssertion ? { spEncryptionCertificate: spKey().certificatePem } : {}),
  });
  const first = await sp.receive(minted.samlResponse, minted.relayState ?? '/after-login');
  if (flow !== 'idp-initiated-replay') return first;
  expect(first).toMatchObject({ ok: true });
  return sp.receive(minted.samlResponse);
}

describe('happy path: each SAML persona is accepted by a strict node-saml SP (vendor signing scope, audience, InResponseTo)', () => {
  it.each(SAML_PERSONAS.map((p) => [p.id, p] as const))('%s', async (_id, persona) => {
    const outcome = await deliver(persona, undefined, spConfig(persona, undefined));
    expect(outcome).toEqual({ ok: true, email: USER, nameId: expect.any(String) as string, warnings: [], redirectTo: '/after-login' });
  });
});

const mintable = samlFaults.filter((fault) => !fault.effect.refuse);
const cases = mintable.flatMap((fault) =>
  SAML_PERSONAS.filter((p) => fault.personas.includes(p.id)).map((p) => [fault.id, p.id, fault, p] as const),
);

describe('every SAML fault is refused (or accepted) by a correct SP for the stated reason', () => {
  it.each(cases)('%s / %s', async (_faultId, _personaId, fault, persona) => {
    const outcome = await deliver(persona, fault, spConfig(persona, fault));
    if (fault.expected === 'reject') {
      expect(outcome.ok ? 'accepted' : outcome.reason).toBe(fault.reason);
    } else {
      expect(outcome.ok ? 'accepted' : `${outcome.reason}: ${outcome.detail}`).toBe('accepted');
      if (outcome.ok) {
        expect(outcome.warnings.length > 0).toBe(fault.expected === 'accept-with-warning');
        expect(outcome.redirectTo.startsWith('/')).toBe(true);
      }
    }
  });
});

const singleCheck = cases.filter(([, , fault]) => fault.singleCheck !== undefined);

describe('single-check faults are accepted once that one check is relaxed', () => {
  it.each(singleCheck)('%s / %s', async (_faultId, _personaId, fault, persona) => {
    const outcome = await deliver(persona, fault, spConfig(persona, fault, fault.singleCheck));
    expect(outcome.ok ? 'accepted' : `${outcome.reason}: ${outcome.detail}`).toBe('accepted');
  });
});

describe('the catalog itself', () => {
  it('states a reason for every SAML reject fault that reaches the SP', () => {
    expect(mintable.filter((f) => f.expected === 'reject' && !f.reason).map((f) => f.id)).toEqual([]);
  });

  it('keeps RelayState on-site: an external RelayState lands on the default page', async () => {
    const persona = SAML_PERSONAS[0]!;
    const fault = samlFaults.find((f) => f.id === 'saml.relaystate-external-url')!;
    const minted = await mintSamlResponse({
      persona: persona.id,
      acs: SP.acs,
      audience: SP.entityId,
      email: USER,
      tenant: tenantFor(persona),
      fault: fault.id,
    });
    expect(minted.relayState).toBe('https://evil.example/phish');
    const sp = new StrictSamlSp({ ...spConfig(persona, fault), allowIdpInitiated: true });
    expect(await sp.receive(minted.samlResponse, minted.relayState)).toMatchObject({ ok: true, redirectTo: '/' });
  });
});
