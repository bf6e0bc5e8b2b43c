import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback } from '../../lib/net.ts';
import { authorizationUrl, fetchMe, newPkce, newState, readAuthorizationRedirect, redeemCode, s256, type AuthorizationRedirect } from './nativeClient.ts';

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
  it('asks for a code with an S256 challenge and the state', () => {
    const url = new URL(authorizationUrl('http://127.0.0.1:4000', { clientId: 'oe-desktop', redirectUri: 'http://127.0.0.1:5000/oauth2redirect', state: 'st', codeChallenge: 'ch' }));
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:4000/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code', client_id: 'oe-desktop', redirect_uri: 'http://127.0.0.1:5000/oauth2redirect', state: 'st', code_challenge: 'ch', code_challenge_method: 'S256',
    });
  });

  it('sends neither challenge nor method when the request carries no PKCE', () => {
    const url = new URL(authorizationUrl('http://127.0.0.1:4000', { clientId: 'oe-mobile', redirectUri: 'com.ooma.enterprise:/oauth2redirect', state: 'st' }));
    expect(url.searchParams.has('code_challenge')).toBe(false);
    expect(url.searchParams.has('code_challenge_method')).toBe(false);
  });
});

describe('readAuthorizationRedirect', () => {
  it.each<[string, string, AuthorizationRedirect]>([
    ['a code and the state', 'http://127.0.0.1:5000/cb?code=c1&state=s1', { kind: 'code', code: 'c1', state: 's1' }],
    ['a code on the private-use scheme', 'com.ooma.enterprise:/oauth2redirect?code=c2&state=s2', { kind: 'code', code: 'c2', state: 's2' }],
    ['an error naming a known reason', 'http://127.0.0.1:5000/cb?error=invalid_request&error_description=PKCE+is+missing.+Reason%3A+native-pkce-invalid.&state=s3',
      { kind: 'error', error: 'invalid_request', description: 'PKCE is missing. Reason: native-pkce-invalid.', reason: 'native-pkce-invalid', state: 's3' }],
    ['an error naming no reason', 'http://127.0.0.1:5000/cb?error=unsupported_response_type&error_description=Only+code.',
      { kind: 'error', error: 'unsupported_response_type', description: 'Only code.', reason: null, state: null }],
    ['an error naming an unknown reason', 'http://127.0.0.1:5000/cb?error=x&error_description=Reason%3A+made-up.',
      { kind: 'error', error: 'x', description: 'Reason: made-up.', reason: null, state: null }],
    ['neither code nor error', 'http://127.0.0.1:5000/cb?state=s4',
      { kind: 'error', error: 'no_code', description: 'The redirect to the app carried neither a code nor an error: http://127.0.0.1:5000/cb with parameters state.', reason: null, state: 's4' }],
  ])('reads %s', (_case, url, expected) => {
    expect(readAuthorizationRedirect(new URL(url))).toEqual(expected);
  });
});

describe('token request and /api/me over HTTP', () => {
  let server: ReturnType<typeof createServer>;
  let url: string;
  let lastForm: URLSearchParams | undefined;
  const answer = (res: ServerResponse, status: number, body: unknown, type = 'application/json'): void => {
    res.writeHead(status, { 'content-type': type }).end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    if (req.url === '/oauth/token') {
      lastForm = new URLSearchParams(text);
      if (lastForm.get('code') === 'good') answer(res, 200, { access_token: 'at-1', token_type: 'Bearer', expires_in: 3600 });
      else if (lastForm.get('code') === 'html') answer(res, 200, '<html>not an OE portal</html>', 'text/html');
      else answer(res, 400, { error: 'invalid_grant', error_description: 'The code was already redeemed.', reason: 'native-code-invalid' });
    } else if (req.headers.authorization === 'Bearer at-1') {
      answer(res, 200, { seat: { id: 7, name: 'Bob User', email: 'bob@contoso.example', role: 'user' }, account: { id: 3, name: 'Contoso' }, client: 'oe-desktop' });
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
    expect(await redeemCode(url, { clientId: 'oe-desktop', code: 'good', redirectUri: 'http://127.0.0.1:5000/cb' })).toEqual({ ok: true, accessToken: 'at-1', tokenType: 'Bearer', expiresIn: 3600 });
    expect(Object.fromEntries(lastForm ?? [])).toEqual({ grant_type: 'authorization_code', client_id: 'oe-desktop', code: 'good', redirect_uri: 'http://127.0.0.1:5000/cb' });
  });

  it('returns the refusal with its reason code', async () => {
    expect(await redeemCode(url, { clientId: 'oe-mobile', code: 'used', redirectUri: 'com.ooma.enterprise:/cb', codeVerifier: 'v' })).toEqual({
      ok: false, status: 400, error: 'invalid_grant', reason: 'native-code-invalid', description: 'The code was already redeemed.',
    });
    expect(lastForm?.get('code_verifier')).toBe('v');
  });

  it('says the target is not an OE portal when the token endpoint answers HTML', async () => {
    await expect(redeemCode(url, { clientId: 'oe-desktop', code: 'html', redirectUri: 'http://127.0.0.1:5000/cb' })).rejects.toThrow(
      'POST /oauth/token answered 200 with text/html, not a JSON object: the target is not an OE portal, or its native-app endpoints are missing. Check the target\'s base URL.',
    );
  });

  it('reads the seat from /api/me, or the refusal', async () => {
    expect(await fetchMe(url, 'at-1')).toEqual({ ok: true, me: { seat: { id: 7, name: 'Bob User', email: 'bob@contoso.example', role: 'user' }, account: { id: 3, name: 'Contoso' }, client: 'oe-desktop' } });
    expect(await fetchMe(url, 'revoked')).toEqual({ ok: false, status: 401, error: 'invalid_token' });
  });
});
