// ID token validation (OIDC core §3.1.3.7), each step explicit so that each defect switch can
// turn off exactly one of them. The signature is verified with jose against the IdP's JWKS, the
// algorithm pinned to RS256: never `none`, never HS256 (keyed with the client secret or, in the
// algorithm-confusion attack, with the IdP's public key).
import { createHash, createPublicKey } from 'node:crypto';
import type { JsonWebKey as NodeJsonWebKey } from 'node:crypto';
import { compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import type { JWK, JWSHeaderParameters } from 'jose';
import type { ReasonCode } from '../../lib/index.ts';
import { defectOn } from '../defects.ts';
import type { DefectSet, OidcSettings } from './contract.ts';
import { findSigningKey, JwksError, publishedKeys } from './jwks.ts';
import { presetOf } from './presets.ts';

export type Claims = Readonly<Record<string, unknown>>;
type Refusal = { readonly ok: false; readonly reason: ReasonCode; readonly detail: string };
const refuse = (reason: ReasonCode, detail: string): Refusal => ({ ok: false, reason, detail });

/**
 * Google documents both `https://accounts.google.com` and the legacy `accounts.google.com` as ID
 * token issuers: with the Google preset, the configured issuer is accepted with or without its scheme.
 */
export const GOOGLE_ISSUER = 'https://accounts.google.com';
export const GOOGLE_LEGACY_ISSUER = 'accounts.google.com';

export interface IdTokenCheck {
  readonly token: string;
  readonly settings: OidcSettings;
  readonly jwksUri: string;
  readonly expectedNonce: string;
  readonly accessToken?: string;
  readonly code: string;
  readonly now: Date;
  readonly defects: DefectSet;
}

export async function validateIdToken(
  check: IdTokenCheck,
): Promise<{ readonly ok: true; readonly claims: Claims; readonly warnings: readonly string[] } | Refusal> {
  const signed = await verifySignature(check);
  if (!signed.ok) return signed;
  const claims = signed.claims;
  return (
    checkIssuer(claims, check) ??
    checkAudience(claims, check) ??
    checkRequiredClaims(claims) ??
    checkTimes(claims, check) ??
    checkNonce(claims, check) ??
    checkHashes(claims, signed.alg, check) ?? { ok: true, claims, warnings: issuerWarnings(claims, check) }
  );
}

async function verifySignature(
  check: IdTokenCheck,
): Promise<{ readonly ok: true; readonly claims: Claims; readonly alg: string } | Refusal> {
  let header: JWSHeaderParameters;
  try {
    header = decodeProtectedHeader(check.token);
  } catch {
    return refuse('oidc-signature-invalid', 'The ID token is not a JWS compact serialization (three base64url parts).');
  }
  const alg = typeof header.alg === 'string' ? header.alg : '';
  const anyAlg = defectOn(check.defects, 'oidc-accept-any-alg');
  if (alg !== 'RS256' && !anyAlg) {
    return refuse(
      'oidc-alg-not-allowed',
      `The ID token is signed with ${alg || '(no alg)'}; this account accepts RS256 only${alg === 'HS256' ? ' (HS256 means the IdP signs with the client secret: Auth0 → Advanced settings → OAuth → JsonWebToken Signature Algorithm → RS256)' : ''}.`,
    );
  }
  if (anyAlg && alg !== 'RS256') return verifyAnyAlgorithm(check, header, alg);
  let lookup;
  try {
    lookup = await findSigningKey(check.jwksUri, typeof header.kid === 'string' ? header.kid : undefined, {
      anyHost: defectOn(check.defects, 'jwks-redirect-any-host'),
    });
  } catch (error) {
    return refuse('oidc-signature-invalid', error instanceof JwksError ? error.message : 'The IdP keys (JWKS) could not be read.');
  }
  if (!lookup.ok) return refuse('oidc-signature-invalid', lookup.problem);
  try {
    const { payload } = await compactVerify(check.token, await importJWK(lookup.key, 'RS256'), { algorithms: ['RS256'] });
    return parseClaims(payload, alg);
  } catch {
    return refuse(
      'oidc-signature-invalid',
      `The ID token signature does not verify with the IdP key "${lookup.key.kid ?? '(no kid)'}": the token was altered or signed by another key.`,
    );
  }
}

// Only reachable with the `oidc-accept-any-alg` defect: what a careless RP does when it lets the
// token header pick the algorithm — `none` unchecked, HMAC keyed with whatever it has at hand.
async function verifyAnyAlgorithm(
  check: IdTokenCheck,
  header: JWSHeaderParameters,
  alg: string,
): Promise<{ readonly ok: true; readonly claims: Claims; readonly alg: string } | Refusal> {
  const [, payload] = check.token.split('.');
  if (alg === 'none') return parseClaims(Buffer.from(payload ?? '', 'base64url'), alg);
  const keys = await publishedKeys(check.jwksUri).catch(() => []);
  const candidates: Array<Uint8Array | JWK> = [];
  if (alg.startsWith('HS')) {
    candidates.push(new TextEncoder().encode(check.settings.clientSecret));
    for (const jwk of keys) if (jwk.kty === 'RSA') candidates.push(new TextEncoder().encode(spkiPem(jwk)));
  } else {
    candidates.push(...keys.filter((jwk) => header.kid === undefined || jwk.kid === header.kid));
  }
  for (const key of candidates) {
    try {
      const material = isJwk(key) ? await importJWK({ ...key, alg }, alg) : key;
      const verified = await compactVerify(check.token, material, { algorithms: [alg] });
      return parseClaims(verified.payload, alg);
    } catch {
      // next candidate
    }
  }
  return refuse('oidc-signature-invalid', `The ID token (${alg}) does not verify with any key at hand.`);
}

function spkiPem(jwk: JWK): string {
  return createPublicKey({ key: jwk as NodeJsonWebKey, format: 'jwk' })
    .export({ type: 'spki', format: 'pem' })
    .toString();
}

function isJwk(key: Uint8Array | JWK): key is JWK {
  return !(key instanceof Uint8Array) && typeof key.kty === 'string';
}

function parseClaims(payload: Uint8Array, alg: string): { readonly ok: true; readonly claims: Claims; readonly alg: string } | Refusal {
  try {
    const claims: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new Error('not an object');
    return { ok: true, claims: claims as Claims, alg };
  } catch {
    return refuse('oidc-claim-missing', 'The ID token payload is not a JSON object of claims.');
  }
}

/** The configured issuer without its scheme: Google's legacy form (`accounts.google.com`). */
function withoutScheme(issuer: string): string {
  return issuer.replace(/^https?:\/\//i, '');
}

// Exact for every preset but Google's, which also accepts the issuer without its scheme (for the
// real Google issuer that is accounts.google.com; for any other Google-preset issuer, the same rule).
function acceptedIssuers(settings: OidcSettings): string[] {
  if (!presetOf(settings.vendor).oidc.issuerWithoutScheme) return [settings.issuer];
  const legacy = withoutScheme(settings.issuer);
  return legacy === settings.issuer ? [settings.issuer] : [settings.issuer, legacy];
}

function issuerWarnings(claims: Claims, check: IdTokenCheck): string[] {
  const iss = claims.iss;
  if (
    defectOn(check.defects, 'oidc-skip-issuer') ||
    iss === check.settings.issuer ||
    typeof iss !== 'string' ||
    !acceptedIssuers(check.settings).includes(iss)
  )
    return [];
  return [
    `The ID token names its issuer "${iss}", without the scheme of the configured issuer "${check.settings.issuer}" (Google's legacy issuer form, which Google documents beside the https one): accepted.`,
  ];
}

function checkIssuer(claims: Claims, check: IdTokenCheck): Refusal | undefined {
  if (defectOn(check.defects, 'oidc-skip-issuer')) return undefined;
  const iss = claims.iss;
  const trimSlashes = defectOn(check.defects, 'oidc-issuer-trailing-slash-ignored')
    ? (value: string): string => value.replace(/\/+$/, '')
    : (value: string): string => value;
  if (typeof iss === 'string' && acceptedIssuers(check.settings).map(trimSlashes).includes(trimSlashes(iss))) return undefined;
  return refuse(
    'oidc-issuer-mismatch',
    `The ID token iss is ${typeof iss === 'string' ? `"${iss}"` : 'missing'}; this account expects "${check.settings.issuer}".`,
  );
}

// OIDC core §3.1.3.7 steps 3–5: aud contains the client id and no audience the client does not
// trust (this portal trusts none but itself, so a second audience is refused even with azp); when
// azp is present it is the client id.
function checkAudience(claims: Claims, check: IdTokenCheck): Refusal | undefined {
  if (defectOn(check.defects, 'oidc-skip-audience')) return undefined;
  const clientId = check.settings.clientId;
  const aud = claims.aud;
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
  if (audiences.length === 0) return refuse('oidc-audience-mismatch', 'The ID token has no aud claim.');
  if (!audiences.includes(clientId))
    return refuse(
      'oidc-audience-mismatch',
      `The ID token aud is ${audiences.map((a) => `"${a}"`).join(', ')}; this account's client ID is "${clientId}".`,
    );
  const azp = claims.azp;
  const untrusted = audiences.filter((audience) => audience !== clientId);
  if (untrusted.length > 0 && !defectOn(check.defects, 'oidc-audience-includes'))
    return refuse(
      'oidc-audience-mismatch',
      `The ID token is also meant for ${untrusted.map((a) => `"${a}"`).join(', ')}, which this account does not trust (OIDC core §3.1.3.7 step 3)${azp === undefined ? ', and has no azp claim naming the client it was issued to' : ''}.`,
    );
  if (azp !== undefined && azp !== clientId && !(defectOn(check.defects, 'oidc-azp-only-with-several-audiences') && audiences.length < 2))
    return refuse('oidc-audience-mismatch', `The ID token azp is ${JSON.stringify(azp)}; this account's client ID is "${clientId}".`);
  return undefined;
}

function checkRequiredClaims(claims: Claims): Refusal | undefined {
  const missing = (['sub', 'iat', 'exp'] as const).filter((name) =>
    name === 'sub' ? typeof claims.sub !== 'string' || claims.sub === '' : typeof claims[name] !== 'number',
  );
  return missing.length > 0
    ? refuse(
        'oidc-claim-missing',
        `The ID token lacks ${missing.join(', ')} (OIDC core §2 requires sub, iat and exp; times are numbers of seconds).`,
      )
    : undefined;
}

function checkTimes(claims: Claims, check: IdTokenCheck): Refusal | undefined {
  const now = check.now.getTime() / 1000;
  const skew = check.settings.allowedClockSkewSeconds * (defectOn(check.defects, 'oidc-skew-doubled') ? 2 : 1);
  const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();
  const context = `now ${check.now.toISOString()}, allowed skew ${skew} s`;
  const exp = claims.exp as number;
  const iat = claims.iat as number;
  if (now - skew >= exp) return refuse('oidc-expired', `The ID token expired at ${iso(exp)} (${context}).`);
  if (iat > now + skew) return refuse('oidc-expired', `The ID token was issued at ${iso(iat)}, in the future (${context}).`);
  if (typeof claims.nbf === 'number' && claims.nbf > now + skew)
    return refuse('oidc-expired', `The ID token is valid only from ${iso(claims.nbf)} (${context}).`);
  return undefined;
}

function checkNonce(claims: Claims, check: IdTokenCheck): Refusal | undefined {
  if (defectOn(check.defects, 'oidc-skip-nonce')) return undefined;
  if (claims.nonce === check.expectedNonce) return undefined;
  if (defectOn(check.defects, 'oidc-nonce-when-present') && (claims.nonce === undefined || claims.nonce === '')) return undefined;
  return refuse(
    'oidc-nonce-mismatch',
    claims.nonce === undefined
      ? 'The ID token has no nonce, but this login sent one.'
      : 'The ID token nonce is not the nonce of this login.',
  );
}

// OIDC core §3.1.3.8 / §3.3.2.11: left half of the hash of the ASCII token, base64url.
export function tokenHash(value: string, alg: string): string {
  const bits = /(\d{3})$/.exec(alg)?.[1] ?? '256';
  const digest = createHash(`sha${bits}`).update(value, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

function checkHashes(claims: Claims, alg: string, check: IdTokenCheck): Refusal | undefined {
  if (claims.at_hash !== undefined && (check.accessToken === undefined || claims.at_hash !== tokenHash(check.accessToken, alg))) {
    return refuse('oidc-hash-mismatch', 'The ID token at_hash does not match the access token it came with.');
  }
  if (claims.c_hash !== undefined && claims.c_hash !== tokenHash(check.code, alg)) {
    return refuse('oidc-hash-mismatch', 'The ID token c_hash does not match the authorization code.');
  }
  return undefined;
}
