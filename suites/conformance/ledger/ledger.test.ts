import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getFault } from '../../../mock-idps/index.ts';
import { LedgerError, knownDeviation, loadLedger, parseLedger } from './ledger.ts';

const entry = { fault: 'saml.cert-expired', target: 'embedded reference portal', reason: 'No warning yet.', reference: 'OE-1234' };

describe('parseLedger', () => {
  it('accepts a valid ledger and keeps optional personas', () => {
    const ledger = parseLedger({ version: 1, entries: [entry, { ...entry, fault: 'saml.guest-ext-upn', personas: ['entra-saml'] }] });
    expect(ledger.entries).toEqual([entry, { ...entry, fault: 'saml.guest-ext-upn', personas: ['entra-saml'] }]);
  });

  it.each<[string, unknown, string]>([
    ['not an object', [], 'the ledger must be a JSON object { "version": 1, "entries": [...] }.'],
    [
      'another version',
      { version: 2, entries: [] },
      'the ledger has version 2; this harness reads version 1. Update the file\'s "version" (and its entries) to the current format.',
    ],
    ['no entries', { version: 1 }, 'the ledger needs an "entries" array (it may be empty).'],
    [
      'an entry that is not an object',
      { version: 1, entries: ['x'] },
      'the ledger is not valid:\n  - entries[0] must be an object { "fault", "target", "reason", "reference", "personas"? }',
    ],
    [
      'missing fields',
      { version: 1, entries: [{ fault: 'saml.cert-expired' }] },
      'the ledger is not valid:\n  - entries[0].target must be a non-empty string\n  - entries[0].reason must be a non-empty string\n  - entries[0].reference must be a non-empty string',
    ],
    [
      'an unknown fault',
      { version: 1, entries: [{ ...entry, fault: 'saml.nope' }] },
      'the ledger is not valid:\n  - entries[0].fault "saml.nope" is not in the fault catalog (sso-harness faults lists the ids); remove the entry or fix the id',
    ],
    [
      'a persona the fault does not apply to',
      { version: 1, entries: [{ ...entry, fault: 'saml.guest-ext-upn', personas: ['okta-saml'] }] },
      'the ledger is not valid:\n  - entries[0].personas names okta-saml, which fault saml.guest-ext-upn does not apply to',
    ],
    [
      'an unknown persona',
      { version: 1, entries: [{ ...entry, personas: ['ping-saml'] }] },
      'the ledger is not valid:\n  - entries[0].personas must be a non-empty array of persona ids (entra-saml, entra-oidc, okta-saml, okta-oidc, google-saml, google-oidc, auth0-saml, auth0-oidc), or be left out for all',
    ],
    [
      'a repeated entry',
      { version: 1, entries: [entry, entry] },
      'the ledger is not valid:\n  - entries[1] repeats fault saml.cert-expired for all personas on target "embedded reference portal"',
    ],
  ])('refuses %s', (_case, raw, message) => {
    expect(() => parseLedger(raw)).toThrow(new LedgerError(message));
  });
});

describe('knownDeviation', () => {
  const ledger = parseLedger({ version: 1, entries: [entry, { ...entry, fault: 'saml.guest-ext-upn', personas: ['entra-saml'] }] });

  it.each([
    ['saml.cert-expired', 'okta-saml', 'embedded reference portal', true],
    ['saml.cert-expired', 'okta-saml', 'OE staging', false],
    ['saml.guest-ext-upn', 'entra-saml', 'embedded reference portal', true],
    ['saml.audience-mismatch', 'okta-saml', 'embedded reference portal', false],
  ] as const)('%s × %s on %s → ledgered: %s', (fault, persona, target, ledgered) => {
    expect(knownDeviation(ledger, fault, persona, target) !== undefined).toBe(ledgered);
  });
});

describe('loadLedger', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the committed ledger, whose entries all name catalog faults', () => {
    const ledger = loadLedger();
    expect(ledger.version).toBe(1);
    for (const item of ledger.entries) expect(getFault(item.fault)).toBeDefined();
  });

  it('says what is wrong with a file that is missing or not JSON', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "version": 1, ');
    expect(() => loadLedger(broken)).toThrow(/^The expected-failures ledger .*broken\.json is not valid JSON/);
    expect(() => loadLedger(join(dir, 'absent.json'))).toThrow(
      /cannot be read .* Restore it from git; an empty ledger is \{ "version": 1, "entries": \[\] \}\.$/,
    );
  });
});
