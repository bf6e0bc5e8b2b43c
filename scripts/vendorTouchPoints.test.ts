// What adding a vendor touches. The proof that vendor facts have one home: no production file
// restates a list of vendors, branches on one, or keys a table by one — outside the persona files,
// their registry row and the portal's preset row, and a short allow-list of fault facts below.
// A new vendor is then a persona file plus two rows; anything it forgets is a compile error there
// (required VendorFacts, Record<Vendor, …> in the registry, VendorPresetRow) or a failing
// cross-check (scripts/vendorPresets.crosscheck.test.ts).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { PERSONA_IDS, VENDOR_PERSONAS, VENDORS } from '../mock-idps/index.ts';
import { NAMED_PRESET_IDS } from '../portal/testing/index.ts';
import { projectTypeScript } from './structure/importGraph.ts';
import { isTestCode, scanFiles, scanSource, type TouchPoint } from './vendorTouchPoints.ts';

const ROOT = join(import.meta.dirname, '..');
const IDS: ReadonlySet<string> = new Set([...VENDORS, ...PERSONA_IDS, ...NAMED_PRESET_IDS]);

/** The files a fifth vendor touches: its persona file and the two rows that register it. */
const FIFTH_VENDOR_TOUCHES = [
  'mock-idps/personas/{vendor}.ts: new file, exporting facts (VendorFacts), saml (SamlPersona) and oidc (OidcPersona)',
  'mock-idps/personas/index.ts: its row in VENDOR_PERSONAS (the registry; its keys are the Vendor type)',
  'portal/sso/presets.ts: its row in VENDOR_PRESETS (the portal may not import the personas)',
] as const;

/** Where the vendor ids themselves are written: not scanned (they are the one home). */
const HOMES = new Set([
  'mock-idps/personas/index.ts',
  'portal/sso/presets.ts',
  ...VENDORS.map((vendor) => `mock-idps/personas/${vendor}.ts`),
]);

/**
 * Vendor ids that stay, each a fact about one fault rather than a list of vendors: which
 * personas a fault is observed on, or carries an attack. A new vendor is right to be absent.
 */
const ALLOWED: readonly { readonly file: string; readonly ids: readonly string[]; readonly why: string }[] = [
  {
    file: 'mock-idps/faults/saml.ts',
    ids: ['entra-saml', 'okta-saml', 'auth0-saml'],
    why: 'saml.nameid-persistent: the vendors that can be set to a persistent NameID (Google cannot)',
  },
  {
    file: 'mock-idps/faults/seats.ts',
    ids: ['entra-saml', 'entra-oidc'],
    why: 'seat guest-upn audit: Entra B2B guest UPNs exist only at Entra',
  },
  {
    file: 'mock-idps/faults/oidcClaimShapes.ts',
    ids: ['entra-oidc', 'google-oidc'],
    why: 'oidc.aud-extra-with-azp: the vendors whose real tokens carry azp with several audiences',
  },
  {
    file: 'mock-idps/faults/oidcClaimShapes.ts',
    ids: ['google-oidc', 'entra-oidc'],
    why: 'oidc.{exp,iat}-as-string: which persona carries each attack (one each, spread over personas)',
  },
];

const where = (point: TouchPoint): string => `${point.file}:${point.line} ${point.kind} [${point.ids.join(', ')}] ${point.text}`;
const allowed = (point: TouchPoint): boolean => ALLOWED.some((entry) => entry.file === point.file && entry.ids.join() === point.ids.join());

describe('the scanner', () => {
  const ids = new Set(['entra', 'okta', 'entra-saml', 'okta-saml']);
  const kinds = (source: string): string[] => scanSource('inline.ts', source, ids).map((point) => point.kind);

  it('finds a restated list, a type union, a switch case, a comparison and a table keyed by vendor', () => {
    expect(kinds("const VENDORS = ['entra', 'okta'] as const;")).toEqual(['list']);
    expect(kinds("type V = 'entra' | 'okta' | 'other';")).toEqual(['union']);
    expect(kinds("switch (vendor) { case 'okta': break; }")).toEqual(['case']);
    expect(kinds("if (persona.id !== 'entra-saml') run();")).toEqual(['comparison']);
    expect(kinds("const BRAND = { entra: 'blue', okta: 'navy' };")).toEqual(['key', 'key']);
    expect(kinds('const row = { entra, other };')).toEqual(['key']);
  });

  it('leaves one persona named as a value alone (a test or scenario picking the persona it runs)', () => {
    expect(kinds("const persona = PERSONAS['okta-saml']; const vendor = 'okta'; use({ persona: 'entra-saml' }, ['entra']);")).toEqual([]);
  });

  it('says where: file, line and the text', () => {
    const [point] = scanSource('inline.ts', "\nconst ALL = ['entra-saml', 'okta-saml'];", ids);
    expect(point).toMatchObject({
      file: 'inline.ts',
      line: 2,
      kind: 'list',
      ids: ['entra-saml', 'okta-saml'],
      text: "['entra-saml', 'okta-saml']",
    });
  });
});

describe('vendor touch points', () => {
  const production = projectTypeScript(ROOT).filter((file) => !isTestCode(file));
  const points = scanFiles(ROOT, production, IDS);

  it('no production file restates vendors outside the persona files and the preset rows', () => {
    const stray = points.filter((point) => !HOMES.has(point.file) && !allowed(point)).map(where);
    expect(stray, 'read these from the persona registry (mock-idps/personas) or the presets (portal/sso/presets.ts)').toEqual([]);
  });

  it('the allow-list is current: each entry still matches', () => {
    for (const entry of ALLOWED)
      expect(
        points.some((point) => point.file === entry.file && point.ids.join() === entry.ids.join()),
        entry.why,
      ).toBe(true);
  });

  it('a fifth vendor touches its persona file and two rows, nothing else', () => {
    // The files holding a table or list that names every vendor: where a new one must be added.
    const vendorOf = (id: string): string => id.replace(/-(saml|oidc)$/, '');
    const tables = [...new Set(points.filter((point) => point.kind === 'key' || point.kind === 'list').map((point) => point.file))].filter(
      (file) => VENDORS.every((vendor) => points.some((point) => point.file === file && point.ids.map(vendorOf).includes(vendor))),
    );
    expect(tables.sort()).toEqual(['mock-idps/personas/index.ts', 'portal/sso/presets.ts']);
    for (const vendor of VENDORS) expect(production).toContain(`mock-idps/personas/${vendor}.ts`);
    for (const row of Object.values(VENDOR_PERSONAS)) expect(Object.keys(row).sort()).toEqual(['facts', 'oidc', 'saml']);
    expect(FIFTH_VENDOR_TOUCHES.map((touch) => touch.split(':')[0])).toEqual(['mock-idps/personas/{vendor}.ts', ...tables.sort()]);
  });
});
