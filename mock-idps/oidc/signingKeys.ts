// Signing keys as the OIDC engine uses them: node KeyObjects with a `kid`, and the JWKS the IdP
// publishes. The key material itself comes from the tenant keyrings and mock-idps/keys.ts.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import { sharedKey } from '../keys.ts';
import type { TestKeyPair } from '../../lib/x509.ts';

export interface SigningKey {
  /** RFC 7638 thumbprint of the public key, as `kid`. */
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256';
  /** Secret: never log it. */
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** Public JWK with kid, use and alg, as published in the JWKS. */
  readonly publicJwk: JWK;
  /** SPKI PEM of the public key: what an algorithm-confusion attacker uses as an HMAC secret. */
  readonly publicKeyPem: string;
}

export interface JsonWebKeySet {
  keys: JWK[];
}

// Weak: a deleted or reset tenant's keys go with it (a suite creates a tenant per test).
const byPair = new WeakMap<TestKeyPair, Promise<SigningKey>>();

async function toSigningKey(privateKey: KeyObject, alg: SigningKey['alg']): Promise<SigningKey> {
  const publicKey = createPublicKey(privateKey);
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return {
    kid,
    alg,
    privateKey,
    publicKey,
    publicJwk: { ...jwk, kid, use: 'sig', alg },
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** The RS256 signing key for a test key pair (cached per pair; the kid is the key's thumbprint, so a recertified copy has the same kid). */
export function rsaSigningKey(pair: TestKeyPair): Promise<SigningKey> {
  let key = byPair.get(pair);
  if (!key) {
    key = toSigningKey(createPrivateKey(pair.privateKeyPem), 'RS256');
    byPair.set(pair, key);
  }
  return key;
}

/** The attacker's RSA key: never published by any persona. */
export function attackerSigningKey(): Promise<SigningKey> {
  return rsaSigningKey(sharedKey('attacker'));
}

/** A second RSA key the IdP publishes beside its own (another app's key in the same JWKS). */
export function extraPublishedSigningKey(): Promise<SigningKey> {
  return rsaSigningKey(sharedKey('other-app'));
}

let ecKey: Promise<SigningKey> | undefined;

/** A P-256 key the IdP publishes only while an ES256 fault is active (no persona signs ES256). */
export function ecSigningKey(): Promise<SigningKey> {
  ecKey ??= toSigningKey(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, 'ES256');
  return ecKey;
}

export function jwksOf(keys: readonly SigningKey[]): JsonWebKeySet {
  return { keys: keys.map((key) => ({ ...key.publicJwk })) };
}
