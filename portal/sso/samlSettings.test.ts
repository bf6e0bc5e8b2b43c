import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestKeyPair, pemBody, toCertificatePem } from '../../lib/index.ts';
import type { TestKeyPair } from '../../lib/index.ts';
import type { SamlSettingsInput } from './contract.ts';
import { validateSamlSettings } from './samlSettings.ts';
import { idpMetadataXml } from './testing/idpMetadataFixture.ts';
import { sendText, startTestServer } from './testing/loopbackServer.ts';
import type { TestServer } from './testing/loopbackServer.ts';

const NOW = new Date('2026-06-01T12:00:00Z');
const DAY = 86_400_000;
let current: TestKeyPair;
let expired: TestKeyPair;
let expiring: TestKeyPair;
let future: TestKeyPair;
let server: TestServer;

beforeAll(async () => {
  current = generateTestKeyPair({ commonName: 'idp current', notBefore: new Date(NOW.getTime() - 30 * DAY), lifetimeDays: 3 * 365 });
  expired = generateTestKeyPair({ commonName: 'idp expired', notBefore: new Date(NOW.getTime() - 400 * DAY), lifetimeDays: 365 });
  expiring = generateTestKeyPair({ commonName: 'idp expiring', notBefore: new Date(NOW.getTime() - 355 * DAY), lifetimeDays: 365 });
  future = generateTestKeyPair({ commonName: 'idp future', notBefore: new Date(NOW.getTime() + 2 * DAY), lifetimeDays: 365 });
  server = await startTestServer();
});
afterAll(async () => server.close());

const pemOf = (pair: TestKeyPair): string => toCertificatePem(pair.certificateBase64);

function manual(overrides: Partial<SamlSettingsInput> = {}): SamlSettingsInput {
  return {
    vendor: 'entra',
    metadataSource: 'manual',
    idpEntityId: 'https://sts.windows.net/00000000-0000-0000-0000-000000000001/',
    idpSsoUrl: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/saml2',
    idpCertificate: current.certificatePem,
    requireSignedResponse: false,
    requireSignedAssertion: true,
    allowedClockSkewSeconds: '120',
    allowIdpInitiated: false,
    ...overrides,
  };
}

async function errorsOf(input: SamlSettingsInput): Promise<Array<{ field: string; message: string }>> {
  const result = await validateSamlSettings(input, { now: NOW });
  if (result.ok) throw new Error('expected validation errors');
  return [...result.errors];
}

