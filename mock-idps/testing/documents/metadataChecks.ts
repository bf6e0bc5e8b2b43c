// The checks the metadata rows have in common, each parameterised by the vendor's value of the
// row (vendors.md "SAML 2.0 IdP metadata"). They read the XML as text (xmlText.ts).
import { X509Certificate } from 'node:crypto';
import { all, matches, same, type CheckResult } from './featureLedger.ts';
import { attribute, attributeNames, childrenOf, inside, named, startTags, textAfter, type Tag } from './xmlText.ts';

export const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
export const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
export const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
export const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
export const EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

const MD_ELEMENTS: ReadonlySet<string> = new Set([
  'EntityDescriptor',
  'RoleDescriptor',
  'IDPSSODescriptor',
  'KeyDescriptor',
  'SingleLogoutService',
  'NameIDFormat',
  'SingleSignOnService',
]);

export const rootOf = (xml: string): Tag | undefined => startTags(xml)[0];
export const descriptorOf = (xml: string): Tag | undefined => named(startTags(xml), 'IDPSSODescriptor')[0];
const descriptorChildren = (xml: string): Tag[] => {
  const descriptor = descriptorOf(xml);
  return descriptor ? childrenOf(startTags(xml), descriptor) : [];
};

/** The document starts with exactly this declaration, the root right after it (`''`: no declaration). */
export const declaration =
  (expected: string) =>
  (xml: string): CheckResult =>
    xml.startsWith(`${expected}<`) && (expected !== '' || !xml.startsWith('<?'))
      ? true
      : `starts ${JSON.stringify(xml.slice(0, 60))}, vendor ${JSON.stringify(expected || '(no declaration)')}`;

/** The root's name as written and its attributes in order; the namespace declarations it makes. */
export const root =
  (name: string, order: readonly string[], namespaceDeclarations: readonly string[]) =>
  (xml: string): CheckResult => {
    const tag = rootOf(xml);
    // Every metadata-namespace element carries the root's prefix (md:) or none (default namespace).
    const prefix = name.startsWith('md:') ? 'md:' : '';
    const misprefixed = startTags(xml)
      .filter((t) => MD_ELEMENTS.has(t.local) && t.name !== `${prefix}${t.local}`)
      .map((t) => t.name);
    return all(
      same('root', tag?.name, name),
      same('root attributes', attributeNames(tag), order),
      same(
        'namespaces declared on the root',
        attributeNames(tag).filter((a) => a === 'xmlns' || a.startsWith('xmlns:')),
        namespaceDeclarations,
      ),
      same('metadata namespace', attribute(tag, namespaceDeclarations[0] ?? 'xmlns'), MD),
      same('metadata elements with another prefix', misprefixed, []),
    );
  };

export const entityId =
  (pattern: RegExp) =>
  (xml: string): CheckResult =>
    matches('entityID', attribute(rootOf(xml), 'entityID'), pattern);

export const noRootAttributes =
  (...names: string[]) =>
  (xml: string): CheckResult =>
    same(
      'root attributes present',
      attributeNames(rootOf(xml)).filter((a) => names.includes(a)),
      [],
    );

export const unsigned = (xml: string): CheckResult => (startTags(xml).some((t) => t.local === 'Signature') ? 'has a Signature' : true);

/** The root's child elements, by local name. */
export const rootChildren =
  (expected: readonly string[]) =>
  (xml: string): CheckResult => {
    const tags = startTags(xml);
    const top = tags[0];
    return same('root children', top ? childrenOf(tags, top).map((t) => t.local) : [], expected);
  };

export const descriptorAttributes =
  (expected: ReadonlyArray<readonly [string, string]>) =>
  (xml: string): CheckResult =>
    same('IDPSSODescriptor attributes', descriptorOf(xml)?.attributes, expected);

/** The descriptor's KeyDescriptors: how many (`min`–`max`), all `use="signing"`. */
export const signingKeyDescriptors =
  (min: number, max: number) =>
  (xml: string): CheckResult => {
    const uses = descriptorChildren(xml)
      .filter((t) => t.local === 'KeyDescriptor')
      .map((t) => attribute(t, 'use'));
    return uses.length >= min && uses.length <= max && uses.every((use) => use === 'signing')
      ? true
      : `KeyDescriptor uses ${JSON.stringify(uses)}, vendor ${min === max ? min : `${min}–${max}`} × signing`;
  };

