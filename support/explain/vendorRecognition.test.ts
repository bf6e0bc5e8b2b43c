// `explain` names the vendor of login messages and tokens as real tenants issue them: every issuer
// shape of ../shared/reference/vendors.md (Okta org and custom servers in every cell, Entra v1.0 and
// v2.0 and sovereign clouds, Google with and without the scheme, Auth0 regional), SAML responses
// whose issuer is real but whose shape is customised, and no vendor claimed for a stranger's token.
import { generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAML_PERSONAS, mintSamlResponse } from '../../mock-idps/index.ts';
import type { Vendor } from '../../mock-idps/index.ts';
import { explainArtefact } from './explain.ts';

const NOW = new Date('2026-03-02T09:00:00Z');
const T = Math.floor(NOW.getTime() / 1000);
const TID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
let key: CryptoKey;

beforeAll(async () => {
  key = (await generateKeyPair('RS256')).privateKey;
});

/** A token with the claims every vendor's ID token has, plus these. */
async function token(
  iss: string,
  claims: Record<string, unknown> = {},
  header: Record<string, unknown> = { alg: 'RS256', kid: 'k1' },
): Promise<string> {
  return new SignJWT({
    iss,
    aud: 'client-1',
    sub: 'user-1',
    iat: T - 30,
    exp: T + 3000,
    nonce: 'n-1',
    email: 'alice@contoso.com',
    ...claims,
  })
    .setProtectedHeader(header as { alg: string })
    .sign(key);
}

const OKTA_CLAIMS = { ver: 1, jti: 'ID.x', amr: ['pwd'], idp: '00o1', auth_time: T - 40, preferred_username: 'alice@contoso.com' };

const TOKENS: readonly (readonly [string, Vendor, () => Promise<string>])[] = [
  [
    'Entra v2.0',
    'entra',
    () => token(`https://login.microsoftonline.com/${TID}/v2.0`, { tid: TID, ver: '2.0' }, { typ: 'JWT', alg: 'RS256', kid: 'k1' }),
  ],
  [
    'Entra v1.0 (sts.windows.net)',
    'entra',
    () =>
      token(`https://sts.windows.net/${TID}/`, { tid: TID, ver: '1.0', upn: 'alice@contoso.com' }, { typ: 'JWT', alg: 'RS256', kid: 'k1' }),
  ],
  ['Entra US Government', 'entra', () => token(`https://login.microsoftonline.us/${TID}/v2.0`, { tid: TID })],
  ['Okta org authorization server', 'okta', () => token('https://contoso.okta.com', OKTA_CLAIMS)],
  ['Okta custom server default', 'okta', () => token('https://contoso.okta.com/oauth2/default', OKTA_CLAIMS)],
  ['Okta custom server aus…', 'okta', () => token('https://contoso.okta.com/oauth2/aus1a2b3c4d5e6f7g8h9', OKTA_CLAIMS)],
  ['Okta preview cell', 'okta', () => token('https://dev-123456.oktapreview.com/oauth2/default', OKTA_CLAIMS)],
  ['Okta EMEA cell', 'okta', () => token('https://acme.okta-emea.com', OKTA_CLAIMS)],
  ['Okta org server, a token with few claims', 'okta', () => token('https://acme.okta.com')],
  ['Google', 'google', () => token('https://accounts.google.com', { azp: 'client-1', email_verified: true })],
  ['Google, legacy issuer without scheme', 'google', () => token('accounts.google.com', { azp: 'client-1' })],
  ['Auth0', 'auth0', () => token('https://dev-abc123.auth0.com/', { nickname: 'alice', sid: 's' })],
  ['Auth0 US region', 'auth0', () => token('https://dev-abc123.us.auth0.com/', { nickname: 'alice' })],
  ['Auth0 EU region', 'auth0', () => token('https://acme.eu.auth0.com/')],
];

