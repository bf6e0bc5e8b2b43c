import { describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { generateTestKeyPair, pemBody, toCertificatePem } from './x509.ts';

describe('generateTestKeyPair', () => {
  it('makes a self-signed certificate that Node parses, with the requested validity', () => {
    const notBefore = new Date('2026-01-01T00:00:00Z');
    const notAfter = new Date('2029-01-01T00:00:00Z');
    const pair = generateTestKeyPair({ commonName: 'entra test', notBefore, notAfter });
    const cert = new X509Certificate(pair.certificatePem);
    expect(cert.subject).toContain('CN=entra test');
    expect(cert.subject).toContain('TEST ONLY');
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
