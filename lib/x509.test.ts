import { describe, expect, it } from 'vitest';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import {
  certificateSubjectOf,
  generateTestKeyPair,
  generateTestKeyPairAsync,
  pemBody,
  recertifyTestKeyPair,
  TEST_ONLY_COMMENT,
  testKeyPairFromPrivateKey,
  testOnlyMarkOf,
  toCertificatePem,
  type DistinguishedName,
} from './x509.ts';

const GOOGLE: DistinguishedName = [
  ['O', 'Google Inc.'],
  ['L', 'Mountain View'],
  ['CN', 'Google'],
  ['OU', 'Google For Work'],
  ['C', 'US'],
  ['ST', 'California'],
];

describe('generateTestKeyPair', () => {
  it('makes a self-signed certificate that Node parses, with the requested validity', () => {
    const notBefore = new Date('2026-01-01T00:00:00Z');
    const notAfter = new Date('2029-01-01T00:00:00Z');
    const pair = generateTestKeyPair({ commonName: 'entra test', notBefore, notAfter });
    const cert = new X509Certificate(pair.certificatePem);
    expect(cert.subject).toContain('CN=entra test');
    expect(cert.subject).toContain('TEST ONLY');
    // The subject says it; no extension needed.
    expect(testOnlyMarkOf(pair.certificatePem)).toBeUndefined();
    expect(new Date(cert.validFrom).toISOString()).toBe(notBefore.toISOString());
    expect(new Date(cert.validTo).toISOString()).toBe(notAfter.toISOString());
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(pair.fingerprint256).toBe(cert.fingerprint256);
  });

  it('round-trips a metadata-style base64 body back to PEM', () => {
    const pair = generateTestKeyPair({ commonName: 'round trip', lifetimeDays: 1 });
    expect(pemBody(toCertificatePem(pair.certificateBase64))).toBe(pair.certificateBase64);
    expect(new X509Certificate(toCertificatePem(pair.certificateBase64)).fingerprint256).toBe(pair.fingerprint256);
  });
});

describe('generateTestKeyPairAsync, testKeyPairFromPrivateKey, recertifyTestKeyPair', () => {
  it('generates off the event loop a pair as good as the synchronous one', async () => {
    const notBefore = new Date('2026-02-01T00:00:00Z');
    const pair = await generateTestKeyPairAsync({ commonName: 'async test', notBefore, lifetimeDays: 10 });
    const cert = new X509Certificate(pair.certificatePem);
    expect(cert.subject).toBe('CN=async test\nO=sso-harness TEST ONLY');
    expect(new Date(cert.validTo).toISOString()).toBe('2026-02-11T00:00:00.000Z');
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(pair.privateKeyPem))).toBe(true);
  });

  it('certifies an existing private key, and recertifies a pair for the same key', () => {
    const original = generateTestKeyPair({ commonName: 'key owner', lifetimeDays: 30 });
    const again = testKeyPairFromPrivateKey(original.privateKeyPem, { commonName: 'key owner', lifetimeDays: 30 });
    expect(again.publicKeyPem).toBe(original.publicKeyPem);
    expect(again.fingerprint256).not.toBe(original.fingerprint256);
    const notAfter = new Date('2025-06-01T00:00:00Z');
    const expired = recertifyTestKeyPair(original, {
      commonName: 'key owner',
      serial: Buffer.from('02ab', 'hex'),
      notBefore: new Date('2024-06-01T00:00:00Z'),
      notAfter,
    });
    const cert = new X509Certificate(expired.certificatePem);
    expect(cert.serialNumber).toBe('02AB');
    expect(new Date(cert.validTo).toISOString()).toBe(notAfter.toISOString());
    expect(cert.checkPrivateKey(createPrivateKey(original.privateKeyPem))).toBe(true);
    expect(expired.privateKeyPem).toBe(original.privateKeyPem);
  });
});

describe('a given subject (a vendor DN), marked test-only by an extension', () => {
  it('is written exactly as given, and the nsComment extension says the certificate is a test one', () => {
    const pair = generateTestKeyPair({ subject: GOOGLE, lifetimeDays: 1825 });
    const cert = new X509Certificate(pair.certificatePem);
    expect(cert.subject).toBe('O=Google Inc.\nL=Mountain View\nCN=Google\nOU=Google For Work\nC=US\nST=California');
    expect(cert.subject).not.toContain('TEST ONLY');
    expect(cert.issuer).toBe(cert.subject);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(testOnlyMarkOf(pair.certificatePem)).toBe(TEST_ONLY_COMMENT);
    expect(testOnlyMarkOf(pair.certificateBase64)).toBe(TEST_ONLY_COMMENT);
    expect(certificateSubjectOf(pair.certificatePem)).toEqual({ subject: GOOGLE });
  });

  it('survives a recertification: same subject, same mark; a default subject stays the default', () => {
    const vendor = generateTestKeyPair({ subject: GOOGLE, lifetimeDays: 30 });
    const fields = {
      serial: Buffer.from('02cd', 'hex'),
      notBefore: new Date('2024-06-01T00:00:00Z'),
      notAfter: new Date('2025-06-01T00:00:00Z'),
    };
    const renewed = recertifyTestKeyPair(vendor, { ...certificateSubjectOf(vendor.certificatePem), ...fields });
    expect(new X509Certificate(renewed.certificatePem).subject).toBe(new X509Certificate(vendor.certificatePem).subject);
    expect(testOnlyMarkOf(renewed.certificatePem)).toBe(TEST_ONLY_COMMENT);
    const plain = generateTestKeyPair({ commonName: 'plain', lifetimeDays: 30 });
    expect(certificateSubjectOf(plain.certificatePem)).toEqual({ commonName: 'plain' });
    const plainRenewed = recertifyTestKeyPair(plain, { ...certificateSubjectOf(plain.certificatePem), ...fields });
    expect(new X509Certificate(plainRenewed.certificatePem).subject).toBe('CN=plain\nO=sso-harness TEST ONLY');
    expect(testOnlyMarkOf(plainRenewed.certificatePem)).toBeUndefined();
  });
});
