// The post-signing JWT fault seam. The engine (and `mint oidc`) first build the ID token exactly
// as the vendor would; a fault then changes header and payload through the typed mutations
// below and re-signs with `jose` — with the persona key, or the way an attacker or a
// misconfigured IdP would (alg none, HS256, another key, no kid, ES256, a corrupted signature).
import { createHash, randomBytes } from 'node:crypto';
import { base64url, CompactSign } from 'jose';
import { nearMiss, type NearMissVariant } from '../nearMissValues.ts';
import type { TenantJwksChange } from './jwksChanges.ts';
import { attackerSigningKey, ecSigningKey, type SigningKey } from './signingKeys.ts';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JwtHeader = Record<string, JsonValue>;
export type JwtPayload = Record<string, JsonValue>;

export interface UnsignedJwt {
  readonly header: JwtHeader;
  readonly payload: JwtPayload;
}

/**
 * How an issuer string is altered. Each is a real-world confusion:
 * `trailing-slash-toggled` (Auth0), `parent-authorization-server` (Okta org vs /oauth2/default),
 * `scheme-dropped` (Google legacy `accounts.google.com`), `tenant-template` (Entra /common
 * advertises `{tenantid}`), `host-alias` (localhost vs 127.0.0.1, a proxy's view), `foreign` (attacker).
 */
export type IssuerVariant =
  'trailing-slash-toggled' | 'parent-authorization-server' | 'scheme-dropped' | 'tenant-template' | 'host-alias' | 'foreign';

/** ID token claims a near-miss fault makes nearly right (mock-idps/nearMissValues.ts). */
export type NearMissClaim = 'iss' | 'aud' | 'azp' | 'nonce' | 'hd' | 'email';

export type ClaimMutation =
  | { readonly op: 'remove'; readonly claims: readonly string[] }
  | { readonly op: 'set'; readonly claims: Readonly<Record<string, JsonValue>> }
  | { readonly op: 'issuer'; readonly variant: IssuerVariant }
  /**
   * `other-client`: aud (and azp) name another app; `extra-without-azp`: a second audience, no azp;
   * `azp-other-client`: two audiences, azp the other; `extra-with-azp`: two audiences, azp this
   * client (still another audience the client does not trust); `foreign-azp`: aud this client
   * alone, azp another; `array`: aud as a one-element array (the same audience, another JSON shape).
   */
  | {
      readonly op: 'audience';
      readonly variant: 'other-client' | 'extra-without-azp' | 'azp-other-client' | 'extra-with-azp' | 'foreign-azp' | 'array';
    }
  /** One time claim set to now + `secondsFromNow` (the others untouched): a boundary of the RP's leeway. */
  | { readonly op: 'time'; readonly claim: 'iat' | 'nbf' | 'exp'; readonly secondsFromNow: number }
  /** Numeric claims written as JSON strings ("1767225600"): what a careless serializer sends. */
  | { readonly op: 'stringify'; readonly claims: readonly string[] }
  /** Shift every time claim (iat, nbf, exp, auth_time) by `seconds`. */
  | { readonly op: 'shift-time'; readonly seconds: number }
  | { readonly op: 'nonce'; readonly variant: 'other' }
  /** Replace at_hash / c_hash by the hash of another value (the token/code substitution signal). */
  | { readonly op: 'hash'; readonly claim: 'at_hash' | 'c_hash' }
  | { readonly op: 'subject'; readonly variant: 'other-user' }
  /** The claim made nearly right: `aud` / `azp` nearly the client id, the others nearly their own value. */
  | { readonly op: 'near-miss'; readonly claim: NearMissClaim; readonly variant: NearMissVariant };

/**
 * Who signs, and how. `persona-key` is the normal path; the rest are RP-conformance attacks or
 * misconfigurations (Auth0 `hs256-client-secret`).
 */
