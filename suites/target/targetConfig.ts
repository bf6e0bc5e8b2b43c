// Which OE portal the suites drive. Default: the embedded reference portal, started in-process
// per Playwright worker. A real OE environment is described by a JSON file named in
// SSO_HARNESS_TARGET (see README "Pointing the harness at a real OE environment"); no suite changes.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isHarnessAuditAction, isSeatAuditKind, isReasonCode } from '../../lib/index.ts';
import { NAME_DOCS, type SelectorOverrides } from '../driver/reference/names.ts';
import type { TargetCapabilities } from './capabilities.ts';

export interface Credentials {
  readonly email: string;
  /** Secret: never attached to reports. */
  readonly password: string;
}

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
  /** An existing admin with a password login; optional, checked by the preflight only. */
  readonly admin: Credentials | undefined;
  readonly support: Credentials;
  /** Absent: the run stops in preflight (the suites need a fresh account per test). */
  readonly provisioning: ProvisioningSettings | undefined;
  readonly selectors: SelectorOverrides;
  readonly capabilities: TargetCapabilities;
}

export type TargetConfig = { readonly kind: 'embedded'; readonly defects: readonly string[] } | RemoteTargetConfig;

export class TargetConfigError extends Error {}

const KNOWN_KEYS = [
  'name',
  'baseUrl',
  'admin',
  'support',
  'provisioning',
  'selectors',
  'sessionCookie',
  'reasons',
  'audit',
  'seatAuditKinds',
];

