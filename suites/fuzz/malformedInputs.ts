// Malformed input for the SP endpoints an attacker (or a broken IdP or proxy) can reach without
// logging in: the SAML ACS and the OIDC redirect URI. fast-check arbitraries, bounded in size, so a
// seeded run is deterministic and quick. What each one aims at is in its name.
import fc from 'fast-check';

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';

/** A well-formed but unsigned SAML response: the raw material truncation and re-encoding work on. */
export const SAMPLE_RESPONSE = `<?xml version="1.0" encoding="UTF-8"?><samlp:Response xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}" ID="_fuzz" Version="2.0" IssueInstant="2024-01-01T00:00:00Z" Destination="http://127.0.0.1/acs"><saml:Issuer>https://idp.example/</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="_a" Version="2.0" IssueInstant="2024-01-01T00:00:00Z"><saml:Issuer>https://idp.example/</saml:Issuer><saml:Subject><saml:NameID>bob@corp.example</saml:NameID></saml:Subject></saml:Assertion></samlp:Response>`;

const base64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');
const wrap = (inner: string): string => `<samlp:Response xmlns:samlp="${SAMLP}">${inner}</samlp:Response>`;

export type SamlResponseKind =
  | 'bad-base64'
  | 'not-xml'
  | 'truncated-xml'
  | 'huge-xml'
  | 'deep-nesting'
  | 'wrong-encoding'
  | 'doctype'
  | 'not-a-response'
  | 'raw-unicode'
  | 'blank';

export interface MalformedSamlResponse {
  readonly kind: SamlResponseKind;
  /** The SAMLResponse form field as posted. */
  readonly value: string;
}

const BASE64_LOOKALIKE = [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=',
  '!',
  '-',
  '_',
  '%',
  '*',
  ' ',
  '\n',
  'é',
  '€',
  '\u0000',
];

const badBase64 = fc.string({ unit: fc.constantFrom(...BASE64_LOOKALIKE), minLength: 1, maxLength: 400 }).filter((text) => {
  const compact = text.replace(/\s+/g, '');
  return compact !== '' && (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 !== 0);
});

/** The fault seams' size attacks, scaled to both sides of the ACS body limit (512 KiB). */
const hugeXml = fc
  .integer({ min: 50_000, max: 700_000 })
  .map((size) => base64(wrap(`<samlp:Extensions>${'A'.repeat(size)}</samlp:Extensions>`)));
const deepNesting = fc.integer({ min: 500, max: 40_000 }).map((depth) => base64(wrap(`${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}`)));

const wrongEncoding = fc
  .constantFrom<[string, Buffer]>(
    ['utf16le', Buffer.from(SAMPLE_RESPONSE, 'utf16le')],
    ['utf16le-bom', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE_RESPONSE, 'utf16le')])],
    ['latin1 bytes that are not UTF-8', Buffer.from(SAMPLE_RESPONSE.replace('bob@corp.example', 'bøb@corp.example'), 'latin1')],
    ['declared ISO-8859-1', Buffer.from(SAMPLE_RESPONSE.replace('UTF-8', 'ISO-8859-1').replace('bob@', 'bøb@'), 'latin1')],
  )
  .map(([, bytes]) => bytes.toString('base64'));

// Never a network entity: the portal must refuse a DOCTYPE before reading it, and the harness
// never sends anything that would make a vulnerable SP reach off the machine.
const doctype = fc
  .constantFrom(
    `<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/hostname">]>${SAMPLE_RESPONSE.replace(/^<\?xml[^>]*\?>/, '')}`,
    `<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${wrap('&c;')}`,
    `<?xml version="1.0"?>\n<!DOCTYPE samlp:Response>${wrap('')}`,
  )
  .map(base64);

const notAResponse = fc
  .constantFrom(
    '<html><body>Sign in</body></html>',
    `<samlp:LogoutRequest xmlns:samlp="${SAMLP}" ID="_l" Version="2.0"/>`,
    '<Response>no namespace</Response>',
    wrap(''),
    wrap('<samlp:Status><samlp:StatusCode/></samlp:Status>'),
  )
  .map(base64);

