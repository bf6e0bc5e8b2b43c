import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OidcSettingsInput } from './contract.ts';
import { clearDiscoveryCache } from './oidcDiscovery.ts';
import { validateOidcSettings } from './oidcSettings.ts';
import { startTestOidcProvider } from './testing/oidcProviderFixture.ts';
import type { TestOidcProvider } from './testing/oidcProviderFixture.ts';

const NOW = new Date('2026-06-01T12:00:00Z');
let okta: TestOidcProvider;
let auth0: TestOidcProvider;

beforeAll(async () => {
  okta = await startTestOidcProvider({ now: NOW, path: '/oauth2/default' });
  auth0 = await startTestOidcProvider({ now: NOW });
});
afterAll(async () => {
  await okta.close();
  await auth0.close();
});
beforeEach(() => {
  okta.discovery = {};
  auth0.discovery = {};
  clearDiscoveryCache();
});

function input(overrides: Partial<OidcSettingsInput> = {}): OidcSettingsInput {
  return { vendor: 'okta', issuer: okta.issuer, clientId: 'portal-client', clientSecret: 's3cret-value', ...overrides };
}

async function errorsOf(value: OidcSettingsInput): Promise<Array<{ field: string; message: string }>> {
  const result = await validateOidcSettings(value, { now: NOW });
  if (result.ok) throw new Error('expected validation errors');
  return [...result.errors];
}

