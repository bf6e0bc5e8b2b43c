import { X509Certificate, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { signedCertificate, tbsCertificate, time, unsignedInteger } from './x509Der.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

/** The certificate node-forge wrote for these fields before lib/x509.ts had its own encoder. */
function forgeCertificate(serialHex: string, commonName: string, notBefore: Date, notAfter: Date): Buffer {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = serialHex;
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  const attrs = [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'sso-harness TEST ONLY' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}

function ours(serialHex: string, commonName: string, notBefore: Date, notAfter: Date): Buffer {
  const tbs = tbsCertificate({
    serial: Buffer.from(serialHex, 'hex'),
    commonName,
    organization: 'sso-harness TEST ONLY',
    notBefore,
    notAfter,
    subjectPublicKeyInfo: createPublicKey(publicKey).export({ type: 'spki', format: 'der' }),
  });
  return signedCertificate(tbs, sign('sha256', tbs, createPrivateKey(privateKey)));
}

describe('x509Der: the self-signed test certificate', () => {
  it.each([
    {
      name: 'a vendor-style subject, validity before 2050',
      serial: '01a2b3c4d5e6f708192a3b4c5d6e7f80',
      cn: 'Microsoft Azure Federated SSO Certificate',
      from: '2026-01-01T00:00:00Z',
      to: '2029-01-01T00:00:00Z',
    },
    {
      name: 'validity into 2050+ (GeneralizedTime)',
      serial: '0100000000000000000000000000ffff',
      cn: 'dev-70468100',
      from: '2026-05-31T23:59:59Z',
      to: '2056-05-31T23:59:59Z',
    },
    {
      name: 'the serial recertify writes (0x02, then zeros)',
      serial: '02' + '00'.repeat(15),
      cn: 'okta.example',
      from: '2025-01-01T00:00:00Z',
      to: '2035-01-01T00:00:00Z',
    },
  ])('is byte for byte what node-forge wrote: $name', ({ serial, cn, from, to }) => {
    expect(ours(serial, cn, new Date(from), new Date(to)).equals(forgeCertificate(serial, cn, new Date(from), new Date(to)))).toBe(true);
  });

  it('writes a subject outside PrintableString as UTF8String, which X.509 parsers read back', () => {
    const der = ours(
      '01' + '11'.repeat(15),
      'Zoë_test@contoso.example',
      new Date('2026-01-01T00:00:00Z'),
      new Date('2027-01-01T00:00:00Z'),
    );
    const cert = new X509Certificate(der);
    expect(cert.subject).toBe('CN=Zoë_test@contoso.example\nO=sso-harness TEST ONLY');
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.ca).toBe(false);
  });

  it.each([
    ['1949-12-31T23:59:59.999Z', '18', '19491231235959Z'],
    ['1950-01-01T00:00:00Z', '17', '500101000000Z'],
    ['2049-12-31T23:59:59Z', '17', '491231235959Z'],
    ['2050-01-01T00:00:00Z', '18', '20500101000000Z'],
  ])('encodes %s as tag 0x%s %s (RFC 5280 §4.1.2.5)', (iso, tag, text) => {
    const encoded = time(new Date(iso));
    expect(encoded[0]!.toString(16)).toBe(tag);
    expect(encoded.subarray(2).toString('ascii')).toBe(text);
  });

  it.each([
    ['00', '020100'],
    ['7f', '02017f'],
    ['80', '02020080'],
    ['000102', '02020102'],
  ])('writes the unsigned integer %s minimally as %s', (input, der) => {
    expect(unsignedInteger(Buffer.from(input, 'hex')).toString('hex')).toBe(der);
  });
});
