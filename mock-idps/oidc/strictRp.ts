// A correctly configured relying party's ID token checks, built on `jose` only (independent of
// oidc-provider, which the personas run on). Each check has a name, so a proof can relax exactly
// one of them and show the artefact is otherwise acceptable. Used by the fault proofs and tests.
import { createHash, createPublicKey } from 'node:crypto';
import {
  base64url,
  createLocalJWKSet,
  decodeProtectedHeader,
  EmbeddedJWK,
  errors,
  jwtVerify,
  UnsecuredJWT,
  type JWTPayload,
  type JWTVerifyOptions,
  type ProtectedHeaderParameters,
} from 'jose';
import type { ReasonCode } from '../../lib/index.ts';
import type { RpCheck } from './effects.ts';
import type { JsonWebKeySet } from './signingKeys.ts';

export interface StrictRpOptions {
  readonly issuer: string;
  readonly clientId: string;
  readonly jwks: JsonWebKeySet;
  /** The nonce this login sent; its absence or another value is refused. */
  readonly nonce?: string;
  readonly accessToken?: string;
  readonly code?: string;
  /** Issuers accepted with a warning (Google's legacy `accounts.google.com` form). */
  readonly alternativeIssuers?: readonly string[];
  /** Google Workspace: the `hd` the account must carry. */
  readonly expectedHostedDomain?: string;
  /** Default true: OE maps users to seats by email. */
  readonly requireEmail?: boolean;
  /** The account's seat emails: the asserted email must be one of them (case-insensitively, RFC 5321 §2.4). */
  readonly seats?: readonly string[];
  readonly clockToleranceSeconds?: number;
  /** Refuse tokens issued longer ago than this (default 3600 s). */
  readonly maxTokenAgeSeconds?: number;
  /** Only for relaxed `alg` checks: the HS256 key a misconfigured RP would use. */
  readonly clientSecret?: string;
  readonly relax?: readonly RpCheck[];
  readonly now?: Date;
}

export type RpVerdict =
  | { readonly ok: true; readonly claims: JWTPayload; readonly warnings: readonly ReasonCode[] }
  | { readonly ok: false; readonly reason: ReasonCode; readonly check: RpCheck; readonly detail: string };

class Refusal extends Error {
  readonly reason: ReasonCode;
  readonly check: RpCheck;
  constructor(reason: ReasonCode, check: RpCheck, detail: string) {
    super(detail);
    this.reason = reason;
    this.check = check;
  }
}

function halfHash(value: string): string {
  return base64url.encode(createHash('sha256').update(value).digest().subarray(0, 16));
}

function fromJoseError(error: unknown): Refusal {
  if (error instanceof errors.JWTExpired) return new Refusal('oidc-expired', 'time', error.message);
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return new Refusal('oidc-issuer-mismatch', 'issuer', error.message);
    if (error.claim === 'aud') return new Refusal('oidc-audience-mismatch', 'audience', error.message);
    if (error.reason === 'missing') return new Refusal('oidc-claim-missing', 'required-claims', error.message);
    // A time claim that is not a NumericDate (e.g. "1767225600", a string) is as good as missing.
    if (error.reason === 'invalid' && (error.claim === 'exp' || error.claim === 'iat' || error.claim === 'nbf'))
      return new Refusal('oidc-claim-missing', 'required-claims', error.message);
    return new Refusal('oidc-expired', 'time', error.message);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported)
    return new Refusal('oidc-alg-not-allowed', 'alg', error.message);
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid
  ) {
    return new Refusal('oidc-signature-invalid', 'signature', error.message);
  }
  throw error;
}

/** jose claim checks only (iss, aud, exp, nbf, iat, required claims), for relaxed signature/alg checks. */
function claimsOnly(token: string, options: JWTVerifyOptions): JWTPayload {
  const [, payload] = token.split('.');
  const unsecured = `${base64url.encode(JSON.stringify({ alg: 'none' }))}.${payload ?? ''}.`;
  return UnsecuredJWT.decode(unsecured, options).payload;
}

function usableKeyCount(jwks: JsonWebKeySet, alg: string): number {
  return jwks.keys.filter(
    (key) =>
      key.use !== 'enc' && (key.alg === undefined || key.alg === alg) && (alg.startsWith('RS') ? key.kty === 'RSA' : key.kty === 'EC'),
  ).length;
}

