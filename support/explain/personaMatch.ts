// Which vendor persona an artefact looks like, scored from the persona data itself
// (mock-idps/personas): issuer template, namespace prefixes, XML declaration, ID style, Issuer
// Format, assertion element order, AuthnContextClassRef, NameID format, attribute names, signing
// scope; for ID tokens the issuer path, header `typ`, claim names and constant claims.
import { isDeepStrictEqual } from 'node:util';
import { OIDC_PERSONAS, SAML_PERSONAS } from '../../mock-idps/index.ts';
import type { OidcPersona, PersonaId, SamlPersona, Vendor } from '../../mock-idps/index.ts';
import { isLoopbackHost } from '../../lib/index.ts';
import type { JwtFacts } from '../artefacts/jwt.ts';
import type { SamlResponseFacts } from '../artefacts/samlResponse.ts';

export interface PersonaMatch {
  readonly persona?: PersonaId;
  readonly vendor?: Vendor;
  readonly displayName?: string;
  readonly confidence: 'strong' | 'likely' | 'unknown';
  /** Share of the persona's shape facts the artefact matches, 0..1. */
  readonly score: number;
  readonly matched: readonly string[];
  /** Where the artefact differs from that vendor's default shape (often the misconfiguration). */
  readonly differs: readonly string[];
}

/** Recognisers for the ID styles mock-idps/saml/ids.ts generates (vendors.md wire table). */
const ID_STYLES: Readonly<Record<SamlPersona['wire']['idStyle'], RegExp>> = {
  'underscore-uuid': /^_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  'okta-digits': /^id\d{20,32}$/,
  'underscore-hex32': /^_[0-9a-f]{32}$/i,
  'underscore-alnum': /^_[A-Za-z0-9]{8,}$/,
};

