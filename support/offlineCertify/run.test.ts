import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateTestKeyPair, type TestKeyPair } from '../../lib/index.ts';
import type { CertificationReport } from '../../reporting/index.ts';
import { idpMetadataXml, tempFolder, type TempFolder } from '../testing/configFiles.ts';
import { certifyCustomerFile, runOfflineCertify } from './run.ts';

const NOW = new Date('2026-03-02T09:00:00Z');
const DAY = 86_400_000;
const OKTA_ISSUER = 'http://www.okta.com/exk1a2b3c4d5e6f7g8h9';
const SP = { entityId: 'https://oe.example.com/sso/42/saml/metadata', acsUrl: 'https://oe.example.com/sso/42/saml/acs' };
const SECRET = 'CLIENT-SECRET-IN-CUSTOMER-FILE';

let folder: TempFolder;
let current: TestKeyPair;
let soon: TestKeyPair;
let other: TestKeyPair;

beforeAll(() => {
  folder = tempFolder();
  current = generateTestKeyPair({ commonName: 'okta.example', notBefore: new Date('2025-01-01T00:00:00Z'), lifetimeDays: 3650 });
  soon = generateTestKeyPair({
    commonName: 'okta.example',
    notBefore: new Date('2023-03-01T00:00:00Z'),
    notAfter: new Date(NOW.getTime() + 20 * DAY),
  });
  other = generateTestKeyPair({ commonName: 'another-app.example', lifetimeDays: 365 });
  folder.write(
    'okta-metadata.xml',
    idpMetadataXml(OKTA_ISSUER, [current.certificateBase64], 'https://contoso.okta.com/app/contoso_oe/exk1a2b3c4d5e6f7g8h9/sso/saml'),
  );
  folder.write('seats.csv', 'name,email,role,status\nAlice,alice@contoso.com,admin,active\nBob,bob@contoso.com,user,active\n');
  folder.write('okta-users.csv', 'login,email\nalice@contoso.com,alice@contoso.com\nbob@contoso.com,bob@contoso.com\n');
  folder.write(
    'bad-seats.csv',
    'name,email,role,status\n"Root, Admin",root@old-brand.example,admin,active\nBob,bob@contoso.com,user,active\nBob again,Bob@Contoso.com,user,active\nBroken,carol@@contoso.com ,user,active\nGuest,dave_fabrikam.com#EXT#@contoso.onmicrosoft.com,user,active\nGone,erin@contoso.com,user,disabled\n',
  );
});
afterAll(() => folder.remove());
afterEach(() => vi.restoreAllMocks());

const GOOD = {
  formatVersion: 1,
  customer: 'Contoso <account 42>',
  vendor: 'okta',
  protocol: 'saml',
  idpMetadata: 'okta-metadata.xml',
  sp: SP,
  spSettings: {
    idpEntityId: OKTA_ISSUER,
    idpSsoUrl: 'https://contoso.okta.com/app/contoso_oe/exk1a2b3c4d5e6f7g8h9/sso/saml',
    idpCertificates: [] as string[],
    requireSignedAssertion: true,
  },
  idpApp: { spEntityId: SP.entityId, acsUrls: [SP.acsUrl], signingAlgorithm: 'rsa-sha256' },
  seats: 'seats.csv',
  idpUsers: 'okta-users.csv',
  ssoDomains: ['contoso.com'],
};

async function certify(name: string, file: object): Promise<CertificationReport> {
  const path = folder.write(`${name}.json`, file);
  return (await certifyCustomerFile({ configPath: path, json: false, out: `${folder.dir}/reports-${name}`, now: NOW })).report;
}

function ids(report: CertificationReport): string[] {
  return report.findings.filter((item) => item.severity !== 'info').map((item) => `${item.severity}:${item.faultId ?? item.check}`);
}

