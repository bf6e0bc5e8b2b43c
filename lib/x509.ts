// Test-only key pairs and self-signed X.509 certificates, generated at run time.
// Nothing here is a production credential, and every certificate says so. By default the subject
// carries it (`CN={commonName}, O=sso-harness TEST ONLY`). A caller that needs another subject —
// the mock IdPs' personas take the vendor's subject DN exactly (mock-idps/keys.ts) — gets that
// subject as given, and the certificate says it is test-only in a non-critical Netscape comment
// extension instead (TEST_ONLY_COMMENT; `openssl x509 -text` shows it, `testOnlyMarkOf` reads it).
// The certificate is written with node:crypto and the small DER encoder in x509Der.ts: RSA key
// generation runs on libuv's thread pool in the async variant, and no certificate library is
// loaded at start-up (node-forge alone took ~50 ms to import and ~10 ms per certificate).
import {
  generateKeyPair,
  generateKeyPairSync,
  X509Certificate,
  randomBytes,
  sign,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  type RSAKeyPairOptions,
} from 'node:crypto';
import { commentOf, subjectOf, tbsCertificate, signedCertificate, type DistinguishedName } from './x509Der.ts';

export type { DistinguishedName, SubjectAttributeType } from './x509Der.ts';

export interface TestKeyPair {
  /** PKCS#8 PEM private key. Secret: never log or attach it. */
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
  /** PEM certificate (self-signed, RSA-SHA256). */
  readonly certificatePem: string;
  /** Base64 DER body of the certificate, as it appears in SAML metadata / KeyInfo. */
  readonly certificateBase64: string;
  /** SHA-256 fingerprint, colon-separated upper-case hex (as vendor consoles show it). */
  readonly fingerprint256: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/**
 * Whom the certificate names: `commonName` (the subject is then `CN={commonName}, O=sso-harness TEST
 * ONLY`), or a whole `subject` written as given, attribute order kept (a vendor's DN), the test-only
 * mark then in the nsComment extension.
 */
export type CertificateSubject = { commonName: string; subject?: never } | { subject: DistinguishedName; commonName?: never };

export interface Validity {
  notBefore?: Date;
  notAfter?: Date;
  /** Lifetime in days when notAfter is not given (default 365). */
  lifetimeDays?: number;
}

export type CertificateOptions = CertificateSubject & Validity & { modulusLength?: 2048 | 3072 | 4096 };

const DAY_MS = 86_400_000;
export const TEST_ONLY_ORGANIZATION = 'sso-harness TEST ONLY';
/** The nsComment of a certificate whose subject is a vendor's: what says it is a test certificate. */
export const TEST_ONLY_COMMENT = 'sso-harness TEST ONLY: generated at run time, never a production credential';
interface PemKeys {
  readonly privateKey: string;
  readonly publicKey: string;
}

const rsaOptions = (options: CertificateOptions): RSAKeyPairOptions<'pem', 'pem'> => ({
  modulusLength: options.modulusLength ?? 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

export function generateTestKeyPair(options: CertificateOptions): TestKeyPair {
  return certifiedPair(generateKeyPairSync('rsa', rsaOptions(options)), options);
}

/** The same as `generateTestKeyPair`, with the RSA key generated on libuv's thread pool (the event loop keeps serving). */
export async function generateTestKeyPairAsync(options: CertificateOptions): Promise<TestKeyPair> {
  const keys = await new Promise<PemKeys>((resolve, reject) => {
    generateKeyPair('rsa', rsaOptions(options), (error, publicKey, privateKey) =>
      error ? reject(error) : resolve({ publicKey, privateKey }),
    );
  });
  return certifiedPair(keys, options);
}

/** A test key pair for an existing PKCS#8 private key (PEM), with a new self-signed certificate. */
export function testKeyPairFromPrivateKey(privateKeyPem: string, options: CertificateSubject & Validity): TestKeyPair {
  const publicKey = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
  return certifiedPair({ privateKey: privateKeyPem, publicKey }, options);
}

function certifiedPair(keys: PemKeys, options: CertificateSubject & Validity): TestKeyPair {
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY_MS);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + (options.lifetimeDays ?? 365) * DAY_MS);
  // Positive serial: first byte below 0x80.
  const serial = Buffer.concat([Buffer.from([0x01]), randomBytes(15)]);
  const certificatePem = selfSignedCertificatePem(keys, { ...subjectFields(options), serial, notBefore, notAfter });
  return pairWithCertificate(keys, certificatePem, notBefore, notAfter);
}

/**
 * The same key pair with a new self-signed certificate (another validity, another serial): what a
 * vendor console does when it renews a certificate for the same key.
 */
export function recertifyTestKeyPair(
  pair: TestKeyPair,
  fields: CertificateSubject & { serial: Buffer; notBefore: Date; notAfter: Date },
): TestKeyPair {
  const keys = { privateKey: pair.privateKeyPem, publicKey: pair.publicKeyPem };
  const { serial, notBefore, notAfter } = fields;
  return pairWithCertificate(
    keys,
    selfSignedCertificatePem(keys, { ...subjectFields(fields), serial, notBefore, notAfter }),
    notBefore,
    notAfter,
  );
}

/** Whom a test certificate names, as `recertifyTestKeyPair` takes it: the same subject, marked the same way. */
export function certificateSubjectOf(certificatePem: string): CertificateSubject {
  const subject = subjectOf(new X509Certificate(certificatePem).raw);
  const [cn, organization, ...rest] = subject;
  return cn?.[0] === 'CN' && organization?.[0] === 'O' && organization[1] === TEST_ONLY_ORGANIZATION && rest.length === 0
    ? { commonName: cn[1] }
    : { subject };
}

/** The test-only mark a certificate carries in its nsComment extension (TEST_ONLY_COMMENT), if any. */
export function testOnlyMarkOf(certificatePemOrBase64: string): string | undefined {
  return commentOf(new X509Certificate(toCertificatePem(certificatePemOrBase64)).raw);
}

interface SubjectFields {
  readonly subject: DistinguishedName;
  readonly comment?: string;
}

/** The default subject carries the test-only mark itself; a given subject gets it as a comment. */
function subjectFields(options: CertificateSubject): SubjectFields {
  return options.subject !== undefined
    ? { subject: options.subject, comment: TEST_ONLY_COMMENT }
    : {
        subject: [
          ['CN', options.commonName],
          ['O', TEST_ONLY_ORGANIZATION],
        ],
      };
}

function pairWithCertificate(keys: PemKeys, certificatePem: string, notBefore: Date, notAfter: Date): TestKeyPair {
  return {
    privateKeyPem: keys.privateKey,
    publicKeyPem: keys.publicKey,
    certificatePem,
    certificateBase64: pemBody(certificatePem),
    fingerprint256: new X509Certificate(certificatePem).fingerprint256,
    notBefore,
    notAfter,
  };
}

const privateKeys = new Map<string, KeyObject>();

function selfSignedCertificatePem(keys: PemKeys, fields: SubjectFields & { serial: Buffer; notBefore: Date; notAfter: Date }): string {
  let privateKey = privateKeys.get(keys.privateKey);
  if (!privateKey) {
    privateKey = createPrivateKey(keys.privateKey);
    // Recertifying (expired copies, rotations) signs with the same key again; keep a few parsed.
    if (privateKeys.size > 64) privateKeys.clear();
    privateKeys.set(keys.privateKey, privateKey);
  }
  const subjectPublicKeyInfo = createPublicKey(keys.publicKey).export({ type: 'spki', format: 'der' });
  const tbs = tbsCertificate({ ...fields, subjectPublicKeyInfo });
  const der = signedCertificate(tbs, sign('sha256', tbs, privateKey));
  return toCertificatePem(der.toString('base64'));
}

/** The base64 body of a PEM block, without armour or line breaks. */
export function pemBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
}

/** Wrap a base64 DER certificate body (as found in metadata) into PEM. */
export function toCertificatePem(base64OrPem: string): string {
  if (base64OrPem.includes('-----BEGIN')) return base64OrPem.trim() + '\n';
  const body = base64OrPem.replace(/\s+/g, '');
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
