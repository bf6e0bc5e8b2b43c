// The direct signer must write exactly what xml-crypto writes for the same unsigned XML: same
// canonical form, digest, SignedInfo, signature value (RSA PKCS#1 v1.5 is deterministic), KeyInfo
// and serialization. Checked for every persona, scope and algorithm, for every catalog fault's
// pre-signing XML, and for user data full of characters that need escaping.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { samlFaults } from '../faults/saml.ts';
import { SAML_PERSONAS } from '../personas/index.ts';
import { TenantState } from '../tenants.ts';
import type { SamlPersona } from '../types.ts';
import { signInTree } from './directSign.ts';
import type { EffectContext, SamlEffect } from './effects.ts';
import { renderResponse } from './render.ts';
import { signResponse, signResponseWithXmlCrypto, signSamlElement, signSamlElementWithXmlCrypto } from './sign.ts';
import { defaultResponseSpec, type ResponseSpec } from './spec.ts';
import { parseXmlSubset } from './xmlSubset.ts';

const SP = { entityId: 'http://127.0.0.1:4000/sso/acme', acs: 'http://127.0.0.1:4000/sso/acme/saml/acs' } as const;
const tenant = new TenantState('direct-sign');
const user = tenant.directory.findByLogin('bob.user@example.com') ?? tenant.directory.list()[0]!;
const now = new Date('2026-03-01T12:00:00Z');

function unsigned(
  persona: SamlPersona,
  effects: readonly SamlEffect[] = [],
  edit?: (spec: ResponseSpec) => void,
): { xml: string; spec: ResponseSpec } {
  const ctx: EffectContext = { persona, ids: tenant.ids, user, sp: SP, now, victimEmail: 'admin@example.com' };
  const spec = defaultResponseSpec({ persona, ids: tenant.ids, user, sp: SP, now, inResponseTo: '_req-1' });
  for (const effect of effects) effect.adjust?.(spec, ctx);
  edit?.(spec);
  let xml = renderResponse(persona, spec);
  for (const effect of effects) if (effect.beforeSigning) xml = effect.beforeSigning(xml, ctx);
  return { xml, spec };
}

const optionsFor = (persona: SamlPersona, spec: ResponseSpec) => ({
  key: tenant.signingKeys(persona.id).current,
  algorithm: spec.signing.algorithm,
  digest: spec.signing.digest,
  wire: persona.wire,
});

describe.each(SAML_PERSONAS.map((persona) => ({ persona, id: persona.id })))('$id: direct signing', ({ persona }) => {
  it.each([
    { scope: 'assertion', algorithm: 'rsa-sha256', digest: 'sha256' },
    { scope: 'response', algorithm: 'rsa-sha256', digest: 'sha256' },
    { scope: 'both', algorithm: 'rsa-sha256', digest: 'sha256' },
    { scope: 'both', algorithm: 'rsa-sha1', digest: 'sha1' },
  ] as const)('scope $scope with $algorithm writes the bytes xml-crypto writes', ({ scope, algorithm, digest }) => {
    const { xml } = unsigned(persona);
    const options = { key: tenant.signingKeys(persona.id).current, algorithm, digest, wire: persona.wire };
    expect(signResponse(xml, scope, options)).toBe(signResponseWithXmlCrypto(xml, scope, options));
  });

  it('takes the direct path for the template (it does not silently fall back)', () => {
    const { xml, spec } = unsigned(persona);
    const root = parseXmlSubset(xml);
    expect(root).toBeDefined();
    expect(signInTree(root!, { ...optionsFor(persona, spec), target: 'assertion' })).toBe(true);
    expect(signInTree(root!, { ...optionsFor(persona, spec), target: 'response' })).toBe(true);
  });

  it('signs one element like xml-crypto, also when the response carries the status only', () => {
    const { xml, spec } = unsigned(persona, [], (s) => {
      s.includeAssertion = false;
      s.status = { code: 'urn:oasis:names:tc:SAML:2.0:status:Responder', message: 'AADSTS50105: "not assigned" & <refused>' };
    });
    const options = { ...optionsFor(persona, spec), target: 'response' as const };
    expect(signSamlElement(xml, options)).toBe(signSamlElementWithXmlCrypto(xml, options));
  });

  it('writes the bytes xml-crypto writes for any user data (quotes, ampersands, angle brackets, any Unicode)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 24 });
    fc.assert(
      fc.property(text, text, text, (nameId, value, audience) => {
        const { xml, spec } = unsigned(persona, [], (s) => {
          s.nameId.value = nameId;
          s.attributes = [{ name: 'displayName', values: [value, `${value}'"`] }];
          s.conditions = { notBefore: s.issueInstant, notOnOrAfter: s.issueInstant, audiences: [audience] };
        });
        const options = optionsFor(persona, spec);
        expect(signResponse(xml, 'both', options)).toBe(signResponseWithXmlCrypto(xml, 'both', options));
      }),
      { numRuns: 40, seed: 4 },
    );
  });

  it('keeps the direct path for printable text with markup characters, and matches xml-crypto there', () => {
    const text = fc.string({
      unit: fc.constantFrom('&', '<', '>', '"', "'", ']', 'a', 'Z', ' ', 'é', 'ß', '\u2029', '😀', '#', ';'),
      maxLength: 16,
    });
    fc.assert(
      fc.property(text, text, (nameId, value) => {
        const { xml, spec } = unsigned(persona, [], (s) => {
          s.nameId.value = nameId;
          s.attributes = [{ name: `attr ${value}`, values: [value] }];
        });
        expect(parseXmlSubset(xml)).toBeDefined();
        const options = optionsFor(persona, spec);
        expect(signResponse(xml, 'both', options)).toBe(signResponseWithXmlCrypto(xml, 'both', options));
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});

describe('direct signing of every catalog fault', () => {
  const cases = samlFaults.flatMap((fault) =>
    SAML_PERSONAS.filter((p) => fault.personas.includes(p.id)).map((persona) => ({ fault, persona, name: `${fault.id} / ${persona.id}` })),
  );

  it.each(cases)('$name: signed exactly as xml-crypto signs it', ({ fault, persona }) => {
    const { xml, spec } = unsigned(persona, [fault.effect]);
    const options = optionsFor(persona, spec);
    const general = (): string => signResponseWithXmlCrypto(xml, spec.signing.scope, options);
    let expected: string | Error;
    try {
      expected = general();
    } catch (error) {
      expected = error as Error;
    }
    if (expected instanceof Error) expect(() => signResponse(xml, spec.signing.scope, options)).toThrow(expected.message);
    else expect(signResponse(xml, spec.signing.scope, options)).toBe(expected);
  });
});
