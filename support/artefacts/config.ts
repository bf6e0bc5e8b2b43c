// `--config` of `sso-harness explain`: what the account expects, from whichever document support
// has at hand: the account's SP settings JSON, the offline-certify customer file, the IdP
// metadata XML, an OIDC discovery document or a JWKS. Each yields the subset it knows; checks
// that need a missing value say so instead of guessing.
import { existsSync, readFileSync } from 'node:fs';
import type { JSONWebKeySet } from 'jose';
import type { SsoProtocol, VendorPreset } from '../../portal/index.ts';
import { loadCustomerFile, looksLikeCustomerFile, VENDOR_PRESETS } from '../offlineCertify/customerFile.ts';
import { readCertificate, type CertificateInfo } from './certificates.ts';
import { looksLikeDiscovery, readDiscovery } from './discovery.ts';
import { jsonSyntaxProblem, SupportInputError } from './errors.ts';
import { looksLikeMetadata, readIdpMetadata } from './idpMetadata.ts';
import { optional } from './optional.ts';
import type { SecretScrubber } from '../../lib/index.ts';

export type ConfigSource = 'sp-settings' | 'customer-file' | 'idp-metadata' | 'discovery' | 'jwks';

export interface ExpectedSettings {
  readonly source: ConfigSource;
  /** Plain words: what was read, e.g. "SP settings (SAML, vendor okta) from acme.json". */
  readonly describedAs: string;
  readonly vendor?: VendorPreset;
  readonly protocol?: SsoProtocol;
  // SAML
  readonly idpEntityId?: string;
  readonly idpCertificates: readonly CertificateInfo[];
  /** Signing certificates the IdP metadata publishes (when metadata was given): tells a rotation from a wrong paste. */
  readonly metadataCertificates?: readonly CertificateInfo[];
  readonly spEntityId?: string;
  readonly acsUrl?: string;
  readonly requireSignedResponse?: boolean;
  readonly requireSignedAssertion?: boolean;
  readonly allowIdpInitiated?: boolean;
  readonly emailAttribute?: string;
  readonly allowedClockSkewSeconds?: number;
  // OIDC
  readonly issuer?: string;
  readonly clientId?: string;
  readonly redirectUri?: string;
  readonly emailClaim?: string;
  readonly hostedDomain?: string;
  readonly idTokenSigningAlgs?: readonly string[];
  readonly jwks?: JSONWebKeySet;
}

