// IdP signing certificate dates after the configuration was saved (fault catalog saml.cert-expired).
// At save, an expired certificate is refused; but certificates expire while a configuration is in
// use, and IdPs keep signing with the same key past NotAfter. The signature still proves origin, so
// such a login is accepted — with a warning for the admin on the Test SSO result and in the IdP and
// SSO section, evaluated at login / page time, not only at save time:
// - a configured (pinned) certificate past its NotAfter;
// - the IdP signing with the key of a configured certificate under a certificate (its KeyInfo) that
//   has expired, while the configured copy has not (the IdP's certificate lapsed; the copy pasted
//   here still shows the old dates, or was renewed only on this side).
// KeyInfo is never trusted for verification (samlSignature.ts); it is only read for its dates, and
// only when its key is a configured key.
import { X509Certificate } from 'node:crypto';
import { toCertificatePem } from '../../lib/index.ts';
import { certificateDates, certificateName, parseCertificate, type ParsedCertificate } from './certificates.ts';
import type { SamlSettings, SsoSettings } from './contract.ts';

function parsedPinned(settings: SamlSettings): ParsedCertificate[] {
  return settings.idpCertificates.flatMap((pem) => {
    const parsed = parseCertificate(pem);
    return parsed.ok ? [parsed.certificate] : [];
  });
}

function isExpired(certificate: ParsedCertificate, now: Date): boolean {
  return certificate.notAfter.getTime() <= now.getTime();
}

/** A configured certificate past its NotAfter, seen at login or on the account page. */
export function pinnedExpiredMessage(certificate: ParsedCertificate): string {
  return `The signing ${certificateName(certificate)} expired on ${certificate.notAfter.toISOString()}. SAML logins signed with its key are still accepted (the signature still proves where they come from), but renew the certificate at the IdP (create and activate a new one) and upload it in the IdP and SSO section before the IdP stops using the old one.`;
}

/** The IdP signs with a configured key under a certificate that has expired. */
export function idpCertificateExpiredMessage(used: ParsedCertificate, pinned: ParsedCertificate): string {
  return `The IdP signs with the key of the configured ${certificateName(pinned)}, but under a certificate that expired on ${used.notAfter.toISOString()} (${certificateName(used)}). SAML logins are still accepted, but renew the signing certificate at the IdP (create and activate a new one) and upload it in the IdP and SSO section before the IdP stops using the old one.`;
}

function sameKey(a: ParsedCertificate, b: ParsedCertificate): boolean {
  try {
    return new X509Certificate(a.pem).publicKey.equals(new X509Certificate(b.pem).publicKey);
  } catch {
    return false;
  }
}

/**
 * The certificate warnings of an accepted SAML login at `now`. `keyInfo` are the base64 bodies of
 * the certificates the response's signatures carry (untrusted; read for their dates only).
 */
export function loginCertificateWarnings(settings: SamlSettings, keyInfo: readonly string[], now: Date): string[] {
  const pinned = parsedPinned(settings);
  const warnings = pinned.filter((certificate) => isExpired(certificate, now)).map(pinnedExpiredMessage);
  const seen = new Set<string>();
  for (const body of keyInfo) {
    const parsed = parseCertificate(toCertificatePem(body));
    if (!parsed.ok || seen.has(parsed.certificate.fingerprint256) || !isExpired(parsed.certificate, now)) continue;
    seen.add(parsed.certificate.fingerprint256);
    const configured = pinned.find(
      (certificate) =>
        !isExpired(certificate, now) &&
        certificate.fingerprint256 !== parsed.certificate.fingerprint256 &&
        sameKey(certificate, parsed.certificate),
    );
    if (configured) warnings.push(idpCertificateExpiredMessage(parsed.certificate, configured));
  }
  return warnings;
}

/**
 * The warnings about a saved configuration as of `now`: those found at save, with the configured
 * certificates' dates evaluated again (a certificate "expiring in 12 days" at save may have expired
 * since), plus what the last accepted login of this configuration observed (`observed`).
 */
export function configurationWarnings(settings: SsoSettings, now: Date, observed: readonly string[] = []): string[] {
  const warnings: string[] = [];
  if (settings.protocol === 'oidc') {
    warnings.push(...settings.warnings);
  } else {
    const pinned = parsedPinned(settings);
    const live = (certificate: ParsedCertificate): string | undefined => {
      if (isExpired(certificate, now)) return pinnedExpiredMessage(certificate);
      const dates = certificateDates(certificate, now);
      return dates.state === 'valid' ? undefined : dates.message;
    };
    // A saved date warning about a configured certificate is replaced, in place, by its state now.
    const placed = new Set<ParsedCertificate>();
    for (const saved of settings.warnings) {
      const certificate = pinned.find((candidate) => saved.startsWith(`The signing ${certificateName(candidate)}`));
      if (!certificate) {
        warnings.push(saved);
        continue;
      }
      placed.add(certificate);
      const current = live(certificate);
      if (current !== undefined) warnings.push(current);
    }
    for (const certificate of pinned.filter((candidate) => !placed.has(candidate))) {
      const message = live(certificate);
      if (message !== undefined) warnings.push(message);
    }
  }
  for (const warning of observed) if (!warnings.includes(warning)) warnings.push(warning);
  return warnings;
}
