import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateTestKeyPair, type TestKeyPair } from '../../lib/index.ts';
import { tempFolder, type TempFolder, har, buildSamlXml, samlFixture, signSaml, toBase64 } from '../../support/testing/index.ts';
import { help, run } from './explain.ts';

const AT = '2026-03-02T09:01:00Z';
let folder: TempFolder;
let key: TestKeyPair;
let out = '';
let err = '';

beforeAll(() => {
  folder = tempFolder();
  key = generateTestKeyPair({ commonName: 'okta.example', notBefore: new Date('2025-01-01T00:00:00Z'), lifetimeDays: 3650 });
});
afterAll(() => folder.remove());
afterEach(() => vi.restoreAllMocks());

async function cli(...args: string[]): Promise<number> {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  return run(args);
}

function settings(overrides: Record<string, unknown> = {}): string {
  return folder.write('settings.json', {
    protocol: 'saml',
    vendor: 'okta',
    idpEntityId: 'http://www.okta.com/exk1a2b3c4d5e6f7g8h9',
    idpCertificates: [key.certificatePem],
    requireSignedResponse: false,
    requireSignedAssertion: true,
    allowedClockSkewSeconds: 180,
    allowIdpInitiated: false,
    sp: { entityId: 'https://oe.example.com/sso/42/saml/metadata', acsUrl: 'https://oe.example.com/sso/42/saml/acs' },
    ...overrides,
  });
}

/** A HAR as a customer sends it: login form with a password, cookies, a bearer header, the ACS POST. */
function customerHar(samlResponse: string): string {
  return har(
    {
      url: 'https://contoso.okta.com/api/v1/authn',
      form: { username: 'alice@contoso.com', password: 'Winter2026!Secret' },
      requestHeaders: { Cookie: 'sid=OKTA-SID-COOKIE-VALUE; DT=device-token-value', Authorization: 'SSWS OKTA-API-TOKEN-SECRET' },
      cookies: { sid: 'OKTA-SID-COOKIE-VALUE' },
    },
    {
      url: 'https://oe.example.com/sso/42/saml/acs',
      form: { SAMLResponse: samlResponse, RelayState: '/dashboard' },
      requestHeaders: { Cookie: 'oe_session=OE-SESSION-COOKIE-VALUE' },
      cookies: { oe_session: 'OE-SESSION-COOKIE-VALUE' },
      startedDateTime: AT,
    },
  );
}

describe('sso-harness explain', () => {
  it('explains a HAR: exit 1 on a blocking finding, the fix printed, no secret echoed (text and JSON)', async () => {
    const xml = signSaml(buildSamlXml(samlFixture({ audience: 'https://oe.example.com/sso/42/saml/metadata/' })), key, 'both');
    const file = folder.write('customer.har', customerHar(toBase64(xml)));
    const signatureValues = [...xml.matchAll(/<ds:SignatureValue>([^<]+)</g)].map((match) => match[1]!);
    expect(await cli(file, '--config', settings())).toBe(1);
    const text = out;
    expect(await cli(file, '--config', settings(), '--json')).toBe(1);
    const json = out;
    for (const output of [text, json]) {
      for (const secret of [
        'Winter2026!Secret',
        'OKTA-SID-COOKIE-VALUE',
        'device-token-value',
        'OKTA-API-TOKEN-SECRET',
        'OE-SESSION-COOKIE-VALUE',
        ...signatureValues,
      ]) {
        expect(output).not.toContain(secret);
      }
    }
    expect(text).toContain('SAMLResponse from the HAR: entry 2, POST to https://oe.example.com/sso/42/saml/acs (form field SAMLResponse)');
    expect(text).toContain('Captured at 2026-03-02T09:01:00.000Z (time of the HAR entry; --at overrides)');
    expect(text).toContain('VERDICT: the SP refuses this login (1 blocking');
    expect(text).toContain('[saml.audience-trailing-slash]');
    expect(text).toContain('Fix: ');
    const report = JSON.parse(json) as { schemaVersion: number; verdict: string; findings: Array<{ faultId?: string }> };
    expect(report.schemaVersion).toBe(1);
    expect(report.verdict).toBe('refused');
    expect(report.findings.map((item) => item.faultId)).toContain('saml.audience-trailing-slash');
  });

  it('exit 0 when nothing blocks', async () => {
    const xml = signSaml(buildSamlXml(samlFixture()), key, 'both');
    expect(await cli(folder.write('ok.txt', toBase64(xml)), '--config', settings(), '--at', AT)).toBe(0);
    expect(out).toContain('VERDICT: no problem found');
  });

  it.each([
    [
      'garbage',
      () => [folder.write('garbage.txt', 'Hi support, nobody can log in since this morning!')],
      'sso-harness explain: This is not a SAMLResponse, JWT (ID token) or HAR file because it is not XML',
    ],
    [
      'a missing file',
      () => ['/nonexistent/customer.har'],
      'sso-harness explain: cannot read /nonexistent/customer.har: it does not exist.',
    ],
    ['no file', () => [], 'sso-harness explain: give exactly one file to explain (or "-" for standard input), not 0.'],
    [
      'a bad --at',
      () => [folder.write('x.txt', 'x'), '--at', 'yesterday'],
      'sso-harness explain: --at must be an ISO 8601 time such as 2026-03-02T09:15:00Z, not "yesterday".',
    ],
    ['an unknown option', () => ['x', '--verbose'], "sso-harness explain: Unknown option '--verbose'"],
    [
      'a config that is not one',
      () => [
        folder.write('y.txt', toBase64('<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>')),
        '--config',
        folder.write('cfg.json', { hello: 1 }),
      ],
      'is JSON but not one of: SP settings',
    ],
  ])('exit 2 with a plain message for %s', async (_what, args, message) => {
    expect(await cli(...args())).toBe(2);
    expect(err).toContain(message);
    expect(err).not.toMatch(/\n\s+at /);
    expect(out).toBe('');
  });

  it('help documents inputs, options, exit codes and examples', () => {
    expect(help).toContain('Usage: sso-harness explain <file|->');
    for (const text of ['--config', '--at', '--json', 'Exit codes', 'Examples:', 'sso-harness explain customer.har --config'])
      expect(help).toContain(text);
  });
});