export function loadExpectedSettings(path: string, secrets: SecretScrubber): ExpectedSettings {
  if (!existsSync(path)) throw new SupportInputError('config-invalid', `--config ${path}: the file does not exist.`);
  const text = readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim();
  if (text.startsWith('<')) {
    if (!looksLikeMetadata(text))
      throw new SupportInputError(
        'config-invalid',
        `--config ${path} is XML but not SAML metadata (no EntityDescriptor). Pass the IdP federation metadata XML, the account's SP settings JSON, or an OIDC discovery document.`,
      );
    const metadata = readIdpMetadata(text, path);
    return {
      source: 'idp-metadata',
      describedAs: `IdP metadata from ${path} (entity ID ${metadata.entityId || '(none)'})`,
      protocol: 'saml',
      ...optional('idpEntityId', metadata.entityId || undefined),
      idpCertificates: metadata.signingCertificates,
      metadataCertificates: metadata.signingCertificates,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SupportInputError(
      'config-invalid',
      `--config ${path} is neither XML (IdP metadata) nor valid JSON (${jsonSyntaxProblem(error)}).`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SupportInputError(
      'config-invalid',
      `--config ${path} must hold a JSON object (SP settings, customer file, discovery document or JWKS).`,
    );
  }
  const object = value as Record<string, unknown>;
  registerSecrets(object, secrets);
  if (looksLikeCustomerFile(object)) return fromCustomerFile(path);
  if (Array.isArray(object.keys))
    return {
      source: 'jwks',
      describedAs: `JWKS from ${path} (${object.keys.length} key(s))`,
      protocol: 'oidc',
      idpCertificates: [],
      jwks: object as unknown as JSONWebKeySet,
    };
  if (looksLikeDiscovery(object)) {
    const discovery = readDiscovery(object, path);
    return {
      source: 'discovery',
      describedAs: `OIDC discovery document from ${path}`,
      protocol: 'oidc',
      issuer: discovery.issuer,
      idpCertificates: [],
      idTokenSigningAlgs: discovery.idTokenSigningAlgs,
    };
  }
  if (object.protocol === 'saml' || object.protocol === 'oidc') return fromSpSettings(object, path);
  throw new SupportInputError(
    'config-invalid',
    `--config ${path} is JSON but not one of: SP settings (with "protocol": "saml" or "oidc"), a customer file (with "spSettings"), an OIDC discovery document (with "issuer" and "jwks_uri") or a JWKS (with "keys").`,
  );
}

function registerSecrets(object: Record<string, unknown>, secrets: SecretScrubber): void {
  const settings = object.spSettings;
  for (const holder of [object, typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>) : {}]) {
    for (const key of ['clientSecret', 'client_secret', 'password']) {
      if (typeof holder[key] === 'string') secrets.add(holder[key]);
    }
  }
}

function text(object: Record<string, unknown>, key: string): string | undefined {
  return typeof object[key] === 'string' && object[key] !== '' ? object[key] : undefined;
}

function bool(object: Record<string, unknown>, key: string): boolean | undefined {
  return typeof object[key] === 'boolean' ? object[key] : undefined;
}

/** The portal's stored `SamlSettings` / `OidcSettings`, plus the SP endpoints under `sp`. */
function fromSpSettings(object: Record<string, unknown>, path: string): ExpectedSettings {
  const sp = (
    typeof object.sp === 'object' && object.sp !== null
      ? object.sp
      : typeof object.spEndpoints === 'object' && object.spEndpoints !== null
        ? object.spEndpoints
        : {}
  ) as Record<string, unknown>;
  const vendor = VENDOR_PRESETS.find((preset) => preset === object.vendor);
  const protocol = object.protocol as SsoProtocol;
  const certificates = Array.isArray(object.idpCertificates)
    ? object.idpCertificates
    : typeof object.idpCertificate === 'string'
      ? [object.idpCertificate]
      : [];
  const skew = typeof object.allowedClockSkewSeconds === 'number' ? object.allowedClockSkewSeconds : Number(object.allowedClockSkewSeconds);
  return {
    source: 'sp-settings',
    describedAs: `SP settings (${protocol.toUpperCase()}${vendor ? `, vendor ${vendor}` : ''}) from ${path}`,
    ...optional('vendor', vendor),
    protocol,
    ...optional('idpEntityId', text(object, 'idpEntityId')),
    idpCertificates: certificates.map((certificate, index) => readCertificate(String(certificate), `idpCertificates[${index}] of ${path}`)),
    ...optional('spEntityId', text(sp, 'entityId')),
    ...optional('acsUrl', text(sp, 'acsUrl')),
    ...optional('requireSignedResponse', bool(object, 'requireSignedResponse')),
    ...optional('requireSignedAssertion', bool(object, 'requireSignedAssertion')),
    ...optional('allowIdpInitiated', bool(object, 'allowIdpInitiated')),
    ...optional('emailAttribute', text(object, 'emailAttribute')),
    ...optional('allowedClockSkewSeconds', Number.isFinite(skew) ? skew : undefined),
    ...optional('issuer', text(object, 'issuer')),
    ...optional('clientId', text(object, 'clientId')),
    ...optional('redirectUri', text(sp, 'oidcRedirectUri')),
    ...optional('emailClaim', text(object, 'emailClaim')),
    ...optional('hostedDomain', text(object, 'hostedDomain')),
  };
}

function fromCustomerFile(path: string): ExpectedSettings {
  const file = loadCustomerFile(path);
  const settings = file.spSettings;
  const metadata = file.idpMetadata ? readIdpMetadata(file.idpMetadata.text, file.idpMetadata.source) : undefined;
  const discovery = file.discovery ? readDiscovery(JSON.parse(file.discovery.text), file.discovery.source) : undefined;
  const common = {
    source: 'customer-file' as const,
    describedAs: `customer file ${path} (${file.protocol.toUpperCase()}, vendor ${file.vendor})`,
    vendor: file.vendor,
    protocol: file.protocol,
    ...optional('spEntityId', file.sp.entityId),
    ...optional('acsUrl', file.sp.acsUrl),
    ...optional('redirectUri', file.sp.oidcRedirectUri),
    allowedClockSkewSeconds: settings.allowedClockSkewSeconds,
  };
  if (settings.protocol === 'saml') {
    const configured = settings.idpCertificates.map((certificate, index) =>
      readCertificate(certificate, `spSettings.idpCertificates[${index}] of ${path}`),
    );
    return {
      ...common,
      ...optional('idpEntityId', settings.idpEntityId ?? metadata?.entityId),
      idpCertificates: configured.length > 0 ? configured : (metadata?.signingCertificates ?? []),
      ...optional('metadataCertificates', metadata?.signingCertificates),
      requireSignedResponse: settings.requireSignedResponse,
      requireSignedAssertion: settings.requireSignedAssertion,
      allowIdpInitiated: settings.allowIdpInitiated,
      ...optional('emailAttribute', settings.emailAttribute),
    };
  }
  return {
    ...common,
    idpCertificates: [],
    ...optional('issuer', settings.issuer ?? discovery?.issuer),
    ...optional('clientId', settings.clientId),
    ...optional('emailClaim', settings.emailClaim),
    ...optional('hostedDomain', settings.hostedDomain),
    ...optional('idTokenSigningAlgs', discovery?.idTokenSigningAlgs),
  };
}
