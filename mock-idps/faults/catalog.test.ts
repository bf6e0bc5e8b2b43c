// The catalog is data every suite and report reads: complete, unique, valid references.
import { describe, expect, it } from 'vitest';
import { isReasonCode } from '../../lib/index.ts';
import { PERSONA_IDS } from '../types.ts';
import { appliesTo, catalogAsData, FAULT_CATALOG, getSamlFault } from './catalog.ts';

describe('fault catalog', () => {
  it('has at least 60 entries with unique ids, valid personas and valid reason codes', () => {
    expect(FAULT_CATALOG.length).toBeGreaterThanOrEqual(60);
    const ids = FAULT_CATALOG.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const fault of FAULT_CATALOG) {
      expect(fault.id.startsWith(`${fault.protocol}.`)).toBe(true);
      expect(fault.personas.length).toBeGreaterThan(0);
      for (const persona of fault.personas) expect(PERSONA_IDS).toContain(persona);
      if (fault.reason !== undefined) expect(isReasonCode(fault.reason)).toBe(true);
      expect(fault.fix.default.length).toBeGreaterThan(10);
      expect(fault.how.length).toBeGreaterThan(10);
    }
  });

  it('every SAML fault applies only to SAML personas', () => {
    for (const fault of FAULT_CATALOG.filter((f) => f.protocol === 'saml')) {
      for (const persona of fault.personas) expect(persona.endsWith('-saml')).toBe(true);
    }
  });
});

describe('catalog helpers', () => {
  it('say where a fault can be switched on, and print as plain data', () => {
    expect(appliesTo('saml.audience-mismatch', 'entra-saml')).toBe(true);
    expect(appliesTo('saml.audience-mismatch', 'entra-oidc')).toBe(false);
    expect(appliesTo('seat.duplicate-email', 'entra-saml')).toBe(false);
    expect(getSamlFault('saml.xsw1')?.effect.afterSigning).toBeTypeOf('function');
    const data = JSON.parse(JSON.stringify(catalogAsData())) as Array<Record<string, unknown>>;
    expect(data.find((f) => f.id === 'saml.xsw1')).not.toHaveProperty('effect');
    expect(data.length).toBe(FAULT_CATALOG.length);
  });
});