describe('certify --config (offline)', () => {
  it('certifies a clean Okta SAML configuration and writes the three report files', async () => {
    const report = await certify('good', { ...GOOD, spSettings: { ...GOOD.spSettings, idpCertificates: [current.certificatePem] } });
    expect(ids(report)).toEqual([]);
    expect(report.verdict).toBe('certified');
    expect(report.run).toMatchObject({ mode: 'offline', harnessVersion: '0.1.0' });
    expect(report.matrix).toEqual([]);
    const json = JSON.parse(readFileSync(`${folder.dir}/reports-good/certification.json`, 'utf8')) as CertificationReport;
    expect(json.schemaVersion).toBe(1);
    expect(readFileSync(`${folder.dir}/reports-good/certification.md`, 'utf8')).toContain('**CERTIFIED: 0 blocking');
    const html = readFileSync(`${folder.dir}/reports-good/certification.html`, 'utf8');
    expect(html).toContain('Contoso &lt;account 42&gt;');
    expect(html).not.toContain('Contoso <account 42>');
  });

  it.each([
    [
      'metadata entity ID differs from the SP settings (https vs http)',
      { spSettings: { ...GOOD.spSettings, idpEntityId: OKTA_ISSUER.replace('http:', 'https:') } },
      'blocking:saml.issuer-mismatch',
    ],
    [
      "another app's certificate pasted",
      { spSettings: { ...GOOD.spSettings, idpCertificates: ['OTHER'] } },
      'blocking:saml.wrong-cert-pasted',
    ],
    ['IdP app set to RSA-SHA1', { idpApp: { ...GOOD.idpApp, signingAlgorithm: 'rsa-sha1' } }, 'blocking:saml.sha1-signature'],
    [
      'ACS registered as http://',
      { idpApp: { ...GOOD.idpApp, acsUrls: [SP.acsUrl.replace('https:', 'http:')] } },
      'blocking:saml.destination-scheme-mismatch',
    ],
    [
      'SP entity ID registered with a trailing slash',
      { idpApp: { ...GOOD.idpApp, spEntityId: `${SP.entityId}/` } },
      'blocking:saml.audience-trailing-slash',
    ],
    [
      'SSO URL typed by hand',
      { spSettings: { ...GOOD.spSettings, idpSsoUrl: 'https://contoso.okta.com/app/other/sso/saml' } },
      'blocking:alignment.idp-sso-url',
    ],
    [
      'entity ID that is not Okta-shaped',
      { idpMetadata: idpMetadataXml('https://contoso.okta.com/saml', ['MIIB']) },
      'warning:saml.issuer-mismatch',
    ],
  ])('finds: %s', async (_what, change, expected) => {
    const replaced = JSON.parse(JSON.stringify({ ...GOOD, ...change }).replace('"OTHER"', JSON.stringify(other.certificatePem))) as object;
    const report = await certify(`case-${Math.random().toString(36).slice(2)}`, replaced);
    expect(ids(report)).toContain(expected);
    expect(report.verdict).toBe('not-certified');
  });

  it('warns about a certificate expiring within 30 days and a rotation under way', async () => {
    folder.write(
      'two-certs.xml',
      idpMetadataXml(OKTA_ISSUER, [soon.certificateBase64, current.certificateBase64], GOOD.spSettings.idpSsoUrl),
    );
    const report = await certify('expiry', {
      ...GOOD,
      idpMetadata: 'two-certs.xml',
      spSettings: { ...GOOD.spSettings, idpCertificates: [soon.certificatePem] },
    });
    expect(report.findings.find((item) => item.check === 'certificate.expiry' && item.severity === 'warning')?.title).toBe(
      'A signing certificate expires within 30 days (20 days left)',
    );
    expect(ids(report)).toContain('warning:saml.cert-rotated');
  });

  it('audits the seats: invalid, duplicate, guest, other-domain, missing from the IdP, admin not covered', async () => {
    const report = await certify('seats', { ...GOOD, seats: 'bad-seats.csv' });
    expect(ids(report)).toEqual(
      expect.arrayContaining([
        'blocking:seat.invalid-email',
        'blocking:seat.duplicate-email',
        'blocking:seat.guest-upn',
        'blocking:seat.admin-not-covered',
        'blocking:seat.domain-not-aligned',
        'blocking:seat.unknown-to-idp',
      ]),
    );
    expect(report.findings.find((item) => item.faultId === 'seat.duplicate-email')?.detail).toContain(
      'Seat #3 (Bob) shares the email bob@contoso.com with seat #4 (Bob again)',
    );
    expect(report.findings.find((item) => item.faultId === 'seat.admin-not-covered')?.title).toBe(
      'No admin seat can log in through the IdP: enabling SSO locks the account out',
    );
    expect(report.findings.find((item) => item.faultId === 'seat.disabled')?.detail).toContain('erin@contoso.com');
    expect(report.verdict).toBe('not-certified');
  });

  it('checks an OIDC configuration against its discovery document', async () => {
    const discovery = {
      issuer: 'https://contoso.us.auth0.com/',
      authorization_endpoint: 'https://contoso.us.auth0.com/authorize',
      token_endpoint: 'https://contoso.us.auth0.com/oauth/token',
      jwks_uri: 'https://contoso.us.auth0.com/.well-known/jwks.json',
      response_types_supported: ['code'],
      id_token_signing_alg_values_supported: ['HS256'],
    };
    const report = await certify('oidc', {
      vendor: 'auth0',
      protocol: 'oidc',
      discovery,
      sp: { oidcRedirectUri: 'https://oe.example.com/sso/42/oidc/callback' },
      spSettings: { issuer: 'https://contoso.us.auth0.com', clientId: 'abc', clientSecret: SECRET, scopes: 'openid profile' },
      idpApp: { redirectUris: ['https://oe.example.com/sso/42/oidc/callback/'] },
      seats: 'seats.csv',
    });
    expect(ids(report)).toEqual(
      expect.arrayContaining([
        'blocking:oidc.issuer-auth0-trailing-slash',
        'blocking:oidc.hs256-with-secret',
        'blocking:oidc.redirect-uri-mismatch',
        'warning:oidc.email-claim-absent',
      ]),
    );
    for (const name of ['json', 'md', 'html'])
      expect(readFileSync(`${folder.dir}/reports-oidc/certification.${name}`, 'utf8')).not.toContain(SECRET);
  });

  it('turns an unreadable metadata file into a blocking finding, not a crash', async () => {
    const report = await certify('garbage-metadata', { ...GOOD, idpMetadata: '<html><body>Sign in to Okta</body></html>' });
    expect(report.findings[0]).toMatchObject({ area: 'metadata', severity: 'blocking', title: 'The IdP metadata cannot be read' });
  });

  it('runOfflineCertify: exit 0 / 1 / 2 with a summary, the JSON report, or the reason the file is unusable', async () => {
    let out = '';
    let err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      err += String(chunk);
      return true;
    });
    const good = folder.write('run-good.json', { ...GOOD, spSettings: { ...GOOD.spSettings, idpCertificates: [current.certificatePem] } });
    expect(await runOfflineCertify({ configPath: good, json: false, out: `${folder.dir}/r1`, now: NOW })).toBe(0);
    expect(out).toContain('CERTIFIED: 0 blocking');
    out = '';
    const bad = folder.write('run-bad.json', { ...GOOD, seats: 'bad-seats.csv' });
    expect(await runOfflineCertify({ configPath: bad, json: true, out: `${folder.dir}/r2`, now: NOW })).toBe(1);
    expect((JSON.parse(out) as CertificationReport).verdict).toBe('not-certified');
    expect(
      await runOfflineCertify({
        configPath: folder.write('run-unusable.json', { vendor: 'azure' }),
        json: false,
        out: `${folder.dir}/r3`,
        now: NOW,
      }),
    ).toBe(2);
    expect(err).toContain('sso-harness certify --config: The customer file');
    expect(err).toContain('- vendor: must be one of');
  });
});