describe('validateSamlSettings — manual entry', () => {
  it('accepts a complete configuration and normalises it', async () => {
    const result = await validateSamlSettings(
      manual({ idpCertificate: current.certificateBase64, emailAttribute: ' email ', allowedClockSkewSeconds: 90 }),
      { now: NOW },
    );
    expect(result).toEqual({
      ok: true,
      value: {
        protocol: 'saml',
        vendor: 'entra',
        idpEntityId: 'https://sts.windows.net/00000000-0000-0000-0000-000000000001/',
        idpSsoUrl: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/saml2',
        idpCertificates: [pemOf(current)],
        requireSignedResponse: false,
        requireSignedAssertion: true,
        allowedClockSkewSeconds: 90,
        allowIdpInitiated: false,
        emailAttribute: 'email',
        warnings: [],
      },
    });
  });

  it("keeps Okta's http:// issuer exactly as entered", async () => {
    const result = await validateSamlSettings(
      manual({ vendor: 'okta', idpEntityId: 'http://www.okta.com/exk1abcd', requireSignedResponse: true }),
      { now: NOW },
    );
    expect(result.ok && result.value.idpEntityId).toBe('http://www.okta.com/exk1abcd');
  });

  it('accepts an http SSO URL on loopback (the mock IdPs)', async () => {
    expect((await validateSamlSettings(manual({ idpSsoUrl: 'http://127.0.0.1:4000/saml2' }), { now: NOW })).ok).toBe(true);
  });

  it.each<[string, Partial<SamlSettingsInput>, string, string]>([
    [
      'missing entity ID',
      { idpEntityId: '  ' },
      'idpEntityId',
      'Enter the IdP entity ID (Issuer) exactly as the IdP shows it (Entra: "Microsoft Entra Identifier"; Okta: "Identity Provider Issuer"; Google: "Entity ID").',
    ],
    [
      'entity ID with a space',
      { idpEntityId: 'https://sts.windows.net/ x' },
      'idpEntityId',
      'The IdP entity ID must be one value without spaces (at most 1024 characters): copy it again from the IdP.',
    ],
    [
      'missing SSO URL',
      { idpSsoUrl: '' },
      'idpSsoUrl',
      'Enter the IdP single sign-on URL (Entra: "Login URL"; Okta: "Identity Provider Single Sign-On URL"; Google: "SSO URL").',
    ],
    [
      'relative SSO URL',
      { idpSsoUrl: '/saml2' },
      'idpSsoUrl',
      'The IdP single sign-on URL is not an absolute URL: copy it again from the IdP (it starts with https://).',
    ],
    [
      'plain http SSO URL off the machine',
      { idpSsoUrl: 'http://login.example.test/saml2' },
      'idpSsoUrl',
      'The IdP single sign-on URL must use https (plain http is accepted only for IdPs on this machine); login.example.test is not local.',
    ],
    [
      'ftp SSO URL',
      { idpSsoUrl: 'ftp://login.example.test/saml2' },
      'idpSsoUrl',
      'The IdP single sign-on URL uses ftp: it must be an https URL.',
    ],
    [
      'missing certificate',
      { idpCertificate: '' },
      'idpCertificate',
      'Paste the IdP signing certificate (PEM, or the base64 body from the metadata).',
    ],
    [
      'certificate with stray characters',
      { idpCertificate: 'hello, world!' },
      'idpCertificate',
      'The certificate is not a certificate: expected PEM (-----BEGIN CERTIFICATE-----) or the base64 body of one, and found other characters.',
    ],
    [
      'base64 that is no certificate',
      { idpCertificate: Buffer.from('definitely not DER').toString('base64') },
      'idpCertificate',
      'The certificate does not parse as an X.509 certificate (the base64 decodes, but not to a certificate): copy the whole certificate again from the IdP.',
    ],
    [
      'a public key',
      { idpCertificate: '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----' },
      'idpCertificate',
      'The certificate is a bare public key, not a certificate: download the signing certificate (.cer / .pem / "Certificate (Base64)") from the IdP.',
    ],
    [
      'skew not a number',
      { allowedClockSkewSeconds: 'two minutes' },
      'allowedClockSkewSeconds',
      'The allowed clock skew must be a whole number of seconds from 0 to 600, not "two minutes". 120 suits most IdPs; if logins fail with "not yet valid" or "expired", fix the clocks (NTP) first.',
    ],
    [
      'skew negative',
      { allowedClockSkewSeconds: '-5' },
      'allowedClockSkewSeconds',
      'The allowed clock skew must be a whole number of seconds from 0 to 600, not "-5". 120 suits most IdPs; if logins fail with "not yet valid" or "expired", fix the clocks (NTP) first.',
    ],
    [
      'skew too large',
      { allowedClockSkewSeconds: 601 },
      'allowedClockSkewSeconds',
      'The allowed clock skew must be a whole number of seconds from 0 to 600, not "601". 120 suits most IdPs; if logins fail with "not yet valid" or "expired", fix the clocks (NTP) first.',
    ],
    [
      'skew fractional',
      { allowedClockSkewSeconds: '1.5' },
      'allowedClockSkewSeconds',
      'The allowed clock skew must be a whole number of seconds from 0 to 600, not "1.5". 120 suits most IdPs; if logins fail with "not yet valid" or "expired", fix the clocks (NTP) first.',
    ],
    [
      'skew empty',
      { allowedClockSkewSeconds: '' },
      'allowedClockSkewSeconds',
      'The allowed clock skew must be a whole number of seconds from 0 to 600. 120 suits most IdPs; if logins fail with "not yet valid" or "expired", fix the clocks (NTP) first.',
    ],
    [
      'neither part signed',
      { requireSignedAssertion: false, requireSignedResponse: false },
      'requireSignedAssertion',
      'Choose which part must be signed (assertion, response, or both): accepting unsigned SAML would let anyone log in as anyone. Entra, Google and Auth0 sign the assertion by default; Okta signs both.',
    ],
    [
      'both parts for Google',
      { vendor: 'google', requireSignedAssertion: true, requireSignedResponse: true },
      'requireSignedAssertion',
      'Google Workspace signs either the assertion or the response, never both, so requiring both would refuse every login. Require the assertion signature (the Google Workspace default) or the response signature, whichever the IdP is set to sign.',
    ],
    [
      'email attribute with a space',
      { emailAttribute: 'e mail' },
      'emailAttribute',
      'The email attribute must be one SAML attribute name (e.g. email, or http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress), without spaces, quotes or angle brackets, at most 256 characters. Leave it empty to use the NameID when it is an email.',
    ],
  ])('refuses %s', async (_name, overrides, field, message) => {
    expect(await errorsOf(manual(overrides))).toEqual([{ field, message }]);
  });

  it('refuses a pasted private key without echoing any of it', async () => {
    const errors = await errorsOf(manual({ idpCertificate: current.privateKeyPem }));
    expect(errors).toEqual([
      {
        field: 'idpCertificate',
        message:
          'The certificate is a private key, not a certificate. Never paste a private key here: delete it from wherever it was copied and paste the IdP signing *certificate* (-----BEGIN CERTIFICATE-----).',
      },
    ]);
    expect(JSON.stringify(errors)).not.toContain(pemBody(current.privateKeyPem).slice(0, 40));
  });

  it('refuses a certificate chain', async () => {
    expect(await errorsOf(manual({ idpCertificate: current.certificatePem + expiring.certificatePem }))).toEqual([
      { field: 'idpCertificate', message: 'The certificate holds 2 certificates: paste only the IdP signing certificate, not a chain.' },
    ]);
  });

  it('refuses an already-expired certificate, naming its expiry date', async () => {
    const [error] = await errorsOf(manual({ idpCertificate: expired.certificatePem }));
    expect(error?.field).toBe('idpCertificate');
    expect(error?.message).toMatch(
      /^The signing certificate CN=idp expired, O=sso-harness TEST ONLY \(SHA-256 [0-9A-F:]{23}…\) expired on 2026-04-27T12:00:00.000Z\. Download the current signing certificate from the IdP/,
    );
  });

  it('warns about a certificate that expires within 30 days', async () => {
    const result = await validateSamlSettings(manual({ idpCertificate: expiring.certificatePem }), { now: NOW });
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.warnings).toEqual([
      expect.stringMatching(/expires on 2026-06-11T12:00:00.000Z \(in 10 days\)\. Rotate it at the IdP/),
    ]);
  });

  it('warns about a certificate that is not valid yet', async () => {
    const result = await validateSamlSettings(manual({ idpCertificate: future.certificatePem }), { now: NOW });
    expect(result.ok && result.value.warnings).toEqual([expect.stringMatching(/is valid only from 2026-06-03T12:00:00.000Z/)]);
  });

  it('reports every problem at once', async () => {
    const errors = await errorsOf(manual({ idpEntityId: '', idpSsoUrl: '', idpCertificate: '', allowedClockSkewSeconds: 'x' }));
    expect(errors.map((e) => e.field)).toEqual(['allowedClockSkewSeconds', 'idpEntityId', 'idpSsoUrl', 'idpCertificate']);
  });

  it('refuses an unknown vendor and source', async () => {
    const errors = await errorsOf({ ...manual(), vendor: 'ping' as never, metadataSource: 'ldap' as never });
    expect(errors).toEqual([
      { field: 'vendor', message: 'Unknown vendor preset "ping": choose Microsoft Entra ID, Okta, Google Workspace, Auth0 or Other.' },
      { field: 'metadataSource', message: 'Unknown metadata source "ldap": choose metadata URL, metadata upload, or manual entry.' },
    ]);
  });
});

