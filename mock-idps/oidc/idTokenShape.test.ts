import { describe, expect, it } from 'vitest';
import { TenantState } from '../tenants.ts';
import type { PersonaId } from '../types.ts';
import { shapeIdToken, shapeUserinfo, type IdTokenContext } from './idTokenShape.ts';
import { oidcPersona } from './testServer.ts';

const tenant = new TenantState('shape-test');
const bob = tenant.directory.byRole('ordinary')!;

function context(personaId: PersonaId, overrides: Partial<IdTokenContext> = {}): IdTokenContext {
  return {
    persona: oidcPersona(personaId),
    issuer: 'http://127.0.0.1:4100/issuer',
    clientId: 'client-1',
    user: bob,
    tenantIds: tenant.ids,
    now: 1_800_000_000,
    scopes: new Set(['openid', 'profile', 'email']),
    kid: 'kid-1',
    nonce: 'nonce-1',
    accessToken: 'access-token-1',
    sessionId: 'session-1',
    ...overrides,
  };
}

// vendors.md "ID tokens" and the captured tokens it cites.
describe.each([
  {
    persona: 'entra-oidc',
    header: ['typ', 'alg', 'kid'],
    lifetime: 3900,
    sub: /^[\w-]{43}$/,
    claims: [
      'aud',
      'iss',
      'iat',
      'nbf',
      'exp',
      'aio',
      'email',
      'name',
      'nonce',
      'oid',
      'preferred_username',
      'rh',
      'sub',
      'tid',
      'uti',
      'ver',
    ],
  },
  {
    persona: 'okta-oidc',
    header: ['kid', 'alg'],
    lifetime: 3600,
    sub: /^00u[0-9A-Za-z]{17}$/,
    claims: [
      'sub',
      'name',
      'email',
      'ver',
      'iss',
      'aud',
      'iat',
      'exp',
      'jti',
      'amr',
      'idp',
      'nonce',
      'preferred_username',
      'auth_time',
      'at_hash',
      'email_verified',
    ],
  },
  {
    persona: 'google-oidc',
    header: ['alg', 'kid', 'typ'],
    lifetime: 3600,
    sub: /^[1-9]\d{20}$/,
    claims: [
      'iss',
      'azp',
      'aud',
      'sub',
      'hd',
      'email',
      'email_verified',
      'at_hash',
      'nonce',
      'name',
      'picture',
      'given_name',
      'family_name',
      'iat',
      'exp',
    ],
  },
  {
    persona: 'auth0-oidc',
    header: ['alg', 'typ', 'kid'],
    lifetime: 36_000,
    sub: /^auth0\|[0-9a-f]{24}$/,
    claims: [
      'nickname',
      'name',
      'picture',
      'updated_at',
      'email',
      'email_verified',
      'iss',
      'aud',
      'iat',
      'exp',
      'sub',
      'sid',
      'nonce',
      'https://example.com/groups',
    ],
  },
] as const)('$persona ID token', ({ persona, header, lifetime, sub, claims }) => {
  const token = shapeIdToken(context(persona));

  it('has the vendor header parameters in order', () => {
    expect(Object.keys(token.header)).toEqual(header);
    expect(token.header.alg).toBe('RS256');
  });

  it('writes typ exactly when the persona says the vendor does', () => {
    expect((header as readonly string[]).includes('typ')).toBe(oidcPersona(persona).idToken.headerTyp);
  });

  it('has the vendor claims in order', () => {
    expect(Object.keys(token.payload)).toEqual(claims);
  });

  it("lives as long as the vendor's tokens", () => {
    expect(Number(token.payload.exp) - Number(token.payload.iat)).toBe(lifetime);
  });

  it('has a vendor-shaped sub', () => {
    expect(token.payload.sub).toMatch(sub);
  });

  it('answers userinfo with the same sub, first', () => {
    const userinfo = shapeUserinfo(context(persona));
    expect(Object.keys(userinfo)[0]).toBe('sub');
    expect(userinfo.sub).toBe(token.payload.sub);
    expect(userinfo).not.toHaveProperty('nonce');
  });
});

describe('vendor details', () => {
  it('Entra back-dates iat and nbf by five minutes', () => {
    const { payload } = shapeIdToken(context('entra-oidc'));
    expect(payload.iat).toBe(1_800_000_000 - 300);
    expect(payload.nbf).toBe(payload.iat);
    expect(payload.exp).toBe(1_800_000_000 + 3600);
  });

  it('Entra sub is pairwise: another app sees another sub for the same user', () => {
    const one = shapeIdToken(context('entra-oidc')).payload.sub;
    const other = shapeIdToken(context('entra-oidc', { clientId: 'client-2' })).payload.sub;
    expect(one).not.toBe(other);
  });

  it('Google sends hd only for Workspace accounts', () => {
    const outsider = tenant.directory.byRole('other-domain')!;
    expect(shapeIdToken(context('google-oidc')).payload.hd).toBe('example.com');
    expect(shapeIdToken(context('google-oidc', { user: outsider })).payload).not.toHaveProperty('hd');
  });

  it('Okta sends email only with the email scope', () => {
    const { payload } = shapeIdToken(context('okta-oidc', { scopes: new Set(['openid']) }));
    expect(payload).not.toHaveProperty('email');
    expect(payload).not.toHaveProperty('email_verified');
    expect(payload).not.toHaveProperty('name');
  });

  it('Entra preferred_username is the guest #EXT# UPN, not an email', () => {
    const guest = tenant.directory.byRole('guest-ext')!;
    expect(shapeIdToken(context('entra-oidc', { user: guest })).payload.preferred_username).toMatch(/#EXT#@example\.onmicrosoft\.com$/);
  });

  it('Auth0 custom claims are namespaced', () => {
    const names = Object.keys(shapeIdToken(context('auth0-oidc')).payload);
    expect(names.filter((name) => name.includes('groups'))).toEqual(['https://example.com/groups']);
  });

  it('omits nonce when the request had none', () => {
    const { nonce: _nonce, ...withoutNonce } = context('okta-oidc');
    expect(shapeIdToken(withoutNonce).payload).not.toHaveProperty('nonce');
  });
});
