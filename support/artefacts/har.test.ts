import { describe, expect, it } from 'vitest';
import { har } from '../testing/har.ts';
import { readArtefact } from './detect.ts';
import { scanHar } from './har.ts';
import { SecretScrubber } from '../../lib/index.ts';

const XML = '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_two"/>';
const FIRST = Buffer.from('<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_one"/>').toString('base64');
const SECOND = Buffer.from(XML).toString('base64');
const JWT = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from('{"sub":"1"}').toString('base64url')}.c2lnbmF0dXJlLXZhbHVl`;

const LOGIN = {
  url: 'https://login.example-idp.com/login',
  form: { username: 'alice@contoso.com', password: 'Winter2026!' },
  requestHeaders: { Cookie: 'idp_session=IDP-SESSION-SECRET; theme=dark', Authorization: 'Bearer BEARER-SECRET-TOKEN' },
  cookies: { idp_session: 'IDP-SESSION-SECRET' },
};

describe('scanHar', () => {
  it('finds every SAML POST to an ACS and explains the last one, with its capture time and RelayState', () => {
    const text = har(
      LOGIN,
      {
        url: 'https://oe.example.com/sso/42/saml/acs?x=1',
        form: { SAMLResponse: FIRST, RelayState: '/first' },
        startedDateTime: '2026-03-02T09:00:10.000Z',
      },
      {
        url: 'https://oe.example.com/sso/42/saml/acs',
        form: { SAMLResponse: SECOND, RelayState: '/dashboard' },
        startedDateTime: '2026-03-02T09:05:00.000Z',
      },
    );
    const input = readArtefact(text, new SecretScrubber());
    expect(input.artefact).toEqual({ kind: 'saml', xml: XML, source: 'har', relayState: '/dashboard' });
    expect(input.capturedAt?.toISOString()).toBe('2026-03-02T09:05:00.000Z');
    expect(input.har).toEqual({
      entry: 3,
      url: 'https://oe.example.com/sso/42/saml/acs',
      how: 'POST to https://oe.example.com/sso/42/saml/acs (form field SAMLResponse)',
    });
    expect(input.notes[0]).toBe(
      'Found 2 SAMLResponse(s) in the HAR (3 requests); explaining the last one: entry 3, POST to https://oe.example.com/sso/42/saml/acs (form field SAMLResponse).',
    );
  });

  it('finds the ID token in a token endpoint response', () => {
    const text = har({
      url: 'https://idp.example.com/oauth2/v1/token',
      form: { grant_type: 'authorization_code', code: 'AUTH-CODE-SECRET', client_secret: 'CLIENT-SECRET-VALUE' },
      responseJson: { access_token: 'ACCESS-TOKEN-SECRET', id_token: JWT },
    });
    const input = readArtefact(text, new SecretScrubber());
    expect(input.artefact).toEqual({ kind: 'jwt', token: JWT, source: 'har' });
    expect(input.har?.how).toBe('token endpoint response from https://idp.example.com/oauth2/v1/token (id_token)');
  });

  it("takes the SAMLResponse from the IdP's auto-post page when the browser never posted it", () => {
    const text = har({
      url: 'https://idp.example.com/sso',
      responseHtml: `<form method="post" action="https://oe.example.com/acs"><input type="hidden" name="SAMLResponse" value="${SECOND}"/></form>`,
    });
    const input = readArtefact(text, new SecretScrubber());
    expect(input.artefact).toMatchObject({ kind: 'saml', xml: XML });
    expect(input.har?.how).toBe(
      'auto-post form in the page returned by https://idp.example.com/sso (never posted to the ACS by the browser)',
    );
  });

  it('reports an IdP error sent back to the redirect URI when there is no artefact', () => {
    const text = har({
      url: 'https://oe.example.com/sso/42/oidc/callback?error=access_denied&error_description=User%20is%20not%20assigned%20to%20the%20client%20application.&state=abc',
    });
    const input = readArtefact(text, new SecretScrubber());
    expect(input.artefact).toEqual({
      kind: 'idp-error',
      source: 'har',
      error: {
        entry: 1,
        url: 'https://oe.example.com/sso/42/oidc/callback',
        error: 'access_denied',
        description: 'User is not assigned to the client application.',
        startedDateTime: '2026-03-02T09:00:30.000Z',
      },
    });
  });

  it('registers cookies, Authorization headers, passwords, codes, client secrets and tokens as secrets', () => {
    const secrets = new SecretScrubber();
    scanHar(
      JSON.parse(
        har(LOGIN, {
          url: 'https://idp.example.com/token',
          form: { code: 'AUTH-CODE-SECRET', client_secret: 'CLIENT-SECRET-VALUE' },
          responseJson: { access_token: 'ACCESS-TOKEN-SECRET', refresh_token: 'REFRESH-TOKEN-SECRET', id_token: JWT },
        }),
      ),
      secrets,
    );
    const leaked = [
      'IDP-SESSION-SECRET',
      'BEARER-SECRET-TOKEN',
      'Winter2026!',
      'AUTH-CODE-SECRET',
      'CLIENT-SECRET-VALUE',
      'ACCESS-TOKEN-SECRET',
      'REFRESH-TOKEN-SECRET',
    ].join(' ');
    expect(secrets.scrub(leaked)).toBe(Array(7).fill('[removed]').join(' '));
  });
});
