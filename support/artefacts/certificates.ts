// X.509 facts support compares: SHA-256 fingerprint (as vendor consoles show it), validity,
// key size and the certificate's own signature algorithm. Certificates are public; private keys
// never pass through here.
import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { toCertificatePem } from '../../lib/index.ts';
import { SupportInputError } from './errors.ts';

export interface CertificateInfo {
  /** Colon-separated upper-case hex, as Entra / Okta / Google consoles display it. */
  readonly fingerprint256: string;
  readonly subject: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly keyType: string;
  readonly keyBits?: number;
  /** E.g. `sha256WithRSAEncryption`; undefined when it cannot be read. */
  readonly signatureAlgorithm?: string;
  readonly pem: string;
}

/** Read a certificate from PEM or from the base64 body found in metadata / KeyInfo. */
export function readCertificate(base64OrPem: string, where: string): CertificateInfo {
  const pem = toCertificatePem(base64OrPem);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(pem);
  } catch {
    throw new SupportInputError(
      'config-invalid',
      `The certificate in ${where} cannot be read as X.509 (PEM or base64 DER). Copy the signing certificate again from the IdP console (download it as Base64 / PEM).`,
    );
  }
  const details = x509.publicKey.asymmetricKeyDetails;
  return {
    fingerprint256: x509.fingerprint256,
    subject: x509.subject.replace(/\n/g, ', '),
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
    keyType: x509.publicKey.asymmetricKeyType ?? 'unknown',
    ...(details?.modulusLength !== undefined ? { keyBits: details.modulusLength } : {}),
    ...signatureAlgorithmOf(pem),
    pem,
  };
}

function signatureAlgorithmOf(pem: string): { signatureAlgorithm?: string } {
  try {
    const oid = forge.pki.certificateFromPem(pem).siginfo.algorithmOid;
    const name = forge.pki.oids[oid];
    return { signatureAlgorithm: typeof name === 'string' ? name : oid };
  } catch {
    // node-forge reads RSA certificates only; other key types keep the field absent.
    return {};
  }
}

/** Whole days from `at` until the certificate expires (negative once expired). */
export function daysUntilExpiry(cert: CertificateInfo, at: Date): number {
  return Math.floor((cert.notAfter.getTime() - at.getTime()) / 86_400_000);
}

export function sameCertificate(a: CertificateInfo, b: CertificateInfo): boolean {
  return a.fingerprint256 === b.fingerprint256;
}
