import { describe, expect, it } from 'vitest';
import { VENDOR_PERSONAS } from '../../mock-idps/index.ts';
import type { Vendor } from '../../mock-idps/index.ts';
import { oidcIssuerFits, samlIssuerFits, templatePattern } from './personaMatch.ts';

const TID = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('issuer shapes derived from the persona data', () => {
  it('turns a template into an anchored pattern', () => {
    expect(templatePattern('https://sts.windows.net/{tid}/').source).toBe('^https:\\/\\/sts\\.windows\\.net\\/[^/?#{}]+\\/$');
  });

  it.each<[string, Vendor, boolean]>([
    [`https://sts.windows.net/${TID}/`, 'entra', true],
    [`https://sts.windows.net/${TID}`, 'entra', false],
    ['http://www.okta.com/exk1a2b3c4d5e6f7g8h9', 'okta', true],
    ['https://www.okta.com/exk1a2b3c4d5e6f7g8h9', 'okta', false],
    ['https://accounts.google.com/o/saml2?idpid=C01abcd2e', 'google', true],
    ['https://accounts.google.com/o/saml2/idp?idpid=C01abcd2e', 'google', false],
    ['urn:contoso.eu.auth0.com', 'auth0', true],
    ['urn:auth0:contoso', 'auth0', false],
  ])('SAML %s fits %s: %s', (issuer, vendor, fits) => {
    expect(samlIssuerFits(VENDOR_PERSONAS[vendor].saml, issuer)).toBe(fits);
  });

  it.each<[string, Vendor, boolean]>([
    [`https://login.microsoftonline.com/${TID}/v2.0`, 'entra', true],
    ['https://login.microsoftonline.com/common', 'entra', false],
    ['https://contoso.okta.com/oauth2/default', 'okta', true],
    // The org authorization server is Okta's too (vendors.md): recognised by its host.
    ['https://contoso.okta.com', 'okta', true],
    // An Okta custom URL domain keeps the authorization server's path.
    ['https://login.contoso.com/oauth2/default', 'okta', true],
    ['https://accounts.google.com', 'google', true],
    // Google's empty path fits no other host (an Okta token was once named Google).
    ['https://contoso.okta.com', 'google', false],
    ['accounts.google.com', 'google', true],
    ['https://contoso.us.auth0.com/', 'auth0', true],
    ['https://contoso.us.auth0.com', 'auth0', false],
  ])('OIDC %s fits %s: %s', (issuer, vendor, fits) => {
    expect(oidcIssuerFits(VENDOR_PERSONAS[vendor].oidc, issuer)).toBe(fits);
  });
});
