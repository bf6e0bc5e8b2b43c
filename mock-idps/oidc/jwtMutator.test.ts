import { describe, expect, it } from 'vitest';
import { decodeProtectedHeader } from 'jose';
import { generateTestKeyPair } from '../../lib/index.ts';
import {
  alterIssuer,
  corruptSignature,
  decodeUnverified,
  issueJwt,
  mutateClaims,
  otherClientId,
  signJwt,
  type JwtSigner,
  type UnsignedJwt,
} from './jwtMutator.ts';
import { attackerSigningKey, ecSigningKey, rsaSigningKey } from './signingKeys.ts';

const CLIENT = 'client-1';

describe('alterIssuer', () => {
  it.each([
    ['trailing-slash-toggled', 'http://127.0.0.1:4100/auth0/oe-abc/', 'http://127.0.0.1:4100/auth0/oe-abc'],
    ['trailing-slash-toggled', 'http://127.0.0.1:4100/auth0/oe-abc', 'http://127.0.0.1:4100/auth0/oe-abc/'],
    ['parent-authorization-server', 'http://127.0.0.1:4100/okta/dev-1/oauth2/default', 'http://127.0.0.1:4100/okta/dev-1'],
    ['scheme-dropped', 'http://127.0.0.1:4100/google/C0abc', '127.0.0.1:4100/google/C0abc'],
    [
      'tenant-template',
      'http://127.0.0.1:4100/entra/0becef81-e4ec-4e35-aa2e-4a9e9f66ef69/v2.0',
      'http://127.0.0.1:4100/entra/{tenantid}/v2.0',
    ],
    ['host-alias', 'http://127.0.0.1:4100/okta/dev-1/oauth2/default', 'http://localhost:4100/okta/dev-1/oauth2/default'],
    ['foreign', 'http://127.0.0.1:4100/google/C0abc', 'http://127.0.0.1:4100/attacker/google/C0abc'],
  ] as const)('%s turns %s into %s', (variant, issuer, expected) => {
    expect(alterIssuer(issuer, variant)).toBe(expected);
  });
});

describe('mutateClaims', () => {
  const payload = {
    iss: 'https://idp',
    azp: CLIENT,
    aud: CLIENT,
    sub: '1234',
    iat: 1000,
    nbf: 1000,
    exp: 4600,
    auth_time: 990,
    nonce: 'n',
  };

  it('keeps the vendor claim order when it replaces a value', () => {
    const next = mutateClaims(payload, { op: 'set', claims: { sub: '9' } }, { clientId: CLIENT });
    expect(Object.keys(next)).toEqual(Object.keys(payload));
    expect(next.sub).toBe('9');
  });

  it.each([
    [{ op: 'remove', claims: ['aud', 'nonce'] } as const, { aud: undefined, nonce: undefined }],
    [{ op: 'audience', variant: 'other-client' } as const, { aud: otherClientId(CLIENT), azp: otherClientId(CLIENT) }],
    [{ op: 'audience', variant: 'extra-without-azp' } as const, { aud: [CLIENT, otherClientId(CLIENT)], azp: undefined }],
    [{ op: 'audience', variant: 'azp-other-client' } as const, { aud: [CLIENT, otherClientId(CLIENT)], azp: otherClientId(CLIENT) }],
    [{ op: 'shift-time', seconds: -100 } as const, { iat: 900, nbf: 900, exp: 4500, auth_time: 890 }],
    [{ op: 'subject', variant: 'other-user' } as const, { sub: '1235' }],
  ])('%o', (mutation, expected) => {
    const next = mutateClaims(payload, mutation, { clientId: CLIENT });
    for (const [name, value] of Object.entries(expected)) {
      if (value === undefined) expect(next).not.toHaveProperty(name);
      else expect(next[name]).toEqual(value);
    }
  });

  it('replaces nonce and hashes with other values of the same shape', () => {
    const next = mutateClaims(
      mutateClaims(payload, { op: 'nonce', variant: 'other' }, { clientId: CLIENT }),
      { op: 'hash', claim: 'c_hash' },
      { clientId: CLIENT },
    );
    expect(next.nonce).toMatch(/^[\w-]{32}$/);
    expect(next.c_hash).toMatch(/^[\w-]{22}$/);
  });
});

describe('signJwt', () => {
  const keyPair = generateTestKeyPair({ commonName: 'mutator test' });
  const jwt: UnsignedJwt = { header: { typ: 'JWT', alg: 'RS256', kid: 'placeholder' }, payload: { sub: '1' } };

  it.each<[JwtSigner, { alg: string; kid: 'persona' | 'attacker' | 'ec' | 'absent'; jwk?: boolean }]>([
    ['persona-key', { alg: 'RS256', kid: 'persona' }],
    ['persona-key-without-kid', { alg: 'RS256', kid: 'absent' }],
    ['none', { alg: 'none', kid: 'absent' }],
    ['hs256-client-secret', { alg: 'HS256', kid: 'absent' }],
    ['hs256-public-key', { alg: 'HS256', kid: 'persona' }],
    ['attacker-key-same-kid', { alg: 'RS256', kid: 'persona' }],
    ['attacker-key-unknown-kid', { alg: 'RS256', kid: 'attacker' }],
    ['attacker-key-embedded-jwk', { alg: 'RS256', kid: 'absent', jwk: true }],
    ['es256-published-key', { alg: 'ES256', kid: 'ec' }],
  ])('%s writes alg %o', async (signer, expected) => {
    const key = await rsaSigningKey(keyPair);
    const token = await signJwt(jwt, signer, { issuer: 'https://idp', clientId: CLIENT, key, clientSecret: 'secret' });
    const header = decodeProtectedHeader(token);
    expect(header.alg).toBe(expected.alg);
    expect(header.typ).toBe('JWT');
    const kids = { persona: key.kid, attacker: (await attackerSigningKey()).kid, ec: (await ecSigningKey()).kid, absent: undefined };
    expect(header.kid).toBe(kids[expected.kid]);
    expect(header.jwk !== undefined).toBe(expected.jwk === true);
    if (signer === 'none') expect(token.endsWith('.')).toBe(true);
  });

  it('keeps the vendor header order (typ, alg, kid for Entra)', async () => {
    const key = await rsaSigningKey(keyPair);
    const token = await issueJwt(jwt, undefined, { issuer: 'https://idp', clientId: CLIENT, key, clientSecret: 'secret' });
    expect(Object.keys(decodeUnverified(token).header)).toEqual(['typ', 'alg', 'kid']);
  });
});

describe('corruptSignature', () => {
  it('changes only the signature segment', () => {
    const token = 'aGVhZGVy.cGF5bG9hZA.c2lnbmF0dXJlLWJ5dGVz';
    const corrupted = corruptSignature(token);
    const [header, payload, signature] = corrupted.split('.');
    expect([header, payload]).toEqual(['aGVhZGVy', 'cGF5bG9hZA']);
    expect(signature).not.toBe('c2lnbmF0dXJlLWJ5dGVz');
    expect(signature).toHaveLength('c2lnbmF0dXJlLWJ5dGVz'.length);
  });
});