export type JwtSigner =
  | 'persona-key'
  | 'persona-key-without-kid'
  | 'none'
  | 'hs256-client-secret'
  | 'hs256-public-key'
  | 'attacker-key-same-kid'
  | 'attacker-key-unknown-kid'
  | 'attacker-key-embedded-jwk'
  | 'es256-published-key';

export interface JwtFault {
  readonly claims?: readonly ClaimMutation[];
  readonly signer?: JwtSigner;
  /** Flip bytes of the signature after signing. */
  readonly corruptSignature?: boolean;
  /** What the JWKS publishes while the fault is active (JwksChange). */
  readonly publish?: JwksChange;
}

/**
 * A change to the published JWKS: another key beside the persona's (`extra-rsa-key`, `ec-key`), or
 * (`signing-key-only`) the signing key alone, without the second key or previous key the persona
 * publishes otherwise (a token without kid is acceptable only against a set of one key).
 */
export type JwksChange = TenantJwksChange | 'ec-key';

export interface MutationContext {
  readonly issuer: string;
  readonly clientId: string;
  /** The persona's current key: the one its JWKS publishes. */
  readonly key: SigningKey;
  /** Secret: used only as the HS256 key of the `hs256-client-secret` misconfiguration. */
  readonly clientSecret: string;
}

/** A client id that belongs to "another application" of the same IdP tenant. */
export function otherClientId(clientId: string): string {
  return `other-app-${createHash('sha256').update(clientId).digest('hex').slice(0, 12)}`;
}

export function alterIssuer(issuer: string, variant: IssuerVariant): string {
  const url = new URL(issuer);
  switch (variant) {
    case 'trailing-slash-toggled':
      return issuer.endsWith('/') ? issuer.slice(0, -1) : `${issuer}/`;
    case 'parent-authorization-server': {
      // Okta: https://{org}.okta.com/oauth2/default → the org server https://{org}.okta.com
      const index = url.pathname.indexOf('/oauth2/');
      return index >= 0 ? `${url.origin}${url.pathname.slice(0, index)}` : `${url.origin}${url.pathname.replace(/\/[^/]+\/?$/, '')}`;
    }
    case 'scheme-dropped':
      return issuer.replace(/^https?:\/\//, '');
    case 'tenant-template':
      // Entra's multi-tenant discovery: the tenant GUID segment becomes the literal `{tenantid}`.
      return issuer.replace(/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\//i, '/{tenantid}/');
    case 'host-alias':
      return issuer.replace('//127.0.0.1:', '//localhost:');
    case 'foreign':
      return `${url.origin}/attacker${url.pathname}`;
  }
}

function hashOf(value: string): string {
  // OIDC Core 3.1.3.6: left-most half of the SHA-256 of the ASCII value, base64url.
  return base64url.encode(createHash('sha256').update(value).digest().subarray(0, 16));
}

/** at_hash / c_hash of a value for RS256/ES256/HS256 (all SHA-256). */
export function tokenHash(value: string): string {
  return hashOf(value);
}

/** Set a claim keeping its position in the payload (vendors' claim order is part of the shape). */
function setInPlace(payload: JwtPayload, name: string, value: JsonValue): JwtPayload {
  if (name in payload) return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, k === name ? value : v]));
  return { ...payload, [name]: value };
}

function without(payload: JwtPayload, names: readonly string[]): JwtPayload {
  return Object.fromEntries(Object.entries(payload).filter(([k]) => !names.includes(k)));
}

const TIME_CLAIMS = ['iat', 'nbf', 'exp', 'auth_time'] as const;

