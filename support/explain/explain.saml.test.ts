import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestKeyPair, type TestKeyPair } from '../../lib/index.ts';
import { mintSamlResponse } from '../../mock-idps/index.ts';
import { idpMetadataXml, tempFolder, type TempFolder } from '../testing/configFiles.ts';
import { buildSamlXml, samlFixture, signSaml, toBase64, type SamlFixture, type SignScope } from '../testing/samlFixtures.ts';
import { explainArtefact } from './explain.ts';
import type { ExplainReport } from './report.ts';

const DAY = 86_400_000;
const ISSUED = new Date('2026-03-02T09:00:00Z');
const SOON = new Date(ISSUED.getTime() + 60_000);
const ACS = 'https://oe.example.com/sso/42/saml/acs';
const SP_ENTITY_ID = 'https://oe.example.com/sso/42/saml/metadata';
const OKTA_ISSUER = 'http://www.okta.com/exk1a2b3c4d5e6f7g8h9';

let folder: TempFolder;
let idp: TestKeyPair;
let rotated: TestKeyPair;
let stranger: TestKeyPair;
let expired: TestKeyPair;

beforeAll(() => {
  folder = tempFolder();
  idp = generateTestKeyPair({ commonName: 'okta.example', notBefore: new Date('2025-01-01T00:00:00Z'), lifetimeDays: 3650 });
  rotated = generateTestKeyPair({ commonName: 'okta.example', notBefore: new Date('2026-02-01T00:00:00Z'), lifetimeDays: 3650 });
  stranger = generateTestKeyPair({ commonName: 'another-app.example', notBefore: new Date('2025-06-01T00:00:00Z'), lifetimeDays: 3650 });
  expired = generateTestKeyPair({
    commonName: 'okta.example',
    notBefore: new Date('2024-01-01T00:00:00Z'),
    notAfter: new Date('2026-01-01T00:00:00Z'),
  });
});

afterAll(() => folder.remove());

interface Case {
  readonly name: string;
  readonly fixture?: Partial<SamlFixture>;
  readonly sign?: SignScope | 'none';
  readonly algorithm?: 'sha256' | 'sha1';
  readonly key?: () => TestKeyPair;
  readonly trusted?: () => TestKeyPair;
  readonly settings?: Record<string, unknown>;
  /** Applied to the signed XML (tampering, attack shapes). */
  readonly mutate?: (xml: string) => string;
  readonly at?: Date;
  readonly expect: {
    readonly faultId?: string;
    readonly check?: string;
    readonly severity: 'blocking' | 'warning' | 'info';
    readonly detail?: string;
  };
}

function settingsFile(trusted: TestKeyPair, settings: Record<string, unknown> = {}): string {
  return folder.write(`settings-${Math.random().toString(36).slice(2)}.json`, {
    protocol: 'saml',
    vendor: 'okta',
    idpEntityId: OKTA_ISSUER,
    idpCertificates: [trusted.certificatePem],
    requireSignedResponse: false,
    requireSignedAssertion: true,
    allowedClockSkewSeconds: 180,
    allowIdpInitiated: false,
    sp: { entityId: SP_ENTITY_ID, acsUrl: ACS },
    ...settings,
  });
}

async function explainCase(c: Case): Promise<ExplainReport> {
  const key = c.key?.() ?? idp;
  const xml = buildSamlXml(samlFixture(c.fixture));
  const signed = c.sign === 'none' ? xml : signSaml(xml, key, c.sign ?? 'both', c.algorithm);
  const final = c.mutate ? c.mutate(signed) : signed;
  const { report } = await explainArtefact(toBase64(final), {
    configPath: settingsFile(c.trusted?.() ?? idp, c.settings),
    at: c.at ?? SOON,
  });
  return report;
}

function unsignedCopy(xml: string, id: string, email: string): string {
  const assertion = /<saml2:Assertion[\s\S]*<\/saml2:Assertion>/
    .exec(xml)![0]
    .replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '')
    .replace(/ID="[^"]+"/, `ID="${id}"`)
    .replace(/alice@contoso\.com/g, email);
  return assertion;
}