/** Read the target from SSO_HARNESS_TARGET (unset or "embedded" = the reference portal). */
export function loadTargetConfig(env: NodeJS.ProcessEnv = process.env): TargetConfig {
  const defects = (env.SSO_HARNESS_PORTAL_DEFECTS ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const setting = env.SSO_HARNESS_TARGET?.trim();
  if (!setting || setting === 'embedded') return { kind: 'embedded', defects };
  const path = resolve(setting);
  if (!existsSync(path)) {
    throw new TargetConfigError(
      `SSO_HARNESS_TARGET names ${path}, which does not exist. Set it to "embedded" or to a target JSON file (README: "Pointing the harness at a real OE environment").`,
    );
  }
  if (defects.length > 0) {
    throw new TargetConfigError(
      `SSO_HARNESS_PORTAL_DEFECTS is set (${defects.join(', ')}) but the target is the remote OE environment of ${path}: defect switches exist only in the embedded reference portal (they prove the suites catch SP bugs). Unset SSO_HARNESS_PORTAL_DEFECTS, or set SSO_HARNESS_TARGET=embedded.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TargetConfigError(
      `The target file ${path} is not valid JSON (${(error as Error).message}). Fix the file named by SSO_HARNESS_TARGET.`,
    );
  }
  return parseRemoteTarget(raw, path);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isHttpUrl = (value: string): boolean => /^https?:\/\/[^/]+/.test(value);

export function parseRemoteTarget(raw: unknown, path: string): RemoteTargetConfig {
  const problems: string[] = [];
  const object = isRecord(raw) ? raw : {};
  if (!isRecord(raw)) problems.push('the file must hold one JSON object');
  if ('accountId' in object)
    problems.push(
      '"accountId" is no longer used: every test gets a fresh account through the OE\'s provisioning API ("provisioning"); remove "accountId"',
    );
  const unknown = Object.keys(object).filter((key) => key !== 'accountId' && !KNOWN_KEYS.includes(key));
  if (unknown.length > 0)
    problems.push(
      `unknown settings ${unknown.map((key) => `"${key}"`).join(', ')}: the settings are ${KNOWN_KEYS.map((key) => `"${key}"`).join(', ')}`,
    );
  const text = (key: string): string => {
    const value = object[key];
    if (typeof value !== 'string' || value.trim() === '') problems.push(`"${key}" must be a non-empty string`);
    return typeof value === 'string' ? value.trim() : '';
  };
  const credentials = (key: string): Credentials => {
    const value = object[key];
    if (
      !isRecord(value) ||
      typeof value.email !== 'string' ||
      typeof value.password !== 'string' ||
      value.email.trim() === '' ||
      value.password === ''
    ) {
      problems.push(`"${key}" must be { "email": "...", "password": "..." } (both non-empty)`);
      return { email: '', password: '' };
    }
    return { email: value.email.trim(), password: value.password };
  };
  const name = text('name');
  const baseUrl = text('baseUrl').replace(/\/$/, '');
  if (baseUrl && !isHttpUrl(baseUrl)) problems.push(`"baseUrl" must be an http(s) URL such as "http://127.0.0.1:8080", not "${baseUrl}"`);
  const admin = object.admin === undefined ? undefined : credentials('admin');
  const support = credentials('support');
  const provisioning = parseProvisioning(object.provisioning, baseUrl, problems);
  const selectors = object.selectors ?? {};
  if (!isRecord(selectors) || Object.values(selectors).some((value) => typeof value !== 'string' || value.trim() === '')) {
    problems.push('"selectors" must map names to non-empty strings (accessible names), e.g. { "saveSso": "Save" }');
  } else {
    const unknownNames = Object.keys(selectors).filter((key) => !Object.hasOwn(NAME_DOCS, key));
    if (unknownNames.length > 0)
      problems.push(
        `"selectors" has unknown names ${unknownNames.map((key) => `"${key}"`).join(', ')}; the names are listed in the README ("Accessible names") and suites/driver/reference/names.ts`,
      );
  }
  const capabilities = parseCapabilities(object, provisioning, problems);
  if (problems.length > 0)
    throw new TargetConfigError(`The target file ${path} (SSO_HARNESS_TARGET) is not usable:\n  - ${problems.join('\n  - ')}`);
  return {
    kind: 'remote',
    file: path,
    name,
    baseUrl,
    admin,
    support,
    provisioning: provisioning?.settings,
    selectors: selectors as SelectorOverrides,
    capabilities,
  };
}

function parseProvisioning(
  value: unknown,
  baseUrl: string,
  problems: string[],
): { settings: ProvisioningSettings; ssoConfig: boolean } | undefined {
  if (value === undefined) return undefined;
  const shape = '"provisioning" must be { "url"?: "http(s)://… (default: baseUrl)", "token": "…", "ssoConfig"?: true|false }';
  if (!isRecord(value)) {
    problems.push(shape);
    return undefined;
  }
  const { url, token, ssoConfig } = value;
  if (typeof token !== 'string' || token.trim() === '') problems.push(`${shape}: "provisioning.token" must be a non-empty string`);
  if (url !== undefined && (typeof url !== 'string' || !isHttpUrl(url.trim())))
    problems.push(`${shape}: "provisioning.url" must be an http(s) URL, or left out to use baseUrl`);
  if (ssoConfig !== undefined && typeof ssoConfig !== 'boolean')
    problems.push(`${shape}: "provisioning.ssoConfig" must be true (the OE offers PUT /_harness/accounts/{id}/sso) or false`);
  const unknown = Object.keys(value).filter((key) => key !== 'url' && key !== 'token' && key !== 'ssoConfig');
  if (unknown.length > 0) problems.push(`${shape}: unknown ${unknown.map((key) => `"provisioning.${key}"`).join(', ')}`);
  return {
    settings: {
      url: typeof url === 'string' ? url.trim().replace(/\/$/, '') : baseUrl,
      token: typeof token === 'string' ? token.trim() : '',
    },
    ssoConfig: ssoConfig === true,
  };
}

/** A word map of the target file: `{ "<the OE's word>": "<the harness's word>" }`, each harness word checked. */
function wordMap(
  value: unknown,
  setting: string,
  known: (word: string) => boolean,
  knownList: string,
  problems: string[],
): ReadonlyMap<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value) || Object.values(value).some((word) => typeof word !== 'string')) {
    problems.push(`"${setting}" must map the OE's words to the harness's, e.g. { "SSO_SAVED": "sso.config.saved" }`);
    return undefined;
  }
  const unknown = Object.entries(value).filter(([, word]) => !known(word as string));
  if (unknown.length > 0)
    problems.push(
      `"${setting}" maps to unknown harness words ${unknown.map(([theirs, word]) => `"${theirs}" → "${String(word)}"`).join(', ')}; use one of: ${knownList}`,
    );
  return new Map(Object.entries(value) as [string, string][]);
}

function parseCapabilities(
  object: Record<string, unknown>,
  provisioning: { ssoConfig: boolean } | undefined,
  problems: string[],
): TargetCapabilities {
  const sessionCookie = object.sessionCookie;
  if (sessionCookie !== undefined && (typeof sessionCookie !== 'string' || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(sessionCookie))) {
    problems.push('"sessionCookie" must be the name of the OE\'s seat session cookie (a cookie name token), or left out');
  }
  const reasons = object.reasons ?? {};
  let header: string | undefined;
  let attribute: string | undefined;
  let fromAudit = false;
  if (!isRecord(reasons)) {
    problems.push(
      '"reasons" must be { "header"?: "<response header naming the reason>", "attribute"?: "<attribute of an element on the refusal page>", "audit"?: true }',
    );
  } else {
    const unknown = Object.keys(reasons).filter((key) => !['header', 'attribute', 'audit'].includes(key));
    if (unknown.length > 0)
      problems.push(
        `"reasons" has unknown settings ${unknown.map((key) => `"reasons.${key}"`).join(', ')}: use "header", "attribute", "audit"`,
      );
    if (reasons.header !== undefined && (typeof reasons.header !== 'string' || !/^[A-Za-z0-9-]+$/.test(reasons.header)))
      problems.push('"reasons.header" must be a response header name, e.g. "X-Refusal-Reason"');
    if (reasons.attribute !== undefined && (typeof reasons.attribute !== 'string' || !/^[a-z][a-z0-9-]*$/.test(reasons.attribute)))
      problems.push('"reasons.attribute" must be an attribute name in lower case, e.g. "data-error-code"');
    if (reasons.audit !== undefined && typeof reasons.audit !== 'boolean')
      problems.push('"reasons.audit" must be true (refusal reasons are read from the provisioning audit events) or false');
    header = typeof reasons.header === 'string' ? reasons.header : undefined;
    attribute = typeof reasons.attribute === 'string' ? reasons.attribute : undefined;
    fromAudit = reasons.audit === true;
  }
  const audit = object.audit;
  let actions: ReadonlyMap<string, string> | undefined;
  let auditReasons: ReadonlyMap<string, string> | undefined;
  if (audit !== undefined) {
    if (!isRecord(audit)) {
      problems.push(
        '"audit" must be { "actions"?: { "<OE word>": "<harness action>" }, "reasons"?: { "<OE word>": "<reason code>" } } (an empty object: the OE writes the harness\'s words)',
      );
    } else {
      const unknown = Object.keys(audit).filter((key) => key !== 'actions' && key !== 'reasons');
      if (unknown.length > 0)
        problems.push(`"audit" has unknown settings ${unknown.map((key) => `"audit.${key}"`).join(', ')}: use "actions", "reasons"`);
      actions =
        wordMap(
          audit.actions,
          'audit.actions',
          isHarnessAuditAction,
          'the actions of lib/harnessContract.ts HARNESS_AUDIT_ACTIONS (e.g. sso.config.saved)',
          problems,
        ) ?? new Map();
      auditReasons =
        wordMap(
          audit.reasons,
          'audit.reasons',
          isReasonCode,
          'the reason codes of lib/reasons.ts (e.g. saml-audience-mismatch)',
          problems,
        ) ?? new Map();
    }
  }
  if (fromAudit && audit === undefined)
    problems.push(
      '"reasons.audit" is true but there is no "audit" setting: add "audit": { "reasons": { "<OE word>": "<reason code>" } } (or {} when the OE writes the harness\'s reason codes)',
    );
  const seatAuditKinds = wordMap(
    object.seatAuditKinds,
    'seatAuditKinds',
    isSeatAuditKind,
    'the kinds of lib/harnessContract.ts SEAT_AUDIT_KINDS (e.g. duplicate-email)',
    problems,
  );
  return {
    ...(typeof sessionCookie === 'string' ? { sessionCookie } : {}),
    reasons: { ...(header ? { header } : {}), ...(attribute ? { attribute } : {}), audit: fromAudit },
    ...(actions && auditReasons ? { audit: { actions, reasons: auditReasons } } : {}),
    ...(seatAuditKinds ? { seatAuditKinds } : {}),
    ssoConfigApi: provisioning?.ssoConfig ?? false,
  };
}
