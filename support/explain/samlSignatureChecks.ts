// What is signed, how, and by whom (SAML core §5, xmldsig-core): scope against what the account
// requires, SHA-1, unexpected transforms, wrapping shapes, and the signing certificate against
// the configured one, verified with xml-crypto using the configured certificate only.
import type { CertificateInfo } from '../artefacts/certificates.ts';
import { daysUntilExpiry } from '../artefacts/certificates.ts';
import { isWeakAlgorithm, type SignatureFacts } from '../artefacts/samlSignatures.ts';
import { verifySignature, type SignatureOutcome } from '../artefacts/signatureVerify.ts';
import type { FindingDraft } from '../../reporting/index.ts';
import type { SamlContext } from './context.ts';
import { FAULT } from './faultIds.ts';
import { signedScope } from './personaMatch.ts';

const SCOPE_WORDS = {
  none: 'neither the Response nor the Assertion',
  assertion: 'the Assertion only',
  response: 'the Response only',
  both: 'both the Response and the Assertion',
} as const;

function fingerprint(certificate: CertificateInfo): string {
  return `SHA-256 ${certificate.fingerprint256}`;
}

export function samlSignatureChecks(ctx: SamlContext): FindingDraft[] {
  const { facts, expected } = ctx;
  const out: FindingDraft[] = [];
  const scope = signedScope(facts);
  const algorithms = [
    ...new Set(
      facts.signatures.map((signature) => `${signature.signatureAlgorithmName}, digest ${signature.digestAlgorithmNames.join('/')}`),
    ),
  ];
  out.push({
    check: 'saml.signed-parts',
    severity: 'info',
    title: `Signed: ${SCOPE_WORDS[scope]}`,
    detail:
      facts.signatures.length === 0
        ? 'No Signature element anywhere in the response.'
        : `${facts.signatures.length} signature(s): ${algorithms.join('; ')}.${ctx.persona ? ` ${ctx.persona.displayName} signs ${SCOPE_WORDS[ctx.persona.signing.scope]} by default.` : ''}`,
  });

  if (scope === 'none' && facts.assertions.length > 0 && !facts.wrapping) {
    out.push({
      check: 'saml.unsigned',
      severity: 'blocking',
      fault: FAULT.samlSigningScopeNone,
      reason: 'saml-signature-missing',
      title: 'Nothing in the response is signed',
      detail:
        'Every IdP signs at least the assertion by default. Either signing was turned off at the IdP, or, if the IdP admin confirms it signs, the signature was stripped on the way (attack: faults.md signature-stripped).',
    });
  }
  if (expected?.requireSignedResponse && scope !== 'response' && scope !== 'both' && scope !== 'none') {
    out.push({
      check: 'saml.signing-scope',
      severity: 'blocking',
      fault: FAULT.samlSigningScopeAssertionOnly,
      reason: 'saml-signature-missing',
      title: 'The account requires a signed Response; the IdP signs the Assertion only',
      detail: `The response signs ${SCOPE_WORDS[scope]}; the account setting "require signed response" is on.`,
    });
  }
  if (expected?.requireSignedAssertion && scope !== 'assertion' && scope !== 'both' && scope !== 'none') {
    out.push({
      check: 'saml.signing-scope',
      severity: 'blocking',
      fault: FAULT.samlSigningScopeResponseOnly,
      reason: 'saml-signature-missing',
      title: 'The account requires a signed Assertion; the IdP signs the Response only',
      detail: `The response signs ${SCOPE_WORDS[scope]}; the account setting "require signed assertion" is on.`,
    });
  }
  // A recognised XSW shape is reported once by the structure checks; its reference oddities are its symptoms.
  for (const signature of facts.signatures) out.push(...shapeChecks(signature, facts.wrapping !== undefined));
  out.push(...certificateChecks(ctx));
  return out;
}

