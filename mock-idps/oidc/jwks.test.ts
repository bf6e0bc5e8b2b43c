// Each persona's JWKS as the vendor publishes it, and the ID token's kid naming a key in it: every
// expectation is a fact of ../shared/reference/vendors.md ("JWKS"), written here independently of
// the persona data.
import { describe, expect, it } from 'vitest';
import { OIDC_PERSONAS } from '../personas/index.ts';
import { mintIdToken } from './mint.ts';

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const MEMBERS = {
  entra: ['kty', 'use', 'kid', 'x5t', 'n', 'e', 'x5c', 'issuer'],
  okta: ['kty', 'alg', 'kid', 'use', 'e', 'n'],
  google: ['alg', 'use', 'kty', 'e', 'n', 'kid'],
  auth0: ['alg', 'kty', 'use', 'x5c', 'n', 'e', 'kid', 'x5t'],
} as const;

function kidProblem(vendor: keyof typeof MEMBERS, key: Record<string, unknown>): string | undefined {
  const kid = String(key.kid);
  switch (vendor) {
    case 'entra':
      return kid.length === 27 && BASE64URL.test(kid) && kid === key.x5t
        ? undefined
        : `Entra kid is 27 base64url characters equal to x5t, not ${kid}`;
    case 'okta':
      return kid.length === 43 && BASE64URL.test(kid) ? undefined : `Okta kid is 43 base64url characters, not ${kid}`;
    case 'google':
      return /^[0-9a-f]{40}$/.test(kid) ? undefined : `Google kid is 40 lowercase hex, not ${kid}`;
    case 'auth0':
      return kid.length === 54 && kid === key.x5t && /^[0-9A-F]{40}$/.test(Buffer.from(kid, 'base64url').toString('ascii'))
        ? undefined
        : `Auth0 legacy kid is the base64 of the uppercase hex SHA-1 thumbprint (= x5t), not ${kid}`;
  }
}

describe.each(OIDC_PERSONAS.map((persona) => ({ persona, id: persona.id })))('$id JWKS', ({ persona }) => {
  it("each key carries the vendor's members in the vendor's order, named in the vendor's style; the ID token names it", async () => {
    const minted = await mintIdToken({ persona, clientId: 'client-1', email: 'bob.user@example.com' });
    expect(Object.keys(minted.jwks)).toEqual(['keys']);
    const [key] = minted.jwks.keys as unknown as Record<string, unknown>[];
    expect(Object.keys(key!)).toEqual(MEMBERS[persona.vendor]);
    expect([key!.kty, key!.use, key!.e]).toEqual(['RSA', 'sig', 'AQAB']);
    expect(key!.alg).toBe(persona.vendor === 'entra' ? undefined : 'RS256');
    expect(kidProblem(persona.vendor, key!)).toBeUndefined();
    if (persona.vendor === 'entra') expect(key!.issuer).toBe(minted.issuer.replace(/\/entra\/[^/]+\//, '/entra/{tenantid}/'));
    if ('x5c' in key!) expect(Buffer.from((key.x5c as string[])[0]!, 'base64').subarray(0, 2)).toEqual(Buffer.from([0x30, 0x82]));
    const header = JSON.parse(Buffer.from(minted.idToken.split('.')[0]!, 'base64url').toString()) as { kid?: string };
    expect(minted.jwks.keys.map((published) => published.kid)).toContain(header.kid);
  });
});

describe('a JWKS of two keys (Google)', () => {
  const keysOf = (jwks: { keys: readonly { kid?: string }[] }): string[] => jwks.keys.map((key) => String(key.kid));
  const kidOf = (idToken: string): string | undefined =>
    (JSON.parse(Buffer.from(idToken.split('.')[0]!, 'base64url').toString()) as { kid?: string }).kid;

  it('publishes the signing key first and a second real RSA key that never signs', async () => {
    const minted = await mintIdToken({ persona: 'google-oidc', clientId: 'client-1', email: 'bob.user@example.com' });
    const [signing, second] = keysOf(minted.jwks);
    expect(keysOf(minted.jwks)).toHaveLength(2);
    expect(kidOf(minted.idToken)).toBe(signing);
    expect(second).not.toBe(signing);
    expect((minted.jwks.keys[1] as { n?: string }).n).toMatch(/^[A-Za-z0-9_-]{342}$/);
    // Another tenant signs with its own key; the second key is not one anybody signs with.
    const other = await mintIdToken({ persona: 'google-oidc', clientId: 'client-1', email: 'bob.user@example.com' });
    expect(kidOf(other.idToken)).not.toBe(second);
  });

  it('oidc.kid-absent-single-key: a token without kid, and the JWKS down to that one key', async () => {
    const minted = await mintIdToken({
      persona: 'google-oidc',
      clientId: 'client-1',
      email: 'bob.user@example.com',
      fault: 'oidc.kid-absent-single-key',
    });
    expect(kidOf(minted.idToken)).toBeUndefined();
    expect(minted.jwks.keys).toHaveLength(1);
  });

  it('the personas of one key keep one', async () => {
    for (const persona of ['entra-oidc', 'okta-oidc', 'auth0-oidc'] as const) {
      const minted = await mintIdToken({ persona, clientId: 'client-1', email: 'bob.user@example.com' });
      expect(minted.jwks.keys, persona).toHaveLength(1);
    }
  });
});
