import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedPortal } from '../driverEmbedded.ts';
import type { SamlSettings } from '../sso/contract.ts';
import { TestBrowser } from '../testing/testBrowser.ts';
import { STANDARD_ACCOUNT, startTestPortal } from '../testing/testPortal.ts';
import { s256 } from './pkce.ts';

const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const DESKTOP_REDIRECT = 'http://127.0.0.1:53682/callback';
const MOBILE_REDIRECT = 'com.ooma.enterprise:/oauth2redirect';

let target: EmbeddedPortal;

beforeAll(async () => {
  target = await startTestPortal();
});

afterAll(async () => {
  await target.close();
});

function authorizeUrl(params: Record<string, string>): string {
  return `/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: 'oe-desktop', redirect_uri: DESKTOP_REDIRECT, code_challenge: s256(VERIFIER), code_challenge_method: 'S256', state: 'st-1', ...params }).toString()}`;
}

/** Browser side of the app login: authorize → password login → code at the redirect URI. */
async function authorize(portal: EmbeddedPortal, accountId: number, params: Record<string, string> = {}): Promise<URL> {
  const browser = new TestBrowser(portal.url);
  const start = await browser.get(authorizeUrl(params));
  const resume = start.headers.get('location') ?? '';
  expect(resume).toMatch(/^\/oauth\/authorize\/resume\?request=[\w-]+$/);
  expect((await browser.get(resume)).headers.get('location')).toBe(`/login?${new URLSearchParams({ return_to: resume }).toString()}`);
  const login = await browser.submit('/login/password', '/login/password', {
    email: 'uma@contoso.example',
    password: 'user-password-1',
    account: String(accountId),
    return_to: resume,
  });
  expect(login.headers.get('location')).toBe(resume);
  const done = await browser.get(resume);
  expect(done.status).toBe(303);
  return new URL(done.headers.get('location') ?? '');
}