function shapeChecks(signature: SignatureFacts, wrappingReported: boolean): FindingDraft[] {
  const out: FindingDraft[] = [];
  if (isWeakAlgorithm(signature.signatureAlgorithmName)) {
    out.push({
      check: 'saml.sha1-signature',
      severity: 'blocking',
      fault: FAULT.samlSha1Signature,
      reason: 'saml-weak-algorithm',
      title: `The ${signature.signs} is signed with ${signature.signatureAlgorithmName}`,
      detail: `SignatureMethod ${signature.signatureAlgorithm ?? '(missing)'}: SHA-1 is refused (collision attacks).`,
    });
  }
  if (signature.digestAlgorithmNames.some((name) => isWeakAlgorithm(name))) {
    out.push({
      check: 'saml.sha1-digest',
      severity: 'blocking',
      fault: FAULT.samlSha1Digest,
      reason: 'saml-weak-algorithm',
      title: `The ${signature.signs} signature uses a SHA-1 digest`,
      detail: `DigestMethod ${signature.digestAlgorithms.join(', ')}: SHA-1 digests are refused.`,
    });
  }
  if (signature.unexpectedTransforms.length > 0) {
    out.push({
      check: 'saml.transforms',
      severity: 'blocking',
      fault: FAULT.samlXsltTransform,
      reason: 'saml-signature-invalid',
      title: 'The signature uses a transform SAML never needs (XSLT / XPath)',
      detail: `Transforms ${signature.unexpectedTransforms.join(', ')}: SAML signatures use only enveloped-signature and exclusive canonicalization. XSLT in a signature runs code in the verifier.`,
    });
  }
  if (wrappingReported) return out;
  if (signature.signs === 'unresolved') {
    out.push({
      check: 'saml.signature-reference',
      severity: 'blocking',
      reason: 'saml-signature-invalid',
      title: 'The signature does not point at exactly one element (signature wrapping)',
      detail: `Reference ${signature.referenceUris.join(', ') || '(none)'} matches no element or several elements with the same ID: the SP could verify one element and read another.`,
    });
  } else if (signature.signs !== signature.placedIn) {
    out.push({
      check: 'saml.signature-reference',
      severity: 'blocking',
      reason: 'saml-signature-invalid',
      title: `A signature inside the ${signature.placedIn} covers the ${signature.signs} (signature wrapping)`,
      detail: `Reference ${signature.referenceUris.join(', ')}: IdPs sign the element that holds the signature (enveloped). A signature that covers another element is the XSW shape.`,
    });
  }
  return out;
}

function certificateChecks(ctx: SamlContext): FindingDraft[] {
  const { facts, expected, at } = ctx;
  const out: FindingDraft[] = [];
  const configured = expected?.idpCertificates ?? [];
  for (const certificate of configured) {
    const days = daysUntilExpiry(certificate, at);
    if (days < 0) {
      out.push({
        check: 'saml.configured-cert-expiry',
        severity: 'warning',
        fault: FAULT.samlCertExpired,
        title: 'The configured IdP certificate has expired',
        detail: `${fingerprint(certificate)} expired on ${certificate.notAfter.toISOString()} (${-days} days before the capture). SPs usually still accept it; the IdP has most likely rotated to a new one already.`,
      });
    } else if (days <= 30) {
      out.push({
        check: 'saml.configured-cert-expiry',
        severity: 'warning',
        title: `The configured IdP certificate expires in ${days} days`,
        detail: `${fingerprint(certificate)} is valid until ${certificate.notAfter.toISOString()}. Plan the rotation: add the new certificate before the IdP switches to it.`,
      });
    }
  }
  for (const signature of facts.signatures) {
    // Unresolved references are wrapping shapes and XSLT cannot be verified safely: both are reported already.
    if (signature.signs === 'unresolved' || signature.signs === 'other' || signature.unexpectedTransforms.length > 0) continue;
    const keyInfo = signature.keyInfoCertificate;
    const carried = keyInfo
      ? `the certificate in KeyInfo is ${fingerprint(keyInfo)} (${keyInfo.subject}, valid ${keyInfo.notBefore.toISOString().slice(0, 10)} to ${keyInfo.notAfter.toISOString().slice(0, 10)})`
      : 'KeyInfo carries no certificate';
    if (configured.length === 0) {
      out.push(withoutConfig(ctx, signature, carried));
      continue;
    }
    const outcomes = configured.map((certificate) => ({
      certificate,
      outcome: verifySignature(facts.xmlForVerification, signature.element, certificate.pem),
    }));
    const valid = outcomes.find((item) => item.outcome.result === 'valid');
    if (valid) {
      const sameAsKeyInfo = !keyInfo || keyInfo.fingerprint256 === valid.certificate.fingerprint256;
      out.push({
        check: 'saml.signature-verifies',
        severity: 'info',
        title: `The ${signature.signs} signature verifies with the configured certificate`,
        detail: `Verified with ${fingerprint(valid.certificate)}; ${sameAsKeyInfo ? carried : `${carried}, which differs but is not trusted anyway`}.`,
      });
      continue;
    }
    out.push(
      failedVerification(
        signature,
        outcomes.map((item) => item.outcome),
        configured,
        expected?.metadataCertificates ?? [],
        carried,
        facts.xmlForVerification,
      ),
    );
  }
  return out;
}