export function mutateClaims(payload: JwtPayload, mutation: ClaimMutation, context: Pick<MutationContext, 'clientId'>): JwtPayload {
  switch (mutation.op) {
    case 'remove':
      return without(payload, mutation.claims);
    case 'set':
      return Object.entries(mutation.claims).reduce((acc, [name, value]) => setInPlace(acc, name, value), payload);
    case 'issuer':
      return typeof payload.iss === 'string' ? setInPlace(payload, 'iss', alterIssuer(payload.iss, mutation.variant)) : payload;
    case 'audience': {
      const other = otherClientId(context.clientId);
      if (mutation.variant === 'other-client') {
        const next = setInPlace(payload, 'aud', other);
        return 'azp' in next ? setInPlace(next, 'azp', other) : next;
      }
      if (mutation.variant === 'azp-other-client') return setInPlace(setInPlace(payload, 'aud', [context.clientId, other]), 'azp', other);
      if (mutation.variant === 'extra-with-azp')
        return setInPlace(setInPlace(payload, 'aud', [context.clientId, other]), 'azp', context.clientId);
      if (mutation.variant === 'foreign-azp') return setInPlace(setInPlace(payload, 'aud', context.clientId), 'azp', other);
      if (mutation.variant === 'array') return setInPlace(payload, 'aud', [context.clientId]);
      return without(setInPlace(payload, 'aud', [context.clientId, other]), ['azp']);
    }
    case 'time':
      return setInPlace(payload, mutation.claim, Math.floor(Date.now() / 1000) + mutation.secondsFromNow);
    case 'stringify':
      return mutation.claims.reduce(
        (acc, name) => (typeof acc[name] === 'number' ? setInPlace(acc, name, String(acc[name])) : acc),
        payload,
      );
    case 'shift-time':
      return TIME_CLAIMS.reduce(
        (acc, name) => (typeof acc[name] === 'number' ? setInPlace(acc, name, acc[name] + mutation.seconds) : acc),
        payload,
      );
    case 'nonce':
      return setInPlace(payload, 'nonce', base64url.encode(randomBytes(24)));
    case 'hash':
      return setInPlace(payload, mutation.claim, hashOf(`substituted-${randomBytes(8).toString('hex')}`));
    case 'near-miss':
      return nearMissClaim(payload, mutation.claim, mutation.variant, context.clientId);
    case 'subject': {
      const sub = typeof payload.sub === 'string' ? payload.sub : '';
      // Same shape as the vendor's ids (digits stay digits), another user.
      const other = /^\d+$/.test(sub) ? String(BigInt(sub) + 1n) : `${sub.slice(0, -4)}0ther`;
      return setInPlace(payload, 'sub', other);
    }
  }
}

function nearMissClaim(payload: JwtPayload, claim: NearMissClaim, variant: NearMissVariant, clientId: string): JwtPayload {
  switch (claim) {
    case 'aud': {
      const aud = payload.aud;
      if (Array.isArray(aud))
        return setInPlace(
          payload,
          'aud',
          aud.map((entry) => (entry === clientId ? nearMiss(clientId, variant) : entry)),
        );
      return setInPlace(payload, 'aud', nearMiss(clientId, variant));
    }
    case 'azp':
      return setInPlace(payload, 'azp', nearMiss(clientId, variant));
    default: {
      const value = payload[claim];
      return typeof value === 'string' ? setInPlace(payload, claim, nearMiss(value, variant)) : payload;
    }
  }
}

function encodeSegment(value: JwtHeader | JwtPayload): string {
  return base64url.encode(JSON.stringify(value));
}

function withHeader(header: JwtHeader, changes: Record<string, JsonValue | undefined>): JwtHeader {
  // Keep the vendor's header order; `alg` first when it is new.
  const next: JwtHeader = { ...header };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete next[name];
    else next[name] = value;
  }
  return next;
}

async function signCompact(header: JwtHeader, payload: JwtPayload, key: SigningKey['privateKey'] | Uint8Array): Promise<string> {
  const alg = header.alg;
  if (typeof alg !== 'string') throw new TypeError('JWT header has no alg');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ ...header, alg }).sign(key);
}

