// Signing certificates: expiry horizons (30 / 60 / 90 days, vendors rotate on their own
// schedule: Entra 3 years, Google 5, Okta 10) and whether the certificate pasted in the SP
// settings is one the IdP actually signs with (SAML metadata §2.4.1.1 KeyDescriptor use).
import { daysUntilExpiry, type CertificateInfo } from '../../artefacts/certificates.ts';
import { FAULT } from '../../explain/faultIds.ts';
import type { Severity, ReportFinding } from '../../../reporting/index.ts';
import { reportFinding, type OfflineContext } from './context.ts';

const HORIZONS: ReadonlyArray<{ readonly days: number; readonly severity: Severity }> = [
  { days: 30, severity: 'warning' },
  { days: 60, severity: 'warning' },
  { days: 90, severity: 'info' },
];

function label(certificate: CertificateInfo): string {
  return `SHA-256 ${certificate.fingerprint256} (${certificate.subject})`;
}

export function certificateChecks(ctx: OfflineContext): ReportFinding[] {
  if (ctx.file.protocol !== 'saml') return [];
  const out: ReportFinding[] = [];
  const published = ctx.metadata?.signingCertificates ?? [];
  const seen = new Set<string>();
  for (const certificate of [...ctx.configured, ...published]) {
    if (seen.has(certificate.fingerprint256)) continue;
    seen.add(certificate.fingerprint256);
    out.push(...expiry(ctx, certificate));
  }
  if (ctx.configured.length === 0) {
    if (published.length > 0)
      out.push(
        reportFinding(
          'certificate',
          {
            check: 'certificate.configured',
            severity: 'info',
            title: "No certificate pasted in the SP settings: the metadata's signing certificates will be trusted",
            detail: published.map(label).join('; '),
          },
          ctx,
        ),
      );
    return out;
  }
  if (!ctx.metadata) return out;
  const publishedPrints = new Set(published.map((certificate) => certificate.fingerprint256));
  const encryptionPrints = new Set(
    ctx.metadata.encryptionCertificates
      .filter((certificate) => !publishedPrints.has(certificate.fingerprint256))
      .map((certificate) => certificate.fingerprint256),
  );
  for (const certificate of ctx.configured) {
    if (publishedPrints.has(certificate.fingerprint256)) continue;
    const isEncryption = encryptionPrints.has(certificate.fingerprint256);
    out.push(
      reportFinding(
        'certificate',
        {
          check: 'certificate.configured',
          severity: 'blocking',
          fault: FAULT.samlWrongCert,
          title: isEncryption
            ? "The certificate in the SP settings is the IdP's encryption certificate"
            : 'The certificate in the SP settings is not one the IdP signs with',
          detail: `Configured ${label(certificate)}; the metadata's signing certificate(s): ${published.map(label).join('; ') || '(none)'}.`,
        },
        ctx,
      ),
    );
  }
  const configuredPrints = new Set(ctx.configured.map((certificate) => certificate.fingerprint256));
  const notConfigured = published.filter((certificate) => !configuredPrints.has(certificate.fingerprint256));
  if (notConfigured.length > 0 && notConfigured.length < published.length) {
    out.push(
      reportFinding(
        'certificate',
        {
          check: 'certificate.rotation',
          severity: 'warning',
          fault: FAULT.samlCertRotated,
          title: 'The IdP publishes a signing certificate the SP settings do not have yet (rotation under way)',
          detail: `Not configured: ${notConfigured.map(label).join('; ')}. When the IdP activates it, every login fails until it is added.`,
        },
        ctx,
      ),
    );
  }
  return out;
}

function expiry(ctx: OfflineContext, certificate: CertificateInfo): ReportFinding[] {
  const days = daysUntilExpiry(certificate, ctx.at);
  if (certificate.notBefore > ctx.at) {
    return [
      reportFinding(
        'certificate',
        {
          check: 'certificate.not-yet-valid',
          severity: 'warning',
          title: 'A signing certificate is not valid yet',
          detail: `${label(certificate)} starts on ${certificate.notBefore.toISOString()}.`,
        },
        ctx,
      ),
    ];
  }
  if (days < 0) {
    return [
      reportFinding(
        'certificate',
        {
          check: 'certificate.expired',
          severity: 'blocking',
          fault: FAULT.samlCertExpired,
          title: 'A signing certificate has expired',
          detail: `${label(certificate)} expired on ${certificate.notAfter.toISOString()} (${-days} days ago). The portal refuses to save an expired certificate; the IdP has most likely moved to a new one.`,
        },
        ctx,
      ),
    ];
  }
  const horizon = HORIZONS.find((item) => days <= item.days);
  if (!horizon)
    return [
      reportFinding(
        'certificate',
        {
          check: 'certificate.expiry',
          severity: 'info',
          title: `Signing certificate valid for ${days} more days`,
          detail: `${label(certificate)} expires on ${certificate.notAfter.toISOString()}.`,
        },
        ctx,
      ),
    ];
  return [
    reportFinding(
      'certificate',
      {
        check: 'certificate.expiry',
        severity: horizon.severity,
        title: `A signing certificate expires within ${horizon.days} days (${days} days left)`,
        detail: `${label(certificate)} expires on ${certificate.notAfter.toISOString()}. Plan the rotation: create the new certificate at the IdP and add it to the SP settings before the IdP switches to it.`,
      },
      ctx,
    ),
  ];
}