function withoutConfig(ctx: SamlContext, signature: SignatureFacts, carried: string): FindingDraft {
  const keyInfo = signature.keyInfoCertificate;
  if (!keyInfo) {
    return {
      check: 'saml.signature-unchecked',
      severity: 'info',
      title: `The ${signature.signs} signature was not verified`,
      detail: `${carried}. Pass --config (SP settings or IdP metadata) to verify it against the account's certificate.`,
    };
  }
  const outcome = verifySignature(ctx.facts.xmlForVerification, signature.element, keyInfo.pem);
  if (outcome.result === 'digest-mismatch') return digestMismatch(signature);
  if (outcome.result !== 'valid') {
    return {
      check: 'saml.signature-broken',
      severity: 'blocking',
      reason: 'saml-signature-invalid',
      title: `The ${signature.signs} signature does not verify even with the certificate it carries`,
      detail: `${carried}; ${describeOutcome(outcome)}. The response was altered after signing, or the KeyInfo certificate is not the signer's.`,
    };
  }
  return {
    check: 'saml.signature-unchecked',
    severity: 'info',
    title: `The ${signature.signs} signature is intact (not yet compared with the account's certificate)`,
    detail: `It verifies with the certificate it carries: ${carried}. The SP trusts only its configured certificate: compare this fingerprint with the account's, or pass --config.`,
  };
}

function digestMismatch(signature: SignatureFacts): FindingDraft {
  return {
    check: 'saml.digest',
    severity: 'blocking',
    fault: FAULT.samlDigestMismatch,
    reason: 'saml-signature-invalid',
    title: `The ${signature.signs} was changed after it was signed`,
    detail:
      'A Reference digest does not match the content: something (an attacker, or a proxy rewriting the XML) altered the signed element after the IdP signed it.',
  };
}

