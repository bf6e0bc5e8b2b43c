// Which OE portal the suites drive. Default: the embedded reference portal, started in-process
// per Playwright worker. A real OE environment is described by a JSON file named in
// SSO_HARNESS_TARGET (see README "Pointing the harness at a real OE environment"); no suite changes.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface Credentials {
  readonly email: string;
  /** Secret: never attached to reports. */
  readonly password: string;
}

/** Selectors that differ from the reference portal's accessible names (role/label based). */
export type SelectorOverrides = Readonly<Record<string, string>>;

/** Where the OE test environment's harness provisioning API lives (lib/harnessContract.ts). */
export interface ProvisioningSettings {
  /** Default: the target's baseUrl. */
  readonly url: string;
  /** Secret: the Bearer token of the provisioning API. */
  readonly token: string;
}

export interface RemoteTargetConfig {
  readonly kind: 'remote';
  /** The target file (absolute), named in every message about a setting. */
  readonly file: string;
  readonly name: string;
  readonly baseUrl: string;
  readonly admin: Credentials;
  readonly support: Credentials;
  /** Absent: the run stops in preflight (the suites need a fresh account per test). */
  readonly provisioning: ProvisioningSettings | undefined;
  readonly selectors: SelectorOverrides;
}

export type TargetConfig = { readonly kind: 'embedded'; readonly defects: readonly string[] } | RemoteTargetConfig;

export class TargetConfigError extends Error {}

const KNOWN_KEYS = ['name', 'baseUrl', 'admin', 'support', 'provisioning', 'selectors'];

/** Read the target from SSO_HARNESS_TARGET (unset or "embedded" = the reference portal). */
export function loadTargetConfig(env: NodeJS.ProcessEnv = process.env): TargetConfig {
  const defects = (env.SSO_HARNESS_PORTAL_DEFECTS ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  const setting = env.SSO_HARNESS_TARGET?.trim();
  if (!setting || setting === 'embedded') return { kind: 'embedded', defects };
  const path = resolve(setting);
  if (!existsSync(path)) {
    throw new TargetConfigError(`SSO_HARNESS_TARGET names ${path}, which does not exist. Set it to "embedded" or to a target JSON file (README: "Pointing the harness at a real OE environment").`);
  }
  if (defects.length > 0) {
    throw new TargetConfigError(`SSO_HARNESS_PORTAL_DEFECTS is set (${defects.join(', ')}) but the target is the remote OE environment of ${path}: defect switches exist only in the embedded reference portal (they prove the suites catch SP bugs). Unset SSO_HARNESS_PORTAL_DEFECTS, or set SSO_HARNESS_TARGET=embedded.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TargetConfigError(`The target file ${path} is not valid JSON (${(error as Error).message}). Fix the file named by SSO_HARNESS_TARGET.`);
  }
  return parseRemoteTarget(raw, path);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isHttpUrl = (value: string): boolean => /^https?:\/\/[^/]+/.test(value);

function parseRemoteTarget(raw: unknown, path: string): RemoteTargetConfig {
  const problems: string[] = [];
  const object = isRecord(raw) ? raw : {};
  if (!isRecord(raw)) problems.push('the file must hold one JSON object');
  if ('accountId' in object) problems.push('"accountId" is no longer used: every test gets a fresh account through the OE\'s provisioning API ("provisioning"); remove "accountId"');
  const unknown = Object.keys(object).filter((key) => key !== 'accountId' && !KNOWN_KEYS.includes(key));
  if (unknown.length > 0) problems.push(`unknown settings ${unknown.map((key) => `"${key}"`).join(', ')}: the settings are ${KNOWN_KEYS.map((key) => `"${key}"`).join(', ')}`);
  const text = (key: string): string => {
    const value = object[key];
    if (typeof value !== 'string' || value.trim() === '') problems.push(`"${key}" must be a non-empty string`);
    return typeof value === 'string' ? value.trim() : '';
  };
  const credentials = (key: string): Credentials => {
    const value = object[key];
    if (!isRecord(value) || typeof value.email !== 'string' || typeof value.password !== 'string' || value.email.trim() === '' || value.password === '') {
      problems.push(`"${key}" must be { "email": "...", "password": "..." } (both non-empty)`);
      return { email: '', password: '' };
    }
    return { email: value.email.trim(), password: value.password };
  };
  const name = text('name');
  const baseUrl = text('baseUrl').replace(/\/$/, '');
  if (baseUrl && !isHttpUrl(baseUrl)) problems.push(`"baseUrl" must be an http(s) URL such as "http://127.0.0.1:8080", not "${baseUrl}"`);
  const admin = credentials('admin');
  const support = credentials('support');
  const provisioning = parseProvisioning(object.provisioning, baseUrl, problems);
  const selectors = object.selectors ?? {};
  if (!isRecord(selectors) || Object.values(selectors).some((value) => typeof value !== 'string' || value.trim() === '')) {
    problems.push('"selectors" must map names to non-empty strings (accessible names), e.g. { "saveSso": "Save" }');
  }
  if (problems.length > 0) throw new TargetConfigError(`The target file ${path} (SSO_HARNESS_TARGET) is not usable:\n  - ${problems.join('\n  - ')}`);
  return { kind: 'remote', file: path, name, baseUrl, admin, support, provisioning, selectors: selectors as SelectorOverrides };
}

function parseProvisioning(value: unknown, baseUrl: string, problems: string[]): ProvisioningSettings | undefined {
  if (value === undefined) return undefined;
  const shape = '"provisioning" must be { "url"?: "http(s)://… (default: baseUrl)", "token": "…" }';
  if (!isRecord(value)) {
    problems.push(shape);
    return undefined;
  }
  const { url, token } = value;
  if (typeof token !== 'string' || token.trim() === '') problems.push(`${shape}: "provisioning.token" must be a non-empty string`);
  if (url !== undefined && (typeof url !== 'string' || !isHttpUrl(url.trim()))) problems.push(`${shape}: "provisioning.url" must be an http(s) URL, or left out to use baseUrl`);
  const unknown = Object.keys(value).filter((key) => key !== 'url' && key !== 'token');
  if (unknown.length > 0) problems.push(`${shape}: unknown ${unknown.map((key) => `"provisioning.${key}"`).join(', ')}`);
  return { url: typeof url === 'string' ? url.trim().replace(/\/$/, '') : baseUrl, token: typeof token === 'string' ? token.trim() : '' };
}
