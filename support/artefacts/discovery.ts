// OpenID Connect Discovery 1.0 §3 provider metadata: what support compares an ID token and the
// SP settings with (issuer, signing algorithms, endpoints). Read offline: never fetched.
import { SupportInputError } from './errors.ts';
import { isAbsoluteUrl } from './idpMetadata.ts';
import { optional } from './optional.ts';

export interface DiscoveryFacts {
  readonly issuer: string;
  readonly authorizationEndpoint?: string;
  readonly tokenEndpoint?: string;
  readonly jwksUri?: string;
  readonly userinfoEndpoint?: string;
  readonly idTokenSigningAlgs: readonly string[];
  readonly responseTypes: readonly string[];
  readonly scopes: readonly string[];
  readonly claims: readonly string[];
  readonly problems: readonly string[];
}

export function looksLikeDiscovery(value: Record<string, unknown>): boolean {
  return typeof value.issuer === 'string' && ('jwks_uri' in value || 'authorization_endpoint' in value);
}

export function readDiscovery(value: unknown, where: string): DiscoveryFacts {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SupportInputError(
      'config-invalid',
      `${where} is not an OpenID Connect discovery document: expected a JSON object (the content of /.well-known/openid-configuration).`,
    );
  }
  const doc = value as Record<string, unknown>;
  const text = (name: string): string | undefined => (typeof doc[name] === 'string' ? doc[name] : undefined);
  const list = (name: string): string[] =>
    Array.isArray(doc[name]) ? (doc[name] as unknown[]).filter((item): item is string => typeof item === 'string') : [];
  const issuer = text('issuer');
  if (issuer === undefined) {
    throw new SupportInputError(
      'config-invalid',
      `${where} is not an OpenID Connect discovery document: it has no "issuer". Save the JSON served at <issuer>/.well-known/openid-configuration.`,
    );
  }
  const problems: string[] = [];
  // Discovery §3: these are REQUIRED.
  for (const name of ['authorization_endpoint', 'jwks_uri']) {
    const url = text(name);
    if (url === undefined) problems.push(`"${name}" is missing (required by OpenID Connect Discovery §3).`);
    else if (!isAbsoluteUrl(url)) problems.push(`"${name}" is not an absolute URL: "${url}".`);
  }
  if (!text('token_endpoint')) problems.push('"token_endpoint" is missing: the authorization code flow needs it.');
  if (list('response_types_supported').length > 0 && !list('response_types_supported').includes('code')) {
    problems.push('"response_types_supported" does not include "code": the portal uses the authorization code flow.');
  }
  const algs = list('id_token_signing_alg_values_supported');
  if (algs.length === 0) problems.push('"id_token_signing_alg_values_supported" is missing (required by Discovery §3).');
  return {
    issuer,
    ...optional('authorizationEndpoint', text('authorization_endpoint')),
    ...optional('tokenEndpoint', text('token_endpoint')),
    ...optional('jwksUri', text('jwks_uri')),
    ...optional('userinfoEndpoint', text('userinfo_endpoint')),
    idTokenSigningAlgs: algs,
    responseTypes: list('response_types_supported'),
    scopes: list('scopes_supported'),
    claims: list('claims_supported'),
    problems,
  };
}
