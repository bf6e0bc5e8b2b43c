// Validation of the SAML part of the "IdP and SSO" section. Every problem is a FieldError that
// names the form field (the SamlSettingsInput property) and says what to change.
import { certificateDates, parseCertificate } from './certificates.ts';
import { defectOn } from '../defects.ts';
import type { DefectSet, FieldError, SamlSettings, SamlSettingsInput, Validated } from './contract.ts';
import { MAX_METADATA_BYTES, parseIdpMetadata } from './idpMetadata.ts';
import type { IdpMetadata } from './idpMetadata.ts';
import { checkLoopbackUrl, fetchLoopbackText, isLoopbackHost } from './loopbackFetch.ts';
import { parseClockSkew } from './clockSkew.ts';
import { presetChoices, PRESETS } from './presets.ts';
import { VENDOR_NAMES, isVendorPreset } from './vendors.ts';

interface IdpSource {
  readonly entityId: string;
  readonly ssoUrl: string;
  readonly certificates: readonly string[];
  readonly certificateField: string;
  readonly warnings: readonly string[];
}

/** `defects`: the portal's defect switches (portal/defects.ts), as completeOidcLogin takes them; none by default. */
export async function validateSamlSettings(
  input: SamlSettingsInput,
  opts: { now: Date; defects?: DefectSet },
): Promise<Validated<SamlSettings>> {
  const errors: FieldError[] = [];
  const warnings: string[] = [];
  if (!isVendorPreset(input.vendor))
    errors.push({ field: 'vendor', message: `Unknown vendor preset "${String(input.vendor)}": choose ${presetChoices()}.` });

  const skew = parseClockSkew(input.allowedClockSkewSeconds);
  if (!skew.ok) errors.push({ field: 'allowedClockSkewSeconds', message: skew.message });

  checkSignedParts(input, errors);

  const emailAttribute = input.emailAttribute?.trim() ?? '';
  if (emailAttribute.length > 256 || /[\s<>"]/.test(emailAttribute)) {
    errors.push({
      field: 'emailAttribute',
      message:
        'The email attribute must be one SAML attribute name (e.g. email, or http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress), without spaces, quotes or angle brackets, at most 256 characters. Leave it empty to use the NameID when it is an email.',
    });
  }

  const source = await readIdpSource(input, errors, opts.defects ?? new Set());
  if (source) {
    warnings.push(...source.warnings);
    const trusted = checkCertificates(source, opts.now, errors, warnings);
    if (errors.length === 0 && skew.ok) {
      const value: SamlSettings = {
        protocol: 'saml',
        vendor: input.vendor,
        ...(input.metadataSource === 'url' && input.metadataUrl ? { metadataUrl: input.metadataUrl.trim() } : {}),
        idpEntityId: source.entityId,
        idpSsoUrl: source.ssoUrl,
        idpCertificates: trusted,
        requireSignedResponse: input.requireSignedResponse,
        requireSignedAssertion: input.requireSignedAssertion,
        allowedClockSkewSeconds: skew.value,
        allowIdpInitiated: input.allowIdpInitiated,
        ...(emailAttribute ? { emailAttribute } : {}),
        warnings,
      };
      return { ok: true, value };
    }
  }
  return { ok: false, errors };
}

function checkSignedParts(input: SamlSettingsInput, errors: FieldError[]): void {
  if (!input.requireSignedResponse && !input.requireSignedAssertion) {
    errors.push({
      field: 'requireSignedAssertion',
      message:
        'Choose which part must be signed (assertion, response, or both): accepting unsigned SAML would let anyone log in as anyone. Entra, Google and Auth0 sign the assertion by default; Okta signs both.',
    });
  } else if (
    input.requireSignedResponse &&
    input.requireSignedAssertion &&
    isVendorPreset(input.vendor) &&
    !PRESETS[input.vendor].signsBothParts
  ) {
    errors.push({
      field: 'requireSignedAssertion',
      message: `${VENDOR_NAMES[input.vendor]} signs either the assertion or the response, never both, so requiring both would refuse every login. Require the assertion signature (the ${VENDOR_NAMES[input.vendor]} default) or the response signature, whichever the IdP is set to sign.`,
    });
  }
}

async function readIdpSource(input: SamlSettingsInput, errors: FieldError[], defects: DefectSet): Promise<IdpSource | undefined> {
  switch (input.metadataSource) {
    case 'url':
      return readMetadataFromUrl(input.metadataUrl ?? '', errors, defects);
    case 'upload':
      return fromMetadata(input.metadataXml ?? '', 'metadataXml', errors, defects);
    case 'manual':
      return readManual(input, errors);
    default:
      errors.push({
        field: 'metadataSource',
        message: `Unknown metadata source "${String(input.metadataSource)}": choose metadata URL, metadata upload, or manual entry.`,
      });
      return undefined;
  }
}

async function readMetadataFromUrl(raw: string, errors: FieldError[], defects: DefectSet): Promise<IdpSource | undefined> {
  const field = 'metadataUrl';
  if (raw.trim() === '') {
    errors.push({
      field,
      message: 'Enter the IdP metadata URL (Entra: "App Federation Metadata Url"; Okta: "Metadata URL"), or choose upload or manual entry.',
    });
    return undefined;
  }
  const check = checkLoopbackUrl(raw);
  if (!check.ok) {
    errors.push({
      field,
      message: `The metadata URL ${check.problem}${check.problem.includes('loopback') ? ' Download the metadata file and upload it instead.' : ''}`,
    });
    return undefined;
  }
  const fetched = await fetchLoopbackText(check.url, MAX_METADATA_BYTES, { anyHost: defectOn(defects, 'metadata-redirect-any-host') });
  if (!fetched.ok) {
    errors.push({ field, message: `The metadata URL could not be read: ${fetched.problem}` });
    return undefined;
  }
  return fromMetadata(fetched.text, field, errors, defects);
}

function fromMetadata(xml: string, field: string, errors: FieldError[], defects: DefectSet): IdpSource | undefined {
  const parsed = parseIdpMetadata(xml, defects);
  if (!parsed.ok) {
    errors.push({ field, message: parsed.problem });
    return undefined;
  }
  return {
    entityId: parsed.metadata.entityId,
    ssoUrl: parsed.metadata.ssoUrl,
    certificates: parsed.metadata.signingCertificates,
    certificateField: field,
    warnings: metadataWarnings(parsed.metadata),
  };
}

function metadataWarnings(metadata: IdpMetadata): string[] {
  return metadata.ssoBinding === 'post'
    ? [
        'The IdP metadata offers only the HTTP-POST binding for sign-on; the portal sends login requests with HTTP-Redirect. If SP-initiated login fails at the IdP, enable the HTTP-Redirect binding there.',
      ]
    : [];
}

function readManual(input: SamlSettingsInput, errors: FieldError[]): IdpSource | undefined {
  const entityId = input.idpEntityId?.trim() ?? '';
  const ssoUrl = input.idpSsoUrl?.trim() ?? '';
  const certificate = input.idpCertificate?.trim() ?? '';
  const before = errors.length;
  if (entityId === '') {
    errors.push({
      field: 'idpEntityId',
      message:
        'Enter the IdP entity ID (Issuer) exactly as the IdP shows it (Entra: "Microsoft Entra Identifier"; Okta: "Identity Provider Issuer"; Google: "Entity ID").',
    });
  } else if (/\s/.test(entityId) || entityId.length > 1024) {
    errors.push({
      field: 'idpEntityId',
      message: 'The IdP entity ID must be one value without spaces (at most 1024 characters): copy it again from the IdP.',
    });
  }
  const urlProblem =
    ssoUrl === ''
      ? 'Enter the IdP single sign-on URL (Entra: "Login URL"; Okta: "Identity Provider Single Sign-On URL"; Google: "SSO URL").'
      : ssoUrlProblem(ssoUrl);
  if (urlProblem) errors.push({ field: 'idpSsoUrl', message: urlProblem });
  if (certificate === '')
    errors.push({ field: 'idpCertificate', message: 'Paste the IdP signing certificate (PEM, or the base64 body from the metadata).' });
  if (errors.length > before) return undefined;
  return { entityId, ssoUrl, certificates: [certificate], certificateField: 'idpCertificate', warnings: [] };
}

function ssoUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'The IdP single sign-on URL is not an absolute URL: copy it again from the IdP (it starts with https://).';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  return url.protocol === 'http:'
    ? `The IdP single sign-on URL must use https (plain http is accepted only for IdPs on this machine); ${url.hostname} is not local.`
    : `The IdP single sign-on URL uses ${url.protocol.replace(/:$/, '')}: it must be an https URL.`;
}

/** Parse each certificate; refuse unparsable ones and expired ones (unless another valid one remains). */
function checkCertificates(source: IdpSource, now: Date, errors: FieldError[], warnings: string[]): string[] {
  const trusted: string[] = [];
  const expired: string[] = [];
  const many = source.certificates.length > 1;
  source.certificates.forEach((text, index) => {
    const parsed = parseCertificate(text);
    const label =
      source.certificateField === 'idpCertificate' ? 'The certificate' : `The metadata signing certificate${many ? ` #${index + 1}` : ''}`;
    if (!parsed.ok) {
      errors.push({ field: source.certificateField, message: `${label} ${parsed.problem}` });
      return;
    }
    const dates = certificateDates(parsed.certificate, now);
    if (dates.state === 'expired') {
      expired.push(dates.message);
      return;
    }
    if (dates.state !== 'valid') warnings.push(dates.message);
    trusted.push(parsed.certificate.pem);
  });
  if (trusted.length === 0) {
    for (const message of expired) errors.push({ field: source.certificateField, message });
  } else if (expired.length > 0) {
    warnings.push(...expired.map((m) => `${m} It is ignored; the other signing certificate is trusted.`));
  }
  return trusted;
}
