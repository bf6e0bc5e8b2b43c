// Test-only key pairs and self-signed X.509 certificates, generated at run time.
// Nothing here is a production credential; every subject carries "TEST ONLY".
import { generateKeyPairSync, X509Certificate, randomBytes } from 'node:crypto';
import forge from 'node-forge';

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

export interface CertificateOptions {
  commonName: string;
  notBefore?: Date;
  notAfter?: Date;
  /** Lifetime in days when notAfter is not given (default 365). */
  lifetimeDays?: number;
  modulusLength?: 2048 | 3072 | 4096;
}

const DAY_MS = 86_400_000;

export function generateTestKeyPair(options: CertificateOptions): TestKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: options.modulusLength ?? 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY_MS);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + (options.lifetimeDays ?? 365) * DAY_MS);
  const certificatePem = selfSign(privateKey, publicKey, options.commonName, notBefore, notAfter);
  const x509 = new X509Certificate(certificatePem);
  return {
    privateKeyPem: privateKey,
    publicKeyPem: publicKey,
    certificatePem,
    certificateBase64: pemBody(certificatePem),
    fingerprint256: x509.fingerprint256,
    notBefore,
    notAfter,
  };
}

function selfSign(privateKeyPem: string, publicKeyPem: string, commonName: string, notBefore: Date, notAfter: Date): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  // Positive serial: first byte below 0x80.
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  const attrs = [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'sso-harness TEST ONLY' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true }]);
  cert.sign(forge.pki.privateKeyFromPem(privateKeyPem), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
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
