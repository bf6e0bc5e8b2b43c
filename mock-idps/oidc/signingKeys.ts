// Signing keys as the OIDC engine uses them: node KeyObjects with a `kid`, and the JWKS the IdP
// publishes, in the vendor's shape (the persona's `jwks`: how keys are named, which members each
// key carries and in what order). The key material itself comes from the tenant keyrings and
// mock-idps/keys.ts.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import { sharedKey, sharedKeyAsync } from '../keys.ts';
import type { TestKeyPair } from '../../lib/index.ts';
import type { JwkMember, JwksShape } from '../types.ts';

export interface SigningKey {
  /** The key's name in the vendor's style (JwksShape.kid). */
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256';
  /** Secret: never log it. */
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** Public JWK with kid, use and alg (and x5c, x5t where the vendor publishes them); jwksOf puts the members in the vendor's order. */
  readonly publicJwk: JWK;
  /** SPKI PEM of the public key: what an algorithm-confusion attacker uses as an HMAC secret. */
  readonly publicKeyPem: string;
}

export interface JsonWebKeySet {
  keys: JWK[];
}

/** How a key is named when no vendor shape applies: its RFC 7638 thumbprint. */
const PLAIN: Pick<JwksShape, 'kid' | 'x5t'> = { kid: 'jwk-thumbprint' };

// Weak: a deleted or reset tenant's keys go with it (a suite creates a tenant per test).
const byPair = new WeakMap<TestKeyPair, Map<string, Promise<SigningKey>>>();

const base64url = (bytes: Buffer): string => bytes.toString('base64url');

/**
 * x5t as the vendor writes it: base64url of the certificate's SHA-1 (Entra), or of that thumbprint in uppercase hex (Auth0's legacy keys).
 */
function thumbprintX5t(certificateBase64: string, style: NonNullable<JwksShape['x5t']>): string {
  const sha1 = createHash('sha1').update(Buffer.from(certificateBase64, 'base64')).digest();
  return style === 'sha1' ? base64url(sha1) : base64url(Buffer.from(sha1.toString('hex').toUpperCase(), 'ascii'));
}

async function toSigningKey(
  privateKey: KeyObject,
  alg: SigningKey['alg'],
  naming: Pick<JwksShape, 'kid' | 'x5t'>,
  certificateBase64?: string,
): Promise<SigningKey> {
  const publicKey = createPublicKey(privateKey);
  const jwk = await exportJWK(publicKey);
  const x5t = certificateBase64 !== undefined && naming.x5t !== undefined ? thumbprintX5t(certificateBase64, naming.x5t) : undefined;
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const kid =
    naming.kid === 'x5t' && x5t !== undefined
      ? x5t
      : naming.kid === 'hex40'
        ? createHash('sha1').update(spki).digest('hex')
        : await calculateJwkThumbprint(jwk);
  return {
    kid,
    alg,
    privateKey,
    publicKey,
    // The vendors that publish x5t publish the certificate (x5c) with it; the others neither.
    publicJwk: { ...jwk, kid, use: 'sig', alg, ...(x5t === undefined ? {} : { x5c: [certificateBase64!], x5t }) },
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** The RS256 signing key for a test key pair, named in the vendor's style (cached per pair and style). */
export function rsaSigningKey(pair: TestKeyPair, naming: Pick<JwksShape, 'kid' | 'x5t'> = PLAIN): Promise<SigningKey> {
  let styles = byPair.get(pair);
  if (!styles) {
    styles = new Map();
    byPair.set(pair, styles);
  }
  const style = `${naming.kid}|${naming.x5t ?? ''}`;
  let key = styles.get(style);
  if (!key) {
    key = toSigningKey(createPrivateKey(pair.privateKeyPem), 'RS256', naming, pair.certificateBase64);
    styles.set(style, key);
  }
  return key;
}

/** The attacker's RSA key: never published by any persona. */
export function attackerSigningKey(): Promise<SigningKey> {
  return rsaSigningKey(sharedKey('attacker'));
}

/** A second RSA key the IdP publishes beside its own (another app's key in the same JWKS), named as the vendor names keys. */
export function extraPublishedSigningKey(naming: Pick<JwksShape, 'kid' | 'x5t'> = PLAIN): Promise<SigningKey> {
  return rsaSigningKey(sharedKey('other-app'), naming);
}

/** The second key of a two-key JWKS (JwksShape.secondKey): a real RSA key, published, never used to sign. */
export async function secondPublishedSigningKey(naming: Pick<JwksShape, 'kid' | 'x5t'>): Promise<SigningKey> {
  return rsaSigningKey(await sharedKeyAsync('idp-second-key'), naming);
}

let ecKey: Promise<SigningKey> | undefined;

/** A P-256 key the IdP publishes only while an ES256 fault is active (no persona signs ES256). */
export function ecSigningKey(): Promise<SigningKey> {
  ecKey ??= toSigningKey(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, 'ES256', PLAIN);
  return ecKey;
}

const SHAPED_MEMBERS: ReadonlySet<string> = new Set<JwkMember>(['kty', 'use', 'kid', 'x5t', 'n', 'e', 'x5c', 'issuer', 'alg']);

/** One key as the vendor publishes it: its members in the vendor's order, then any the shape does not know (an EC key's crv, x, y). */
function shapedJwk(jwk: JWK, shape: JwksShape, keyIssuer: string | undefined): JWK {
  const values: Record<string, unknown> = { ...jwk, ...(keyIssuer === undefined ? {} : { issuer: keyIssuer }) };
  const ordered = shape.members.filter((member) => values[member] !== undefined).map((member) => [member, values[member]] as const);
  const others = Object.entries(jwk).filter(([member]) => !SHAPED_MEMBERS.has(member));
  return Object.fromEntries([...ordered, ...others]);
}

/** The key set; with a vendor shape, each key as that vendor publishes it (`keyIssuer`: Entra's per-key `issuer`). */
export function jwksOf(keys: readonly SigningKey[], shape?: JwksShape, keyIssuer?: string): JsonWebKeySet {
  if (!shape) return { keys: keys.map((key) => ({ ...key.publicJwk })) };
  return { keys: keys.map((key) => shapedJwk(key.publicJwk, shape, shape.members.includes('issuer') ? keyIssuer : undefined)) };
}