export const malformedSamlResponse: fc.Arbitrary<MalformedSamlResponse> = fc.oneof(
  badBase64.map((value) => ({ kind: 'bad-base64' as const, value })),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }).map((text) => ({ kind: 'not-xml' as const, value: base64(text) })),
  fc
    .integer({ min: 0, max: SAMPLE_RESPONSE.length - 1 })
    .map((cut) => ({ kind: 'truncated-xml' as const, value: base64(SAMPLE_RESPONSE.slice(0, cut)) })),
  hugeXml.map((value) => ({ kind: 'huge-xml' as const, value })),
  deepNesting.map((value) => ({ kind: 'deep-nesting' as const, value })),
  wrongEncoding.map((value) => ({ kind: 'wrong-encoding' as const, value })),
  doctype.map((value) => ({ kind: 'doctype' as const, value })),
  notAResponse.map((value) => ({ kind: 'not-a-response' as const, value })),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }).map((value) => ({ kind: 'raw-unicode' as const, value })),
  fc.constantFrom('', ' ', '\n\t', '====').map((value) => ({ kind: 'blank' as const, value })),
);

/** Bodies that are not an HTML form post at all (the ACS expects the HTTP-POST binding). */
export interface MalformedBody {
  readonly contentType: string;
  readonly body: Buffer;
}

export const malformedAcsBody: fc.Arbitrary<MalformedBody> = fc.oneof(
  fc.record({
    contentType: fc.constantFrom('application/json', 'text/plain', 'application/xml', ''),
    body: fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)),
  }),
  // A multipart body whose boundary does not match its content type.
  fc.string({ maxLength: 200 }).map((text) => ({
    contentType: 'multipart/form-data; boundary=harness',
    body: Buffer.from(`--other\r\nContent-Disposition: form-data; name="SAMLResponse"\r\n\r\n${text}\r\n--other--`),
  })),
  // Urlencoded with invalid percent-encoding and binary bytes.
  fc.uint8Array({ maxLength: 2_000 }).map((bytes) => ({
    contentType: 'application/x-www-form-urlencoded',
    body: Buffer.concat([Buffer.from('SAMLResponse=%ZZ%E0%A4%'), Buffer.from(bytes)]),
  })),
);

/** `{state}` is replaced by the state of a real pending login, so the fuzz reaches the token exchange. */
export const STATE_PLACEHOLDER = '{state}';

const tokenLike = fc.oneof(
  { arbitrary: fc.string({ maxLength: 80 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }), weight: 2 },
  // Oversized: below and beyond the server's header limit (16 KiB of request line and headers).
  { arbitrary: fc.integer({ min: 2_000, max: 20_000 }).map((size) => 'A'.repeat(size)), weight: 1 },
  { arbitrary: fc.constantFrom('%ZZ', '%', '%00', '%E0%A4', '..%2F..%2F', '<script>alert(1)</script>'), weight: 2 },
);

const param = (name: string, value: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  value.map((v) => `${name}=${/^%|\.\.%/.test(v) ? v : encodeURIComponent(v)}`);

/** Query strings for the OIDC redirect URI (raw: invalid percent-encoding stays invalid; '' = none at all). */
export const malformedCallbackQuery: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constant(''), weight: 1 },
  {
    arbitrary: fc
      .tuple(
        fc.option(param('code', tokenLike), { nil: undefined }),
        fc.oneof(fc.constant(`state=${STATE_PLACEHOLDER}`), param('state', tokenLike), fc.constant(undefined)),
        fc.option(fc.tuple(param('error', tokenLike), fc.option(param('error_description', tokenLike), { nil: undefined })), {
          nil: undefined,
        }),
        fc.option(param('iss', tokenLike), { nil: undefined }),
        fc.boolean(),
      )
      .map(([code, state, error, iss, duplicate]) => {
        const parts = [code, state, ...(error ?? []), iss].filter((part): part is string => part !== undefined);
        if (duplicate && code !== undefined) parts.push(code);
        return parts.join('&');
      }),
    weight: 20,
  },
);
