import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readArtefact } from './detect.ts';
import { SupportInputError } from './errors.ts';
import { SecretScrubber } from '../../lib/index.ts';

const XML = '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_1"/>';
const B64 = Buffer.from(XML).toString('base64');
const JWT = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from('{"sub":"1"}').toString('base64url')}.c2lnbmF0dXJlLXZhbHVl`;

function detect(input: string) {
  return readArtefact(input, new SecretScrubber());
}

function refusal(input: string): string {
  try {
    detect(input);
  } catch (error) {
    expect(error).toBeInstanceOf(SupportInputError);
    return (error as Error).message;
  }
  throw new Error('expected the input to be refused');
}

describe('readArtefact recognises', () => {
  it.each([
    ['raw XML', XML, 'saml', 'xml'],
    ['base64', B64, 'saml', 'base64'],
    ['base64 wrapped over lines', B64.replace(/(.{20})/g, '$1\n'), 'saml', 'base64'],
    ['URL-encoded base64', encodeURIComponent(B64), 'saml', 'base64'],
    ['deflated base64 (Redirect binding)', deflateRawSync(Buffer.from(XML)).toString('base64'), 'saml', 'deflated-base64'],
    ['the ACS form body', `SAMLResponse=${encodeURIComponent(B64)}&RelayState=%2Fhome`, 'saml', 'form-body'],
    ['a JWT', JWT, 'jwt', 'jwt'],
    ['a token endpoint response', JSON.stringify({ access_token: 'at-secret-123', id_token: JWT }), 'jwt', 'token-response'],
    ['a form_post / fragment callback', `https://oe.example.com/cb#state=xyz&id_token=${JWT}`, 'jwt', 'callback-url'],
  ])('%s', (_what, input, kind, source) => {
    const { artefact } = detect(input);
    expect(artefact.kind).toBe(kind);
    expect(artefact.source).toBe(source);
  });

  it('keeps the RelayState of a form body', () => {
    const { artefact } = detect(`SAMLResponse=${encodeURIComponent(B64)}&RelayState=%2Fhome`);
    expect(artefact).toMatchObject({ kind: 'saml', relayState: '/home' });
  });
});

describe('readArtefact refuses garbage with the reason', () => {
  it.each([
    ['empty input', '   ', 'This is not a SAMLResponse, JWT (ID token) or HAR file because the input is empty.'],
    [
      'prose',
      'hello there, nobody can log in!',
      'This is not a SAMLResponse, JWT (ID token) or HAR file because it is not XML (does not start with "<"), not a JWT (three base64url parts starting with "eyJ"), not a form body (no SAMLResponse= or id_token= parameter), not JSON (HAR or token response), and not base64 (it contains ",").',
    ],
    [
      'base64 of non-XML',
      Buffer.from('just some text, not xml').toString('base64'),
      'This is not a SAMLResponse, JWT (ID token) or HAR file because it is not XML, a JWT, a form body or JSON, and read as base64 it decodes to 23 bytes that are not XML (a SAMLResponse decodes to text starting with "<"), deflated or not. Check that the whole SAMLResponse value was copied.',
    ],
    [
      'broken JSON',
      '{"log": {"entries": [',
      'This is not a SAMLResponse, JWT (ID token) or HAR file because it starts like JSON but is not valid JSON (the JSON ends too early (truncated file?)). A HAR file must be saved whole from the browser DevTools.',
    ],
    [
      'JSON of another kind',
      '{"hello": "world"}',
      'This is not a SAMLResponse, JWT (ID token) or HAR file because it is JSON but neither a HAR file (no "log.entries" array) nor a token endpoint response (no "id_token" member).',
    ],
    [
      'a HAR without SSO traffic',
      JSON.stringify({ log: { entries: [{ request: { method: 'GET', url: 'https://example.com/' }, response: { status: 200 } }] } }),
      'This is not a SAMLResponse, JWT (ID token) or HAR file because this HAR file (1 requests) contains no SAMLResponse (a POST to the ACS URL with a SAMLResponse field) and no ID token (token endpoint response or callback). Record the HAR from the start of the login ("Preserve log" checked in DevTools) and send it again.',
    ],
    [
      'a callback whose id_token is not a JWT',
      'https://oe.example.com/cb?id_token=nope',
      'This is not a SAMLResponse, JWT (ID token) or HAR file because its id_token parameter is not a JWT (three dot-separated base64url parts starting with "eyJ").',
    ],
  ])('%s', (_what, input, message) => {
    expect(refusal(input)).toBe(message);
  });

  it('never echoes a snippet of broken JSON (it could hold a cookie)', () => {
    const message = refusal('{"cookies": [{"value": "SESSION-SECRET-42"}], broken');
    expect(message).not.toContain('SESSION-SECRET-42');
    expect(message).toContain('JSON syntax error');
  });

  it('registers the JWT signature and token-response credentials as secrets', () => {
    const secrets = new SecretScrubber();
    readArtefact(JSON.stringify({ access_token: 'at-secret-123', id_token: JWT }), secrets);
    expect(secrets.scrub(`at-secret-123 ${JWT.split('.')[2]!}`)).toBe('[removed] [removed]');
  });
});

describe('readArtefact names documents that are not login messages, and says to pass them with --config', () => {
  it.each([
    [
      'IdP metadata',
      '<?xml version="1.0" encoding="UTF-8"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>',
      'it is SAML metadata (an EntityDescriptor)',
    ],
    [
      'IdP metadata, unprefixed',
      '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"></EntityDescriptor>',
      'it is SAML metadata (an EntityDescriptor)',
    ],
    [
      'a discovery document',
      JSON.stringify({ issuer: 'https://accounts.google.com', jwks_uri: 'https://www.googleapis.com/oauth2/v3/certs' }),
      'it is an OpenID Provider discovery document (issuer https://accounts.google.com)',
    ],
    ['a JWKS', JSON.stringify({ keys: [{ kty: 'RSA', kid: 'k1', n: 'AQAB', e: 'AQAB' }] }), 'it is a JWKS (1 key(s))'],
  ])('%s', (_what, input, start) => {
    const message = refusal(input);
    expect(message).toContain(`because ${start}, not a login message.`);
    expect(message).toContain('--config <this file>');
  });

  it('a Google opaque access token and a token response without an ID token', () => {
    expect(refusal('ya29.a0AfH6SMBx-not-a-real-token')).toContain('Google OAuth access token');
    expect(refusal(JSON.stringify({ access_token: 'at-1', token_type: 'Bearer' }))).toContain('without an id_token');
  });

  it('a JWT whose segments carry = padding, as some issuers and tools write them', () => {
    const padded = JWT.split('.')
      .map((part) => part + '='.repeat((4 - (part.length % 4)) % 4))
      .join('.');
    expect(padded).not.toBe(JWT);
    expect(detect(padded).artefact.kind).toBe('jwt');
  });
});
