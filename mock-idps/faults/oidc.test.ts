// Proofs for the OIDC faults that live in the ID token: each is minted exactly as the running
// persona would issue it, then validated by a strict RP built on jose (never oidc-provider):
// refused for the stated reason and, for single-check faults, accepted once that one check is
// relaxed. Flow faults (discovery, redirect, client auth, …) are proven in oidc.flows.test.ts.
import { describe, expect, it } from 'vitest';
import { isReasonCode } from '../../lib/index.ts';
import { isTokenEffect, type OidcFault, type RpCheck } from '../oidc/effects.ts';
import { alterIssuer } from '../oidc/jwtMutator.ts';
import { mintIdToken } from '../oidc/mint.ts';
import { validateIdToken, type StrictRpOptions } from '../oidc/strictRp.ts';
import { BOUNDARY_CLOCK_SKEW_SECONDS } from './timeBoundaries.ts';
import { OIDC_PERSONAS } from '../personas/index.ts';
import { TenantState } from '../tenants.ts';
import type { PersonaId } from '../types.ts';
import { oidcFaults, type OidcFaultId } from './oidc.ts';

const CLIENT_ID = 'oe-portal-client';
const CLIENT_SECRET = 'proof-client-secret-value';
const NONCE = 'nonce-of-this-login';
const ACCESS_TOKEN = 'access-token-that-came-with-it';
const CODE = 'authorization-code-that-came-with-it';
const EMAIL = 'bob.user@example.com';

const sharedTenants = new Map<PersonaId, TenantState>();
function tenantFor(persona: PersonaId, fresh: boolean): TenantState {
  if (fresh) return new TenantState(`proof-${persona}-fresh`);
  let tenant = sharedTenants.get(persona);
  if (!tenant) {
    tenant = new TenantState(`proof-${persona}`);
    sharedTenants.set(persona, tenant);
  }
  return tenant;
}

async function mintWith(persona: PersonaId, fault: OidcFaultId | undefined, tenant: TenantState) {
  return mintIdToken({
    persona,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    email: EMAIL,
    nonce: NONCE,
    accessToken: ACCESS_TOKEN,
    tenant,
    ...(fault ? { fault } : {}),
  });
}

function rpFor(persona: PersonaId, minted: { issuer: string; jwks: StrictRpOptions['jwks'] }): StrictRpOptions {
  return {
    issuer: minted.issuer,
    clientId: CLIENT_ID,
    jwks: minted.jwks,
    nonce: NONCE,
    accessToken: ACCESS_TOKEN,
    code: CODE,
    clientSecret: CLIENT_SECRET,
    // The skew the conformance accounts are configured with (the time-boundary faults assume it).
    clockToleranceSeconds: BOUNDARY_CLOCK_SKEW_SECONDS,
    seats: [EMAIL],
    ...(persona === 'google-oidc' ? { expectedHostedDomain: 'example.com' } : {}),
  };
}

/** The RP policy under which an accept-with-warning fault is accepted (documented per fault). */
function warningPolicy(fault: OidcFault, rp: StrictRpOptions): StrictRpOptions {
  if (fault.id === 'oidc.issuer-google-legacy') return { ...rp, alternativeIssuers: [alterIssuer(rp.issuer, 'scheme-dropped')] };
  throw new Error(`no documented acceptance policy for ${fault.id}`);
}

describe('OIDC fault catalog', () => {
  const oidcPersonaIds = OIDC_PERSONAS.map((persona) => persona.id);

  it('has unique, stable ids under oidc.', () => {
    const ids = oidcFaults.map((fault) => fault.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^oidc\.[a-z0-9-]+$/);
  });

  it.each(oidcFaults.map((fault) => [fault.id, fault] as const))('%s is a complete entry', (_id, fault) => {
    expect(fault.protocol).toBe('oidc');
    expect(fault.personas.length).toBeGreaterThan(0);
    for (const persona of fault.personas) expect(oidcPersonaIds).toContain(persona);
    expect(fault.title.length).toBeGreaterThan(10);
    expect(fault.reference).toMatch(/\S/);
    expect(fault.customerSees).toMatch(/\S/);
    expect(fault.fix.default).toMatch(/\S/);
    expect(fault.how).toMatch(/\S/);
    if (fault.reason !== undefined) expect(isReasonCode(fault.reason)).toBe(true);
    if (fault.expected === 'accept-with-warning') expect(fault.reason).toBeDefined();
    if (fault.expected === 'accept') expect(fault.singleCheck).toBeUndefined();
    if (fault.category === 'attack') expect(fault.expected).toBe('reject');
  });

  it('covers every OIDC item of reference/faults.md', () => {
    const required = [
      'oidc.issuer-auth0-trailing-slash',
      'oidc.issuer-okta-org-server',
      'oidc.issuer-entra-common-template',
      'oidc.issuer-google-legacy',
      'oidc.discovery-issuer-mismatch',
      'oidc.redirect-uri-mismatch',
      'oidc.client-secret-wrong',
      'oidc.client-secret-expired',
      'oidc.user-not-assigned',
      'oidc.email-claim-absent',
      'oidc.email-unverified',
      'oidc.hd-missing',
      'oidc.hs256-with-secret',
      'oidc.jwks-rotated',
      'oidc.clock-skew-ahead',
      'oidc.clock-skew-behind',
      'oidc.iss-invalid',
      'oidc.aud-invalid',
      'oidc.aud-missing',
      'oidc.aud-multiple-without-azp',
      'oidc.sub-missing',
      'oidc.iat-missing',
      'oidc.exp-passed',
      'oidc.kid-absent-multiple-keys',
      'oidc.kid-unknown',
      'oidc.signature-invalid-rs256',
      'oidc.signature-invalid-es256',
      'oidc.alg-none',
      'oidc.hs256-public-key',
      'oidc.nonce-missing',
      'oidc.nonce-invalid',
      'oidc.state-mismatch',
      'oidc.at-hash-invalid',
      'oidc.c-hash-invalid',
      'oidc.userinfo-sub-mismatch',
      'oidc.id-token-other-client',
      'oidc.code-replay',
      'oidc.pkce-verifier-wrong',
      'oidc.pkce-verifier-missing',
      'oidc.open-redirect-redirect-uri',
      'oidc.open-redirect-return-url',
    ];
    expect(oidcFaults.map((fault) => fault.id)).toEqual(expect.arrayContaining(required));
  });
});

