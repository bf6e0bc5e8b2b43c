import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder, type TempFolder } from '../testing/configFiles.ts';
import { explainArtefact } from './explain.ts';
import type { ExplainReport } from './report.ts';

const NOW = new Date('2026-03-02T09:00:00Z');
const T = Math.floor(NOW.getTime() / 1000);
const CLIENT_ID = '0oa1b2c3d4e5f6g7h8i9';
const OKTA_ISSUER = 'https://contoso.okta.com/oauth2/default';

let folder: TempFolder;
let key: CryptoKey;
let otherKey: CryptoKey;
let jwk: JWK;
let otherJwk: JWK;

beforeAll(async () => {
  folder = tempFolder();
  const pair = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  key = pair.privateKey;
  otherKey = other.privateKey;
  jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  otherJwk = { ...(await exportJWK(other.publicKey)), kid: 'k2', alg: 'RS256', use: 'sig' };
});

afterAll(() => folder.remove());

/** Okta's ID token shape (vendors.md): header kid + alg, no typ. */
function oktaClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    sub: '00u1abcd2EFGH3ijk4l5',
    name: 'Alice Example',
    email: 'alice@contoso.com',
    ver: 1,
    iss: OKTA_ISSUER,
    aud: CLIENT_ID,
    iat: T - 30,
    exp: T + 3570,
    jti: 'ID.abc',
    amr: ['pwd'],
    idp: '00o1',
    nonce: 'n-0S6_WzA2Mj',
    preferred_username: 'alice@contoso.com',
    auth_time: T - 40,
    at_hash: 'x',
    email_verified: true,
  };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete claims[name];
    else claims[name] = value;
  }
  return claims;
}

async function sign(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'RS256', kid: 'k1' },
  signer: CryptoKey | Uint8Array = key,
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(signer);
}

