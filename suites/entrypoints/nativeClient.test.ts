import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback } from '../../lib/index.ts';
import {
  authorizationUrl,
  fetchMe,
  meOf,
  newPkce,
  newState,
  readAuthorizationRedirect,
  redeemCode,
  s256,
  type AuthorizationRedirect,
} from './nativeClient.ts';

describe('PKCE and state', () => {
  it('computes S256 as in RFC 7636 Appendix B', () => {
    expect(s256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes a fresh 43-character verifier of the unreserved set, and its challenge, per login', () => {
    const first = newPkce();
    const second = newPkce();
    expect(first.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.challenge).toBe(s256(first.verifier));
    expect(second.verifier).not.toBe(first.verifier);
    expect(newState()).not.toBe(newState());
  });
});

describe('authorizationUrl', () => {
  it('asks the given authorization endpoint for a code with an S256 challenge and the state, keeping its own query', () => {
    const url = new URL(
      authorizationUrl('http://127.0.0.1:4000/connect/authorize?tenant=7', {
        clientId: 'app-desktop',
        redirectUri: 'http://127.0.0.1:5000/oauth2redirect',
        state: 'st',
        codeChallenge: 'ch',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:4000/connect/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenant: '7',
      response_type: 'code',
      client_id: 'app-desktop',
      redirect_uri: 'http://127.0.0.1:5000/oauth2redirect',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });

  it('sends neither challenge nor method when the request carries no PKCE', () => {
    const url = new URL(
      authorizationUrl('http://127.0.0.1:4000/oauth/authorize', {
        clientId: 'app-mobile',
        redirectUri: 'com.example.app:/oauth2redirect',
        state: 'st',
      }),
    );
    expect(url.searchParams.has('code_challenge')).toBe(false);
    expect(url.searchParams.has('code_challenge_method')).toBe(false);
  });
});

describe('readAuthorizationRedirect', () => {
  it.each<[string, string, AuthorizationRedirect]>([
    ['a code and the state', 'http://127.0.0.1:5000/cb?code=c1&state=s1', { kind: 'code', code: 'c1', state: 's1' }],
    ['a code on the private-use scheme', 'com.ooma.enterprise:/oauth2redirect?code=c2&state=s2', { kind: 'code', code: 'c2', state: 's2' }],
    [
      'an error with its description and state',
      'http://127.0.0.1:5000/cb?error=invalid_request&error_description=PKCE+is+missing.&state=s3',
      { kind: 'error', error: 'invalid_request', description: 'PKCE is missing.', state: 's3' },
    ],
    [
      'an error without description',
      'http://127.0.0.1:5000/cb?error=unsupported_response_type',
      { kind: 'error', error: 'unsupported_response_type', description: '', state: null },
    ],
    [
      'neither code nor error',
      'http://127.0.0.1:5000/cb?state=s4',
      {
        kind: 'error',
        error: 'no_code',
        description: 'The redirect to the app carried neither a code nor an error: http://127.0.0.1:5000/cb with parameters state.',
        state: 's4',
      },
    ],
  ])('reads %s', (_case, url, expected) => {
    expect(readAuthorizationRedirect(new URL(url))).toEqual(expected);
  });
});

describe('meOf: the seat in a userinfo answer', () => {
  it.each([
    [
      'OIDC UserInfo style',
      { email: 'bob@contoso.example', role: 'user', accountName: 'Contoso' },
      { email: 'bob@contoso.example', role: 'user', accountName: 'Contoso' },
    ],
    [
      'nested seat and account',
      { seat: { email: 'bob@contoso.example', role: 'admin' }, account: { name: 'Contoso' } },
      { email: 'bob@contoso.example', role: 'admin', accountName: 'Contoso' },
    ],
    ['an email only', { email: 'bob@contoso.example' }, { email: 'bob@contoso.example' }],
  ])('reads %s', (_case, body, expected) => {
    expect(meOf(body)).toEqual(expected);
  });

  it('finds nothing without an email', () => {
    expect(meOf({ role: 'user' })).toBeUndefined();
  });
});

describe('token request and userinfo over HTTP', () => {
  let server: ReturnType<typeof createServer>;
  let url: string;
  let lastForm: URLSearchParams | undefined;
  const answer = (
    res: ServerResponse,
    status: number,
    body: unknown,
    type = 'application/json',
    headers: Record<string, string> = {},
  ): void => {
    res.writeHead(status, { 'content-type': type, ...headers }).end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    if (req.url === '/connect/token') {
      lastForm = new URLSearchParams(text);
      if (lastForm.get('code') === 'good') answer(res, 200, { access_token: 'at-1', token_type: 'Bearer', expires_in: 3600 });
      else if (lastForm.get('code') === 'html') answer(res, 200, '<html>not an OE portal</html>', 'text/html');
      else
        answer(res, 400, { error: 'invalid_grant', error_description: 'The code was already redeemed.' }, 'application/json', {
          'x-why': 'CODE_USED',
        });
    } else if (req.headers.authorization === 'Bearer at-1') {
      answer(res, 200, { email: 'bob@contoso.example', role: 'user', accountName: 'Contoso' });
    } else if (req.headers.authorization === 'Bearer no-email') {
      answer(res, 200, { sub: '7' });
    } else {
      answer(res, 401, { error: 'invalid_token', message: 'log in again' });
    }
  };

  beforeAll(async () => {
    server = createServer((req, res) => void handle(req, res));
    url = await listenOnLoopback(server, 0, 'stub portal');
  });

  afterAll(async () => {
    await closeServer(server);
  });

  it('redeems a code as a public client and sends no code_verifier when none is given', async () => {
    expect(
      await redeemCode(`${url}/connect/token`, { clientId: 'app-desktop', code: 'good', redirectUri: 'http://127.0.0.1:5000/cb' }),
    ).toEqual({ ok: true, accessToken: 'at-1', tokenType: 'Bearer', expiresIn: 3600 });
    expect(Object.fromEntries(lastForm ?? [])).toEqual({
      grant_type: 'authorization_code',
      client_id: 'app-desktop',
      code: 'good',
      redirect_uri: 'http://127.0.0.1:5000/cb',
    });
  });

  it('leaves redirect_uri out when asked to', async () => {
    await redeemCode(`${url}/connect/token`, { clientId: 'app-desktop', code: 'good' });
    expect(lastForm?.has('redirect_uri')).toBe(false);
  });

  it('returns the refusal with its RFC 6749 error and the response headers', async () => {
    const result = await redeemCode(`${url}/connect/token`, {
      clientId: 'app-mobile',
      code: 'used',
      redirectUri: 'com.ooma.enterprise:/cb',
      codeVerifier: 'v',
    });
    expect(result).toMatchObject({
      ok: false,
      status: 400,
      error: 'invalid_grant',
      description: 'The code was already redeemed.',
      headers: { 'x-why': 'CODE_USED' },
    });
    expect(lastForm?.get('code_verifier')).toBe('v');
  });

  it('says the token endpoint is not where the provisioning answer says when it answers HTML', async () => {
    await expect(
      redeemCode(`${url}/connect/token`, { clientId: 'app-desktop', code: 'html', redirectUri: 'http://127.0.0.1:5000/cb' }),
    ).rejects.toThrow(
      `POST ${url}/connect/token answered 200 with text/html, not a JSON object: the target's native-app endpoints (urls.native in the provisioning answer) are not where it says, or do not speak OAuth 2.0 JSON.`,
    );
  });

  it('reads the seat from userinfo, or the refusal', async () => {
    expect(await fetchMe(`${url}/connect/userinfo`, 'at-1')).toEqual({
      ok: true,
      me: { email: 'bob@contoso.example', role: 'user', accountName: 'Contoso' },
    });
    expect(await fetchMe(`${url}/connect/userinfo`, 'revoked')).toEqual({ ok: false, status: 401, error: 'invalid_token' });
  });

  it('names the missing email when userinfo answers without one', async () => {
    await expect(fetchMe(`${url}/connect/userinfo`, 'no-email')).rejects.toThrow(
      /without the seat's email \("email" or "seat\.email".*keys sub/,
    );
  });
});