const tokenCases = oidcFaults
  .filter((fault) => isTokenEffect(fault.effect))
  .flatMap((fault) => fault.personas.map((persona) => ({ id: fault.id, persona, fault })));

describe("happy path: every persona's ID token passes the strict RP as it is", () => {
  it.each(OIDC_PERSONAS.map((persona) => persona.id))('%s', async (persona) => {
    const minted = await mintWith(persona, undefined, tenantFor(persona, false));
    const verdict = await validateIdToken(minted.idToken, rpFor(persona, minted));
    expect(verdict).toMatchObject({ ok: true, warnings: [] });
  });
});

describe.each(tokenCases)('$id on $persona', ({ persona, fault }) => {
  const fresh = fault.effect.seam === 'signing-key';

  if (fault.expected === 'reject') {
    it(`is refused by a strict RP with ${fault.reason ?? '(no reason)'}`, async () => {
      const minted = await mintWith(persona, fault.id, tenantFor(persona, fresh));
      const verdict = await validateIdToken(minted.idToken, rpFor(persona, minted));
      expect(verdict).toMatchObject({ ok: false, reason: fault.reason });
    });

    const { singleCheck } = fault;
    if (singleCheck !== undefined) {
      it(`is accepted once only the "${singleCheck}" check is relaxed`, async () => {
        const minted = await mintWith(persona, fault.id, tenantFor(persona, fresh));
        const verdict = await validateIdToken(minted.idToken, { ...rpFor(persona, minted), relax: [singleCheck] });
        expect(verdict).toMatchObject({ ok: true });
      });
    } else {
      it('violates more than one check: relaxing the failing check alone is not enough', async () => {
        const minted = await mintWith(persona, fault.id, tenantFor(persona, fresh));
        const rp = rpFor(persona, minted);
        const first = await validateIdToken(minted.idToken, rp);
        expect(first.ok).toBe(false);
        const failed: RpCheck = first.ok ? 'signature' : first.check;
        const second = await validateIdToken(minted.idToken, { ...rp, relax: [failed] });
        expect(second.ok).toBe(false);
      });
    }
  }

  if (fault.expected === 'accept-with-warning') {
    it(`is refused by an RP that compares literally (${fault.reason ?? ''}), accepted with a warning under the documented policy`, async () => {
      const minted = await mintWith(persona, fault.id, tenantFor(persona, fresh));
      const rp = rpFor(persona, minted);
      expect(await validateIdToken(minted.idToken, rp)).toMatchObject({ ok: false, reason: fault.reason });
      expect(await validateIdToken(minted.idToken, warningPolicy(fault, rp))).toMatchObject({ ok: true, warnings: [fault.reason] });
    });
  }

  if (fault.expected === 'accept') {
    it('is accepted by a strict RP', async () => {
      const minted = await mintWith(persona, fault.id, tenantFor(persona, fresh));
      expect(await validateIdToken(minted.idToken, rpFor(persona, minted))).toMatchObject({ ok: true, warnings: [] });
    });
  }
});

describe('oidc.jwks-rotated needs a JWKS refetch', () => {
  it.each(OIDC_PERSONAS.map((persona) => persona.id))(
    '%s: refused with the JWKS cached before the rotation, accepted with the refetched one',
    async (persona) => {
      const tenant = tenantFor(persona, true);
      const before = await mintWith(persona, undefined, tenant);
      const after = await mintWith(persona, 'oidc.jwks-rotated', tenant);
      expect(await validateIdToken(after.idToken, rpFor(persona, before))).toMatchObject({ ok: false, reason: 'oidc-signature-invalid' });
      expect(await validateIdToken(after.idToken, rpFor(persona, after))).toMatchObject({ ok: true });
      // The previous key stays published during the rollover: tokens already issued still verify.
      expect(await validateIdToken(before.idToken, rpFor(persona, after))).toMatchObject({ ok: true });
    },
  );
});
