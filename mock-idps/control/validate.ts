// Validation of control-API input: every problem becomes a ControlError with a stable code, a
// message that says what to change, and — where there is a closed set — the valid choices.
import { USER_PATCH_FIELDS, type UserPatch } from '../directory.ts';
import { isLoopbackHost } from '../../lib/index.ts';
import type { OidcAppRegistration, SamlAppRegistration } from '../tenants.ts';

export class ControlError extends Error {
  readonly status: number;
  readonly error: string;
  readonly validChoices?: readonly string[];
  constructor(status: number, error: string, message: string, validChoices?: readonly string[]) {
    super(message);
    this.status = status;
    this.error = error;
    if (validChoices) this.validChoices = validChoices;
  }
}

export type Json = Record<string, unknown>;

export function parseJsonBody(text: string): Json {
  if (!text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ControlError(
      400,
      'malformed-json',
      `The request body is not valid JSON (${(error as Error).message}). Send a JSON object, e.g. {"id": "saml.audience-mismatch", "once": true}.`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ControlError(400, 'malformed-json', 'The request body must be a JSON object.');
  }
  return value as Json;
}

export function onlyKeys(body: Json, allowed: readonly string[], what: string): void {
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw new ControlError(
      400,
      'unknown-field',
      `${what}: unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}. Valid fields: ${allowed.join(', ')}.`,
      allowed,
    );
  }
}

export function optionalString(body: Json, key: string, what: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !value.trim())
    throw new ControlError(400, 'invalid-field', `${what}: "${key}" must be a non-empty string.`);
  return value;
}

export function requiredString(body: Json, key: string, what: string): string {
  const value = optionalString(body, key, what);
  if (value === undefined) throw new ControlError(400, 'missing-field', `${what}: "${key}" is required.`);
  return value;
}

export function optionalBoolean(body: Json, key: string, what: string): boolean | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean')
    throw new ControlError(400, 'invalid-field', `${what}: "${key}" must be true or false, not ${JSON.stringify(value)}.`);
  return value;
}

function absoluteUrl(value: string, key: string, what: string): string {
  try {
    const url = new URL(value);
    if (!/^https?:$/.test(url.protocol) && !/^[a-z][a-z0-9+.-]*:$/.test(url.protocol)) throw new Error('scheme');
    return value;
  } catch {
    throw new ControlError(
      400,
      'invalid-field',
      `${what}: "${key}" must hold absolute URLs (e.g. http://127.0.0.1:4000/sso/acme/saml/acs), not "${value}".`,
    );
  }
}

function urlList(body: Json, key: string, what: string): string[] {
  const value = body[key];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((v): v is string => typeof v === 'string')) {
    throw new ControlError(400, 'invalid-field', `${what}: "${key}" must be a non-empty array of URLs.`);
  }
  return list.map((v) => absoluteUrl(v, key, what));
}

export function samlRegistration(body: Json): SamlAppRegistration {
  const what = 'SAML app registration';
  onlyKeys(body, ['entityId', 'acsUrls', 'encryptionCertificate'], what);
  const encryptionCertificate = optionalString(body, 'encryptionCertificate', what);
  if (encryptionCertificate && !encryptionCertificate.includes('BEGIN CERTIFICATE')) {
    throw new ControlError(
      400,
      'invalid-field',
      `${what}: "encryptionCertificate" must be a PEM certificate (-----BEGIN CERTIFICATE-----…).`,
    );
  }
  return {
    entityId: requiredString(body, 'entityId', what),
    acsUrls: urlList(body, 'acsUrls', what),
    ...(encryptionCertificate ? { encryptionCertificate } : {}),
  };
}

const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none'] as const;

export function oidcRegistration(body: Json, defaults: { clientId: string; clientSecret: string }): OidcAppRegistration {
  const what = 'OIDC app registration';
  onlyKeys(body, ['clientId', 'clientSecret', 'redirectUris', 'tokenEndpointAuthMethod'], what);
  const method = body.tokenEndpointAuthMethod;
  if (method !== undefined && !AUTH_METHODS.includes(method as (typeof AUTH_METHODS)[number])) {
    throw new ControlError(
      400,
      'invalid-field',
      `${what}: "tokenEndpointAuthMethod" must be one of ${AUTH_METHODS.join(', ')}.`,
      AUTH_METHODS,
    );
  }
  return {
    clientId: optionalString(body, 'clientId', what) ?? defaults.clientId,
    clientSecret: optionalString(body, 'clientSecret', what) ?? defaults.clientSecret,
    redirectUris: urlList(body, 'redirectUris', what),
    ...(method ? { tokenEndpointAuthMethod: method as OidcAppRegistration['tokenEndpointAuthMethod'] } : {}),
  };
}

const EMAIL = /^[^@\s]+@[^@\s]+$/;

export function userPatch(body: Json, requireEmail: boolean): UserPatch & { email?: string } {
  const what = requireEmail ? 'New user' : 'User update';
  onlyKeys(body, USER_PATCH_FIELDS, what);
  const patch: Record<string, unknown> = {};
  for (const key of USER_PATCH_FIELDS) {
    const value = body[key];
    if (value === undefined) continue;
    const ok =
      key === 'groups'
        ? Array.isArray(value) && value.every((g) => typeof g === 'string')
        : ['emailVerified', 'assigned', 'disabled'].includes(key)
          ? typeof value === 'boolean'
          : typeof value === 'string';
    if (!ok)
      throw new ControlError(
        400,
        'invalid-field',
        `${what}: "${key}" has the wrong type (${key === 'groups' ? 'array of strings' : ['emailVerified', 'assigned', 'disabled'].includes(key) ? 'true or false' : 'string'} expected).`,
      );
    patch[key] = value;
  }
  if (requireEmail && typeof patch.email !== 'string') throw new ControlError(400, 'missing-field', `${what}: "email" is required.`);
  if (typeof patch.email === 'string' && !EMAIL.test(patch.email))
    throw new ControlError(400, 'invalid-field', `${what}: "email" must look like name@domain, not "${patch.email}".`);
  return patch;
}

export function clockOffset(body: Json): number {
  onlyKeys(body, ['offsetSeconds'], 'Clock');
  const value = body.offsetSeconds;
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > 10 * 365 * 86_400) {
    throw new ControlError(
      400,
      'invalid-field',
      'Clock: "offsetSeconds" must be a number of seconds (negative = IdP clock behind), within ±10 years.',
    );
  }
  return value;
}

/** `{ to }` of a metadata or JWKS redirect: an absolute http(s) URL on this machine (the mock IdPs send nobody elsewhere). */
export function loopbackRedirect(body: Json, what: 'Metadata redirect' | 'JWKS redirect'): string {
  onlyKeys(body, ['to'], what);
  const to = body.to;
  let url: URL | undefined;
  try {
    url = typeof to === 'string' ? new URL(to) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !isLoopbackHost(url.hostname)) {
    throw new ControlError(
      400,
      'invalid-field',
      `${what}: "to" must be an absolute http(s) URL on this machine (127.0.0.0/8, localhost or ::1).`,
    );
  }
  return url.href;
}
