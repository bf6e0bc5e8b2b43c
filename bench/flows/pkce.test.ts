import { describe, expect, it } from 'vitest';
import { authorizeUrl, basicAuthorization, codeFromRedirect, pkcePair, tokenRequestBody } from './pkce.ts';

describe('pkcePair', () => {
  it('matches the RFC 7636 Appendix B example', () => {
    const random = Buffer.from([
      116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83,
      132, 141, 121,
    ]);
    expect(pkcePair(random)).toEqual({
      verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    });
  });

  it('makes a fresh verifier each time by default', () => {
    expect(pkcePair().verifier).not.toBe(pkcePair().verifier);
  });
});

describe('authorizeUrl', () => {
  it('keeps the endpoint and adds the code + PKCE parameters', () => {
    const url = authorizeUrl({
      authorizationEndpoint: 'http://127.0.0.1:1/okta/o/oauth2/default/v1/authorize',
      clientId: 'c1',
      redirectUri: 'http://127.0.0.1:9/cb',
      scope: 'openid email',
      state: 's',
      nonce: 'n',
      codeChallenge: 'ch',
    });
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:1/okta/o/oauth2/default/v1/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'c1',
      redirect_uri: 'http://127.0.0.1:9/cb',
      scope: 'openid email',
      state: 's',
      nonce: 'n',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });
});

describe('codeFromRedirect', () => {
  it.each([{ redirect: 'http://127.0.0.1:9/cb?code=abc&state=s1', expected: 'abc' }])(
    'reads the code from $redirect',
    ({ redirect, expected }) => {
      expect(codeFromRedirect(new URL(redirect), 's1')).toBe(expected);
    },
  );

  it.each([
    {
      redirect: 'http://127.0.0.1:9/cb?error=access_denied&error_description=User+not+assigned&state=s1',
      message: 'the IdP answered the authorization request with access_denied: User not assigned',
    },
    { redirect: 'http://127.0.0.1:9/cb?code=abc&state=other', message: 'the redirect carries state "other", not the one sent ("s1")' },
    { redirect: 'http://127.0.0.1:9/cb?state=s1', message: 'the redirect to http://127.0.0.1:9/cb carries no code' },
  ])('refuses $redirect', ({ redirect, message }) => {
    expect(() => codeFromRedirect(new URL(redirect), 's1')).toThrow(message);
  });
});

describe('token request', () => {
  it('sends the code, the redirect URI and the verifier', () => {
    expect(tokenRequestBody('c', 'http://127.0.0.1:9/cb', 'v').toString()).toBe(
      'grant_type=authorization_code&code=c&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb&code_verifier=v',
    );
  });

  it('form-encodes the client credentials before Basic (RFC 6749 §2.3.1)', () => {
    expect(basicAuthorization('a b', 'p:w')).toBe(`Basic ${Buffer.from('a+b:p%3Aw').toString('base64')}`);
  });
});