/** A persona template (`https://sts.windows.net/{tid}/`) as an anchored pattern. */
export function templatePattern(template: string): RegExp {
  const parts = template.split(/\{[A-Za-z]+\}/).map((literal) => literal.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[^/?#{}]+')}$`);
}

/** A real tenant's issuer of this vendor (host and path): decisive, whatever else the artefact shows. */
function isRealIssuer(persona: SamlPersona | OidcPersona, issuer: string): boolean {
  return persona.realIssuers.some((pattern) => pattern.test(issuer));
}

export function samlIssuerFits(persona: SamlPersona, issuer: string): boolean {
  return templatePattern(persona.entityIdTemplate).test(issuer) || isRealIssuer(persona, issuer);
}

/**
 * OIDC personas serve their issuer at `/{vendor}/{tenant-id}/…` on loopback; the vendor's real
 * issuer keeps the part after the vendor segment (Entra `/{tid}/v2.0`) or after the tenant
 * segment, whose real home is the host name (Okta `https://{org}.okta.com/oauth2/default`).
 */
export function oidcIssuerFits(persona: OidcPersona, issuer: string): boolean {
  if (isRealIssuer(persona, issuer)) return true;
  const path = issuerPath(issuer);
  const [, , ...afterVendor] = persona.issuerPathTemplate.split('/');
  const withTenant = `/${afterVendor.join('/')}`;
  const withoutTenant = afterVendor.length > 1 ? `/${afterVendor.slice(1).join('/')}` : '';
  // On another host (a custom domain), only a path with a segment of its own says anything
  // (Okta's /oauth2/default): an empty path or "/" fits every issuer on earth.
  const templates = isLoopbackIssuer(issuer)
    ? [persona.issuerPathTemplate, withTenant, withoutTenant]
    : [withTenant, withoutTenant].filter((template) => template.length > 1);
  return templates.some((template) => templatePattern(template).test(path));
}

function isLoopbackIssuer(issuer: string): boolean {
  try {
    return isLoopbackHost(new URL(issuer).hostname);
  } catch {
    return false;
  }
}

function issuerPath(issuer: string): string {
  try {
    return new URL(issuer).pathname.replace(/^\/$/, issuer.endsWith('/') ? '/' : '');
  } catch {
    // Google's legacy issuer `accounts.google.com` has no scheme: no path either.
    return '';
  }
}

interface Scored {
  readonly persona: SamlPersona | OidcPersona;
  readonly matched: string[];
  readonly differs: string[];
  readonly points: number;
  readonly total: number;
  readonly issuerFits: boolean;
  /** The issuer is one of a real tenant of this vendor. */
  readonly realIssuer: boolean;
}

class Scorecard {
  readonly matched: string[] = [];
  readonly differs: string[] = [];
  points = 0;
  total = 0;

  check(weight: number, ok: boolean, matched: string, differs: string): void {
    this.total += weight;
    if (ok) {
      this.points += weight;
      this.matched.push(matched);
    } else {
      this.differs.push(differs);
    }
  }

  partial(weight: number, ratio: number, text: string): void {
    this.total += weight;
    this.points += weight * ratio;
    (ratio >= 0.5 ? this.matched : this.differs).push(text);
  }
}

function show(value: string | undefined): string {
  return value === undefined || value === '' ? '(none)' : value;
}

function scoreSaml(persona: SamlPersona, facts: SamlResponseFacts): Scored {
  const card = new Scorecard();
  const wire = persona.wire;
  const assertion = facts.assertions[0];
  const issuerFits = facts.issuer !== undefined && samlIssuerFits(persona, facts.issuer);
  card.check(
    6,
    issuerFits,
    `issuer ${show(facts.issuer)} fits ${persona.entityIdTemplate}`,
    `issuer ${show(facts.issuer)} does not fit ${persona.entityIdTemplate}`,
  );
  card.check(
    1,
    facts.protocolPrefix === wire.protocolPrefix,
    `protocol prefix "${wire.protocolPrefix}:"`,
    `protocol prefix "${facts.protocolPrefix}:" (vendor uses "${wire.protocolPrefix}:")`,
  );
  if (assertion)
    card.check(
      1,
      assertion.prefix === wire.assertionPrefix,
      `assertion prefix "${show(wire.assertionPrefix)}"`,
      `assertion prefix "${show(assertion.prefix)}" (vendor uses "${show(wire.assertionPrefix)}")`,
    );
  const signature = facts.signatures[0];
  if (signature) {
    const prefix = signature.element.prefix ?? '';
    card.check(
      1,
      prefix === wire.signaturePrefix,
      `signature prefix "${show(wire.signaturePrefix)}"`,
      `signature prefix "${show(prefix)}" (vendor uses "${show(wire.signaturePrefix)}")`,
    );
  }
  card.check(
    1,
    facts.shape.xmlDeclaration === wire.xmlDeclaration,
    `XML declaration ${wire.xmlDeclaration ? 'present' : 'absent'}`,
    `XML declaration ${facts.shape.xmlDeclaration ? 'present' : 'absent'} (vendor: ${wire.xmlDeclaration ? 'present' : 'absent'})`,
  );
  card.check(
    2,
    facts.id !== undefined && ID_STYLES[wire.idStyle].test(facts.id),
    `ID style ${wire.idStyle}`,
    `ID ${show(facts.id)} is not in the vendor's ${wire.idStyle} style`,
  );
  card.check(
    1,
    facts.issuerFormat === wire.issuerFormat,
    `Issuer Format ${show(wire.issuerFormat)}`,
    `Issuer Format ${show(facts.issuerFormat)} (vendor: ${show(wire.issuerFormat)})`,
  );
  if (assertion) {
    const order = assertion.childOrder.filter((name) => (wire.assertionChildOrder as readonly string[]).includes(name));
    card.check(
      1,
      order.join(',') === wire.assertionChildOrder.filter((name) => assertion.childOrder.includes(name)).join(','),
      'assertion element order',
      `assertion element order ${order.join(', ')} (vendor: ${wire.assertionChildOrder.join(', ')})`,
    );
    card.check(
      1,
      assertion.authn?.classRef === wire.authnContextClassRef,
      `AuthnContextClassRef ${wire.authnContextClassRef}`,
      `AuthnContextClassRef ${show(assertion.authn?.classRef)} (vendor: ${wire.authnContextClassRef})`,
    );
    card.check(
      1,
      assertion.nameId?.format === persona.nameId.format,
      `NameID format ${persona.nameId.format}`,
      `NameID format ${show(assertion.nameId?.format)} (vendor default: ${persona.nameId.format})`,
    );
    const expected = persona.attributes.map((attribute) => attribute.name);
    const seen = new Set(assertion.attributes.map((attribute) => attribute.name));
    if (expected.length > 0 || seen.size > 0) {
      const common = expected.filter((name) => seen.has(name)).length;
      const ratio = common / Math.max(expected.length, seen.size);
      card.partial(3, ratio, `attribute names: ${common} of ${expected.length} of the vendor's default set`);
    }
  }
  const scope = signedScope(facts);
  card.check(
    1,
    scope === persona.signing.scope,
    `signs the ${persona.signing.scope}`,
    `signs the ${scope} (vendor default: ${persona.signing.scope})`,
  );
  return { persona, ...card, issuerFits, realIssuer: facts.issuer !== undefined && isRealIssuer(persona, facts.issuer) };
}

/** What the response signs, in the persona vocabulary. */
export function signedScope(facts: SamlResponseFacts): SamlPersona['signing']['scope'] {
  const response = facts.signatures.some((signature) => signature.signs === 'response');
  const assertion = facts.signatures.some((signature) => signature.signs === 'assertion');
  if (response && assertion) return 'both';
  if (response) return 'response';
  if (assertion) return 'assertion';
  return 'none';
}

const STANDARD_CLAIMS = new Set([
  'iss',
  'sub',
  'aud',
  'exp',
  'iat',
  'nbf',
  'nonce',
  'auth_time',
  'azp',
  'at_hash',
  'c_hash',
  'jti',
  'sid',
  'amr',
  'acr',
]);

function scoreOidc(persona: OidcPersona, jwt: JwtFacts): Scored {
  const card = new Scorecard();
  const iss = typeof jwt.claims.iss === 'string' ? jwt.claims.iss : undefined;
  const issuerFits = iss !== undefined && oidcIssuerFits(persona, iss);
  card.check(
    3,
    issuerFits,
    `issuer path fits ${persona.issuerPathTemplate}`,
    `issuer ${show(iss)} does not fit the vendor's issuer shape (${persona.issuerPathTemplate} on loopback)`,
  );
  const hasTyp = 'typ' in jwt.header;
  card.check(
    1,
    hasTyp === persona.idToken.headerTyp,
    `header ${persona.idToken.headerTyp ? 'has' : 'has no'} typ`,
    `header ${hasTyp ? 'has' : 'has no'} typ (vendor: ${persona.idToken.headerTyp ? 'has' : 'has no'} typ)`,
  );
  const expected = persona.idToken.claims.map((claim) => claim.name).filter((name) => !STANDARD_CLAIMS.has(name));
  const seen = jwt.claimOrder.filter((name) => !STANDARD_CLAIMS.has(name));
  const common = expected.filter((name) => seen.includes(name)).length;
  card.partial(
    4,
    common / Math.max(expected.length, seen.length, 1),
    `claims: ${common} of the vendor's ${expected.length} (${expected.join(', ')})`,
  );
  for (const claim of persona.idToken.claims.filter((item) => item.from === 'constant')) {
    // By value: list claims (Okta's amr ["pwd"]) are equal when their items are.
    card.check(
      1,
      isDeepStrictEqual(jwt.claims[claim.name], claim.value),
      `${claim.name} = ${JSON.stringify(claim.value)}`,
      `${claim.name} = ${JSON.stringify(jwt.claims[claim.name])} (vendor: ${JSON.stringify(claim.value)})`,
    );
  }
  return { persona, ...card, issuerFits, realIssuer: iss !== undefined && isRealIssuer(persona, iss) };
}

function best(scored: readonly Scored[]): PersonaMatch {
  // A real tenant's issuer names the vendor, however customised the rest is (another NameID
  // format, other attributes, a v1.0 token); otherwise the shape decides.
  const real = scored.filter((entry) => entry.realIssuer);
  const ranked = [...(real.length > 0 ? real : scored)].sort(
    (a, b) => b.points / b.total - a.points / a.total || Number(b.issuerFits) - Number(a.issuerFits),
  );
  const top = ranked[0];
  if (!top) return { confidence: 'unknown', score: 0, matched: [], differs: [] };
  const score = Math.round((top.points / top.total) * 100) / 100;
  const confidence = top.realIssuer || (top.issuerFits && score >= 0.5) ? 'strong' : score >= 0.5 ? 'likely' : 'unknown';
  if (confidence === 'unknown') return { confidence, score, matched: top.matched, differs: top.differs };
  return {
    persona: top.persona.id,
    vendor: top.persona.vendor,
    displayName: top.persona.displayName,
    confidence,
    score,
    matched: top.matched,
    differs: top.differs,
  };
}

export function matchSamlPersona(facts: SamlResponseFacts): PersonaMatch {
  return best(SAML_PERSONAS.map((persona) => scoreSaml(persona, facts)));
}

export function matchOidcPersona(jwt: JwtFacts): PersonaMatch {
  return best(OIDC_PERSONAS.map((persona) => scoreOidc(persona, jwt)));
}