async function verifySignatureAndClaims(
  token: string,
  header: ProtectedHeaderParameters,
  options: StrictRpOptions,
  verify: JWTVerifyOptions,
  relaxed: ReadonlySet<RpCheck>,
): Promise<JWTPayload> {
  const alg = header.alg ?? '';
  if (relaxed.has('signature')) {
    // A broken RP that trusts what the token says about its own key, or skips verification.
    if (header.jwk !== undefined) return (await jwtVerify(token, EmbeddedJWK, verify)).payload;
    return claimsOnly(token, verify);
  }
  if (relaxed.has('alg') && alg === 'none') return claimsOnly(token, verify);
  if (relaxed.has('alg') && alg === 'HS256') {
    // A broken RP that lets the token pick HS256 and keys it with the client secret or the IdP key.
    const candidates = [options.clientSecret, ...publicPemsOf(options.jwks)].filter((value): value is string => value !== undefined);
    for (const secret of candidates) {
      try {
        return (await jwtVerify(token, new TextEncoder().encode(secret), { ...verify, algorithms: ['HS256'] })).payload;
      } catch (error) {
        if (!(error instanceof errors.JWSSignatureVerificationFailed)) throw error;
      }
    }
  }
  try {
    return (await jwtVerify(token, createLocalJWKSet(options.jwks), verify)).payload;
  } catch (error) {
    // Reached only with the kid check relaxed: a lenient RP tries every candidate key.
    if (!(error instanceof errors.JWKSMultipleMatchingKeys)) throw error;
    for await (const key of error as unknown as AsyncIterable<CryptoKey>) {
      try {
        return (await jwtVerify(token, key, verify)).payload;
      } catch (candidateError) {
        if (!(candidateError instanceof errors.JWSSignatureVerificationFailed)) throw candidateError;
      }
    }
    throw new errors.JWSSignatureVerificationFailed();
  }
}

/** What a vulnerable library turns the JWKS into before using it as an HMAC key: SPKI PEM text. */
function publicPemsOf(jwks: JsonWebKeySet): string[] {
  return jwks.keys
    .filter((key) => key.kty === 'RSA')
    .map((jwk) =>
      createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' })
        .export({ type: 'spki', format: 'pem' })
        .toString(),
    );
}

