// IdP signing certificates as admins paste them (PEM, or the bare base64 body copied from
// metadata) and as metadata carries them (<ds:X509Certificate>).
import { X509Certificate } from 'node:crypto';
import { pemBody, toCertificatePem } from '../../lib/index.ts';

export interface ParsedCertificate {
  /** Normalised PEM (one certificate). */
  readonly pem: string;
  readonly subject: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly fingerprint256: string;
}

export type CertificateParse =
  { readonly ok: true; readonly certificate: ParsedCertificate } | { readonly ok: false; readonly problem: string };

const DAY_MS = 86_400_000;
export const EXPIRY_WARNING_DAYS = 30;

/** Parse one certificate. Problems are worded for the admin and never echo the input (it might be a private key). */
export function parseCertificate(input: string): CertificateParse {
  const text = input.trim();
  if (text === '') return { ok: false, problem: 'is empty: paste the IdP signing certificate (PEM, or its base64 body).' };
  if (/PRIVATE KEY/.test(text)) {
    return {
      ok: false,
      problem:
        'is a private key, not a certificate. Never paste a private key here: delete it from wherever it was copied and paste the IdP signing *certificate* (-----BEGIN CERTIFICATE-----).',
    };
  }
  if (/BEGIN PUBLIC KEY/.test(text)) {
    return {
      ok: false,
      problem:
        'is a bare public key, not a certificate: download the signing certificate (.cer / .pem / "Certificate (Base64)") from the IdP.',
    };
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0;
  if (blocks > 1) return { ok: false, problem: `holds ${blocks} certificates: paste only the IdP signing certificate, not a chain.` };
  if (blocks === 0 && /-----BEGIN /.test(text))
    return { ok: false, problem: 'is a PEM block of another kind: paste the IdP signing certificate (-----BEGIN CERTIFICATE-----).' };
  const body = pemBody(text);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 !== 0) {
    return {
      ok: false,
      problem: 'is not a certificate: expected PEM (-----BEGIN CERTIFICATE-----) or the base64 body of one, and found other characters.',
    };
  }
  const pem = toCertificatePem(body);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(pem);
  } catch {
    return {
      ok: false,
      problem:
        'does not parse as an X.509 certificate (the base64 decodes, but not to a certificate): copy the whole certificate again from the IdP.',
    };
  }
  if (x509.publicKey.asymmetricKeyType !== 'rsa') {
    return {
      ok: false,
      problem: `carries a ${String(x509.publicKey.asymmetricKeyType).toUpperCase()} key; SAML signatures from Entra, Okta, Google and Auth0 use RSA (RSA-SHA256). Download the RSA signing certificate.`,
    };
  }
  return {
    ok: true,
    certificate: {
      pem,
      subject: x509.subject.replace(/\n/g, ', '),
      notBefore: new Date(x509.validFrom),
      notAfter: new Date(x509.validTo),
      fingerprint256: x509.fingerprint256,
    },
  };
}

export type CertificateDates =
  { readonly state: 'valid' } | { readonly state: 'expiring' | 'expired' | 'not-yet-valid'; readonly message: string };

/** How warnings name a certificate: `certificate <subject> (SHA-256 <fingerprint prefix>…)`. */
export function certificateName(certificate: ParsedCertificate): string {
  return `certificate ${certificate.subject} (SHA-256 ${certificate.fingerprint256.slice(0, 23)}…)`;
}

/** Where a certificate stands at `now`: expired (refused at save), expiring within 30 days (warning), not yet valid (warning). */
export function certificateDates(certificate: ParsedCertificate, now: Date): CertificateDates {
  const name = certificateName(certificate);
  const notAfter = certificate.notAfter.toISOString();
  if (certificate.notAfter.getTime() <= now.getTime()) {
    return {
      state: 'expired',
      message: `The signing ${name} expired on ${notAfter}. Download the current signing certificate from the IdP (after rotating it there if needed).`,
    };
  }
  if (certificate.notBefore.getTime() > now.getTime()) {
    return {
      state: 'not-yet-valid',
      message: `The signing ${name} is valid only from ${certificate.notBefore.toISOString()}; logins keep working, but check that this is the certificate the IdP signs with today.`,
    };
  }
  const days = Math.floor((certificate.notAfter.getTime() - now.getTime()) / DAY_MS);
  if (days < EXPIRY_WARNING_DAYS) {
    return {
      state: 'expiring',
      message: `The signing ${name} expires on ${notAfter} (in ${days} day${days === 1 ? '' : 's'}). Rotate it at the IdP and upload the new certificate here before then, or SSO logins will fail.`,
    };
  }
  return { state: 'valid' };
}
