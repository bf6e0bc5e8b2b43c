// The ID token and userinfo answer in each vendor's shape, from persona data: header parameters
// and their order, claim names and order, lifetimes, `sub` format. One builder serves the
// running engine and `mint oidc`, so both issue the same thing.
import { createHash, randomBytes } from 'node:crypto';
import { base64url } from 'jose';
import { derivedChars } from '../tenantIds.ts';
import type { DirectoryUser, OidcClaimSpec, OidcPersona, TenantIds } from '../types.ts';
import { tokenHash, type JsonValue, type JwtHeader, type JwtPayload, type UnsignedJwt } from './jwtMutator.ts';

export interface IdTokenContext {
  readonly persona: OidcPersona;
  readonly issuer: string;
  readonly clientId: string;
  readonly user: DirectoryUser;
  readonly tenantIds: TenantIds;
  /** Epoch seconds on the IdP's clock (tenant clock offset and clock faults already applied). */
  readonly now: number;
  readonly scopes: ReadonlySet<string>;
  readonly kid: string;
  readonly nonce?: string;
  readonly accessToken?: string;
  readonly authTime?: number;
  readonly sessionId?: string;
}

const ALNUM = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The `sub` the persona gives this user in this app. */
export function subjectFor(persona: OidcPersona, user: DirectoryUser, clientId: string): string {
  const vendorId = user.vendorIds[persona.vendor];
  if (persona.idToken.subject === 'vendor-id') return vendorId;
  // Entra: pairwise per application, 43 base64url characters.
  return base64url.encode(createHash('sha256').update(`${vendorId}|${clientId}`).digest()).slice(0, 43);
}

function prefix(spec: OidcClaimSpec): string {
  return typeof spec.value === 'string' ? spec.value : '';
}

function claimValue(spec: OidcClaimSpec, context: IdTokenContext, times: { iat: number; exp: number }): JsonValue | undefined {
  const { user } = context;
  switch (spec.from) {
    case 'email':
      return user.email;
    case 'upn':
      return user.upn;
    case 'givenName':
      return user.givenName;
    case 'familyName':
      return user.familyName;
    case 'displayName':
      return user.displayName;
    case 'id':
      return user.id;
    case 'vendorId':
      return user.vendorIds[context.persona.vendor];
    case 'groups':
      return [...user.groups];
    case 'tid':
      return context.tenantIds.tid;
    case 'emailVerified':
      return user.emailVerified;
    case 'hostedDomain':
      return user.hostedDomain;
    case 'constant':
      return spec.value as JsonValue;
    case 'issuer':
      return context.issuer;
    case 'audience':
      return context.clientId;
    case 'authorizedParty':
      return context.clientId;
    case 'subject':
      return subjectFor(context.persona, user, context.clientId);
    case 'issuedAt':
      return times.iat;
    case 'notBefore':
      return times.iat;
    case 'expiresAt':
      return times.exp;
    case 'authTime':
      return context.authTime ?? times.iat;
    case 'nonce':
      return context.nonce;
    case 'accessTokenHash':
      return context.accessToken === undefined ? undefined : tokenHash(context.accessToken);
    case 'sessionId':
      return context.sessionId;
    case 'emailLocalPart':
      return user.email.split('@')[0];
    case 'updatedAt':
      return new Date(context.now * 1000).toISOString();
    case 'opaque':
      return `${prefix(spec)}${base64url.encode(randomBytes(16))}`;
    case 'tenantScoped':
      return `${prefix(spec)}${derivedChars(context.tenantIds.key, `${context.persona.id}/${spec.name}`, 17, ALNUM)}`;
  }
}

function claimsOf(specs: readonly OidcClaimSpec[], context: IdTokenContext): JwtPayload {
  const iat = context.now - context.persona.idToken.issuedAtBackdateSeconds;
  const times = { iat, exp: context.now + context.persona.idToken.lifetimeSeconds - context.persona.idToken.issuedAtBackdateSeconds };
  const payload: JwtPayload = {};
  for (const spec of specs) {
    if (spec.requiresScope !== undefined && !context.scopes.has(spec.requiresScope)) continue;
    const value = claimValue(spec, context, times);
    if (value !== undefined) payload[spec.name] = value;
  }
  return payload;
}

export function idTokenHeader(persona: OidcPersona, kid: string): JwtHeader {
  const values: Record<'alg' | 'kid' | 'typ', string> = { alg: persona.idToken.signingAlgorithm, kid, typ: 'JWT' };
  return Object.fromEntries(persona.idToken.headerOrder.map((name) => [name, values[name]]));
}

/** The unsigned ID token, in the vendor's header and claim order. */
export function shapeIdToken(context: IdTokenContext): UnsignedJwt {
  return { header: idTokenHeader(context.persona, context.kid), payload: claimsOf(context.persona.idToken.claims, context) };
}

/** The userinfo answer: the persona's user claims marked `userinfo`, `sub` first. */
export function shapeUserinfo(context: IdTokenContext): JwtPayload {
  const specs = context.persona.idToken.claims.filter((spec) => spec.userinfo === true);
  const claims = claimsOf(specs, context);
  const { sub, ...rest } = claims;
  return sub === undefined ? claims : { sub, ...rest };
}