function unsigned(claims: Record<string, unknown>): string {
  return `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
}

function settings(overrides: Record<string, unknown> = {}): string {
  return folder.write(`oidc-${Math.random().toString(36).slice(2)}.json`, {
    protocol: 'oidc',
    vendor: 'okta',
    issuer: OKTA_ISSUER,
    clientId: CLIENT_ID,
    clientSecret: 'CLIENT-SECRET-NEVER-SHOWN',
    scopes: 'openid email profile',
    emailClaim: 'email',
    allowedClockSkewSeconds: 120,
    ...overrides,
  });
}

async function explain(token: string, configPath?: string): Promise<ExplainReport> {
  return (await explainArtefact(token, { at: NOW, ...(configPath ? { configPath } : {}) })).report;
}

interface Case {
  readonly name: string;
  readonly token: () => Promise<string>;
  readonly config?: () => string;
  readonly faultId: string;
  readonly severity: 'blocking' | 'warning';
}

const CASES: readonly Case[] = [
  { name: 'alg none', token: () => Promise.resolve(unsigned(oktaClaims())), faultId: 'oidc.alg-none', severity: 'blocking' },
  {
    name: 'HS256 signed with the client secret (Auth0 setting)',
    token: () => sign(oktaClaims(), { alg: 'HS256' }, new TextEncoder().encode('CLIENT-SECRET-NEVER-SHOWN-32-bytes!')),
    faultId: 'oidc.hs256-with-secret',
    severity: 'blocking',
  },
  {
    name: 'Auth0 issuer without its trailing slash',
    token: () => sign(oktaClaims({ iss: 'https://contoso.us.auth0.com' })),
    config: () => settings({ vendor: 'auth0', issuer: 'https://contoso.us.auth0.com/' }),
    faultId: 'oidc.issuer-auth0-trailing-slash',
    severity: 'blocking',
  },
  {
    name: 'Okta org server token, custom server configured',
    token: () => sign(oktaClaims({ iss: 'https://contoso.okta.com' })),
    faultId: 'oidc.issuer-okta-org-server',
    severity: 'blocking',
  },
  {
    name: 'Entra /common templated issuer configured',
    token: () => sign(oktaClaims({ iss: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0' })),
    config: () => settings({ vendor: 'entra', issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0' }),
    faultId: 'oidc.issuer-entra-common-template',
    severity: 'blocking',
  },
  {
    name: 'Google legacy issuer',
    token: () => sign(oktaClaims({ iss: 'accounts.google.com' })),
    config: () => settings({ vendor: 'google', issuer: 'https://accounts.google.com' }),
    faultId: 'oidc.issuer-google-legacy',
    severity: 'warning',
  },
  {
    name: 'another issuer',
    token: () => sign(oktaClaims({ iss: 'https://evil.example.com' })),
    faultId: 'oidc.iss-invalid',
    severity: 'blocking',
  },
  {
    name: 'aud of another client',
    token: () => sign(oktaClaims({ aud: 'someone-else' })),
    faultId: 'oidc.aud-invalid',
    severity: 'blocking',
  },
  {
    name: 'several audiences and no azp',
    token: () => sign(oktaClaims({ aud: [CLIENT_ID, 'api://other'] })),
    faultId: 'oidc.aud-multiple-without-azp',
    severity: 'blocking',
  },
  {
    name: 'azp of another client',
    token: () => sign(oktaClaims({ aud: [CLIENT_ID, 'api://other'], azp: 'api://other' })),
    faultId: 'oidc.azp-mismatch',
    severity: 'blocking',
  },
  {
    name: 'expired two hours ago',
    token: () => sign(oktaClaims({ iat: T - 10_800, exp: T - 7200 })),
    faultId: 'oidc.exp-passed',
    severity: 'blocking',
  },
  {
    name: 'issued 10 minutes in the future',
    token: () => sign(oktaClaims({ iat: T + 600, exp: T + 4200 })),
    faultId: 'oidc.clock-skew-ahead',
    severity: 'blocking',
  },
  { name: 'no iat', token: () => sign(oktaClaims({ iat: undefined })), faultId: 'oidc.iat-missing', severity: 'blocking' },
  { name: 'no sub', token: () => sign(oktaClaims({ sub: undefined })), faultId: 'oidc.sub-missing', severity: 'blocking' },
  { name: 'no nonce', token: () => sign(oktaClaims({ nonce: undefined })), faultId: 'oidc.nonce-missing', severity: 'blocking' },
  {
    name: 'no email claim (Entra default)',
    token: () => sign(oktaClaims({ email: undefined })),
    faultId: 'oidc.email-claim-absent',
    severity: 'blocking',
  },
  {
    name: 'email_verified false',
    token: () => sign(oktaClaims({ email_verified: false })),
    faultId: 'oidc.email-unverified',
    severity: 'blocking',
  },
  {
    name: 'no hd while a Workspace domain is required',
    token: () => sign(oktaClaims()),
    config: () => settings({ vendor: 'google', hostedDomain: 'contoso.com' }),
    faultId: 'oidc.hd-missing',
    severity: 'blocking',
  },
  {
    name: 'kid not in the JWKS',
    token: () => sign(oktaClaims(), { alg: 'RS256', kid: 'rotated-kid' }),
    config: () => folder.write('jwks-a.json', { keys: [jwk] }),
    faultId: 'oidc.kid-unknown',
    severity: 'blocking',
  },
  {
    name: 'signed by another key under a published kid',
    token: () => sign(oktaClaims(), { alg: 'RS256', kid: 'k1' }, otherKey),
    config: () => folder.write('jwks-b.json', { keys: [jwk] }),
    faultId: 'oidc.signature-invalid-rs256',
    severity: 'blocking',
  },
  {
    name: 'no kid while the JWKS has several keys',
    token: () => sign(oktaClaims(), { alg: 'RS256' }),
    config: () => folder.write('jwks-c.json', { keys: [jwk, otherJwk] }),
    faultId: 'oidc.kid-absent-multiple-keys',
    severity: 'blocking',
  },
];

describe('explain: ID token findings', () => {
  it.each(CASES)('$name', async (c) => {
    const report = await explain(await c.token(), (c.config ?? (() => settings()))());
    const match = report.findings.find((item) => item.faultId === c.faultId);
    expect(match, JSON.stringify(report.findings.map((item) => [item.severity, item.faultId ?? item.check]))).toBeDefined();
    expect(match!.severity).toBe(c.severity);
    expect(match!.customerSees).toBeTruthy();
    expect(match!.fix).toBeTruthy();
  });

  it('a correct Okta token: no blocking finding, Okta recognised, signature verified with the JWKS', async () => {
    const token = await sign(oktaClaims());
    const againstSettings = await explain(token, settings());
    expect(againstSettings.findings.filter((item) => item.severity !== 'info')).toEqual([]);
    expect(againstSettings.looksLike).toMatchObject({ persona: 'okta-oidc', confidence: 'strong' });
    const againstJwks = await explain(token, folder.write('jwks-ok.json', { keys: [jwk] }));
    expect(againstJwks.findings.find((item) => item.check === 'oidc.signature')?.title).toBe('The signature verifies with the given JWKS');
  });

  it('recognises an Entra v2.0 token by its issuer path and claims', async () => {
    const token = await sign(
      {
        aud: CLIENT_ID,
        iss: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
        iat: T,
        nbf: T,
        exp: T + 3900,
        name: 'Alice',
        nonce: 'n',
        oid: '0af3',
        preferred_username: 'alice@contoso.com',
        sub: 'pairwise',
        tid: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        ver: '2.0',
      },
      { typ: 'JWT', alg: 'RS256', kid: 'k1' },
    );
    const report = await explain(token);
    expect(report.looksLike).toMatchObject({ persona: 'entra-oidc', vendor: 'entra', confidence: 'strong' });
    expect(report.findings.find((item) => item.check === 'oidc.email')?.detail).toContain('preferred_username is "alice@contoso.com"');
  });

  it('never prints the token signature or the client secret of the settings', async () => {
    const token = await sign(oktaClaims({ aud: 'someone-else' }));
    const { report, scrub } = await explainArtefact(token, { at: NOW, configPath: settings() });
    const text = scrub(JSON.stringify(report));
    expect(text).not.toContain(token.split('.')[2]);
    expect(text).not.toContain('CLIENT-SECRET-NEVER-SHOWN');
  });
});
