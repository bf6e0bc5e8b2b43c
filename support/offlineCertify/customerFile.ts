// The customer file of `sso-harness certify --config` (format documented in README.md beside
// this file): one JSON document gathering what a customer sends before SSO is enabled. Relative
// paths are resolved against the file's own folder. Every problem is reported at once, each
// naming the field and what to write there.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { SsoProtocol, VendorPreset } from '../../portal/index.ts';
import { PRESET_IDS } from '../../portal/index.ts';
import { jsonSyntaxProblem, SupportInputError } from '../artefacts/errors.ts';

/** The portal's vendor presets (portal/sso/presets.ts), in the order its vendor select lists them. */
export const VENDOR_PRESETS: readonly VendorPreset[] = PRESET_IDS;
export const CUSTOMER_FILE_VERSION = 1;

/** SP settings of the account's IdP and SSO section, SAML part (`SamlSettings` without derived fields). */
export interface CustomerSamlSettings {
  readonly protocol: 'saml';
  readonly idpEntityId?: string;
  readonly idpSsoUrl?: string;
  /** PEM or base64 DER; or a relative path to a .pem / .cer / .crt file. */
  readonly idpCertificates: readonly string[];
  readonly requireSignedResponse: boolean;
  readonly requireSignedAssertion: boolean;
  readonly allowedClockSkewSeconds: number;
  readonly allowIdpInitiated: boolean;
  readonly emailAttribute?: string;
}

/** SP settings, OIDC part. A client secret, if present in the file, is ignored and never echoed. */
export interface CustomerOidcSettings {
  readonly protocol: 'oidc';
  readonly issuer?: string;
  readonly clientId?: string;
  readonly scopes: string;
  readonly emailClaim?: string;
  readonly allowedClockSkewSeconds: number;
  readonly hostedDomain?: string;
}

/** What the customer's admin registered at the IdP (copied from the vendor console). */
export interface IdpAppRegistration {
  readonly spEntityId?: string;
  readonly acsUrls: readonly string[];
  readonly redirectUris: readonly string[];
  readonly signingAlgorithm?: 'rsa-sha256' | 'rsa-sha1';
}

export interface LoadedText {
  /** As written in the customer file (relative path or "inline"). */
  readonly source: string;
  readonly text: string;
}

export interface CustomerFile {
  readonly path: string;
  readonly customer?: string;
  readonly vendor: VendorPreset;
  readonly protocol: SsoProtocol;
  readonly idpMetadata?: LoadedText;
  readonly discovery?: LoadedText;
  /** SP endpoints of the account, as the IdP and SSO section shows them. */
  readonly sp: { readonly entityId?: string; readonly acsUrl?: string; readonly oidcRedirectUri?: string };
  readonly spSettings: CustomerSamlSettings | CustomerOidcSettings;
  readonly idpApp?: IdpAppRegistration;
  readonly seats?: LoadedText;
  readonly idpUsers?: LoadedText;
  readonly ssoDomains: readonly string[];
  /** Secret values found in the file (a client secret someone left in): removed from all output. */
  readonly secrets: readonly string[];
}

export function looksLikeCustomerFile(value: Record<string, unknown>): boolean {
  return 'spSettings' in value && 'protocol' in value;
}

