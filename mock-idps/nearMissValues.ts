// Near-miss values: a value an SP compares, made *nearly* right in the ways real comparisons go
// partly wrong — a case-insensitive, prefix, suffix or substring compare, a trim, a normalisation,
// a check skipped for an empty value. A correct SP refuses each one, except where a standard says
// that part compares case-insensitively (URI scheme: RFC 3986 §3.1; DNS names: RFC 4343; email
// addresses as mailbox providers treat them: RFC 5321 §2.4). Pure
// functions of the right value: the IdP engines, the fault catalog and the suites' own drivers
// (native redirect URIs, client ids, return paths) share them.

/** How the value is nearly right. */
export type NearMissVariant =
  | 'case'
  | 'scheme-case'
  | 'truncated'
  | 'extended'
  | 'prepended'
  | 'subdomain'
  | 'trailing-slash'
  | 'extra-segment'
  | 'percent-encoded'
  | 'whitespace'
  | 'lookalike'
  | 'empty';

/** What kind of value: it decides which variants make sense and which a correct SP accepts. */
export type NearMissKind =
  /** An absolute URL the SP compares with one it owns (Destination, Recipient, redirect URIs). */
  | 'url'
  /** An identifier compared exactly (entity IDs, issuers, audiences, client ids). */
  | 'identifier'
  /** An opaque one-time value (nonce, state, request IDs). */
  | 'token'
  /** A DNS domain (Google Workspace `hd`). */
  | 'domain'
  /** An email address the SP looks a seat up by (case-insensitive: RFC 5321 §2.4, and every mailbox provider). */
  | 'email';

export interface NearMissVariantInfo {
  /** Words for titles: "the Audience <words>". */
  readonly words: string;
  /** The partial compare it catches, for the catalog's `how`. */
  readonly catches: string;
}

export const NEAR_MISS_VARIANTS: Readonly<Record<NearMissVariant, NearMissVariantInfo>> = {
  case: { words: 'in other letter case', catches: 'a case-insensitive compare' },
  'scheme-case': {
    words: 'with its scheme in capitals',
    catches: 'nothing: URI schemes compare case-insensitively (RFC 3986 §3.1), so a correct SP accepts it',
  },
  truncated: { words: 'cut short by one character', catches: 'a prefix compare (the expected value starts with what was sent)' },
  extended: { words: 'with characters added at the end', catches: 'a prefix compare (what was sent starts with the expected value)' },
  prepended: {
    words: 'with characters added at the start',
    catches: 'a suffix compare (endsWith), as in evilcorp.example for corp.example',
  },
  subdomain: { words: 'as a subdomain', catches: 'a suffix compare on domains (sub.corp.example for corp.example)' },
  'trailing-slash': { words: 'with its trailing slash toggled', catches: 'a compare that strips or adds trailing slashes' },
  'extra-segment': { words: 'with an extra path segment', catches: 'a prefix compare on URLs (…/acs/old-app)' },
  'percent-encoded': { words: 'with a letter percent-encoded', catches: 'a compare after percent-decoding' },
  whitespace: { words: 'surrounded by spaces', catches: 'a compare after trimming' },
  lookalike: { words: 'with a Cyrillic look-alike letter', catches: 'a compare after Unicode folding, or a display-only check' },
  empty: { words: 'empty', catches: 'a check made only when the value is present' },
};

/** Cyrillic letters that look like Latin ones (the homograph family). */
const LOOKALIKES: Readonly<Record<string, string>> = {
  a: '\u0430',
  e: '\u0435',
  o: '\u043e',
  c: '\u0441',
  p: '\u0440',
  x: '\u0445',
  y: '\u0443',
  i: '\u0456',
};

const swapCase = (text: string): string =>
  [...text].map((char) => (char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase())).join('');

/** Split an absolute URL into `scheme://authority` and the rest (path, query); undefined when it is no URL. */
function splitUrl(value: string): { readonly head: string; readonly rest: string } | undefined {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/i.exec(value);
  return match ? { head: match[1] ?? '', rest: match[2] ?? '' } : undefined;
}

function lookalike(value: string): string {
  const index = [...value].findIndex((char) => Object.hasOwn(LOOKALIKES, char));
  if (index < 0) return `${value}\u0430`;
  const chars = [...value];
  chars[index] = LOOKALIKES[chars[index] ?? ''] ?? '';
  return chars.join('');
}

/** The value made nearly right in the way `variant` says (the right value is `value`). */
export function nearMiss(value: string, variant: NearMissVariant): string {
  const url = splitUrl(value);
  switch (variant) {
    case 'case':
      // On a URL, the part that compares case-sensitively: the path (scheme and host do not).
      return url && url.rest !== '' ? `${url.head}${swapCase(url.rest)}` : swapCase(value);
    case 'scheme-case':
      return value.replace(/^[a-z][a-z0-9+.-]*:/i, (scheme) => scheme.toUpperCase());
    case 'truncated':
      return value.slice(0, -1);
    case 'extended':
      return `${value}x`;
    case 'prepended':
      return url ? value.replace('://', '://evil') : `evil${value}`;
    case 'subdomain':
      // An address keeps its local part: alice@sub.corp.example for alice@corp.example.
      return value.includes('@') ? value.replace('@', '@sub.') : `sub.${value}`;
    case 'trailing-slash':
      return value.endsWith('/') ? value.slice(0, -1) : `${value}/`;
    case 'extra-segment':
      return `${value.replace(/\/+$/, '')}/old-app`;
    case 'percent-encoded': {
      // The first letter of the path, as %XX: the same URI only after percent-decoding.
      const base = url ?? { head: '', rest: value };
      const index = base.rest.search(/[A-Za-z]/);
      if (index < 0) return `${value}%2F`;
      const char = base.rest[index] ?? '';
      return `${base.head}${base.rest.slice(0, index)}%${char.charCodeAt(0).toString(16).toUpperCase()}${base.rest.slice(index + 1)}`;
    }
    case 'whitespace':
      return ` ${value} `;
    case 'lookalike':
      return lookalike(value);
    case 'empty':
      return '';
  }
}

/** Whether a correct SP accepts this near miss of a value of this kind (where a standard says the part compares case-insensitively). */
export function nearMissAccepted(kind: NearMissKind, variant: NearMissVariant): boolean {
  return (kind === 'url' && variant === 'scheme-case') || ((kind === 'domain' || kind === 'email') && variant === 'case');
}
