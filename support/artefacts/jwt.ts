// Decode a compact JWS (an OIDC ID token) without verifying it: support needs to read the header
// and claims of tokens that failed. The signature segment is kept only for optional verification
// against a JWKS given with --config; it never reaches any output.
import { SupportInputError, notAnArtefact } from './errors.ts';

export interface JwtFacts {
  readonly header: Readonly<Record<string, unknown>>;
  readonly claims: Readonly<Record<string, unknown>>;
  /** Claim names in the order the issuer wrote them (vendors differ, vendors.md "ID tokens"). */
  readonly claimOrder: readonly string[];
  readonly signaturePresent: boolean;
  /** The compact token, for signature verification only. Secret-bearing: never print it whole. */
  readonly compact: string;
}

const SEGMENT = /^[A-Za-z0-9_-]*$/;
// Some issuers and copy tools pad the base64url segments with '=' (RFC 7515 §2 says not to).
const PADDED_SEGMENT = /^[A-Za-z0-9_-]*={0,2}$/;

export function looksLikeJwt(text: string): boolean {
  const parts = text.trim().split('.');
  return parts.length === 3 && parts[0]!.startsWith('eyJ') && parts.every((part) => PADDED_SEGMENT.test(part));
}

/** The token with any '=' padding of its segments removed: what a JWS library reads. */
function unpadded(text: string): string {
  return text
    .trim()
    .split('.')
    .map((part) => part.replace(/=+$/, ''))
    .join('.');
}

/**
 * Why this JWT is an access token rather than an ID token (RFC 9068 `typ`, the scope claims access
 * tokens carry and ID tokens never do); undefined for anything else.
 */
export function accessTokenSign(jwt: Pick<JwtFacts, 'header' | 'claims'>): string | undefined {
  const typ = typeof jwt.header.typ === 'string' ? jwt.header.typ.toLowerCase() : '';
  if (typ === 'at+jwt' || typ === 'application/at+jwt') return `its header says typ "${String(jwt.header.typ)}" (RFC 9068 access token)`;
  // Not `roles`: Entra puts app roles in ID tokens too.
  for (const claim of ['scp', 'scope', 'cid']) {
    if (claim in jwt.claims && !('nonce' in jwt.claims))
      return `it carries the "${claim}" claim, which access tokens have and ID tokens do not`;
  }
  if (jwt.claims.token_use === 'access') return 'its token_use claim is "access"';
  return undefined;
}

export function readJwt(text: string): JwtFacts {
  const compact = unpadded(text);
  const parts = compact.split('.');
  if (parts.length === 5) {
    throw notAnArtefact(
      'it is an encrypted JWT (JWE, five dot-separated parts). The SP decrypts it first; paste the decrypted ID token (three parts) or the HAR of the login.',
    );
  }
  if (parts.length !== 3) {
    throw notAnArtefact(`a JWT has three dot-separated base64url parts (header.payload.signature); this text has ${parts.length}.`);
  }
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  const header = decodeSegment(headerPart, 'header');
  const claims = decodeSegment(payloadPart, 'payload');
  return { header, claims, claimOrder: Object.keys(claims), signaturePresent: signaturePart.length > 0, compact };
}

function decodeSegment(segment: string, which: 'header' | 'payload'): Record<string, unknown> {
  if (!SEGMENT.test(segment) || segment.length === 0) {
    throw notAnArtefact(`the JWT ${which} is not base64url text (only A–Z, a–z, 0–9, "-" and "_" are allowed).`);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    throw notAnArtefact(`the JWT ${which} does not decode to JSON.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SupportInputError(
      'not-an-artefact',
      `This is not a JWT because its ${which} decodes to ${Array.isArray(value) ? 'an array' : typeof value}, not a JSON object.`,
    );
  }
  return value as Record<string, unknown>;
}