function failedVerification(
  signature: SignatureFacts,
  outcomes: readonly SignatureOutcome[],
  configured: readonly CertificateInfo[],
  published: readonly CertificateInfo[],
  carried: string,
  xml: string,
): FindingDraft {
  if (outcomes.some((outcome) => outcome.result === 'digest-mismatch')) return digestMismatch(signature);
  if (outcomes.some((outcome) => outcome.result === 'duplicate-ids')) {
    return {
      check: 'saml.signature-reference',
      severity: 'blocking',
      reason: 'saml-signature-invalid',
      title: 'Several elements carry the signed ID (signature wrapping)',
      detail: 'The signed ID appears more than once in the document, so the verified element and the element the SP reads can differ.',
    };
  }
  const unverifiable = outcomes.find((outcome) => outcome.result === 'unverifiable');
  if (unverifiable)
    return {
      check: 'saml.signature-broken',
      severity: 'blocking',
      reason: 'saml-signature-invalid',
      title: `The ${signature.signs} signature cannot be verified`,
      detail: `${describeOutcome(unverifiable)}; ${carried}.`,
    };
  const trusted = configured.map(fingerprint).join(', ');
  const keyInfo = signature.keyInfoCertificate;
  const signedByKeyInfo = keyInfo ? verifySignature(xml, signature.element, keyInfo.pem).result === 'valid' : false;
  if (!keyInfo || !signedByKeyInfo) {
    return {
      check: 'saml.signing-certificate',
      severity: 'blocking',
      fault: FAULT.samlWrongCert,
      reason: 'saml-cert-untrusted',
      title: 'The signature does not verify with the configured certificate',
      detail: `${carried}; the account trusts ${trusted}. Neither the configured certificate nor the KeyInfo one produced this signature.`,
    };
  }
  return classifyUntrustedSigner(keyInfo, configured, published, carried, trusted);
}

/**
 * The response verifies with its KeyInfo certificate, not with the configured one. Which story
 * fits: the IdP rotated (same subject as the configured certificate, issued later), the account
 * holds another certificate than the IdP publishes (metadata known), or a stranger signed it.
 */
function classifyUntrustedSigner(
  keyInfo: CertificateInfo,
  configured: readonly CertificateInfo[],
  published: readonly CertificateInfo[],
  carried: string,
  trusted: string,
): FindingDraft {
  const base = { check: 'saml.signing-certificate', severity: 'blocking' as const, reason: 'saml-cert-untrusted' as const };
  const publishedByIdp = published.some((certificate) => certificate.fingerprint256 === keyInfo.fingerprint256);
  const sameSubject = configured.some(
    (certificate) => certificate.subject === keyInfo.subject && keyInfo.notBefore.getTime() >= certificate.notBefore.getTime(),
  );
  if (sameSubject) {
    return {
      ...base,
      fault: FAULT.samlCertRotated,
      title: 'The IdP signs with a new certificate the account does not have yet (rotated)',
      detail: `${carried}; the account trusts ${trusted}. Same subject, issued no earlier than the configured one: the IdP rotated its signing certificate and the account was not updated.`,
    };
  }
  if (publishedByIdp) {
    return {
      ...base,
      fault: FAULT.samlWrongCert,
      title: 'The account trusts another certificate than the one the IdP signs with',
      detail: `${carried}, which the IdP metadata publishes; the account trusts ${trusted} (another app's certificate, or the encryption certificate, was pasted).`,
    };
  }
  if (published.length > 0) {
    return {
      ...base,
      fault: FAULT.samlKeyInfoCert,
      title: 'Signed by a certificate neither the account nor the IdP metadata knows (KeyInfo substitution)',
      detail: `${carried}; the account trusts ${trusted}, and the IdP metadata publishes ${published.map(fingerprint).join(', ')}. Someone other than the IdP signed this response.`,
    };
  }
  return {
    ...base,
    fault: FAULT.samlWrongCert,
    title: 'Signed by a certificate the account does not trust',
    detail: `${carried}; the account trusts ${trusted}. Either the account holds the wrong certificate (another app's, or the encryption one), or, if the IdP admin does not recognise this fingerprint, an attacker signed it (KeyInfo substitution). Pass the IdP metadata as --config to tell which.`,
  };
}

function describeOutcome(outcome: SignatureOutcome): string {
  switch (outcome.result) {
    case 'valid':
      return 'it verifies';
    case 'digest-mismatch':
      return 'a reference digest does not match (content changed after signing)';
    case 'wrong-key':
      return 'the signature value does not match the key';
    case 'duplicate-ids':
      return 'the signed ID appears more than once';
    case 'unverifiable':
      return outcome.why;
  }
}
