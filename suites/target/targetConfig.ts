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

export type TargetConfig =
  | { readonly kind: 'embedded'; readonly defects: readonly string[] }
  | {
      readonly kind: 'remote';
      readonly name: string;
      readonly baseUrl: string;
      readonly admin: Credentials;
      readonly support: Credentials;
      readonly accountId: number;
      readonly selectors: SelectorOverrides;
    };

export class TargetConfigError extends Error {}

/** Read the target from SSO_HARNESS_TARGET (unset or "embedded" = the reference portal). */
export function loadTargetConfig(env: NodeJS.ProcessEnv = process.env): TargetConfig {
  const defects = (env.SSO_HARNESS_PORTAL_DEFECTS ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  const setting = env.SSO_HARNESS_TARGET?.trim();
  if (!setting || setting === 'embedded') return { kind: 'embedded', defects };
  const path = resolve(setting);
  if (!existsSync(path)) {
    throw new TargetConfigError(`SSO_HARNESS_TARGET names ${path}, which does not exist. Set it to "embedded" or to a target JSON file (README: "Pointing the harness at a real OE environment").`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TargetConfigError(`The target file ${path} is not valid JSON (${(error as Error).message}). Fix the file named by SSO_HARNESS_TARGET.`);
  }
  return parseRemoteTarget(raw, path);
}

function parseRemoteTarget(raw: unknown, path: string): TargetConfig {
  const problems: string[] = [];
  const object = (raw ?? {}) as Record<string, unknown>;
  const text = (key: string): string => {
    const value = object[key];
    if (typeof value !== 'string' || value.trim() === '') problems.push(`"${key}" must be a non-empty string`);
    return typeof value === 'string' ? value.trim() : '';
  };
  const credentials = (key: string): Credentials => {
    const value = object[key] as Record<string, unknown> | undefined;
    if (!value || typeof value.email !== 'string' || typeof value.password !== 'string') {
      problems.push(`"${key}" must be { "email": "...", "password": "..." }`);
      return { email: '', password: '' };
    }
    return { email: value.email, password: value.password };
  };
  const name = text('name');
  const baseUrl = text('baseUrl');
  if (baseUrl && !/^https?:\/\/[^/]+/.test(baseUrl)) problems.push(`"baseUrl" must be an http(s) URL such as "https://oe-staging.example.com", not "${baseUrl}"`);
  const admin = credentials('admin');
  const support = credentials('support');
  const accountId = object.accountId;
  if (typeof accountId !== 'number' || !Number.isInteger(accountId)) problems.push('"accountId" must be the OE account number to certify (an integer)');
  const selectors = (object.selectors ?? {}) as Record<string, unknown>;
  if (typeof selectors !== 'object' || Object.values(selectors).some((value) => typeof value !== 'string')) problems.push('"selectors" must map names to selector strings');
  if (problems.length > 0) throw new TargetConfigError(`The target file ${path} (SSO_HARNESS_TARGET) is not usable:\n  - ${problems.join('\n  - ')}`);
  return { kind: 'remote', name, baseUrl: baseUrl.replace(/\/$/, ''), admin, support, accountId: accountId as number, selectors: selectors as SelectorOverrides };
}