async function redeem(portal: EmbeddedPortal, fields: Record<string, string>): Promise<Response> {
  return fetch(`${portal.url}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: 'oe-desktop',
      redirect_uri: DESKTOP_REDIRECT,
      code_verifier: VERIFIER,
      ...fields,
    }),
  });
}

describe('native app login (RFC 8252 + PKCE)', () => {
  it('desktop: loopback redirect with code and state, token, then /api/me returns the seat', async () => {
    const account = await target.createAccount({ ...STANDARD_ACCOUNT, name: 'Desktop' });
    const redirect = await authorize(target, account.accountId);
    expect(`${redirect.origin}${redirect.pathname}`).toBe(DESKTOP_REDIRECT);
    expect(redirect.searchParams.get('state')).toBe('st-1');
    const tokenResponse = await redeem(target, { code: redirect.searchParams.get('code') ?? '' });
    expect(tokenResponse.status).toBe(200);
    expect(tokenResponse.headers.get('cache-control')).toBe('no-store');
    const token = (await tokenResponse.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const me = await fetch(`${target.url}/api/me`, { headers: { authorization: `Bearer ${token.access_token}` } });
    expect(await me.json()).toEqual({
      seat: { id: account.seats[1]?.id, name: 'Uma User', email: 'uma@contoso.example', role: 'user' },
      account: { id: account.accountId, name: 'Desktop' },
      client: 'oe-desktop',
    });
  });

  it('mobile: private-use scheme redirect', async () => {
    const account = await target.createAccount({ ...STANDARD_ACCOUNT, name: 'Mobile' });
    const redirect = await authorize(target, account.accountId, { client_id: 'oe-mobile', redirect_uri: MOBILE_REDIRECT });
    expect(redirect.href.startsWith(`${MOBILE_REDIRECT}?code=`)).toBe(true);
    const tokenResponse = await redeem(target, {
      client_id: 'oe-mobile',
      redirect_uri: MOBILE_REDIRECT,
      code: redirect.searchParams.get('code') ?? '',
    });
    expect(tokenResponse.status).toBe(200);
  });

  it('a wrong redirect URI gets an error page with the reason, never a redirect', async () => {
    const response = await new TestBrowser(target.url).get(authorizeUrl({ redirect_uri: 'https://evil.example/cb' }));
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('x-oe-reason')).toBe('native-redirect-uri-invalid');
    expect(await response.text()).toContain('the desktop app must use an http loopback redirect (RFC 8252 §7.3), not https:.');
  });

  it.each([
    ['missing', { code_challenge: '' }],
    ['plain method', { code_challenge_method: 'plain' }],
  ])('a %s PKCE challenge is sent back to the app as invalid_request', async (_case, params) => {
    const response = await new TestBrowser(target.url).get(authorizeUrl(params));
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toContain('Reason: native-pkce-invalid.');
    expect(location.searchParams.get('state')).toBe('st-1');
  });

  it.each([
    ['a wrong verifier', { code_verifier: `${VERIFIER.slice(0, -1)}x` }, 'native-pkce-invalid'],
    ['no verifier', { code_verifier: '' }, 'native-pkce-invalid'],
    ['another redirect URI', { redirect_uri: 'http://127.0.0.1:1/other' }, 'native-redirect-uri-invalid'],
    ['another client', { client_id: 'oe-mobile' }, 'native-code-invalid'],
  ])('the token endpoint refuses %s', async (_case, fields, reason) => {
    const account = await target.createAccount({ ...STANDARD_ACCOUNT, name: `Token ${reason}` });
    const redirect = await authorize(target, account.accountId);
    const response = await redeem(target, { code: redirect.searchParams.get('code') ?? '', ...fields });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant', reason });
  });

  it('a replayed code is refused and revokes the token issued for it', async () => {
    const account = await target.createAccount({ ...STANDARD_ACCOUNT, name: 'Replay' });
    const code = (await authorize(target, account.accountId)).searchParams.get('code') ?? '';
    const first = (await (await redeem(target, { code })).json()) as { access_token: string };
    const replay = await redeem(target, { code });
    expect(await replay.json()).toMatchObject({
      error: 'invalid_grant',
      reason: 'native-code-invalid',
      error_description: expect.stringContaining('already redeemed') as unknown,
    });
    const me = await fetch(`${target.url}/api/me`, { headers: { authorization: `Bearer ${first.access_token}` } });
    expect(me.status).toBe(401);
    expect(me.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(target.portal.db.audit.listByAccount(account.accountId)[0]).toMatchObject({
      action: 'native.token.refused',
      reason: 'native-code-invalid',
    });
  });

  it('with SSO enabled, a password session does not authorize the app: it goes through SSO', async () => {
    const account = await target.createAccount({ ...STANDARD_ACCOUNT, name: 'Native SSO' });
    const browser = new TestBrowser(target.url);
    await browser.submit('/login/password', '/login/password', {
      email: 'uma@contoso.example',
      password: 'user-password-1',
      account: String(account.accountId),
    });
    const settings: SamlSettings = {
      protocol: 'saml',
      vendor: 'other',
      idpEntityId: 'urn:idp',
      idpSsoUrl: 'http://127.0.0.1:9/sso',
      idpCertificates: ['PEM'],
      requireSignedResponse: false,
      requireSignedAssertion: true,
      allowedClockSkewSeconds: 60,
      allowIdpInitiated: false,
      warnings: [],
    };
    target.portal.db.ssoConfigs.save(account.accountId, settings, 'test', Date.now());
    target.portal.db.ssoConfigs.setEnabled(account.accountId, true);
    const resume = (await browser.get(authorizeUrl({}))).headers.get('location') ?? '';
    expect((await browser.get(resume)).headers.get('location')).toBe(
      `/sso/${account.accountId}/start?${new URLSearchParams({ return_to: resume }).toString()}`,
    );
  });

  it('/api/me without a token says how to send one', async () => {
    const response = await fetch(`${target.url}/api/me`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: 'unauthorized',
      message: 'Send the access token from /oauth/token as "Authorization: Bearer <token>".',
    });
  });
});

describe('native defect switches', () => {
  it('native-client-id-case-insensitive knows a client by a near miss of its id; native-token-redirect-uri-when-present redeems without redirect_uri', async () => {
    const defective = await startTestPortal({ defects: ['native-client-id-case-insensitive', 'native-token-redirect-uri-when-present'] });
    try {
      const account = await defective.createAccount(STANDARD_ACCOUNT);
      const redirect = await authorize(defective, account.accountId, { client_id: ' OE-Desktop ' });
      const code = redirect.searchParams.get('code') ?? '';
      expect((await redeem(defective, { code, client_id: 'OE-DESKTOP', redirect_uri: '' })).status).toBe(200);
    } finally {
      await defective.close();
    }
  });

  it('without them, the same requests are refused', async () => {
    const account = await target.createAccount({ ...STANDARD_ACCOUNT, name: 'Near-miss client' });
    expect((await new TestBrowser(target.url).get(authorizeUrl({ client_id: 'OE-DESKTOP' }))).status).toBe(400);
    const code = (await authorize(target, account.accountId)).searchParams.get('code') ?? '';
    expect(await (await redeem(target, { code, redirect_uri: '' })).json()).toMatchObject({
      error: 'invalid_grant',
      reason: 'native-redirect-uri-invalid',
    });
  });

  it('native-skip-pkce issues tokens without PKCE; native-any-redirect-uri redirects anywhere; native-allow-code-replay redeems twice', async () => {
    const defective = await startTestPortal({ defects: ['native-skip-pkce', 'native-any-redirect-uri', 'native-allow-code-replay'] });
    try {
      const account = await defective.createAccount(STANDARD_ACCOUNT);
      const redirect = await authorize(defective, account.accountId, { code_challenge: '', redirect_uri: 'https://evil.example/cb' });
      expect(redirect.origin).toBe('https://evil.example');
      const code = redirect.searchParams.get('code') ?? '';
      const fields = { code, code_verifier: '', redirect_uri: 'https://evil.example/cb' };
      expect((await redeem(defective, fields)).status).toBe(200);
      expect((await redeem(defective, fields)).status).toBe(200);
    } finally {
      await defective.close();
    }
  });
});
