// Signing keys of the personas: generated lazily (cold start stays fast), one keyring per
// tenant and persona, plus process-wide keys that stand for "another app" and "the attacker".
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import {
  certificateSubjectOf,
  generateTestKeyPair,
  generateTestKeyPairAsync,
  recertifyTestKeyPair,
  testKeyPairFromPrivateKey,
  type DistinguishedName,
  type TestKeyPair,
} from '../lib/index.ts';
import type { PersonaCertificate } from './types.ts';

const DAY_MS = 86_400_000;

export interface Keyring {
  current: TestKeyPair;
  /** The key in use before the last rotation, kept so a test can configure the SP with it. */
  previous?: TestKeyPair;
}

/**
 * A persona's signing certificate for one tenant: the vendor's subject (placeholders filled) and
 * lifetime. The subject is the vendor's exactly, so lib/x509.ts marks the certificate test-only in
 * its nsComment extension.
 */
export interface SigningCertificateShape {
  readonly subject: DistinguishedName;
  readonly lifetime: PersonaCertificate['lifetime'];
}

export function newSigningKey(shape: SigningCertificateShape, now = new Date()): TestKeyPair {
  return generateTestKeyPair(signingKeyOptions(shape, now));
}

/** `newSigningKey` with the RSA key generated on libuv's thread pool: the event loop keeps serving meanwhile. */
export function newSigningKeyAsync(shape: SigningCertificateShape, now = new Date()): Promise<TestKeyPair> {
  return generateTestKeyPairAsync(signingKeyOptions(shape, now));
}

/** A signing key pair for an existing (cached) private key, with a new certificate as `newSigningKey` issues it. */
export function signingKeyFromPrivateKey(privateKeyPem: string, shape: SigningCertificateShape, now = new Date()): TestKeyPair {
  return testKeyPairFromPrivateKey(privateKeyPem, signingKeyOptions(shape, now));
}

function signingKeyOptions(shape: SigningCertificateShape, now: Date): { subject: DistinguishedName; notBefore: Date; notAfter: Date } {
  // Back-dated a day, like vendor consoles, so a slightly slow SP clock still sees it valid.
  const notBefore = new Date(now.getTime() - DAY_MS);
  return { subject: shape.subject, notBefore, notAfter: certificateEnd(notBefore, shape.lifetime) };
}

/** notBefore plus the lifetime: whole calendar years (and minutes), or days. */
export function certificateEnd(notBefore: Date, lifetime: PersonaCertificate['lifetime']): Date {
  if ('days' in lifetime) return new Date(notBefore.getTime() + lifetime.days * DAY_MS);
  const end = new Date(notBefore);
  end.setUTCFullYear(end.getUTCFullYear() + lifetime.years);
  return new Date(end.getTime() + (lifetime.minutes ?? 0) * 60_000);
}

/** The same key pair with a new certificate (e.g. one that expired yesterday): the same subject, marked test-only the same way. */
export function recertify(pair: TestKeyPair, notBefore: Date, notAfter: Date): TestKeyPair {
  const serial = Buffer.from('02' + Date.now().toString(16).padStart(30, '0'), 'hex');
  return recertifyTestKeyPair(pair, { ...certificateSubjectOf(pair.certificatePem), serial, notBefore, notAfter });
}

/** A certificate for the same key that expired `daysAgo` days ago. */
export function expiredCopy(pair: TestKeyPair, now = new Date(), daysAgo = 1): TestKeyPair {
  const notAfter = new Date(now.getTime() - daysAgo * DAY_MS);
  return recertify(pair, new Date(notAfter.getTime() - 365 * DAY_MS), notAfter);
}

/** `idp-second-key`: the second key a JWKS of two publishes (JwksShape.secondKey), which nothing signs with. */
export type SharedKeyLabel = 'attacker' | 'other-app' | 'idp-second-key';
const shared = new Map<SharedKeyLabel, TestKeyPair>();
const pendingShared = new Map<SharedKeyLabel, Promise<TestKeyPair>>();

const SHARED_COMMON_NAMES: Readonly<Record<SharedKeyLabel, string>> = {
  attacker: 'attacker.example',
  'other-app': 'Another application',
  'idp-second-key': 'Second published key (never signs)',
};

/** Keys that belong to nobody in the tenant: another application's signing key, the attacker's key, a published key that never signs. */
export function sharedKey(label: SharedKeyLabel): TestKeyPair {
  let pair = shared.get(label);
  if (!pair) {
    pair = generateTestKeyPair({ commonName: SHARED_COMMON_NAMES[label], lifetimeDays: 3650 });
    shared.set(label, pair);
  }
  return pair;
}

/** `sharedKey` with the RSA key generated on libuv's thread pool the first time: the event loop keeps serving. */
export async function sharedKeyAsync(label: SharedKeyLabel): Promise<TestKeyPair> {
  const ready = shared.get(label);
  if (ready) return ready;
  let pending = pendingShared.get(label);
  if (!pending) {
    pending = generateTestKeyPairAsync({ commonName: SHARED_COMMON_NAMES[label], lifetimeDays: 3650 }).then((pair) => {
      // A synchronous sharedKey() may have made one meanwhile: the first one stays.
      if (!shared.has(label)) shared.set(label, pair);
      pendingShared.delete(label);
      return shared.get(label)!;
    });
    pendingShared.set(label, pending);
  }
  return pending;
}

/** Sanity helper for tests and the control API: does this PEM certificate carry this private key's public key? */
export function certificateMatchesKey(certificatePem: string, privateKeyPem: string): boolean {
  const fromCert = new X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'der' });
  const fromKey = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'der' });
  return Buffer.compare(fromCert, fromKey) === 0;
}
