import { describe, expect, it } from 'vitest';
import { REASONS } from '../../lib/index.ts';
import { REASON_FIX_KEYS, vendorFixFor } from './vendorFixes.ts';

describe('vendor fixes of refusal reasons', () => {
  it("give the fix in the vendor console's words, for known reasons and vendors only", () => {
    expect(vendorFixFor('saml-cert-untrusted', 'okta')).toMatch(/^Okta Admin Console → your app → Sign On → SAML Signing Certificates/);
    expect(vendorFixFor('saml-audience-mismatch', 'entra')).toContain('Identifier (Entity ID)');
    expect(vendorFixFor('saml-cert-untrusted', 'other')).toBeUndefined();
    expect(vendorFixFor('saml-cert-untrusted', undefined)).toBeUndefined();
    expect(vendorFixFor('oidc-nonce-mismatch', 'okta')).toBeUndefined();
  });

  it('are keyed by real reason codes', () => {
    for (const reason of Object.keys(REASON_FIX_KEYS)) expect(Object.hasOwn(REASONS, reason), reason).toBe(true);
  });
});
