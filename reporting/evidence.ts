// Evidence attached to each test (Allure and the Playwright HTML report): the SAML response the
// browser posted to the ACS, decoded to XML, and the ID token the IdP issued, decoded to header and
// claims. Signatures are removed (DESIGN: token signatures are secrets: a signed artefact is a
// credential until it expires), and so is every secret the run knows of.
import { scrubPatterns } from '../lib/index.ts';

export const REMOVED = '[removed]';

/** Bad input for the decoders: what was wrong, in words a reader of the report can act on. */
export class EvidenceError extends Error {}

export interface SamlEvidence {
  /** The decoded response, indented, with SignatureValue contents removed. */
  readonly xml: string;
  readonly relayState?: string;
}

export interface JwtEvidence {
  readonly header: Readonly<Record<string, unknown>>;
  readonly claims: Readonly<Record<string, unknown>>;
  /** Always removed; present so that a reader sees the token was signed. */
  readonly signature: typeof REMOVED | '(none: unsigned token)';
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Decode a SAMLResponse as the browser posts it to the ACS (SAML bindings §3.5.4: an HTML form,
 * `application/x-www-form-urlencoded`, field SAMLResponse = base64 of the XML), or a bare base64 value.
 */
export function decodeSamlResponse(postBody: string, secrets: readonly string[] = []): SamlEvidence {
  const trimmed = postBody.trim();
  let encoded = trimmed;
  let relayState: string | undefined;
  if (/(^|&)SAMLResponse=/.test(trimmed)) {
    const form = new URLSearchParams(trimmed);
    encoded = form.get('SAMLResponse') ?? '';
    relayState = form.get('RelayState') ?? undefined;
  } else if (trimmed.includes('&') || /=[^=]/.test(trimmed)) {
    // Base64 has '=' only as trailing padding: anything else with '=' is some other form post.
    throw new EvidenceError('The form post has no SAMLResponse field: it is not a SAML HTTP-POST binding message (SAML bindings §3.5.4).');
  }
  const compact = encoded.replace(/\s+/g, '');
  if (compact === '' || compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw new EvidenceError(
      `The SAMLResponse field is not base64 (${compact.length} characters): the HTTP-POST binding carries the XML base64-encoded.`,
    );
  }
  const xml = Buffer.from(compact, 'base64')
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim();
  if (!xml.startsWith('<')) {
    throw new EvidenceError('The SAMLResponse decodes to something that is not XML: a SAML response is an XML document starting with "<".');
  }
  return {
    xml: redactText(indentXml(removeSignatureValues(xml)), secrets),
    ...(relayState !== undefined && relayState !== '' ? { relayState: redactText(relayState, secrets) } : {}),
  };
}

/** Decode a compact JWS (RFC 7515 §7.1) into header and claims; the signature is dropped. */
export function decodeJwt(token: string, secrets: readonly string[] = []): JwtEvidence {
  const parts = token.trim().split('.');
  if (parts.length !== 3) {
    throw new EvidenceError(`An ID token has three dot-separated parts (header.payload.signature); this one has ${parts.length}.`);
  }
  const [header, payload, signature] = parts as [string, string, string];
  return {
    header: redactJson(decodeSegment(header, 'header'), secrets),
    claims: redactJson(decodeSegment(payload, 'payload'), secrets),
    signature: signature === '' ? '(none: unsigned token)' : REMOVED,
  };
}

function decodeSegment(segment: string, name: string): Record<string, unknown> {
  if (segment === '' || !BASE64URL.test(segment)) {
    throw new EvidenceError(`The JWT ${name} is not base64url (RFC 7515 §2): it contains characters outside A-Z a-z 0-9 - _.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    throw new EvidenceError(`The JWT ${name} does not decode to JSON: it is not a JWT, or it was cut short.`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new EvidenceError(`The JWT ${name} decodes to JSON that is not an object.`);
  }
  return value as Record<string, unknown>;
}

/** Remove every known secret value and the secret shapes (keys, signatures, credentials). */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so a secret that contains another is removed whole.
  for (const secret of [...secrets].filter((value) => value.length >= 6).sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join(REMOVED);
  }
  return scrubPatterns(out);
}

function redactJson(value: Record<string, unknown>, secrets: readonly string[]): Record<string, unknown> {
  return JSON.parse(redactText(JSON.stringify(value), secrets)) as Record<string, unknown>;
}

/** XML-DSig (xmldsig-core §4.2): the base64 SignatureValue is the credential; keep the element to show what was signed. */
export function removeSignatureValues(xml: string): string {
  return xml.replace(/(<(?:[\w.-]+:)?SignatureValue\b[^>]*>)[^<]*(<\/(?:[\w.-]+:)?SignatureValue>)/g, `$1${REMOVED}$2`);
}

/** One element per line, two spaces per level; text-only elements stay on one line. */
export function indentXml(xml: string): string {
  const tokens = xml
    .replace(/>\s+</g, '><')
    .split(/(<[^>]+>)/)
    .filter((token) => token !== '');
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    const pad = '  '.repeat(depth);
    if (token.startsWith('</')) {
      depth = Math.max(0, depth - 1);
      lines.push(`${'  '.repeat(depth)}${token}`);
    } else if (token.startsWith('<?') || token.startsWith('<!') || token.endsWith('/>')) {
      lines.push(`${pad}${token}`);
    } else if (token.startsWith('<')) {
      const text = tokens[i + 1];
      const close = tokens[i + 2];
      if (text !== undefined && !text.startsWith('<') && close?.startsWith('</')) {
        lines.push(`${pad}${token}${text}${close}`);
        i += 2;
      } else {
        lines.push(`${pad}${token}`);
        depth += 1;
      }
    } else {
      lines.push(`${pad}${token}`);
    }
  }
  return lines.join('\n');
}

/** The JSON text attached for an ID token. */
export function renderJwtEvidence(evidence: JwtEvidence): string {
  return `${JSON.stringify(evidence, null, 2)}\n`;
}
