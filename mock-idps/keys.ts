// Signing keys of the personas: generated lazily (cold start stays fast), one keyring per
// tenant and persona, plus process-wide keys that stand for "another app" and "the attacker".
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import {
  generateTestKeyPair,
  generateTestKeyPairAsync,
  recertifyTestKeyPair,
  testKeyPairFromPrivateKey,
  type TestKeyPair,
} from '../lib/x509.ts';

const DAY_MS = 86_400_000;

export interface Keyring {
  current: TestKeyPair;
  /** The key in use before the last rotation, kept so a test can configure the SP with it. */
  previous?: TestKeyPair;
}

export function newSigningKey(commonName: string, lifetimeDays: number, now = new Date()): TestKeyPair {
  return generateTestKeyPair(signingKeyOptions(commonName, lifetimeDays, now));
}

/** `newSigningKey` with the RSA key generated on libuv's thread pool: the event loop keeps serving meanwhile. */
export function newSigningKeyAsync(commonName: string, lifetimeDays: number, now = new Date()): Promise<TestKeyPair> {
  return generateTestKeyPairAsync(signingKeyOptions(commonName, lifetimeDays, now));
}

/** A signing key pair for an existing (cached) private key, with a new certificate as `newSigningKey` issues it. */
export function signingKeyFromPrivateKey(privateKeyPem: string, commonName: string, lifetimeDays: number, now = new Date()): TestKeyPair {
  return testKeyPairFromPrivateKey(privateKeyPem, signingKeyOptions(commonName, lifetimeDays, now));
}

function signingKeyOptions(commonName: string, lifetimeDays: number, now: Date): { commonName: string; notBefore: Date; notAfter: Date } {
  // Back-dated a day, like vendor consoles, so a slightly slow SP clock still sees it valid.
  const notBefore = new Date(now.getTime() - DAY_MS);
  return { commonName, notBefore, notAfter: new Date(notBefore.getTime() + lifetimeDays * DAY_MS) };
}

/** The same key pair with a new certificate (e.g. one that expired yesterday). */
export function recertify(pair: TestKeyPair, notBefore: Date, notAfter: Date): TestKeyPair {
  const subject = new X509Certificate(pair.certificatePem).subject;
  const commonName = /CN=([^\n]+)/.exec(subject)?.[1] ?? 'sso-harness';
  const serial = Buffer.from('02' + Date.now().toString(16).padStart(30, '0'), 'hex');
  return recertifyTestKeyPair(pair, { commonName, serial, notBefore, notAfter });
}

/** A certificate for the same key that expired `daysAgo` days ago. */
export function expiredCopy(pair: TestKeyPair, now = new Date(), daysAgo = 1): TestKeyPair {
  const notAfter = new Date(now.getTime() - daysAgo * DAY_MS);
  return recertify(pair, new Date(notAfter.getTime() - 365 * DAY_MS), notAfter);
}

export type SharedKeyLabel = 'attacker' | 'other-app';
const shared = new Map<SharedKeyLabel, TestKeyPair>();

/** Keys that belong to nobody in the tenant: another application's signing key, the attacker's key. */
export function sharedKey(label: SharedKeyLabel): TestKeyPair {
  let pair = shared.get(label);
  if (!pair) {
    pair = generateTestKeyPair({ commonName: label === 'attacker' ? 'attacker.example' : 'Another application', lifetimeDays: 3650 });
    shared.set(label, pair);
  }
  return pair;
}

/** Sanity helper for tests and the control API: does this PEM certificate carry this private key's public key? */
export function certificateMatchesKey(certificatePem: string, privateKeyPem: string): boolean {
  const fromCert = new X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'der' });
  const fromKey = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'der' });
  return Buffer.compare(fromCert, fromKey) === 0;
}