describe('validateSamlSettings — metadata upload', () => {
  const upload = (metadataXml: string, overrides: Partial<SamlSettingsInput> = {}): SamlSettingsInput => ({
    ...manual(overrides),
    metadataSource: 'upload',
    metadataXml,
  });

  it('reads entity ID, the Redirect SSO URL and the signing certificate', async () => {
    const xml = idpMetadataXml({
      certificates: [current.certificateBase64],
      redirectUrl: 'http://127.0.0.1:4000/redirect',
      postUrl: 'http://127.0.0.1:4000/post',
    });
    const result = await validateSamlSettings(upload(xml), { now: NOW });
    expect(
      result.ok && {
        id: result.value.idpEntityId,
        url: result.value.idpSsoUrl,
        certs: result.value.idpCertificates,
        warnings: result.value.warnings,
      },
    ).toEqual({
      id: 'https://sts.windows.net/00000000-0000-0000-0000-000000000001/',
      url: 'http://127.0.0.1:4000/redirect',
      certs: [pemOf(current)],
      warnings: [],
    });
  });

  it('treats a KeyDescriptor without use as a signing key', async () => {
    const result = await validateSamlSettings(upload(idpMetadataXml({ certificates: [current.certificateBase64], keyUse: [null] })), {
      now: NOW,
    });
    expect(result.ok).toBe(true);
  });

  it('warns when only the POST binding is offered', async () => {
    const result = await validateSamlSettings(upload(idpMetadataXml({ certificates: [current.certificateBase64], redirectUrl: null })), {
      now: NOW,
    });
    expect(result.ok && result.value.warnings).toEqual([
      'The IdP metadata offers only the HTTP-POST binding for sign-on; the portal sends login requests with HTTP-Redirect. If SP-initiated login fails at the IdP, enable the HTTP-Redirect binding there.',
    ]);
  });

  it('keeps the valid certificate of a rotation pair and warns about the expired one', async () => {
    const result = await validateSamlSettings(
      upload(idpMetadataXml({ certificates: [expired.certificateBase64, current.certificateBase64] })),
      { now: NOW },
    );
    expect(result.ok && result.value.idpCertificates).toEqual([pemOf(current)]);
    expect(result.ok && result.value.warnings).toEqual([
      expect.stringMatching(/expired on .* It is ignored; the other signing certificate is trusted\.$/),
    ]);
  });

  it('refuses metadata whose only certificate expired', async () => {
    const [error] = await errorsOf(upload(idpMetadataXml({ certificates: [expired.certificateBase64] })));
    expect(error?.field).toBe('metadataXml');
    expect(error?.message).toMatch(/expired on 2026-04-27T12:00:00.000Z/);
  });

  it.each<[string, () => string, string]>([
    [
      'empty',
      () => '',
      'The metadata is empty: upload the IdP metadata XML file (Entra: "Federation Metadata XML"; Okta: "Identity Provider metadata"; Google: "Download metadata").',
    ],
    [
      'not XML',
      () => 'this is not xml',
      'The metadata is not XML: it is not well-formed XML: missing root element. Upload the XML file itself, not an HTML page or a certificate.',
    ],
    [
      'a DOCTYPE',
      () =>
        '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' +
        idpMetadataXml({ certificates: [current.certificateBase64] }).replace('<?xml version="1.0" encoding="UTF-8"?>', ''),
      'The metadata contains a DOCTYPE, which is never allowed (XML external entity protection). Real IdP metadata has none: download it again from the IdP.',
    ],
    [
      'another root',
      () => '<html><body>login</body></html>',
      'The metadata root element is <html>, not a SAML EntityDescriptor (urn:oasis:names:tc:SAML:2.0:metadata): this is not SAML metadata.',
    ],
    [
      'SP metadata',
      () => idpMetadataXml({ certificates: [current.certificateBase64], descriptor: 'SPSSODescriptor' }),
      'The metadata has no IDPSSODescriptor: it describes a service provider or another kind of entity, not an identity provider. Download the IdP metadata (not the SP metadata).',
    ],
    [
      'only an encryption key',
      () => idpMetadataXml({ certificates: [current.certificateBase64], keyUse: ['encryption'] }),
      'The metadata has no signing KeyDescriptor (no <KeyDescriptor use="signing"> with an X509Certificate): the signing certificate is missing. Download the metadata again, or enter the configuration manually with the signing certificate.',
    ],
    [
      'no SSO endpoint',
      () => idpMetadataXml({ certificates: [current.certificateBase64], redirectUrl: null, postUrl: null }),
      'The metadata has no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding: the portal cannot send users to this IdP to log in.',
    ],
    [
      'no entityID',
      () => idpMetadataXml({ certificates: [current.certificateBase64], entityId: '' }),
      'The metadata EntityDescriptor has no entityID attribute: the IdP entity ID cannot be read.',
    ],
  ])('refuses metadata that is %s', async (_name, xml, message) => {
    expect(await errorsOf(upload(xml()))).toEqual([{ field: 'metadataXml', message }]);
  });

  it('refuses a metadata certificate that does not parse', async () => {
    expect(await errorsOf(upload(idpMetadataXml({ certificates: ['AAAA'] })))).toEqual([
      {
        field: 'metadataXml',
        message:
          'The metadata signing certificate does not parse as an X.509 certificate (the base64 decodes, but not to a certificate): copy the whole certificate again from the IdP.',
      },
    ]);
  });
});