/** Every KeyInfo written with this name and only this namespace declaration (so declared locally). */
export const keyInfoStyle =
  (name: string, declaration: string) =>
  (xml: string): CheckResult => {
    const keyInfos = startTags(xml).filter((t) => t.local === 'KeyInfo' && t.depth > 2);
    return keyInfos.length > 0 && keyInfos.every((t) => t.name === name && same('', t.attributes, [[declaration, DSIG]]) === true)
      ? true
      : `KeyInfo written ${JSON.stringify(keyInfos.map((t) => t.text))}, vendor <${name} ${declaration}="${DSIG}">`;
  };

export const nameIdFormats =
  (expected: readonly string[]) =>
  (xml: string): CheckResult =>
    same(
      'NameIDFormat',
      descriptorChildren(xml)
        .filter((t) => t.local === 'NameIDFormat')
        .map((t) => textAfter(xml, t)),
      expected,
    );

/** The services of this name: bindings in order, and each Location shaped `location`. */
export const services =
  (name: string, bindings: readonly string[], location: RegExp) =>
  (xml: string): CheckResult => {
    const found = descriptorChildren(xml).filter((t) => t.local === name);
    return all(
      same(
        `${name} bindings`,
        found.map((t) => attribute(t, 'Binding')),
        bindings,
      ),
      ...found.map((t) => matches(`${name} Location`, attribute(t, 'Location'), location)),
    );
  };

export const attributeCount =
  (expected: number) =>
  (xml: string): CheckResult =>
    same('saml:Attribute elements', descriptorChildren(xml).filter((t) => t.local === 'Attribute').length, expected);

/** The first signing certificate's text as written (line breaks and indentation kept). */
function firstSigningCertificateText(xml: string): string | undefined {
  const tags = startTags(xml);
  const descriptor = named(tags, 'IDPSSODescriptor')[0];
  const certificate = descriptor ? named(inside(tags, descriptor), 'X509Certificate')[0] : undefined;
  return certificate ? textAfter(xml, certificate) : undefined;
}

/** The first signing certificate's base64, whitespace removed. */
export function firstSigningCertificate(xml: string): string | undefined {
  return firstSigningCertificateText(xml)?.replace(/\s+/g, '');
}

/** A certificate's lifetime as vendors.md states it: calendar years (plus minutes), or days. */
export type CertificateLifetime = { readonly years: number; readonly minutes?: number } | { readonly days: number };

/**
 * A vendor's signing certificate: self-signed RSA-2048 with exactly this subject (the DN in the
 * certificate's order, written `A=v, B=w`), valid for exactly this long.
 */
export function vendorCertificate(der: Buffer, subject: string, lifetime: CertificateLifetime): CheckResult {
  const certificate = new X509Certificate(der);
  const from = new Date(certificate.validFrom);
  const end = new Date(from);
  if ('days' in lifetime) end.setTime(from.getTime() + lifetime.days * 86_400_000);
  else {
    end.setUTCFullYear(end.getUTCFullYear() + lifetime.years);
    end.setTime(end.getTime() + (lifetime.minutes ?? 0) * 60_000);
  }
  return all(
    same('subject', certificate.subject.replaceAll('\n', ', '), subject),
    same('self-signed', [certificate.issuer === certificate.subject, certificate.verify(certificate.publicKey)], [true, true]),
    same('key', [certificate.publicKey.asymmetricKeyType, certificate.publicKey.asymmetricKeyDetails?.modulusLength], ['rsa', 2048]),
    same('notAfter', new Date(certificate.validTo).toISOString(), end.toISOString()),
  );
}

/** How the certificate's base64 is written in the metadata: on one line, or wrapped at `width` with each break followed by `indent`. */
export type CertificateText = 'one-line' | { readonly wrap: number; readonly indent: string } | 'any';