describe('explain names the vendor of real ID tokens by their issuer', () => {
  it.each(TOKENS)('%s', async (_what, vendor, make) => {
    const { report } = await explainArtefact(await make(), { at: NOW });
    expect(report.looksLike).toMatchObject({ vendor, confidence: 'strong' });
  });

  it('compares list claims by value: a genuine Okta token shows no amr difference', async () => {
    const { report } = await explainArtefact(await token('https://contoso.okta.com/oauth2/default', OKTA_CLAIMS), { at: NOW });
    expect(report.looksLike.differs.filter((line) => line.startsWith('amr'))).toEqual([]);
  });

  it('names no vendor for a token of an issuer it does not know, whatever its path', async () => {
    const { report } = await explainArtefact(await token('https://idp.contoso.example'), { at: NOW });
    expect(report.looksLike.confidence).not.toBe('strong');
  });

  it('words a missing nonce without calling a genuine token forged', async () => {
    const { report } = await explainArtefact(await token('https://accounts.google.com', { nonce: undefined }), { at: NOW });
    const nonce = report.findings.find((item) => item.check === 'oidc.nonce');
    expect(nonce).toMatchObject({ severity: 'blocking', faultId: 'oidc.nonce-missing' });
    expect(`${nonce?.fix} ${nonce?.customerSees}`).not.toMatch(/forged|altered|attack/i);
  });

  it('says an access token is one, not an ID token', async () => {
    await expect(
      explainArtefact(await token('https://contoso.okta.com/oauth2/default', { scp: ['openid'], cid: 'client-1', nonce: undefined }), {
        at: NOW,
      }),
    ).rejects.toThrow('it is an access token, not an ID token');
    await expect(
      explainArtefact(await token(`https://sts.windows.net/${TID}/`, {}, { typ: 'at+jwt', alg: 'RS256' }), { at: NOW }),
    ).rejects.toThrow('RFC 9068 access token');
  });
});

const REAL_SAML_ISSUERS: Readonly<Record<Vendor, string>> = {
  entra: `https://sts.windows.net/${TID}/`,
  okta: 'http://www.okta.com/exk1a2b3c4d5e6f7g8h9',
  google: 'https://accounts.google.com/o/saml2?idpid=C01abc2de',
  auth0: 'urn:dev-abc123.us.auth0.com',
};

describe('explain names the vendor of real SAML responses by their issuer, however customised', () => {
  it.each(SAML_PERSONAS.map((persona) => [persona.id, persona] as const))(
    "%s with a real tenant's issuer, a persistent NameID and no attributes",
    async (_id, persona) => {
      const minted = await mintSamlResponse({
        persona: persona.id,
        acs: 'https://oe.example.com/acs',
        audience: 'https://oe.example.com/sp',
        email: 'alice@contoso.com',
      });
      const customised = minted.xml
        .replace(/(<(?:\w+:)?Issuer[^>]*>)[^<]+(<\/)/g, `$1${REAL_SAML_ISSUERS[persona.vendor]}$2`)
        .replace(/Format="[^"]*nameid-format:[^"]*"/, 'Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"')
        .replace(/<(\w+:)?AttributeStatement[\s\S]*<\/(\w+:)?AttributeStatement>/, '');
      const { report } = await explainArtefact(customised, { at: NOW });
      expect(report.looksLike).toMatchObject({ vendor: persona.vendor, confidence: 'strong' });
    },
  );

  it('an email carried by an attribute the portal does not read is named, with the setting to change', async () => {
    const minted = await mintSamlResponse({
      persona: 'okta-saml',
      acs: 'https://oe.example.com/acs',
      audience: 'https://oe.example.com/sp',
      email: 'alice@contoso.com',
    });
    const renamed = minted.xml.replace(/Name="email"/, 'Name="username"').replace(/(<(?:\w+:)?NameID[^>]*>)[^<]+/, '$1alice');
    const { report } = await explainArtefact(renamed, { at: NOW });
    const email = report.findings.find((item) => item.check === 'saml.email');
    expect(email?.severity).toBe('blocking');
    expect(email?.detail).toContain('The attribute "username" does carry one (alice@contoso.com)');
    expect(email?.fix).toContain('set "Email attribute" to username');
  });
});
