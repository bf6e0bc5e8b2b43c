import { describe, expect, it } from 'vitest';
import type { SsoProtocol, VendorPreset } from './contract.ts';
import { idpSideLinks, spEndpointsFor } from './spEndpoints.ts';

describe('spEndpointsFor', () => {
  it('derives every endpoint from the base URL and account id', () => {
    expect(spEndpointsFor('http://127.0.0.1:8080', 42)).toEqual({
      entityId: 'http://127.0.0.1:8080/sso/42/saml/metadata',
      acsUrl: 'http://127.0.0.1:8080/sso/42/saml/acs',
      metadataUrl: 'http://127.0.0.1:8080/sso/42/saml/metadata',
      signOnUrl: 'http://127.0.0.1:8080/sso/42/start',
      oidcRedirectUri: 'http://127.0.0.1:8080/sso/42/oidc/callback',
    });
  });

  it('keeps a base path and drops its trailing slashes', () => {
    expect(spEndpointsFor('https://portal.example.test/oe//', 7).acsUrl).toBe('https://portal.example.test/oe/sso/7/saml/acs');
  });

  it.each([
    [
      'not a url',
      1,
      'Cannot build SP endpoints: the portal base URL "not a url" is not an absolute URL (expected e.g. http://127.0.0.1:8080).',
    ],
    ['ftp://127.0.0.1', 1, 'Cannot build SP endpoints: the portal base URL "ftp://127.0.0.1" must use http or https.'],
    [
      'http://127.0.0.1/?x=1',
      1,
      'Cannot build SP endpoints: the portal base URL "http://127.0.0.1/?x=1" must not carry a query or fragment.',
    ],
    ['http://127.0.0.1', 0, 'Cannot build SP endpoints: account id 0 is not a positive integer.'],
    ['http://127.0.0.1', 1.5, 'Cannot build SP endpoints: account id 1.5 is not a positive integer.'],
  ])('refuses base %s / account %s', (base, id, message) => {
    expect(() => spEndpointsFor(base, id)).toThrow(message);
  });
});

describe('idpSideLinks', () => {
  const sp = spEndpointsFor('http://127.0.0.1:9000', 3);

  it.each<[VendorPreset, SsoProtocol, string, string]>([
    ['entra', 'saml', 'Identifier (Entity ID)', sp.entityId],
    ['entra', 'saml', 'Reply URL (Assertion Consumer Service URL)', sp.acsUrl],
    ['entra', 'saml', 'Sign on URL', sp.signOnUrl],
    ['entra', 'oidc', 'Redirect URI (Web)', sp.oidcRedirectUri],
    ['okta', 'saml', 'Single sign-on URL', sp.acsUrl],
    ['okta', 'saml', 'Audience URI (SP Entity ID)', sp.entityId],
    ['okta', 'oidc', 'Sign-in redirect URIs', sp.oidcRedirectUri],
    ['google', 'saml', 'ACS URL', sp.acsUrl],
    ['google', 'saml', 'Entity ID', sp.entityId],
    ['google', 'oidc', 'Authorized redirect URIs', sp.oidcRedirectUri],
    ['auth0', 'saml', 'Application Callback URL', sp.acsUrl],
    ['auth0', 'saml', 'Settings: "audience"', sp.entityId],
    ['auth0', 'oidc', 'Allowed Callback URLs', sp.oidcRedirectUri],
    ['other', 'saml', 'Assertion Consumer Service (ACS) URL', sp.acsUrl],
    ['other', 'oidc', 'Redirect URI', sp.oidcRedirectUri],
  ])('%s %s labels "%s" with the right value', (vendor, protocol, label, value) => {
    const link = idpSideLinks(vendor, protocol, sp).find((l) => l.label === label);
    expect(link?.value).toBe(value);
    expect(link?.help.length).toBeGreaterThan(0);
  });

  it.each<VendorPreset>(['entra', 'okta', 'google', 'auth0', 'other'])('%s SAML links give the entity ID and ACS URL', (vendor) => {
    const values = idpSideLinks(vendor, 'saml', sp).map((l) => l.value);
    expect(values).toContain(sp.entityId);
    expect(values).toContain(sp.acsUrl);
  });
});