const CASES: readonly Case[] = [
  {
    name: 'audience differing only in case',
    fixture: { audience: SP_ENTITY_ID.toUpperCase().replace('HTTPS', 'https') },
    expect: { faultId: 'saml.audience-case-variant', severity: 'blocking', detail: 'they differ only in letter case' },
  },
  {
    name: 'audience with a trailing slash',
    fixture: { audience: `${SP_ENTITY_ID}/` },
    expect: {
      faultId: 'saml.audience-trailing-slash',
      severity: 'blocking',
      detail: 'they differ only by a trailing slash (the first has one)',
    },
  },
  {
    name: 'audience of another SP',
    fixture: { audience: 'https://other-sp.example.com/metadata' },
    expect: {
      faultId: 'saml.audience-mismatch',
      severity: 'blocking',
      detail: 'they point at different hosts (other-sp.example.com vs oe.example.com)',
    },
  },
  {
    name: "issuer https instead of Okta's http",
    settings: { idpEntityId: OKTA_ISSUER.replace('http:', 'https:') },
    expect: { faultId: 'saml.issuer-mismatch', severity: 'blocking', detail: 'they differ only in the scheme (http vs https)' },
  },
  {
    name: 'Destination of another ACS',
    fixture: { destination: 'https://oe.example.com/sso/7/saml/acs' },
    expect: { faultId: 'saml.acs-mismatch', severity: 'blocking' },
  },
  {
    name: 'Destination computed as http:// behind a proxy',
    fixture: { destination: ACS.replace('https:', 'http:') },
    expect: { faultId: 'saml.destination-scheme-mismatch', severity: 'blocking' },
  },
  {
    name: 'Recipient of another ACS',
    fixture: { recipient: 'https://oe.example.com/sso/7/saml/acs' },
    expect: { faultId: 'saml.recipient-mismatch', severity: 'blocking' },
  },
  {
    name: 'IdP clock 20 minutes ahead',
    at: new Date(ISSUED.getTime() - 20 * 60_000),
    expect: { faultId: 'saml.clock-skew-future-beyond', severity: 'blocking' },
  },
  {
    name: 'expired by a minute, within the skew',
    at: new Date(ISSUED.getTime() + 6 * 60_000),
    expect: { faultId: 'saml.clock-skew-past-within', severity: 'warning' },
  },
  {
    name: 'used 3 hours later',
    at: new Date(ISSUED.getTime() + 3 * 3_600_000),
    expect: { faultId: 'saml.expired-assertion', severity: 'blocking' },
  },
  { name: 'no Conditions', fixture: { conditions: false }, expect: { faultId: 'saml.missing-conditions', severity: 'blocking' } },
  {
    name: 'IdP-initiated while the account refuses it',
    fixture: { inResponseTo: undefined },
    expect: { faultId: 'saml.idp-initiated-unsolicited', severity: 'blocking' },
  },
  {
    name: 'status Requester / RequestDenied',
    fixture: { status: 'urn:oasis:names:tc:SAML:2.0:status:Requester', statusSubCode: 'urn:oasis:names:tc:SAML:2.0:status:RequestDenied' },
    sign: 'response',
    expect: { faultId: 'saml.status-requester', severity: 'blocking' },
  },
  {
    name: 'no email anywhere (Auth0 user id as NameID)',
    fixture: { nameId: 'auth0|64f0c0ffee', attributes: { firstName: 'Alice' } },
    expect: { faultId: 'saml.email-missing', severity: 'blocking' },
  },
  {
    name: 'transient NameID, no email attribute',
    fixture: { nameId: '_8f2e0a', nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient', attributes: {} },
    expect: { faultId: 'saml.nameid-transient-no-email', severity: 'blocking' },
  },
  {
    name: 'Entra guest #EXT# UPN',
    fixture: {
      nameId: 'alice_contoso.com#EXT#@fabrikam.onmicrosoft.com',
      nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      attributes: {},
    },
    expect: { faultId: 'saml.guest-ext-upn', severity: 'warning' },
  },
  {
    name: 'UPN on the initial domain',
    fixture: { nameId: 'alice@contoso.onmicrosoft.com', attributes: {} },
    expect: { faultId: 'saml.upn-not-email', severity: 'warning' },
  },
  { name: 'RSA-SHA1 signature', algorithm: 'sha1', expect: { faultId: 'saml.sha1-signature', severity: 'blocking' } },
  { name: 'SHA-1 digest', algorithm: 'sha1', expect: { faultId: 'saml.sha1-digest', severity: 'blocking' } },
  { name: 'nothing signed', sign: 'none', expect: { faultId: 'saml.signing-scope-none', severity: 'blocking' } },
  {
    name: 'assertion-only signing when a signed Response is required',
    sign: 'assertion',
    settings: { requireSignedResponse: true, requireSignedAssertion: false },
    expect: { faultId: 'saml.signing-scope-assertion-only', severity: 'blocking' },
  },
  {
    name: 'response-only signing when a signed Assertion is required',
    sign: 'response',
    expect: { faultId: 'saml.signing-scope-response-only', severity: 'blocking' },
  },
  {
    name: "signed by another application's certificate",
    key: () => stranger,
    expect: { faultId: 'saml.wrong-cert-pasted', severity: 'blocking' },
  },
  { name: "signed by the IdP's rotated certificate", key: () => rotated, expect: { faultId: 'saml.cert-rotated', severity: 'blocking' } },
  {
    name: 'configured certificate past NotAfter (same key)',
    key: () => expired,
    trusted: () => expired,
    expect: { faultId: 'saml.cert-expired', severity: 'warning' },
  },
  {
    name: 'NameID edited after signing',
    mutate: (xml) =>
      xml.replace(
        '<saml2:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">alice@contoso.com',
        '<saml2:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">admin@contoso.com',
      ),
    expect: { faultId: 'saml.digest-mismatch', severity: 'blocking' },
  },
  {
    name: 'a DOCTYPE with an external entity',
    fixture: { doctype: '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>' },
    expect: { faultId: 'saml.xxe-doctype', severity: 'blocking' },
  },
  {
    name: 'a comment splitting the NameID',
    mutate: (xml) => xml.replace('>alice@contoso.com</saml2:NameID>', '>alice@contoso.com<!---->.evil.com</saml2:NameID>'),
    expect: { faultId: 'saml.comment-injection-nameid', severity: 'blocking', detail: 'its first text node is "alice@contoso.com"' },
  },
  {
    name: 'a second, unsigned assertion after the signed one',
    sign: 'assertion',
    mutate: (xml) =>
      xml.replace('</saml2p:Response>', `${unsignedCopy(xml, 'id00000000000000000000000001', 'admin@contoso.com')}</saml2p:Response>`),
    expect: { faultId: 'saml.multiple-assertions', severity: 'blocking' },
  },
  {
    name: 'an unsigned evil assertion before the signed one (XSW3)',
    sign: 'assertion',
    mutate: (xml) =>
      xml.replace('<saml2:Assertion ', `${unsignedCopy(xml, 'id00000000000000000000000002', 'admin@contoso.com')}<saml2:Assertion `),
    expect: { faultId: 'saml.xsw3', severity: 'blocking' },
  },
  {
    name: 'an encrypted assertion',
    sign: 'response',
    mutate: (xml) =>
      xml.replace(
        /<saml2:Assertion[\s\S]*<\/saml2:Assertion>/,
        '<saml2:EncryptedAssertion><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"/></saml2:EncryptedAssertion>',
      ),
    settings: { requireSignedAssertion: false },
    expect: { faultId: 'saml.encrypted-assertion-unexpected', severity: 'blocking' },
  },
  {
    name: 'Response and SubjectConfirmationData answering different requests',
    mutate: (xml) =>
      xml.replace('<saml2:SubjectConfirmationData InResponseTo="_req1234567890"', '<saml2:SubjectConfirmationData InResponseTo="_other"'),
    expect: { faultId: 'saml.inresponseto-unknown', severity: 'blocking' },
  },
];

describe('explain: SAML findings', () => {
  it.each(CASES)('$name', async (c) => {
    const report = await explainCase(c);
    const match = report.findings.find((item) => (c.expect.faultId ? item.faultId === c.expect.faultId : item.check === c.expect.check));
    expect(match, JSON.stringify(report.findings.map((item) => [item.severity, item.faultId ?? item.check]))).toBeDefined();
    expect(match!.severity).toBe(c.expect.severity);
    if (c.expect.detail) expect(match!.detail).toContain(c.expect.detail);
    if (match!.severity !== 'info') {
      expect(match!.customerSees).toBeTruthy();
      expect(match!.fix).toBeTruthy();
    }
  });

  it("a correct Okta response against the account's settings: no blocking finding, Okta recognised", async () => {
    const report = await explainCase({ name: 'happy', expect: { severity: 'info' } });
    expect(report.findings.filter((item) => item.severity !== 'info')).toEqual([]);
    expect(report.verdict).toBe('no-problem-found');
    expect(report.looksLike).toMatchObject({ persona: 'okta-saml', vendor: 'okta', confidence: 'strong' });
    expect(report.findings.map((item) => item.title)).toContain('Email: alice@contoso.com');
  });

  it('warns about a RelayState pointing at another site (open redirect attempt)', async () => {
    const xml = signSaml(buildSamlXml(samlFixture()), idp, 'both');
    const { report } = await explainArtefact(
      `SAMLResponse=${encodeURIComponent(toBase64(xml))}&RelayState=${encodeURIComponent('https://evil.example/phish')}`,
      { configPath: settingsFile(idp), at: SOON },
    );
    expect(report.findings.find((item) => item.check === 'saml.relaystate')).toMatchObject({
      severity: 'warning',
      faultId: 'saml.relaystate-external-url',
    });
    expect(report.verdict).toBe('accepted-with-warnings');
  });

  it('quotes the Okta fix from the catalog when the account is an Okta one', async () => {
    const report = await explainCase({
      name: 'recipient',
      fixture: { recipient: 'https://oe.example.com/sso/7/saml/acs' },
      expect: { severity: 'blocking' },
    });
    const recipient = report.findings.find((item) => item.faultId === 'saml.recipient-mismatch');
    expect(recipient?.fix).toContain('Okta Admin Console');
  });

  it('tells KeyInfo substitution from a wrong paste when the IdP metadata is the configuration', async () => {
    const config = folder.write('metadata.xml', idpMetadataXml(OKTA_ISSUER, [idp.certificateBase64]));
    const xml = signSaml(buildSamlXml(samlFixture()), stranger, 'both');
    const { report } = await explainArtefact(toBase64(xml), { configPath: config, at: SOON });
    expect(report.findings.find((item) => item.check === 'saml.signing-certificate')).toMatchObject({
      faultId: 'saml.keyinfo-attacker-cert',
      severity: 'blocking',
    });
  });

  it('without --config: verifies the signature with its own KeyInfo and says nothing was compared', async () => {
    const xml = signSaml(buildSamlXml(samlFixture()), idp, 'assertion');
    const { report } = await explainArtefact(toBase64(xml), { at: SOON });
    expect(report.config).toBeUndefined();
    expect(report.findings.find((item) => item.check === 'saml.signature-unchecked')?.title).toBe(
      "The assertion signature is intact (not yet compared with the account's certificate)",
    );
    expect(report.findings.find((item) => item.check === 'saml.audience')?.detail).toContain('Not compared');
  });

  it.each([
    [
      'oversize',
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">${'<x/>'.repeat(260_000)}</samlp:Response>`,
      'saml.oversize-response',
    ],
    [
      'deep nesting',
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">${'<a>'.repeat(200)}${'</a>'.repeat(200)}</samlp:Response>`,
      'saml.deep-nesting',
    ],
  ])('refuses to parse %s and reports it as an attack shape', async (_what, xml, faultId) => {
    const { report } = await explainArtefact(toBase64(xml), { at: SOON });
    expect(report.findings.map((item) => item.faultId)).toEqual([faultId]);
    expect(report.verdict).toBe('refused');
  });

  it('judges the time window at the --at capture time: a week before issue it is far from valid', async () => {
    const report = await explainCase({ name: 'at', at: new Date(SOON.getTime() - 7 * DAY), expect: { severity: 'info' } });
    expect(report.capturedAt).toBe(new Date(SOON.getTime() - 7 * DAY).toISOString());
    expect(report.findings.find((item) => item.faultId === 'saml.not-yet-valid')).toBeDefined();
  });
});

describe('explain: an encrypted assertion, whose window cannot be read', () => {
  it('is said to be stale when the Response was issued longer ago than any assertion lives, with --at as the way out', async () => {
    const minted = await mintSamlResponse({
      persona: 'entra-saml',
      acs: 'https://oe.example.com/acs',
      audience: 'https://oe.example.com/sp',
      email: 'alice@contoso.com',
      fault: 'saml.encrypted-assertion-unexpected',
    });
    const issued = new Date(/IssueInstant="([^"]+)"/.exec(minted.xml)![1]!);
    const later = await explainArtefact(minted.samlResponse, { at: new Date(issued.getTime() + 3 * 3600_000) });
    const stale = later.report.findings.find((item) => item.check === 'saml.encrypted-age');
    expect(stale?.severity).toBe('warning');
    expect(stale?.detail).toContain('pass its time with --at');
    const atOnce = await explainArtefact(minted.samlResponse, { at: issued });
    expect(atOnce.report.findings.find((item) => item.check === 'saml.encrypted-age')).toBeUndefined();
  });
});
