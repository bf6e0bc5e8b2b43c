// Entra's metadata facts that no other vendor has (vendors.md, the "signed" row and the WS-Fed
// prose under the metadata table): the enveloped signature, the two WS-Federation role descriptors
// and their claim types. Read as text (xmlText.ts); the signature's cryptography is proved in
// saml/metadata.test.ts, here its shape.
import { all, GUID, matches, MOCK_HOST, same, type CheckResult } from './featureLedger.ts';
import { DSIG, firstSigningCertificate } from './metadataChecks.ts';
import { attribute, childrenOf, inside, named, startTags, textAfter, type Tag } from './xmlText.ts';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const WSFED = 'http://docs.oasis-open.org/wsfed/federation/200706';
const WSFED_AUTH = 'http://docs.oasis-open.org/wsfed/authorization/200706';
const WSA = 'http://www.w3.org/2005/08/addressing';
const XS = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/';
const MS = 'http://schemas.microsoft.com/identity/claims/';
const WS8 = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/';
const WSFED_ADDRESS = new RegExp(`^${MOCK_HOST.entra}/${GUID}/wsfed$`);

/** vendors.md: "ClaimType URIs, in order". */
export const ENTRA_CLAIM_TYPES = [
  `${XS}name`,
  `${XS}nameidentifier`,
  `${XS}givenname`,
  `${XS}surname`,
  `${MS}displayname`,
  `${MS}nickname`,
  `${WS8}authenticationinstant`,
  `${WS8}authenticationmethod`,
  `${MS}objectidentifier`,
  `${MS}tenantid`,
  `${MS}identityprovider`,
  `${XS}emailaddress`,
  `${WS8}groups`,
  `${MS}accesstoken`,
  `${WS8}expiration`,
  `${MS}openid2_id`,
  'http://schemas.microsoft.com/claims/groups.link',
  `${WS8}role`,
  `${WS8}wids`,
];

const roles = (tags: readonly Tag[]): Tag[] => tags.filter((t) => t.depth === 1 && t.local === 'RoleDescriptor');
const certificatesIn = (xml: string, tags: readonly Tag[]): string[] =>
  named(tags, 'X509Certificate').map((t) => textAfter(xml, t).replace(/\s+/g, ''));

/** An enveloped Signature, first child, over #ID: exc-c14n + enveloped, RSA-SHA256 / SHA-256, KeyInfo = the signing certificate. */
export function envelopedSignature(xml: string): CheckResult {
  const tags = startTags(xml);
  const [rootTag] = tags;
  if (!rootTag) return 'no root';
  const [first] = childrenOf(tags, rootTag);
  if (first?.local !== 'Signature') return "the root's first child is not a Signature";
  const signature = inside(tags, first);
  const algorithms = (local: string): (string | undefined)[] => named(signature, local).map((t) => attribute(t, 'Algorithm'));
  return all(
    same('Signature element', [first.name, first.attributes], ['Signature', [['xmlns', DSIG]]]),
    same(
      'Reference URI',
      named(signature, 'Reference').map((t) => attribute(t, 'URI')),
      [`#${attribute(rootTag, 'ID') ?? ''}`],
    ),
    same('Transforms', algorithms('Transform'), [`${DSIG}enveloped-signature`, 'http://www.w3.org/2001/10/xml-exc-c14n#']),
    same('SignatureMethod', algorithms('SignatureMethod'), ['http://www.w3.org/2001/04/xmldsig-more#rsa-sha256']),
    same('DigestMethod', algorithms('DigestMethod'), ['http://www.w3.org/2001/04/xmlenc#sha256']),
    same(
      'KeyInfo/X509Data/X509Certificate',
      named(signature, 'KeyInfo').flatMap((k) =>
        childrenOf(signature, k).flatMap((d) => childrenOf(signature, d).map((c) => `${k.local}/${d.local}/${c.local}`)),
      ),
      ['KeyInfo/X509Data/X509Certificate'],
    ),
    same('signature certificate = the first signing certificate', certificatesIn(xml, signature), [firstSigningCertificate(xml)]),
  );
}

/** Each RoleDescriptor declares xmlns:xsi and xmlns:fed itself, protocolSupportEnumeration = WS-Fed; the two types in order. */
export function roleDescriptors(xml: string): CheckResult {
  const found = roles(startTags(xml));
  return all(
    same(
      'RoleDescriptor types',
      found.map((t) => attribute(t, 'xsi:type')),
      ['fed:SecurityTokenServiceType', 'fed:ApplicationServiceType'],
    ),
    ...found.map((t) =>
      same(
        'RoleDescriptor declarations',
        [attribute(t, 'xmlns:xsi'), attribute(t, 'xmlns:fed'), attribute(t, 'protocolSupportEnumeration')],
        [XSI, WSFED, WSFED],
      ),
    ),
  );
}

