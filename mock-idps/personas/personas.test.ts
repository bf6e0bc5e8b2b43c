// Persona data is the single source of vendor facts: check it is complete and self-consistent.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PERSONA_IDS, VENDORS } from '../types.ts';
import { PERSONAS, SAML_PERSONAS, VENDOR_PERSONAS } from './index.ts';

describe('personas', () => {
  it('defines all eight vendor × protocol personas, each with sourced facts', () => {
    expect(Object.keys(PERSONAS).sort()).toEqual([...PERSONA_IDS].sort());
    for (const persona of Object.values(PERSONAS)) {
      expect(persona.id).toBe(`${persona.vendor}-${persona.protocol}`);
      expect(persona.sources.length).toBeGreaterThan(0);
      for (const source of persona.sources) expect(source.url).toMatch(/^https:\/\//);
    }
  });

  it.each(SAML_PERSONAS.map((p) => [p.id, p] as const))('%s: every URL path lives under /{vendor}/{tenant id}/', (_id, persona) => {
    const prefix = `/${persona.vendor}/{${VENDOR_PERSONAS[persona.vendor].facts.pathId}}/`;
    for (const template of [persona.ssoPathTemplate, persona.metadataPathTemplate, persona.idpInitiatedPathTemplate])
      expect(template.startsWith(prefix)).toBe(true);
    expect(persona.wire.assertionChildOrder).toContain('Subject');
    expect(Object.keys(persona.errors).sort()).toEqual(['acsMismatch', 'malformedRequest', 'unknownSp', 'userDisabled', 'userNotAssigned']);
  });

  it("files each vendor under its own id: the registry key is the personas' vendor", () => {
    for (const [vendor, row] of Object.entries(VENDOR_PERSONAS)) {
      expect([row.saml.vendor, row.oidc.vendor]).toEqual([vendor, vendor]);
      expect([row.saml.protocol, row.oidc.protocol]).toEqual(['saml', 'oidc']);
      expect(row.saml.loginFlow).toBe(row.oidc.loginFlow);
    }
  });

  it('registers every persona file: a vendor file without its registry row would be silently unused', () => {
    const files = readdirSync(import.meta.dirname).filter(
      (name) => name.endsWith('.ts') && name !== 'index.ts' && !name.endsWith('.test.ts'),
    );
    expect(files.map((name) => name.replace(/\.ts$/, '')).sort()).toEqual([...VENDORS].sort());
  });

  it('covers every vendor', () => {
    expect(new Set(Object.values(PERSONAS).map((p) => p.vendor))).toEqual(new Set(VENDORS));
  });
});
