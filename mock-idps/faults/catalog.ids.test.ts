// Fault and persona ids are types as well as values: a misspelt one at a call site is a compile
// error. The @ts-expect-error lines below are the proof (tsc --noEmit fails if the check is ever
// lost: an unused @ts-expect-error is itself an error); the tests check the types against the
// catalog as it runs.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { IdpControlClient } from '../control/client.ts';
import { PERSONA_IDS, type PersonaId } from '../types.ts';
import {
  appliesTo,
  FAULT_CATALOG,
  faultIds,
  getFault,
  getOidcFault,
  getSamlFault,
  isFaultId,
  type FaultId,
  type OidcFaultId,
  type SamlFaultId,
  type SeatFaultId,
} from './catalog.ts';
import type { OidcFault } from '../oidc/effects.ts';
import type { LockoutCause } from './lockoutCauses.ts';
import type { SamlFault } from './samlTypes.ts';
import type { SeatFault } from './seats.ts';

/** How many members a union has (one at a time, so it counts exactly). */
type LastOf<U> = (U extends unknown ? (x: () => U) => void : never) extends (x: infer I) => void
  ? I extends () => infer R
    ? R
    : never
  : never;
type UnionSize<U, Counted extends unknown[] = []> = [U] extends [never]
  ? Counted['length']
  : UnionSize<Exclude<U, LastOf<U>>, [...Counted, U]>;

/**
 * The number of fault ids the types allow. When a fault is added or removed, tsc names the new
 * count here; the test below then holds it against the catalog as it runs, so a generated family
 * whose type and table disagree (a near-miss variant typed but not generated) cannot pass.
 */
const FAULT_ID_TYPE_COUNT: UnionSize<FaultId> = 271;

/** Never called: it only has to compile. Each line passes a misspelt id to a real function. */
function misspeltIdsDoNotCompile(idp: IdpControlClient, cause: LockoutCause): void {
  // @ts-expect-error -- misspelt fault id
  getFault('saml.audience-mismatchh');
  // @ts-expect-error -- misspelt fault id
  getSamlFault('saml.xsw9');
  // @ts-expect-error -- misspelt fault id
  getOidcFault('oidc.alg-non');
  // @ts-expect-error -- misspelt fault id
  appliesTo('seat.duplicate-mail', 'entra-saml');
  // @ts-expect-error -- misspelt persona id
  appliesTo('saml.audience-mismatch', 'entra-samll');
  // @ts-expect-error -- misspelt fault id
  void idp.use('saml.audience-mismatchh', { once: true });
  // @ts-expect-error -- misspelt persona id
  void idp.use('saml.audience-mismatch', { persona: 'okta-odic' });
  // @ts-expect-error -- misspelt fault id
  const lockout: LockoutCause = { ...cause, fault: 'saml.cert-rotate' };
  // @ts-expect-error -- the Audience collapses whitespace (xs:anyURI): that near miss is not generated, so it is no id
  getFault('saml.near-miss-audience-whitespace');
  // @ts-expect-error -- a near-miss id is `<protocol>.near-miss-<field>-<variant>`, and `loud` is no variant
  getFault('oidc.near-miss-iss-loud');
  void lockout;
}

describe('fault ids as types', () => {
  it('the FaultId union has exactly the catalog ids', () => {
    expect(FAULT_CATALOG.length).toBe(FAULT_ID_TYPE_COUNT);
    const ids = FAULT_CATALOG.map((fault) => fault.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(faultIds()).toEqual(ids);
    expectTypeOf<SamlFaultId | OidcFaultId | SeatFaultId>().toEqualTypeOf<FaultId>();
    expectTypeOf<(typeof FAULT_CATALOG)[number]['id']>().toEqualTypeOf<FaultId>();
    expect(typeof misspeltIdsDoNotCompile).toBe('function');
  });

  it('the per-protocol unions hold the ids of their protocol', () => {
    expectTypeOf<'saml.audience-mismatch'>().toExtend<SamlFaultId>();
    expectTypeOf<'saml.xsw8'>().toExtend<SamlFaultId>();
    expectTypeOf<'saml.status-no-passive'>().toExtend<SamlFaultId>();
    expectTypeOf<'saml.near-miss-audience-case'>().toExtend<SamlFaultId>();
    expectTypeOf<'saml.time-boundary-not-before-outside'>().toExtend<SamlFaultId>();
    expectTypeOf<'saml.relaystate-off-site-backslash'>().toExtend<SamlFaultId>();
    expectTypeOf<'saml.sign-response-xpath-transform'>().toExtend<SamlFaultId>();
    expectTypeOf<'oidc.near-miss-state-case'>().toExtend<OidcFaultId>();
    expectTypeOf<'oidc.exp-as-string'>().toExtend<OidcFaultId>();
    expectTypeOf<'oidc.return-path-off-site-absolute'>().toExtend<OidcFaultId>();
    expectTypeOf<'seat.guest-upn'>().toExtend<SeatFaultId>();
    for (const fault of FAULT_CATALOG) expect(fault.id.startsWith(`${fault.protocol}.`)).toBe(true);
  });

  it('a looked-up fault has the type of its protocol', () => {
    expectTypeOf(getFault('saml.xsw1')).toEqualTypeOf<SamlFault<'saml.xsw1'>>();
    expectTypeOf(getFault('oidc.alg-none')).toEqualTypeOf<OidcFault<'oidc.alg-none'>>();
    expectTypeOf(getFault('seat.guest-upn')).toEqualTypeOf<SeatFault<'seat.guest-upn'>>();
    expect(getFault('saml.xsw1').protocol).toBe('saml');
    expect(getFault('oidc.alg-none').effect.seam).toBe('id-token');
    expect(getFault('seat.guest-upn').audit).toBe('guest-upn');
  });
});

describe('isFaultId: the one way a string from outside becomes a FaultId', () => {
  it('accepts every catalog id and nothing else', () => {
    for (const fault of FAULT_CATALOG) expect(isFaultId(fault.id), fault.id).toBe(true);
    for (const value of [
      'saml.audience-mismatchh',
      'saml.near-miss-audience-whitespace',
      'native.code-replay',
      '',
      'SAML.XSW1',
      42,
      undefined,
      null,
    ])
      expect(isFaultId(value), String(value)).toBe(false);
  });

  it('narrows: after the guard, the value is a FaultId', () => {
    const fromOutside: string = 'saml.cert-rotated';
    if (!isFaultId(fromOutside)) throw new Error('saml.cert-rotated left the catalog');
    expectTypeOf(fromOutside).toEqualTypeOf<FaultId>();
    expect(getFault(fromOutside).personas.length).toBeGreaterThan(0);
  });
});

describe('persona ids as types', () => {
  it('PersonaId is exactly the registered personas, each vendor with both protocols', () => {
    expectTypeOf<(typeof PERSONA_IDS)[number]>().toEqualTypeOf<PersonaId>();
    expect(PERSONA_IDS.every((id) => id.endsWith('-saml') || id.endsWith('-oidc'))).toBe(true);
  });
});