async function check(token: string, options: StrictRpOptions): Promise<{ claims: JWTPayload; warnings: ReasonCode[] }> {
  const relaxed = new Set(options.relax ?? []);
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(token);
  } catch (error) {
    throw new Refusal('oidc-signature-invalid', 'signature', `not a JWS: ${(error as Error).message}`);
  }
  const alg = header.alg ?? '';
  // OIDC Core 3.1.3.7 step 7: the alg must be the one registered (RS256 for all four vendors).
  if (!relaxed.has('alg') && alg !== 'RS256')
    throw new Refusal('oidc-alg-not-allowed', 'alg', `alg ${alg} is not allowed; RS256 is expected`);
  // OE policy: with several keys published, the token must say which one (no key guessing).
  if (!relaxed.has('kid') && header.kid === undefined && usableKeyCount(options.jwks, alg) > 1) {
    throw new Refusal('oidc-signature-invalid', 'kid', 'the token names no kid and the IdP publishes several keys');
  }
  const requireTime = !relaxed.has('time');
  const verify: JWTVerifyOptions = {
    algorithms: relaxed.has('alg') ? [alg] : ['RS256'],
    ...(relaxed.has('issuer') ? {} : { issuer: [options.issuer, ...(options.alternativeIssuers ?? [])] }),
    ...(relaxed.has('audience') ? {} : { audience: options.clientId }),
    clockTolerance: requireTime ? (options.clockToleranceSeconds ?? 300) : 10 * 365 * 86_400,
    ...(requireTime && !relaxed.has('required-claims') ? { maxTokenAge: options.maxTokenAgeSeconds ?? 3600 } : {}),
    requiredClaims: relaxed.has('required-claims') ? [] : ['iss', ...(relaxed.has('audience') ? [] : ['aud']), 'sub', 'iat', 'exp'],
    ...(options.now ? { currentDate: options.now } : {}),
  };
  let claims: JWTPayload;
  try {
    claims = await verifySignatureAndClaims(token, header, options, verify, relaxed);
  } catch (error) {
    throw fromJoseError(error);
  }
  const warnings: ReasonCode[] = [];
  if (!relaxed.has('issuer') && claims.iss !== options.issuer) warnings.push('oidc-issuer-mismatch');
  if (!relaxed.has('audience')) {
    // OIDC Core 3.1.3.7 step 3: no audience the client does not trust (it trusts none but itself),
    // whatever azp says; steps 4–5: azp, when present, is this client.
    const untrusted = (Array.isArray(claims.aud) ? claims.aud : [claims.aud]).filter((audience) => audience !== options.clientId);
    if (untrusted.length > 0)
      throw new Refusal(
        'oidc-audience-mismatch',
        'audience',
        `audiences the client does not trust: ${JSON.stringify(untrusted)}${claims.azp === undefined ? ', and no azp' : ''}`,
      );
    if (claims.azp !== undefined && claims.azp !== options.clientId)
      throw new Refusal('oidc-audience-mismatch', 'audience', `azp ${JSON.stringify(claims.azp)} is not this client`);
  }
  if (!relaxed.has('nonce') && options.nonce !== undefined && claims.nonce !== options.nonce) {
    throw new Refusal('oidc-nonce-mismatch', 'nonce', claims.nonce === undefined ? 'nonce missing' : 'nonce does not match');
  }
  if (
    !relaxed.has('at_hash') &&
    options.accessToken !== undefined &&
    claims.at_hash !== undefined &&
    claims.at_hash !== halfHash(options.accessToken)
  ) {
    throw new Refusal('oidc-hash-mismatch', 'at_hash', 'at_hash does not match the access token');
  }
  if (!relaxed.has('c_hash') && claims.c_hash !== undefined && (options.code === undefined || claims.c_hash !== halfHash(options.code))) {
    throw new Refusal('oidc-hash-mismatch', 'c_hash', 'c_hash does not match the authorization code');
  }
  // A plain ASCII address (what IdPs issue): a look-alike letter makes it no address at all, never a near one.
  if (
    !relaxed.has('email') &&
    (options.requireEmail ?? true) &&
    (typeof claims.email !== 'string' || !/^[\x21-\x3f\x41-\x7e]+@[\x21-\x3f\x41-\x7e]+$/.test(claims.email))
  )
    throw new Refusal('email-missing', 'email', 'no email claim');
  if (
    !relaxed.has('email') &&
    options.seats !== undefined &&
    typeof claims.email === 'string' &&
    !options.seats.some((seat) => seat.toLowerCase() === String(claims.email).toLowerCase())
  ) {
    throw new Refusal('no-seat-for-email', 'email', `no seat for ${claims.email}`);
  }
  // email_verified is a boolean (OIDC Core §5.1): present and anything but true (false, "false", …) is not verified.
  if (!relaxed.has('email_verified') && claims.email_verified !== undefined && claims.email_verified !== true)
    throw new Refusal('email-unverified', 'email_verified', `email_verified is ${JSON.stringify(claims.email_verified)}`);
  // A domain name compares case-insensitively (RFC 4343); nothing else about it may differ.
  if (
    !relaxed.has('hd') &&
    options.expectedHostedDomain !== undefined &&
    (typeof claims.hd !== 'string' || claims.hd.toLowerCase() !== options.expectedHostedDomain.toLowerCase())
  ) {
    throw new Refusal(
      'hosted-domain-mismatch',
      'hd',
      claims.hd === undefined ? 'no hd claim' : `hd ${JSON.stringify(claims.hd)} is not ${options.expectedHostedDomain}`,
    );
  }
  return { claims, warnings };
}

/** Validate an ID token as a strict RP would. Never throws for a bad token: returns the refusal. */
export async function validateIdToken(token: string, options: StrictRpOptions): Promise<RpVerdict> {
  try {
    const { claims, warnings } = await check(token, options);
    return { ok: true, claims, warnings };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.reason, check: error.check, detail: error.message };
    throw error;
  }
}