/** The signing KeyDescriptors of a role: as many as the IDPSSODescriptor's, with the same certificates. */
function sameKeys(xml: string, tags: readonly Tag[], role: Tag): CheckResult {
  const keys = childrenOf(tags, role).filter((t) => t.local === 'KeyDescriptor');
  return all(
    keys.every((k) => attribute(k, 'use') === 'signing') ? true : 'a role KeyDescriptor is not use="signing"',
    same(
      'role certificates',
      keys.flatMap((k) => certificatesIn(xml, inside(tags, k))),
      [firstSigningCertificate(xml)],
    ),
  );
}

/**
 * The SecurityTokenServiceType: KeyDescriptor(s), ClaimTypesOffered (19 ClaimTypes, each declaring xmlns:auth, with DisplayName and
 * Description), the two endpoints.
 */
export function securityTokenService(xml: string): CheckResult {
  const tags = startTags(xml);
  const sts = roles(tags)[0];
  if (!sts) return 'no SecurityTokenServiceType';
  const children = childrenOf(tags, sts).map((t) => t.name);
  const offered = named(childrenOf(tags, sts), 'ClaimTypesOffered')[0];
  const claimTypes = offered ? childrenOf(tags, offered) : [];
  return all(
    same(
      'children',
      children.filter((n) => n !== 'KeyDescriptor'),
      ['fed:ClaimTypesOffered', 'fed:SecurityTokenServiceEndpoint', 'fed:PassiveRequestorEndpoint'],
    ),
    children[0] === 'KeyDescriptor' ? true : 'KeyDescriptor is not first',
    sameKeys(xml, tags, sts),
    same('ClaimType count', claimTypes.filter((t) => t.name === 'auth:ClaimType').length, 19),
    ...claimTypes.map((t) =>
      all(
        same('ClaimType xmlns:auth', attribute(t, 'xmlns:auth'), WSFED_AUTH),
        same(
          'ClaimType children',
          childrenOf(tags, t).map((c) => c.name),
          ['auth:DisplayName', 'auth:Description'],
        ),
      ),
    ),
  );
}

/** Every WS-Fed endpoint: wsa:EndpointReference (declaring xmlns:wsa) / wsa:Address, at {tid}/wsfed (TargetScopes: the entity ID). */
export function wsFederationEndpoints(xml: string): CheckResult {
  const tags = startTags(xml);
  const endpoints = roles(tags)
    .flatMap((role) => childrenOf(tags, role))
    .filter((t) => /Endpoint$|^TargetScopes$/.test(t.local));
  return all(
    same('endpoint count', endpoints.length, 5),
    ...endpoints.map((endpoint) => {
      const [reference] = childrenOf(tags, endpoint);
      const address = reference ? childrenOf(tags, reference)[0] : undefined;
      return all(
        same(
          'endpoint element',
          [reference?.name, attribute(reference, 'xmlns:wsa'), address?.name],
          ['wsa:EndpointReference', WSA, 'wsa:Address'],
        ),
        endpoint.local === 'TargetScopes' ? true : matches(`${endpoint.name} Address`, address && textAfter(xml, address), WSFED_ADDRESS),
      );
    }),
  );
}

/** The ApplicationServiceType: KeyDescriptor(s), TargetScopes = the entity ID, ApplicationServiceEndpoint and PassiveRequestorEndpoint. */
export function applicationService(xml: string): CheckResult {
  const tags = startTags(xml);
  const application = roles(tags)[1];
  if (!application) return 'no ApplicationServiceType';
  const scopes = named(childrenOf(tags, application), 'TargetScopes')[0];
  const scopeAddress = scopes ? named(inside(tags, scopes), 'Address')[0] : undefined;
  return all(
    same(
      'children',
      childrenOf(tags, application)
        .map((t) => t.name)
        .filter((n) => n !== 'KeyDescriptor'),
      ['fed:TargetScopes', 'fed:ApplicationServiceEndpoint', 'fed:PassiveRequestorEndpoint'],
    ),
    sameKeys(xml, tags, application),
    matches('TargetScopes Address', scopeAddress && textAfter(xml, scopeAddress), new RegExp(`^https://sts\\.windows\\.net/${GUID}/$`)),
    same('TargetScopes Address = entityID', scopeAddress && textAfter(xml, scopeAddress), attribute(tags[0], 'entityID')),
  );
}

export const claimTypeUris = (xml: string): CheckResult =>
  same(
    'ClaimType URIs',
    startTags(xml)
      .filter((t) => t.name === 'auth:ClaimType')
      .map((t) => attribute(t, 'Uri')),
    ENTRA_CLAIM_TYPES,
  );
