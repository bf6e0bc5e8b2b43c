import { describe, expect, it } from 'vitest';
import { SecretScrubber, scrubPatterns } from './secretScrubber.ts';

describe('scrubPatterns', () => {
  it.each([
    [
      'a JWS signature',
      'token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXZhbHVlLXNlY3JldA end',
      'token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.[removed] end',
    ],
    ['an XML SignatureValue', '<ds:SignatureValue>QUJDREVGRw==</ds:SignatureValue>', '<ds:SignatureValue>[removed]</ds:SignatureValue>'],
    [
      'an unprefixed SignatureValue',
      '<SignatureValue Id="x">QUJD\nREVG</SignatureValue>',
      '<SignatureValue Id="x">[removed]</SignatureValue>',
    ],
    ['a PEM private key', 'key -----BEGIN PRIVATE KEY-----\nMIIEv\n-----END PRIVATE KEY----- done', 'key [private key removed] done'],
    [
      'form credentials',
      'grant_type=authorization_code&client_secret=s3cr3t&code_verifier=abcdefgh',
      'grant_type=authorization_code&client_secret=[removed]&code_verifier=[removed]',
    ],
    ['JSON credentials', '{"clientSecret": "s3cr3t-value", "issuer": "https://x"}', '{"clientSecret": "[removed]", "issuer": "https://x"}'],
    ['an Authorization header', 'Authorization: Bearer abc.def\nHost: x', 'Authorization: [removed]\nHost: x'],
    ['a Cookie header', 'Cookie: sid=abcdef; other=1', 'Cookie: [removed]'],
  ])('removes %s', (_what, input, expected) => {
    expect(scrubPatterns(input)).toBe(expected);
  });

  it('keeps ordinary text untouched', () => {
    const text = 'Audience https://oe.example.com/sso/42/saml/metadata, NameID alice@contoso.com';
    expect(scrubPatterns(text)).toBe(text);
  });
});

describe('SecretScrubber', () => {
  it('removes every registered value, longest first, and ignores values too short to be secrets', () => {
    const scrubber = new SecretScrubber();
    scrubber.add('sid-0123456789');
    scrubber.add('sid-0123456789-extended');
    scrubber.add('abc');
    scrubber.add(undefined);
    expect(scrubber.size).toBe(2);
    expect(scrubber.scrub('a sid-0123456789-extended b sid-0123456789 c abc')).toBe('a [removed] b [removed] c abc');
  });
});