/** Sign an unsigned JWT the way `signer` says. */
export async function signJwt(jwt: UnsignedJwt, signer: JwtSigner, context: MutationContext): Promise<string> {
  const { header, payload } = jwt;
  switch (signer) {
    case 'persona-key':
      return signCompact(withHeader(header, { alg: context.key.alg, kid: context.key.kid }), payload, context.key.privateKey);
    case 'persona-key-without-kid':
      return signCompact(withHeader(header, { alg: context.key.alg, kid: undefined }), payload, context.key.privateKey);
    case 'none':
      // RFC 7519 §6: an Unsecured JWS has an empty signature.
      return `${encodeSegment(withHeader(header, { alg: 'none', kid: undefined }))}.${encodeSegment(payload)}.`;
    case 'hs256-client-secret':
      // Auth0 with "JsonWebToken Signature Algorithm: HS256": keyed with the client secret, no kid.
      return signCompact(withHeader(header, { alg: 'HS256', kid: undefined }), payload, new TextEncoder().encode(context.clientSecret));
    case 'hs256-public-key':
      // Algorithm confusion: HMAC keyed with the IdP's *public* key, kid kept so the RP picks that key.
      return signCompact(
        withHeader(header, { alg: 'HS256', kid: context.key.kid }),
        payload,
        new TextEncoder().encode(context.key.publicKeyPem),
      );
    case 'attacker-key-same-kid': {
      const attacker = await attackerSigningKey();
      return signCompact(withHeader(header, { alg: 'RS256', kid: context.key.kid }), payload, attacker.privateKey);
    }
    case 'attacker-key-unknown-kid': {
      const attacker = await attackerSigningKey();
      return signCompact(withHeader(header, { alg: 'RS256', kid: attacker.kid }), payload, attacker.privateKey);
    }
    case 'attacker-key-embedded-jwk': {
      // CVE-2018-0114 family: the token carries its own verification key in the `jwk` header.
      const attacker = await attackerSigningKey();
      const { kid: _kid, use: _use, alg: _alg, ...jwk } = attacker.publicJwk;
      return signCompact(withHeader(header, { alg: 'RS256', kid: undefined, jwk }), payload, attacker.privateKey);
    }
    case 'es256-published-key': {
      const ec = await ecSigningKey();
      return signCompact(withHeader(header, { alg: 'ES256', kid: ec.kid }), payload, ec.privateKey);
    }
  }
}

/** Flip bits in the signature segment (the header and payload stay intact and readable). */
export function corruptSignature(compact: string): string {
  const [header, payload, signature] = compact.split('.');
  if (header === undefined || payload === undefined || !signature) return compact;
  const bytes = base64url.decode(signature);
  const middle = Math.floor(bytes.length / 2);
  bytes[0] = bytes[0]! ^ 0xff;
  bytes[middle] = bytes[middle]! ^ 0x5a;
  return `${header}.${payload}.${base64url.encode(bytes)}`;
}

/** Apply a fault (or none) to a vendor-shaped unsigned ID token and sign it. */
export async function issueJwt(jwt: UnsignedJwt, fault: JwtFault | undefined, context: MutationContext): Promise<string> {
  const payload = (fault?.claims ?? []).reduce((acc, mutation) => mutateClaims(acc, mutation, context), jwt.payload);
  const signed = await signJwt({ header: jwt.header, payload }, fault?.signer ?? 'persona-key', context);
  return fault?.corruptSignature ? corruptSignature(signed) : signed;
}

/** Decode a compact JWT without verifying it (for re-shaping what oidc-provider issued). */
export function decodeUnverified(compact: string): UnsignedJwt {
  const [header, payload] = compact.split('.');
  if (header === undefined || payload === undefined) throw new TypeError('not a compact JWT');
  const decoder = new TextDecoder();
  return {
    header: JSON.parse(decoder.decode(base64url.decode(header))) as JwtHeader,
    payload: JSON.parse(decoder.decode(base64url.decode(payload))) as JwtPayload,
  };
}
