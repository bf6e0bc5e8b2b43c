import { describe, expect, it } from 'vitest';
import { allureMetadataOf } from './allureMetadata.ts';

describe('allureMetadataOf', () => {
  it('labels a lifecycle story with its area, vendor, protocol, persona, entry points and lockout cause', () => {
    const { labels, parameters } = allureMetadataOf('lifecycle/ssoLifecycle.spec.ts', [
      { type: 'vendor', description: 'okta' },
      { type: 'protocol', description: 'saml' },
      { type: 'persona', description: 'okta-saml' },
      { type: 'lockout-cause', description: 'acs-url-changed' },
      { type: 'entry-point', description: 'web' },
      { type: 'entry-point', description: 'desktop' },
    ]);
    expect(labels).toEqual([
      { name: 'epic', value: 'lifecycle' },
      { name: 'vendor', value: 'okta' },
      { name: 'feature', value: 'Okta' },
      { name: 'protocol', value: 'saml' },
      { name: 'story', value: 'SAML' },
      { name: 'persona', value: 'okta-saml' },
      { name: 'entry point', value: 'web, desktop' },
      { name: 'lockout cause', value: 'acs-url-changed' },
    ]);
    expect(parameters).toEqual([
      { name: 'vendor', value: 'okta' },
      { name: 'protocol', value: 'saml' },
      { name: 'entry point', value: 'web, desktop' },
    ]);
  });

  it('labels a conformance scenario with its fault, and the web entry point when it names none', () => {
    const { labels, parameters } = allureMetadataOf('conformance/catalogMatrix.spec.ts', [
      { type: 'persona', description: 'entra-oidc' },
      { type: 'fault', description: 'oidc.alg-none' },
    ]);
    expect(labels).toContainEqual({ name: 'fault', value: 'oidc.alg-none' });
    expect(labels).toContainEqual({ name: 'feature', value: 'Microsoft Entra ID' });
    expect(labels).toContainEqual({ name: 'entry point', value: 'web' });
    expect(parameters).toEqual([
      { name: 'vendor', value: 'entra' },
      { name: 'protocol', value: 'oidc' },
      { name: 'entry point', value: 'web' },
      { name: 'fault', value: 'oidc.alg-none' },
    ]);
  });

  it('gives a test that certifies no vendor, protocol or fault only its area', () => {
    expect(allureMetadataOf('fuzz/targetRobustness.spec.ts', [{ type: 'entry-point', description: 'web' }])).toEqual({
      labels: [{ name: 'epic', value: 'fuzz' }],
      parameters: [],
    });
  });
});
