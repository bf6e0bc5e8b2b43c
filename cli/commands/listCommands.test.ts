// personas, faults and mint: what they print, and the usage errors they give.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureOutput, type CapturedOutput } from '../../lib/testing/index.ts';
import { FAULT_CATALOG } from '../../mock-idps/index.ts';
import * as faults from './faults.ts';
import * as mint from './mint.ts';
import * as personas from './personas.ts';

let io: CapturedOutput = { out: '', err: '' };
function capture(): void {
  io = captureOutput();
}
afterEach(() => {
  vi.restoreAllMocks();
});

describe('sso-harness personas', () => {
  it('prints a table, and the full data with --json', async () => {
    capture();
    expect(await personas.run([])).toBe(0);
    expect(io.out).toContain('okta-saml    Okta (SAML)');
    capture();
    expect(await personas.run(['--json'])).toBe(0);
    const data = JSON.parse(io.out) as Array<{ id: string; sources: unknown[] }>;
    expect(data.map((p) => p.id)).toHaveLength(8);
    expect(data.every((p) => p.sources.length > 0)).toBe(true);
  });
});

describe('sso-harness faults', () => {
  it('filters by protocol, persona and category', async () => {
    capture();
    expect(await faults.run(['--protocol', 'saml', '--category', 'attack', '--json'])).toBe(0);
    const data = JSON.parse(io.out) as Array<{ id: string; protocol: string; category: string }>;
    expect(data.length).toBeGreaterThanOrEqual(15);
    expect(data.every((f) => f.protocol === 'saml' && f.category === 'attack')).toBe(true);
    capture();
    expect(await faults.run(['--persona', 'entra-saml'])).toBe(0);
    expect(io.out).toContain('saml.upn-not-email');
    expect(io.out).toContain(`of ${FAULT_CATALOG.length} faults.`);
  });

  it.each([
    [['--protocol', 'ldap'], '--protocol must be one of saml, oidc, seat'],
    [['--persona', 'ping-saml'], '--persona must be one of entra-saml'],
    [['--bogus'], 'Known options: --json, --protocol, --persona, --category'],
  ])('%j is a usage error', async (args, message) => {
    capture();
    expect(await faults.run(args)).toBe(2);
    expect(io.err).toContain(message);
  });
});

describe('sso-harness mint saml', () => {
  it('prints { samlResponse, xml, certificatePem } with --json, the XML being what the base64 holds', async () => {
    capture();
    const code = await mint.run([
      'saml',
      '--persona',
      'google-saml',
      '--acs',
      'http://127.0.0.1:8080/acs',
      '--audience',
      'http://127.0.0.1:8080',
      '--email',
      'bob.user@example.com',
      '--in-response-to',
      '_r1',
      '--fault',
      'saml.audience-trailing-slash',
      '--json',
    ]);
    expect(code).toBe(0);
    const minted = JSON.parse(io.out) as { samlResponse: string; xml: string; certificatePem: string };
    expect(Buffer.from(minted.samlResponse, 'base64').toString('utf8')).toBe(minted.xml);
    expect(minted.xml).toContain('<saml2:Audience>http://127.0.0.1:8080/</saml2:Audience>');
    expect(minted.xml).toContain('InResponseTo="_r1"');
    expect(minted.certificatePem).toContain('BEGIN CERTIFICATE');
    expect(io.out).not.toContain('PRIVATE KEY');
  });

  it.each([
    [['saml', '--persona', 'entra-oidc', '--acs', 'a', '--audience', 'b', '--email', 'x@y.z'], '"entra-oidc" is not a SAML persona'],
    [
      ['saml', '--persona', 'entra-saml', '--acs', 'a', '--audience', 'b', '--email', 'x@y.z', '--fault', 'saml.nope'],
      'not a SAML fault of the catalog',
    ],
    [
      ['saml', '--persona', 'okta-saml', '--acs', 'a', '--audience', 'b', '--email', 'x@y.z', '--fault', 'saml.upn-not-email'],
      'applies to: entra-saml',
    ],
    [
      ['saml', '--persona', 'okta-saml', '--acs', 'a', '--audience', 'b', '--email', 'x@y.z', '--fault', 'saml.user-not-assigned'],
      'nothing to mint',
    ],
    [['saml', '--persona', 'okta-saml', '--acs', 'a', '--audience', 'b', '--email', 'not-an-email'], '--email must be an email address'],
    [['saml', '--persona', 'okta-saml'], 'missing --acs, --audience, --email'],
    [['jwt'], 'say what to mint first'],
  ])('%j is a usage error', async (args, message) => {
    capture();
    expect(await mint.run(args)).toBe(2);
    expect(io.err).toContain(message);
  });
});