describe('validateSamlSettings — metadata URL', () => {
  const byUrl = (metadataUrl: string): SamlSettingsInput => ({
    ...manual(),
    metadataSource: 'url',
    metadataUrl,
    idpEntityId: '',
    idpSsoUrl: '',
    idpCertificate: '',
  });

  it('fetches metadata from a loopback URL and remembers the URL', async () => {
    server.route('/federationmetadata.xml', (_req, _body, res) =>
      sendText(res, 200, idpMetadataXml({ certificates: [current.certificateBase64] })),
    );
    const result = await validateSamlSettings(byUrl(`${server.url}/federationmetadata.xml`), { now: NOW });
    expect(result.ok && result.value.metadataUrl).toBe(`${server.url}/federationmetadata.xml`);
    expect(result.ok && result.value.idpCertificates).toEqual([pemOf(current)]);
  });

  it('follows a redirect that stays on loopback', async () => {
    server.route('/moved', (_req, _body, res) => res.writeHead(302, { location: '/federationmetadata.xml' }).end());
    expect((await validateSamlSettings(byUrl(`${server.url}/moved`), { now: NOW })).ok).toBe(true);
  });

  it('refuses a redirect that leaves the machine', async () => {
    server.route('/offsite', (_req, _body, res) => res.writeHead(302, { location: 'http://login.example.test/metadata' }).end());
    expect(await errorsOf(byUrl(`${server.url}/offsite`))).toEqual([
      {
        field: 'metadataUrl',
        message:
          'The metadata URL could not be read: Refused to fetch http://login.example.test: the URL points to login.example.test, which is not this machine. The reference portal runs offline and fetches only from loopback hosts (127.0.0.0/8, ::1, localhost).',
      },
    ]);
  });

  it.each<[string, string, string]>([
    [
      'empty',
      '',
      'Enter the IdP metadata URL (Entra: "App Federation Metadata Url"; Okta: "Metadata URL"), or choose upload or manual entry.',
    ],
    ['not absolute', 'metadata.xml', 'The metadata URL is not an absolute URL (expected e.g. http://127.0.0.1:4000/…).'],
    [
      'off the machine',
      'https://login.microsoftonline.com/tid/federationmetadata/2007-06/federationmetadata.xml',
      'The metadata URL points to login.microsoftonline.com, which is not this machine. The reference portal runs offline and fetches only from loopback hosts (127.0.0.0/8, ::1, localhost). Download the metadata file and upload it instead.',
    ],
    ['with credentials', 'http://user:pw@127.0.0.1/x', 'The metadata URL carries a user name or password: remove them from the URL.'],
    ['file scheme', 'file:///etc/passwd', 'The metadata URL uses file: only http and https are fetched.'],
  ])('refuses a URL that is %s', async (_name, url, message) => {
    expect(await errorsOf(byUrl(url))).toEqual([{ field: 'metadataUrl', message }]);
  });

  it('says what the server answered when it is not 200', async () => {
    expect(await errorsOf(byUrl(`${server.url}/missing.xml`))).toEqual([
      {
        field: 'metadataUrl',
        message: `The metadata URL could not be read: ${server.url}/missing.xml answered HTTP 404 Not Found: check the URL at the IdP (copy its metadata URL again).`,
      },
    ]);
  });

  it('says when nothing listens at the URL', async () => {
    const gone = await startTestServer();
    const url = gone.url;
    await gone.close();
    expect(await errorsOf(byUrl(`${url}/metadata`))).toEqual([
      {
        field: 'metadataUrl',
        message: `The metadata URL could not be read: Nothing is listening at ${url} (connection refused): start the IdP, or correct the host and port.`,
      },
    ]);
  });

  it('refuses an oversized document announced by Content-Length', async () => {
    const huge = `<x>${'a'.repeat(1_100_000)}</x>`;
    server.route('/huge.xml', (_req, _body, res) => res.writeHead(200, { 'content-length': String(huge.length) }).end(huge));
    expect(await errorsOf(byUrl(`${server.url}/huge.xml`))).toEqual([
      {
        field: 'metadataUrl',
        message: `The metadata URL could not be read: ${server.url}/huge.xml sent 1100007 bytes; the limit is 1000000 bytes for this document.`,
      },
    ]);
  });

  it('stops reading an oversized streamed document', async () => {
    server.route('/stream.xml', (_req, _body, res) => sendText(res, 200, `<x>${'a'.repeat(1_100_000)}</x>`));
    expect(await errorsOf(byUrl(`${server.url}/stream.xml`))).toEqual([
      {
        field: 'metadataUrl',
        message: `The metadata URL could not be read: ${server.url}/stream.xml sent more than 1000000 bytes; the limit is 1000000 bytes for this document.`,
      },
    ]);
  });

  it('gives up after 5 seconds without an answer', async () => {
    server.route('/hang', () => undefined);
    expect(await errorsOf(byUrl(`${server.url}/hang`))).toEqual([
      {
        field: 'metadataUrl',
        message: `The metadata URL could not be read: ${server.url} did not answer within 5 s: check that the IdP is running and the URL is right.`,
      },
    ]);
  });
});
