import { X509Certificate, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { commentOf, signedCertificate, subjectOf, tbsCertificate, time, unsignedInteger, type DistinguishedName } from './x509Der.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

const testOnly = (commonName: string): DistinguishedName => [
  ['CN', commonName],
  ['O', 'sso-harness TEST ONLY'],
];

/** The certificate node-forge writes for these fields (what it wrote before lib/x509.ts had its own encoder). */
function forgeCertificate(serialHex: string, subject: DistinguishedName, notBefore: Date, notAfter: Date, comment?: string): Buffer {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = serialHex;
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  const attrs = subject.map(([type, value]) =>
    // forge's typings call valueTagClass an asn1.Class; it is the value's universal type (forge writes PrintableString by default).
    type === 'emailAddress'
      ? { name: type, value, valueTagClass: forge.asn1.Type.IA5STRING as unknown as forge.asn1.Class }
      : { shortName: type, value },
  );
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true },
    ...(comment === undefined ? [] : [{ name: 'nsComment', comment }]),
  ]);
  cert.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}

function ours(serialHex: string, subject: DistinguishedName, notBefore: Date, notAfter: Date, comment?: string): Buffer {
  const tbs = tbsCertificate({
    serial: Buffer.from(serialHex, 'hex'),
    subject,
    ...(comment === undefined ? {} : { comment }),
    notBefore,
    notAfter,
    subjectPublicKeyInfo: createPublicKey(publicKey).export({ type: 'spki', format: 'der' }),
  });
  return signedCertificate(tbs, sign('sha256', tbs, createPrivateKey(privateKey)));
}

const OKTA: DistinguishedName = [
  ['C', 'US'],
  ['ST', 'California'],
  ['L', 'San Francisco'],
  ['O', 'Okta'],
  ['OU', 'SSOProvider'],
  ['CN', 'dev-70468100'],
  ['emailAddress', 'info@okta.com'],
];
const COMMENT = 'sso-harness TEST ONLY: generated at run time, never a production credential';

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
    const [subject, notBefore, notAfter] = [testOnly(cn), new Date(from), new Date(to)];
    expect(ours(serial, subject, notBefore, notAfter).equals(forgeCertificate(serial, subject, notBefore, notAfter))).toBe(true);
  });

  it('writes a vendor subject in its order (emailAddress an IA5String) and an nsComment, byte for byte as node-forge does', () => {
    const [serial, notBefore, notAfter] = ['01' + 'ab'.repeat(15), new Date('2024-03-01T10:00:00Z'), new Date('2034-03-01T10:01:00Z')];
    const der = ours(serial, OKTA, notBefore, notAfter, COMMENT);
    expect(der.equals(forgeCertificate(serial, OKTA, notBefore, notAfter, COMMENT))).toBe(true);
    const cert = new X509Certificate(der);
    expect(cert.subject).toBe('C=US\nST=California\nL=San Francisco\nO=Okta\nOU=SSOProvider\nCN=dev-70468100\nemailAddress=info@okta.com');
    expect(cert.issuer).toBe(cert.subject);
    expect(cert.verify(cert.publicKey)).toBe(true);
    // node-forge reads the extension back as a non-critical nsComment.
    const parsed = forge.pki.certificateFromAsn1(forge.asn1.fromDer(der.toString('binary')));
    expect(parsed.getExtension('nsComment')).toMatchObject({ name: 'nsComment', critical: false });
  });

  it('reads back the subject attributes in order and the comment', () => {
    const marked = ours('01' + '22'.repeat(15), OKTA, new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'), COMMENT);
    expect(subjectOf(marked)).toEqual(OKTA);
    expect(commentOf(marked)).toBe(COMMENT);
    const plain = ours('01' + '33'.repeat(15), testOnly('Zoë'), new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    expect(subjectOf(plain)).toEqual(testOnly('Zoë'));
    expect(commentOf(plain)).toBeUndefined();
  });

  it('writes a subject outside PrintableString as UTF8String, which X.509 parsers read back', () => {
    const der = ours(
      '01' + '11'.repeat(15),
      testOnly('Zoë_test@contoso.example'),
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