export function loadCustomerFile(path: string): CustomerFile {
  const absolute = resolve(path);
  if (!existsSync(absolute)) {
    throw new SupportInputError(
      'customer-file-invalid',
      `The customer file ${path} does not exist. Pass the path of the JSON file described in support/offlineCertify/README.md.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(absolute, 'utf8'));
  } catch (error) {
    throw new SupportInputError(
      'customer-file-invalid',
      `The customer file ${path} is not valid JSON (${jsonSyntaxProblem(error)}). See support/offlineCertify/README.md for the format.`,
    );
  }
  return parseCustomerFile(value, absolute);
}

/** Validate an already-parsed customer file; `path` locates relative file references. */
export function parseCustomerFile(value: unknown, path: string): CustomerFile {
  const reader = new FieldReader(dirname(path));
  const root = reader.object(value, '(file)');
  if (!root) throw reader.failure(path);
  const version = root.formatVersion;
  if (version !== undefined && version !== CUSTOMER_FILE_VERSION)
    reader.problem(
      'formatVersion',
      `must be ${CUSTOMER_FILE_VERSION} (this harness reads format version ${CUSTOMER_FILE_VERSION}), not ${JSON.stringify(version)}.`,
    );
  const vendor = reader.oneOf(root, 'vendor', VENDOR_PRESETS);
  const protocol = reader.oneOf(root, 'protocol', ['saml', 'oidc'] as const);
  const customer = reader.text(root, 'customer');
  const idpMetadata = reader.document(root, 'idpMetadata', '<');
  const discovery = reader.document(root, 'discovery', '{');
  if (protocol === 'saml' && !idpMetadata)
    reader.problem(
      'idpMetadata',
      'is required for SAML: the IdP metadata XML inline, or a path to the .xml file downloaded from the IdP console.',
    );
  if (protocol === 'oidc' && !discovery)
    reader.problem(
      'discovery',
      'is required for OIDC: the discovery JSON inline (an object), or a path to a saved copy of <issuer>/.well-known/openid-configuration.',
    );
  const spObject = reader.object(root.sp ?? {}, 'sp');
  const sp = {
    ...opt('entityId', spObject && reader.url(spObject, 'entityId', 'sp.entityId')),
    ...opt('acsUrl', spObject && reader.url(spObject, 'acsUrl', 'sp.acsUrl')),
    ...opt('oidcRedirectUri', spObject && reader.url(spObject, 'oidcRedirectUri', 'sp.oidcRedirectUri')),
  };
  const settingsObject = reader.object(root.spSettings, 'spSettings');
  const spSettings = settingsObject && protocol ? readSettings(reader, settingsObject, protocol) : undefined;
  const idpApp = root.idpApp === undefined ? undefined : readIdpApp(reader, root.idpApp);
  const seats = reader.file(root, 'seats');
  const idpUsers = reader.file(root, 'idpUsers');
  const ssoDomains = reader.textList(root, 'ssoDomains').map((domain) => domain.toLowerCase().replace(/^@/, ''));
  if (!vendor || !protocol || !spSettings || reader.hasProblems) throw reader.failure(path);
  return {
    path,
    ...opt('customer', customer),
    vendor,
    protocol,
    ...opt('idpMetadata', idpMetadata),
    ...opt('discovery', discovery),
    sp,
    spSettings,
    ...opt('idpApp', idpApp),
    ...opt('seats', seats),
    ...opt('idpUsers', idpUsers),
    ssoDomains,
    secrets: secretValues(root),
  };
}

function secretValues(root: Record<string, unknown>): string[] {
  const settings = typeof root.spSettings === 'object' && root.spSettings !== null ? (root.spSettings as Record<string, unknown>) : {};
  return [root, settings]
    .flatMap((holder) => ['clientSecret', 'client_secret', 'password'].map((key) => holder[key]))
    .filter((value): value is string => typeof value === 'string');
}

function readSettings(
  reader: FieldReader,
  settings: Record<string, unknown>,
  protocol: SsoProtocol,
): CustomerSamlSettings | CustomerOidcSettings {
  const skew = reader.integer(settings, 'allowedClockSkewSeconds', 'spSettings.allowedClockSkewSeconds', 0, 600) ?? 180;
  if (protocol === 'saml') {
    const certificates = reader
      .textList(settings, 'idpCertificates', 'spSettings.idpCertificates')
      .map((entry, index) => reader.certificate(entry, `spSettings.idpCertificates[${index}]`));
    return {
      protocol,
      ...opt('idpEntityId', reader.text(settings, 'idpEntityId', 'spSettings.idpEntityId')),
      ...opt('idpSsoUrl', reader.url(settings, 'idpSsoUrl', 'spSettings.idpSsoUrl')),
      idpCertificates: certificates,
      requireSignedResponse: reader.bool(settings, 'requireSignedResponse', 'spSettings.requireSignedResponse') ?? false,
      requireSignedAssertion: reader.bool(settings, 'requireSignedAssertion', 'spSettings.requireSignedAssertion') ?? true,
      allowedClockSkewSeconds: skew,
      allowIdpInitiated: reader.bool(settings, 'allowIdpInitiated', 'spSettings.allowIdpInitiated') ?? false,
      ...opt('emailAttribute', reader.text(settings, 'emailAttribute', 'spSettings.emailAttribute')),
    };
  }
  return {
    protocol,
    ...opt('issuer', reader.text(settings, 'issuer', 'spSettings.issuer')),
    ...opt('clientId', reader.text(settings, 'clientId', 'spSettings.clientId')),
    scopes: reader.text(settings, 'scopes', 'spSettings.scopes') ?? 'openid email profile',
    ...opt('emailClaim', reader.text(settings, 'emailClaim', 'spSettings.emailClaim')),
    allowedClockSkewSeconds: skew,
    ...opt('hostedDomain', reader.text(settings, 'hostedDomain', 'spSettings.hostedDomain')),
  };
}

function readIdpApp(reader: FieldReader, value: unknown): IdpAppRegistration | undefined {
  const app = reader.object(value, 'idpApp');
  if (!app) return undefined;
  const algorithm =
    app.signingAlgorithm === undefined
      ? undefined
      : reader.oneOf(app, 'signingAlgorithm', ['rsa-sha256', 'rsa-sha1'] as const, 'idpApp.signingAlgorithm');
  return {
    ...opt('spEntityId', reader.text(app, 'spEntityId', 'idpApp.spEntityId')),
    acsUrls: reader.textList(app, 'acsUrls', 'idpApp.acsUrls'),
    redirectUris: reader.textList(app, 'redirectUris', 'idpApp.redirectUris'),
    ...opt('signingAlgorithm', algorithm),
  };
}

function opt<K extends string, V>(key: K, value: V | undefined | null): { [P in K]?: V } {
  return (value === undefined || value === null ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Reads typed fields, collecting one plain-words problem per bad field. */
class FieldReader {
  private readonly problems: string[] = [];
  private readonly baseDir: string;

  constructor(baseDir: string) {
    this.baseDir = baseDir;
  }

  get hasProblems(): boolean {
    return this.problems.length > 0;
  }

  problem(field: string, message: string): void {
    this.problems.push(`- ${field}: ${message}`);
  }

  failure(path: string): SupportInputError {
    return new SupportInputError(
      'customer-file-invalid',
      `The customer file ${path} cannot be used:\n${this.problems.join('\n')}\nSee support/offlineCertify/README.md for the format and an example.`,
    );
  }

  object(value: unknown, field: string): Record<string, unknown> | undefined {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    this.problem(field, value === undefined ? 'is missing: it must be a JSON object.' : `must be a JSON object, not ${describe(value)}.`);
    return undefined;
  }

  text(holder: Record<string, unknown>, key: string, field = key): string | undefined {
    const value = holder[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    this.problem(field, `must be a non-empty string, not ${describe(value)}.`);
    return undefined;
  }

  url(holder: Record<string, unknown>, key: string, field = key): string | undefined {
    const value = this.text(holder, key, field);
    if (value === undefined) return undefined;
    try {
      new URL(value);
      return value;
    } catch {
      this.problem(field, `must be an absolute URL (https://…), not "${value}".`);
      return undefined;
    }
  }

  oneOf<T extends string>(holder: Record<string, unknown>, key: string, choices: readonly T[], field = key): T | undefined {
    const value = holder[key];
    if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
    this.problem(field, `must be one of ${choices.map((choice) => `"${choice}"`).join(', ')}, not ${describe(value)}.`);
    return undefined;
  }

  bool(holder: Record<string, unknown>, key: string, field: string): boolean | undefined {
    const value = holder[key];
    if (value === undefined) return undefined;
    if (typeof value === 'boolean') return value;
    this.problem(field, `must be true or false, not ${describe(value)}.`);
    return undefined;
  }

  integer(holder: Record<string, unknown>, key: string, field: string, min: number, max: number): number | undefined {
    const value = holder[key];
    if (value === undefined) return undefined;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    this.problem(field, `must be a whole number of seconds from ${min} to ${max}, not ${describe(value)}.`);
    return undefined;
  }

  textList(holder: Record<string, unknown>, key: string, field = key): string[] {
    const value = holder[key];
    if (value === undefined) return [];
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
    this.problem(field, `must be a list of strings, not ${describe(value)}.`);
    return [];
  }

  /** A document given inline (starts with `inlineStart`, or an object for JSON) or as a relative path. */
  document(holder: Record<string, unknown>, key: string, inlineStart: '<' | '{'): LoadedText | undefined {
    const value = holder[key];
    if (value === undefined) return undefined;
    if (inlineStart === '{' && typeof value === 'object' && value !== null && !Array.isArray(value))
      return { source: 'inline', text: JSON.stringify(value) };
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(
        key,
        `must be ${inlineStart === '<' ? 'the XML text' : 'a JSON object'} inline, or a relative path to a file; not ${describe(value)}.`,
      );
      return undefined;
    }
    if (value.trimStart().startsWith(inlineStart)) return { source: 'inline', text: value };
    return this.readRelative(value, key);
  }

  file(holder: Record<string, unknown>, key: string): LoadedText | undefined {
    const path = this.text(holder, key);
    return path === undefined ? undefined : this.readRelative(path, key);
  }

  certificate(entry: string, field: string): string {
    if (entry.includes('-----BEGIN') || /^[A-Za-z0-9+/=\s]{200,}$/.test(entry)) return entry;
    return this.readRelative(entry, field)?.text ?? '';
  }

  private readRelative(path: string, field: string): LoadedText | undefined {
    const absolute = resolve(this.baseDir, path);
    if (!existsSync(absolute)) {
      this.problem(
        field,
        `names the file "${path}", which does not exist (paths are relative to the customer file's folder, ${this.baseDir}).`,
      );
      return undefined;
    }
    return { source: path, text: readFileSync(absolute, 'utf8') };
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
  return `${typeof value} ${JSON.stringify(value)}`;
}
