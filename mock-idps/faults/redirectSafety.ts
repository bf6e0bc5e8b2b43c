// Where a browser goes after a valid login, when the page to land on is attacker-controlled: the
// SAML RelayState an IdP-initiated response carries, and the return path an SP-initiated login
// starts with. Every value below is one a browser resolves to another host (RFC 3986 §5.2, WHATWG
// URL: backslashes, tabs, dot segments, scheme-relative and scheme-only forms). A correct SP logs
// the person in and keeps them on the portal; the scenarios fail on any redirect off the portal.
import type { OidcFault } from '../oidc/effects.ts';
import type { PersonaId } from '../types.ts';
import { ALL_OIDC, ALL_SAML } from './consoleFixes.ts';
import type { SamlFault } from './samlTypes.ts';

/** An attacker's return paths, by a stable slug. */
export const OFF_SITE_RETURN_PATHS = {
  'dot-dot-slash-slash': '/..//evil.example/phish',
  'dot-slash-slash': '/.//evil.example/phish',
  'encoded-dot-dot': '/%2e%2e//evil.example/phish',
  'encoded-slashes': '/%2f%2fevil.example/phish',
  backslash: '/\\evil.example/phish',
  'tab-in-slashes': '/\t/evil.example/phish',
  'scheme-only': 'https:evil.example/phish',
  'scheme-relative': '//evil.example/phish',
  'triple-slash': '///evil.example/phish',
  absolute: 'https://evil.example/phish',
} as const;

export type ReturnPathSlug = keyof typeof OFF_SITE_RETURN_PATHS;

const SAML = ALL_SAML;
const OIDC = ALL_OIDC;
const REFERENCE = 'RFC 9700 §4.11 (open redirectors); OWASP Unvalidated Redirects; WHATWG URL parsing (backslash, tab, dot segments)';
const FIX = {
  default:
    'SP side: resolve the return path, then check the result is a path of this portal (no scheme, no host, not starting with // or /\\), and fall back to the default page.',
} as const;
const SEES = 'The user is logged in and lands on a page of the portal, never on the other site.';

/** The list's first persona (lists of every persona are never empty). */
function firstOf(list: readonly PersonaId[]): PersonaId {
  const first = list[0];
  if (first === undefined) throw new Error('No persona registered.');
  return first;
}

const slugs = Object.keys(OFF_SITE_RETURN_PATHS) as ReturnPathSlug[];

export const samlRedirectSafetyFaults = slugs.map((slug, index): SamlFault<`saml.relaystate-off-site-${ReturnPathSlug}`> => ({
  id: `saml.relaystate-off-site-${slug}`,
  title: `IdP-initiated login whose RelayState leads off-site (${JSON.stringify(OFF_SITE_RETURN_PATHS[slug])})`,
  protocol: 'saml',
  category: 'attack',
  personas: [SAML[index % SAML.length] ?? firstOf(SAML)],
  reference: `SAML 2.0 Bindings §3.5.3 RelayState; ${REFERENCE}`,
  expected: 'accept',
  customerSees: SEES,
  fix: FIX,
  how: `The IdP-initiated response carries RelayState ${JSON.stringify(OFF_SITE_RETURN_PATHS[slug])}; the login must work and stay on the portal.`,
  sp: { allowIdpInitiated: true },
  flow: 'idp-initiated',
  effect: { relayState: () => OFF_SITE_RETURN_PATHS[slug] },
}));

export const oidcRedirectSafetyFaults = slugs.map((slug, index): OidcFault<`oidc.return-path-off-site-${ReturnPathSlug}`> => ({
  id: `oidc.return-path-off-site-${slug}`,
  title: `Login started with a return path that leads off-site (${JSON.stringify(OFF_SITE_RETURN_PATHS[slug])})`,
  protocol: 'oidc',
  category: 'attack',
  personas: [OIDC[index % OIDC.length] ?? firstOf(OIDC)],
  reference: REFERENCE,
  // As for oidc.open-redirect-return-url: what is refused is the redirect, not the login.
  expected: 'reject',
  customerSees: SEES,
  fix: FIX,
  how: `The login starts at the sign-on URL with the return path ${JSON.stringify(OFF_SITE_RETURN_PATHS[slug])}; the login must work and stay on the portal.`,
  effect: { seam: 'rp-driver', action: 'return-path', value: OFF_SITE_RETURN_PATHS[slug] },
}));
