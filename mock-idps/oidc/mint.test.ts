import { describe, expect, it } from 'vitest';
import { decodeProtectedHeader } from 'jose';
import { TenantState } from '../tenants.ts';
import { decodeUnverified } from './jwtMutator.ts';
import { MintError } from '../mintError.ts';
import { DEFAULT_MINT_ORIGIN, mintIdToken } from './mint.ts';
import { validateIdToken } from './strictRp.ts';
import { oidcPersona } from './testServer.ts';

const tenant = new TenantState('mint-test');

describe('mintIdToken', () => {
  it('mints what the running persona issues: vendor claim order, issuer on the server origin, JWKS with the token kid', async () => {
    const minted = await mintIdToken({
      persona: 'okta-oidc',
      clientId: 'c-1',
      email: 'bob.user@example.com',
      nonce: 'n-1',
      tenant,
      origin: 'http://127.0.0.1:5555/',
    });
    expect(minted.issuer).toBe(`http://127.0.0.1:5555/okta/${tenant.ids.org}/oauth2/default`);
    const persona = oidcPersona('okta-oidc');
    const expectedOrder = persona.idToken.claims
      .filter((spec) => spec.requiresScope === undefined || ['openid', 'profile', 'email'].includes(spec.requiresScope))
      .filter((spec) => spec.from !== 'accessTokenHash')
      .map((spec) => spec.name);
    expect(Object.keys(decodeUnverified(minted.idToken).payload)).toEqual(expectedOrder);
    expect(minted.jwks.keys.map((key) => key.kid)).toEqual([decodeProtectedHeader(minted.idToken).kid]);
    expect(
      await validateIdToken(minted.idToken, { issuer: minted.issuer, clientId: 'c-1', jwks: minted.jwks, nonce: 'n-1' }),
    ).toMatchObject({ ok: true });
  });

  it('defaults to a fresh demo tenant on the default idp serve origin', async () => {
    const minted = await mintIdToken({ persona: 'auth0-oidc', clientId: 'c-1', email: 'someone@customer.example' });
    expect(minted.issuer).toMatch(new RegExp(`^${DEFAULT_MINT_ORIGIN}/auth0/oe-[a-z0-9]{8}/$`));
    const { payload } = decodeUnverified(minted.idToken);
    expect(payload).toMatchObject({ email: 'someone@customer.example', nickname: 'someone', aud: 'c-1' });
    expect(payload.sid).toEqual(expect.any(String));
  });

  it('applies a token fault', async () => {
    const minted = await mintIdToken({
      persona: 'entra-oidc',
      clientId: 'c-1',
      email: 'bob.user@example.com',
      fault: 'oidc.alg-none',
      tenant,
    });
    expect(decodeProtectedHeader(minted.idToken)).toEqual({ typ: 'JWT', alg: 'none' });
    expect(minted.idToken.endsWith('.')).toBe(true);
  });

  it.each([
    [
      { persona: 'entra-saml' as const },
      'unknown-persona',
      '"entra-saml" is not an OIDC persona, so no ID token can be minted for it. Use one of: entra-oidc, okta-oidc, google-oidc, auth0-oidc.',
    ],
    [
      { fault: 'oidc.no-such-fault' },
      'unknown-fault',
      /^"oidc\.no-such-fault" is not an OIDC fault\. Faults that change okta-oidc ID tokens: oidc\.issuer-okta-org-server, /,
    ],
    [
      { fault: 'oidc.hd-missing' },
      'fault-not-for-persona',
      /^Fault "oidc\.hd-missing" does not apply to okta-oidc \(it applies to google-oidc\)\. Faults for okta-oidc: /,
    ],
    [
      { fault: 'oidc.state-mismatch' },
      'fault-not-mintable',
      /^Fault "oidc\.state-mismatch" happens in the authorization step of a live login, not in the ID token, so it cannot be minted\./,
    ],
    [
      { persona: 'auth0-oidc' as const, fault: 'oidc.hs256-with-secret' },
      'client-secret-required',
      'Fault "oidc.hs256-with-secret" signs the ID token with the client secret: pass the client secret (--client-secret) so the token can be checked with it.',
    ],
  ])('refuses %o with %s', async (options, code, message) => {
    const promise = mintIdToken({ persona: 'okta-oidc', clientId: 'c-1', email: 'bob.user@example.com', tenant, ...options });
    await expect(promise).rejects.toBeInstanceOf(MintError);
    await expect(promise).rejects.toMatchObject({ code });
    await expect(promise).rejects.toThrow(message);
  });
});
