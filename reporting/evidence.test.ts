import { describe, expect, it } from 'vitest';
import { EvidenceError, decodeJwt, decodeSamlResponse, indentXml, redactText, renderJwtEvidence } from './evidence.ts';

const SIGNATURE_VALUE = 'kR3xQm9VZ2FzZWNyZXRzaWduYXR1cmV2YWx1ZQ==';
const RESPONSE_XML = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" Destination="http://127.0.0.1:9/sso/1/saml/acs"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">http://idp/okta</saml:Issuer><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/><ds:SignatureValue>${SIGNATURE_VALUE}</ds:SignatureValue></ds:Signature><saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><saml:Subject><saml:NameID>ada@corp.example</saml:NameID></saml:Subject></saml:Assertion></samlp:Response>`;
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe('decodeSamlResponse', () => {
  it('decodes the ACS form post, keeps RelayState and removes the signature value', () => {
    const body = new URLSearchParams({ SAMLResponse: b64(RESPONSE_XML), RelayState: '/home' }).toString();
    const evidence = decodeSamlResponse(body);
    expect(evidence.relayState).toBe('/home');
    expect(evidence.xml).not.toContain(SIGNATURE_VALUE);
    expect(evidence.xml).toContain('<ds:SignatureValue>[removed]</ds:SignatureValue>');
    expect(evidence.xml.split('\n')).toContain('      <saml:NameID>ada@corp.example</saml:NameID>');
  });

  it('accepts a bare base64 value (line-wrapped, as some IdPs send it)', () => {
    const wrapped = b64(RESPONSE_XML).replace(/(.{76})/g, '$1\r\n');
    expect(decodeSamlResponse(wrapped).xml).toMatch(/^<samlp:Response /);
  });

  it('removes the secrets the run knows of', () => {
    const xml = RESPONSE_XML.replace('ada@corp.example', 'ada@corp.example hunter2-secret-value');
    expect(decodeSamlResponse(b64(xml), ['hunter2-secret-value']).xml).toContain('ada@corp.example [removed]');
  });

  it.each([
    [
      'a form without SAMLResponse',
      'SAMLRequest=abc&RelayState=x',
      'The form post has no SAMLResponse field: it is not a SAML HTTP-POST binding message (SAML bindings §3.5.4).',
    ],
    [
      'garbage base64',
      'SAMLResponse=%%%not-base64',
      'The SAMLResponse field is not base64 (13 characters): the HTTP-POST binding carries the XML base64-encoded.',
    ],
    [
      'an empty field',
      'SAMLResponse=',
      'The SAMLResponse field is not base64 (0 characters): the HTTP-POST binding carries the XML base64-encoded.',
    ],
    [
      'base64 of something that is not XML',
      b64('{"not":"xml"}'),
      'The SAMLResponse decodes to something that is not XML: a SAML response is an XML document starting with "<".',
    ],
  ])('refuses %s with a clear message', (_name, input, message) => {
    expect(() => decodeSamlResponse(input)).toThrow(new EvidenceError(message));
  });
});

describe('decodeJwt', () => {
  const header = { alg: 'RS256', kid: 'k1', typ: 'JWT' };
  const claims = { iss: 'http://127.0.0.1/okta', aud: 'client-1', email: 'ada@corp.example', nonce: 'n-1' };

  it('returns header and claims and never the signature', () => {
    const evidence = decodeJwt(`${b64url(header)}.${b64url(claims)}.c2lnbmF0dXJlLWJ5dGVzLXRoYXQtbXVzdC1nbw`);
    expect(evidence).toEqual({ header, claims, signature: '[removed]' });
    expect(renderJwtEvidence(evidence)).not.toContain('c2lnbmF0dXJl');
  });

  it('says when a token is unsigned (alg none)', () => {
    expect(decodeJwt(`${b64url({ alg: 'none' })}.${b64url(claims)}.`).signature).toBe('(none: unsigned token)');
  });

  it('removes known secrets from claims', () => {
    expect(
      decodeJwt(`${b64url(header)}.${b64url({ ...claims, note: 'client-secret-abcdef' })}.sig`, ['client-secret-abcdef']).claims,
    ).toMatchObject({ note: '[removed]' });
  });

  it.each([
    ['two parts', 'a.b', 'An ID token has three dot-separated parts (header.payload.signature); this one has 2.'],
    [
      'a header that is not base64url',
      'a+b.eyJ9.sig',
      'The JWT header is not base64url (RFC 7515 §2): it contains characters outside A-Z a-z 0-9 - _.',
    ],
    [
      'a payload that is not JSON',
      `${b64url(header)}.bm90LWpzb24.sig`,
      'The JWT payload does not decode to JSON: it is not a JWT, or it was cut short.',
    ],
    ['a payload that is a JSON array', `${b64url(header)}.${b64url([1])}.sig`, 'The JWT payload decodes to JSON that is not an object.'],
  ])('refuses %s', (_name, token, message) => {
    expect(() => decodeJwt(token)).toThrow(new EvidenceError(message));
  });
});

describe('redactText', () => {
  it('removes literal secrets (longest first) and secret shapes', () => {
    const text = 'pw=abcdef123 and abcdef123456 and -----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----';
    expect(redactText(text, ['abcdef123', 'abcdef123456'])).toBe('pw=[removed] and [removed] and [private key removed]');
  });

  it('ignores values too short to be secrets, so ordinary words survive', () => {
    expect(redactText('the admin logs in', ['admin'])).toBe('the admin logs in');
  });
});

describe('indentXml', () => {
  it('puts one element per line and keeps text-only elements whole', () => {
    expect(indentXml('<?xml version="1.0"?><a><b>t</b><c/><d><e>x</e></d></a>')).toBe(
      '<?xml version="1.0"?>\n<a>\n  <b>t</b>\n  <c/>\n  <d>\n    <e>x</e>\n  </d>\n</a>',
    );
  });
});
