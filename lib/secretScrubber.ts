// Secrets (cookies, Authorization headers, client secrets, passwords, token and XML signatures) in
// what support pastes or a run records must never be echoed back in any output or report: the
// one scrubber for support's tools and the certification reports.
// Two layers: literal values registered while parsing, and patterns as a safety net for
// anything that was never registered.

const REMOVED = '[removed]';

const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // PEM private keys, whatever their type.
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, '[private key removed]'],
  // XML-DSig signature values (base64 between the tags).
  [/(<(?:[\w-]+:)?SignatureValue\b[^>]*>)[^<]*(<\/(?:[\w-]+:)?SignatureValue>)/g, `$1${REMOVED}$2`],
  // JWS compact serialisation: keep header and payload (they are what support reads), drop the signature.
  [/\b(eyJ[\w-]*\.[\w-]*)\.[\w-]{8,}/g, `$1.${REMOVED}`],
  // Form / query parameters that carry credentials.
  [
    /\b(client_secret|client_assertion|password|passwd|pwd|code_verifier|access_token|refresh_token|id_token_hint)=[^&\s"'<]+/gi,
    `$1=${REMOVED}`,
  ],
  // JSON members that carry credentials.
  [
    /("(?:client_secret|clientSecret|password|access_token|refresh_token|code_verifier|privateKey|private_key)"\s*:\s*)"(?:[^"\\]|\\.)*"/g,
    `$1"${REMOVED}"`,
  ],
  // HTTP credentials headers, as text.
  [/\b(Authorization|Proxy-Authorization|Cookie|Set-Cookie)(\s*:\s*)[^\r\n]+/gi, `$1$2${REMOVED}`],
];

/** Literal secret values seen in the input, removed from every output. */
export class SecretScrubber {
  private readonly values = new Set<string>();

  /** Remember a secret value; very short values are ignored (they would blank ordinary words). */
  add(value: string | undefined | null): void {
    if (typeof value !== 'string') return;
    const trimmed = value.trim();
    if (trimmed.length >= 6) this.values.add(trimmed);
  }

  get size(): number {
    return this.values.size;
  }

  scrub(text: string): string {
    let out = text;
    // Longest first, so a value containing another is removed whole.
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) {
      out = out.split(value).join(REMOVED);
    }
    return scrubPatterns(out);
  }
}

export function scrubPatterns(text: string): string {
  return PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}
