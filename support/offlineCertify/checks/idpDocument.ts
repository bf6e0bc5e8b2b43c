// Is the IdP document usable (SAML metadata 2.0 / OIDC Discovery 1.0), and which algorithms does
// it offer: SHA-1 signatures and digests are refused by the portal; `none` and HS256 for ID
// tokens are refused too (RFC 8725 §3.1; Auth0's HS256 setting).
import { DIGEST_ALGORITHMS, SIGNATURE_ALGORITHMS, isWeakAlgorithm } from '../../artefacts/samlSignatures.ts';
import { FAULT } from '../../explain/faultIds.ts';
import type { ReportFinding } from '../../../reporting/index.ts';
import { reportFinding, type OfflineContext } from './context.ts';

export function idpDocumentChecks(ctx: OfflineContext): ReportFinding[] {
  const out: ReportFinding[] = [];
  const { metadata, discovery } = ctx;
  if (metadata) {
    for (const problem of metadata.problems)
      out.push(
        reportFinding(
          'metadata',
          {
            check: 'metadata.structure',
            severity: 'blocking',
            title: 'The IdP metadata is not usable as it is',
            detail: problem,
            fix: 'Download the federation metadata XML again from the IdP console (Entra: "Federation Metadata XML"; Okta: "Identity Provider metadata"; Google: "Download metadata"; Auth0: SAML2 addon → Usage → "Identity Provider Metadata").',
          },
          ctx,
        ),
      );
    const validUntil = metadata.validUntil === undefined ? undefined : new Date(metadata.validUntil);
    if (validUntil && !Number.isNaN(validUntil.getTime()) && validUntil < ctx.at) {
      out.push(
        reportFinding(
          'metadata',
          {
            check: 'metadata.valid-until',
            severity: 'blocking',
            title: 'The IdP metadata has expired (validUntil)',
            detail: `validUntil ${validUntil.toISOString()} is before ${ctx.at.toISOString()}: SPs that honour it refuse the whole document.`,
            fix: 'Download fresh metadata from the IdP console.',
          },
          ctx,
        ),
      );
    }
    if (metadata.problems.length === 0)
      out.push(
        reportFinding(
          'metadata',
          {
            check: 'metadata.structure',
            severity: 'info',
            title: 'The IdP metadata is well-formed SAML 2.0 IdP metadata',
            detail: `Entity ID ${metadata.entityId}; ${metadata.ssoServices.length} SSO endpoint(s); ${metadata.signingCertificates.length} signing certificate(s).`,
          },
          ctx,
        ),
      );
    out.push(...samlAlgorithmChecks(ctx));
  }
  if (discovery) {
    for (const problem of discovery.problems)
      out.push(
        reportFinding(
          'metadata',
          {
            check: 'discovery.structure',
            severity: 'blocking',
            title: 'The discovery document is incomplete',
            detail: problem,
            fix: 'Save the discovery document again from <issuer>/.well-known/openid-configuration; it must come from the issuer the SP is configured with.',
          },
          ctx,
        ),
      );
    out.push(...oidcAlgorithmChecks(ctx));
  }
  return out;
}

function samlAlgorithmChecks(ctx: OfflineContext): ReportFinding[] {
  const out: ReportFinding[] = [];
  const metadata = ctx.metadata!;
  const weakSigning = metadata.signingMethods.filter((uri) => isWeakAlgorithm(SIGNATURE_ALGORITHMS[uri]));
  const weakDigests = metadata.digestMethods.filter((uri) => isWeakAlgorithm(DIGEST_ALGORITHMS[uri]));
  if (metadata.signingMethods.length > 0 && weakSigning.length === metadata.signingMethods.length) {
    out.push(
      reportFinding(
        'algorithms',
        {
          check: 'algorithms.saml-signature',
          severity: 'blocking',
          fault: FAULT.samlSha1Signature,
          title: 'The IdP advertises only SHA-1 signatures',
          detail: `alg:SigningMethod ${weakSigning.join(', ')}.`,
        },
        ctx,
      ),
    );
  }
  if (metadata.digestMethods.length > 0 && weakDigests.length === metadata.digestMethods.length) {
    out.push(
      reportFinding(
        'algorithms',
        {
          check: 'algorithms.saml-digest',
          severity: 'blocking',
          fault: FAULT.samlSha1Digest,
          title: 'The IdP advertises only SHA-1 digests',
          detail: `alg:DigestMethod ${weakDigests.join(', ')}.`,
        },
        ctx,
      ),
    );
  }
  if (ctx.file.idpApp?.signingAlgorithm === 'rsa-sha1') {
    out.push(
      reportFinding(
        'algorithms',
        {
          check: 'algorithms.saml-signature',
          severity: 'blocking',
          fault: FAULT.samlSha1Signature,
          title: 'The IdP application is set to sign with RSA-SHA1',
          detail: 'idpApp.signingAlgorithm is "rsa-sha1": the portal refuses SHA-1 signatures.',
        },
        ctx,
      ),
    );
  }
  for (const certificate of [...metadata.signingCertificates, ...ctx.configured]) {
    if (certificate.keyType === 'rsa' && certificate.keyBits !== undefined && certificate.keyBits < 2048) {
      out.push(
        reportFinding(
          'algorithms',
          {
            check: 'algorithms.key-size',
            severity: 'blocking',
            title: `The IdP signing key is RSA-${certificate.keyBits}`,
            detail: `Certificate SHA-256 ${certificate.fingerprint256}: RSA keys under 2048 bits are breakable (NIST SP 800-131A).`,
            fix: 'Create a new signing certificate at the IdP with a 2048-bit (or larger) RSA key and upload it.',
          },
          ctx,
        ),
      );
    }
    if (certificate.signatureAlgorithm !== undefined && /sha1|md5/i.test(certificate.signatureAlgorithm)) {
      out.push(
        reportFinding(
          'algorithms',
          {
            check: 'algorithms.certificate',
            severity: 'info',
            title: `The signing certificate itself is signed with ${certificate.signatureAlgorithm}`,
            detail: `Certificate SHA-256 ${certificate.fingerprint256}. SAML trusts the key, not the certificate chain, so this does not weaken logins; it marks a legacy certificate worth rotating.`,
          },
          ctx,
        ),
      );
    }
  }
  return out;
}

function oidcAlgorithmChecks(ctx: OfflineContext): ReportFinding[] {
  const algs = ctx.discovery!.idTokenSigningAlgs;
  if (algs.length === 0) return [];
  const out: ReportFinding[] = [];
  if (!algs.includes('RS256')) {
    const hmacOnly = algs.every((alg) => alg.startsWith('HS') || alg === 'none');
    out.push(
      reportFinding(
        'algorithms',
        {
          check: 'algorithms.id-token',
          severity: 'blocking',
          ...(hmacOnly ? { fault: FAULT.oidcHs256 } : {}),
          reason: 'oidc-alg-not-allowed',
          title: 'The IdP does not offer RS256 for ID tokens',
          detail: `id_token_signing_alg_values_supported: ${algs.join(', ')}. The portal verifies ID tokens with RS256 only.`,
        },
        ctx,
      ),
    );
  }
  if (algs.includes('none')) {
    out.push(
      reportFinding(
        'algorithms',
        {
          check: 'algorithms.id-token-none',
          severity: 'warning',
          title: 'The IdP lists "none" among ID token algorithms',
          detail:
            'Unsigned ID tokens must never be accepted; the portal pins RS256, so this is only a sign of a permissive IdP configuration.',
        },
        ctx,
      ),
    );
  }
  return out;
}