/** The metadata's first signing certificate, as vendorCertificate says, its base64 written as the vendor writes it. */
export const signingCertificate =
  (subject: (xml: string, served: { url: string }) => string, lifetime: CertificateLifetime, text: CertificateText) =>
  (xml: string, served: { url: string }): CheckResult => {
    const written = firstSigningCertificateText(xml);
    if (written === undefined) return 'no signing certificate';
    const base64 = written.replace(/\s+/g, '');
    const expectedText =
      text === 'any'
        ? written
        : text === 'one-line'
          ? base64
          : (base64.match(new RegExp(`.{1,${text.wrap}}`, 'g')) ?? []).join(`\n${text.indent}`);
    return all(
      vendorCertificate(Buffer.from(base64, 'base64'), subject(xml, served), lifetime),
      same('certificate text', written, expectedText),
    );
  };

/** Google: validUntil is the signing certificate's notAfter with `.000Z` (a 1825-day certificate); no cacheDuration. */
export function validUntilIsCertificateEnd(xml: string): CheckResult {
  const base64 = firstSigningCertificate(xml);
  if (!base64) return 'no signing certificate';
  const certificate = new X509Certificate(Buffer.from(base64, 'base64'));
  const validUntil = attribute(rootOf(xml), 'validUntil');
  const days = (Date.parse(certificate.validTo) - Date.parse(certificate.validFrom)) / 86_400_000;
  return all(
    matches('validUntil', validUntil, /\.000Z$/),
    same('validUntil', validUntil, new Date(certificate.validTo).toISOString()),
    same('certificate lifetime (days)', days, 1825),
    noRootAttributes('cacheDuration')(xml),
  );
}

/**
 * Schema order (saml-schema-metadata-2.0.xsd): in the IDPSSODescriptor, KeyDescriptor,
 * SingleLogoutService, NameIDFormat, SingleSignOnService (at least one), then saml:Attribute; at the
 * root, Signature first and the role descriptors after it.
 */
export function schemaOrder(xml: string): CheckResult {
  const rank = ['KeyDescriptor', 'SingleLogoutService', 'NameIDFormat', 'SingleSignOnService', 'Attribute'];
  const order = descriptorChildren(xml).map((t) => rank.indexOf(t.local));
  const tags = startTags(xml);
  const top = tags[0] ? childrenOf(tags, tags[0]).map((t) => t.local) : [];
  return all(
    order.every((r, i) => r >= 0 && (i === 0 || r >= order[i - 1]!))
      ? true
      : `IDPSSODescriptor children out of schema order: ${descriptorChildren(xml)
          .map((t) => t.local)
          .join(', ')}`,
    order.includes(3) ? true : 'no SingleSignOnService',
    top.indexOf('Signature') <= 0 ? true : "Signature is not the root's first child",
    top.every((local) => ['Signature', 'RoleDescriptor', 'IDPSSODescriptor'].includes(local)) ? true : `root children ${top.join(', ')}`,
  );
}

/** One line: no line break outside certificate text; empty elements end exactly with `end`. */
export const oneLine =
  (emptyEnd: ' />' | '/>') =>
  (xml: string): CheckResult => {
    const withoutCertificates = xml.replace(/(<(?:ds:)?X509Certificate>)[^<]*</g, '$1<');
    const empties = startTags(xml).filter((t) => t.empty);
    return all(
      withoutCertificates.includes('\n') ? 'has line breaks' : true,
      empties.length > 0 && empties.every((t) => t.text.endsWith(emptyEnd) && (emptyEnd === ' />' || !t.text.endsWith(' />')))
        ? true
        : `empty elements not written …${emptyEnd}`,
    );
  };

/** Each start tag but the root on its own line, indented two spaces per level. */
export function twoSpaceIndentation(xml: string): CheckResult {
  const misplaced = startTags(xml).filter(
    (t) => t.depth > 0 && xml.slice(t.offset - 2 * t.depth - 1, t.offset) !== `\n${'  '.repeat(t.depth)}`,
  );
  return misplaced.length === 0
    ? true
    : `not indented 2 spaces per level: ${misplaced
        .map((t) => t.name)
        .slice(0, 3)
        .join(', ')}`;
}