describe('validateOidcSettings', () => {
  it('accepts a complete configuration, applying the defaults', async () => {
    expect(await validateOidcSettings(input(), { now: NOW })).toEqual({
      ok: true,
      value: {
        protocol: 'oidc',
        vendor: 'okta',
        issuer: okta.issuer,
        clientId: 'portal-client',
        clientSecret: 's3cret-value',
        scopes: 'openid email profile',
        emailClaim: 'email',
        allowedClockSkewSeconds: 120,
        warnings: [],
      },
    });
  });

  it('normalises scopes and keeps a custom email claim and skew', async () => {
    const result = await validateOidcSettings(
      input({ scopes: '  openid   email openid groups ', emailClaim: 'https://example.com/email', allowedClockSkewSeconds: '30' }),
      { now: NOW },
    );
    expect(result.ok && [result.value.scopes, result.value.emailClaim, result.value.allowedClockSkewSeconds]).toEqual([
      'openid email groups',
      'https://example.com/email',
      30,
    ]);
  });

  it.each<[string, Partial<OidcSettingsInput>, string, string]>([
    [
      'no issuer',
      { issuer: '' },
      'issuer',
      'Enter the issuer URL (Entra: https://login.microsoftonline.com/{tenant id}/v2.0; Okta: https://{org}.okta.com or https://{org}.okta.com/oauth2/default; Google: https://accounts.google.com; Auth0: https://{tenant}.auth0.com/ with the trailing slash).',
    ],
    ['a relative issuer', { issuer: 'okta.com' }, 'issuer', 'The issuer is not an absolute URL (expected e.g. http://127.0.0.1:4000/…).'],
    [
      'an issuer off the machine',
      { issuer: 'https://corp.okta.com' },
      'issuer',
      'The issuer points to corp.okta.com, which is not this machine. The reference portal runs offline and fetches only from loopback hosts (127.0.0.0/8, ::1, localhost).',
    ],
    [
      'an issuer with a query',
      { issuer: 'http://127.0.0.1:1/?tenant=x' },
      'issuer',
      'The issuer must not carry a query or fragment (OpenID Connect Discovery §3): remove everything after "?" or "#".',
    ],
    [
      'no client id',
      { clientId: ' ' },
      'clientId',
      'Enter the client ID of the application registered at the IdP (Entra: "Application (client) ID"; Okta and Auth0: "Client ID"; Google: the OAuth client ID ending in .apps.googleusercontent.com).',
    ],
    [
      'a client id with spaces',
      { clientId: 'a b' },
      'clientId',
      'The client ID must be one value without spaces (at most 256 characters): copy it again from the IdP.',
    ],
    [
      'no client secret',
      { clientSecret: '' },
      'clientSecret',
      'Enter the client secret of the application (Entra: Certificates & secrets → the secret *Value*, not its ID; Okta, Auth0, Google: "Client secret").',
    ],
    [
      'scopes without openid',
      { scopes: 'email profile' },
      'scopes',
      'The scopes must include "openid" (without it the IdP sends no ID token): e.g. "openid email profile".',
    ],
    [
      'comma-separated scopes',
      { scopes: 'openid,"email"' },
      'scopes',
      'The scope "openid,"email"" contains characters scopes cannot hold: separate scopes with spaces (e.g. openid email profile), not commas or quotes.',
    ],
    [
      'an email claim with a space',
      { emailClaim: 'e mail' },
      'emailClaim',
      'The email claim must be one claim name (e.g. email, preferred_username, or a namespaced claim such as https://example.com/email), without spaces.',
    ],
    [
      'a skew out of range',
      { allowedClockSkewSeconds: 9000 },
      'allowedClockSkewSeconds',
      'The allowed clock skew must be a whole number of seconds from 0 to 600, not "9000". 120 suits most IdPs; if logins fail with "not yet valid" or "expired", fix the clocks (NTP) first.',
    ],
    [
      'a hosted domain on a non-Google preset',
      { hostedDomain: 'corp.example' },
      'hostedDomain',
      'A hosted domain applies to Google Workspace only: clear it, or choose the Google Workspace preset.',
    ],
  ])('refuses %s', async (_name, overrides, field, message) => {
    expect(await errorsOf(input(overrides))).toEqual([{ field, message }]);
  });

  it('refuses a hosted domain that is not a domain name', async () => {
    expect(await errorsOf(input({ vendor: 'google', hostedDomain: 'corp example' }))).toEqual([
      { field: 'hostedDomain', message: '"corp example" is not a domain name: enter the Workspace primary domain, e.g. corp.example.' },
    ]);
  });

  it('never echoes the client secret', async () => {
    const errors = await errorsOf(input({ clientSecret: 'line-one\nline-two-secret', scopes: 'email' }));
    expect(JSON.stringify(errors)).not.toContain('line-two-secret');
    expect(errors.map((e) => e.field)).toEqual(['clientSecret', 'scopes']);
  });

  it('quotes both issuers when Auth0 is configured without its trailing slash', async () => {
    auth0.discovery = { issuer: `${auth0.issuer}/` };
    expect(await errorsOf(input({ vendor: 'auth0', issuer: auth0.issuer }))).toEqual([
      {
        field: 'issuer',
        message: `The discovery document at ${auth0.issuer}/.well-known/openid-configuration names the issuer "${auth0.issuer}/", but "${auth0.issuer}" is configured. Enter the issuer exactly as the discovery document states it (Auth0 issuers end with a slash: the trailing slash is part of the issuer).`,
      },
    ]);
    expect((await validateOidcSettings(input({ vendor: 'auth0', issuer: `${auth0.issuer}/` }), { now: NOW })).ok).toBe(true);
  });

  it('quotes both issuers for Okta org vs custom authorization server', async () => {
    okta.discovery = { issuer: okta.server.url };
    expect(await errorsOf(input())).toEqual([
      {
        field: 'issuer',
        message: `The discovery document at ${okta.issuer}/.well-known/openid-configuration names the issuer "${okta.server.url}", but "${okta.issuer}" is configured. Enter the issuer exactly as the discovery document states it (Okta: the org authorization server https://{org}.okta.com and a custom one such as https://{org}.okta.com/oauth2/default are different issuers with different keys).`,
      },
    ]);
  });

  it("explains Entra's templated /common issuer", async () => {
    okta.discovery = { issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0' };
    const [error] = await errorsOf(input({ vendor: 'entra' }));
    expect(error?.message).toMatch(
      /names the issuer "https:\/\/login\.microsoftonline\.com\/\{tenantid\}\/v2\.0".*\(Entra: \/common and \/organizations advertise a templated issuer; use https:\/\/login\.microsoftonline\.com\/\{your tenant id\}\/v2\.0\)\.$/,
    );
  });

  it('says when nothing answers at the issuer', async () => {
    expect(await errorsOf(input({ issuer: `${okta.server.url}/nothing-here` }))).toEqual([
      {
        field: 'issuer',
        message: `${okta.server.url}/nothing-here/.well-known/openid-configuration did not answer with a discovery document (HTTP 404): check the issuer URL.`,
      },
    ]);
  });

  it('refuses an IdP that does not sign with RS256', async () => {
    okta.discovery = { id_token_signing_alg_values_supported: ['HS256'] };
    expect(await errorsOf(input())).toEqual([
      {
        field: 'issuer',
        message:
          'The IdP signs ID tokens only with HS256; this portal accepts RS256 only (OIDC core §15.1 makes RS256 mandatory to implement).',
      },
    ]);
  });

  it('refuses a discovery document whose endpoints leave the machine', async () => {
    okta.discovery = { token_endpoint: 'https://corp.okta.com/oauth2/v1/token' };
    expect(await errorsOf(input())).toEqual([
      {
        field: 'issuer',
        message:
          'The discovery document names token_endpoint https://corp.okta.com/oauth2/v1/token, which is not on this machine; the reference portal runs offline and calls loopback hosts only.',
      },
    ]);
  });

  it.each<[string, Partial<OidcSettingsInput>, string]>([
    [
      'Entra with the email claim',
      { vendor: 'entra' },
      'Microsoft Entra ID does not send the "email" claim by default. Add it as an optional claim (App registration → Token configuration → Add optional claim → ID → email), or set the email claim to preferred_username (the UPN, which is not always the user\'s email).',
    ],
    [
      'Entra with preferred_username',
      { vendor: 'entra', emailClaim: 'preferred_username' },
      'preferred_username is the user principal name: it matches a seat only where the UPN equals the email, and never for guests (#EXT#).',
    ],
    [
      'Google without a hosted domain',
      { vendor: 'google' },
      'No hosted domain is set: any Google account whose email matches a seat can log in, including accounts outside your Workspace. Set the hosted domain to require Workspace accounts.',
    ],
  ])('warns for %s', async (_name, overrides, warning) => {
    const result = await validateOidcSettings(input(overrides), { now: NOW });
    expect(result.ok && result.value.warnings).toEqual([warning]);
  });

  it('warns when the IdP does not list PKCE S256', async () => {
    okta.discovery = { code_challenge_methods_supported: ['plain'] };
    const result = await validateOidcSettings(input(), { now: NOW });
    expect(result.ok && result.value.warnings).toEqual([
      'The IdP discovery document does not list PKCE S256 (code_challenge_methods_supported); logins send it anyway. If the IdP refuses them, enable PKCE for the application.',
    ]);
  });
});
