// The SAML IdP metadata rows of vendors.md ("SAML 2.0 IdP metadata"), one feature per row and
// vendor, plus the per-vendor prose under the table (Entra's WS-Fed role descriptors and claim
// types, Auth0's five advertised attributes) and the schema order stated above it.
import type { Vendor } from '../../types.ts';
import { all, atVendorHost, GUID, matches, MOCK_HOST, same, type CheckResult, type DocumentFeature } from './featureLedger.ts';
import {
  applicationService,
  claimTypeUris,
  envelopedSignature,
  roleDescriptors,
  securityTokenService,
  wsFederationEndpoints,
} from './entraMetadataChecks.ts';
import {
  attributeCount,
  declaration,
  descriptorAttributes,
  EMAIL,
  entityId,
  keyInfoStyle,
  nameIdFormats,
  noRootAttributes,
  oneLine,
  POST,
  PROTOCOL,
  REDIRECT,
  root,
  rootChildren,
  rootOf,
  schemaOrder,
  services,
  signingCertificate,
  signingKeyDescriptors,
  twoSpaceIndentation,
  unsigned,
  validUntilIsCertificateEnd,
} from './metadataChecks.ts';
import { attribute, attributeNames, startTags } from './xmlText.ts';

type Check = (xml: string, served: { url: string }) => CheckResult;

const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
const TRANSIENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient';
const ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
const URI_FORMAT = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';
const XS = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/';
const EXK = 'exk[A-Za-z0-9]{17}';

// The certificates are generated per tenant at run time with the vendor's subject; they say they
// are test-only in an nsComment extension (lib/x509.ts), which no row of vendors.md speaks of.
const OKTA_SUBJECT = (org: string): string =>
  `C=US, ST=California, L=San Francisco, O=Okta, OU=SSOProvider, CN=${org}, emailAddress=info@okta.com`;
/** The org's subdomain: the mock's stand-in for `{org}.okta.com` is the path segment after /okta/. */
const oktaOrg = (_xml: string, served: { url: string }): string => /\/okta\/([^/]+)\//.exec(served.url)?.[1] ?? '(no org in the URL)';
/** `{tenant}`: the entityID is `urn:{tenant}`. */
const auth0Tenant = (xml: string): string => attribute(rootOf(xml), 'entityID')?.replace(/^urn:/, '') ?? '(no entityID)';

const feature = (vendor: Vendor, name: string, check: Check): DocumentFeature<'metadata'> => ({
  document: 'metadata',
  vendor,
  feature: name,
  check,
});
const notModelled = (vendor: Vendor, name: string, why: string): DocumentFeature<'metadata'> => ({
  document: 'metadata',
  vendor,
  feature: name,
  notModelled: why,
});
const where =
  (path: string): Check =>
  (_xml, served) =>
    matches('URL', served.url, new RegExp(`^${path}$`));

const ID = (xml: string): CheckResult => matches('ID', attribute(rootOf(xml), 'ID'), new RegExp(`^_${GUID}$`));
const noId = noRootAttributes('ID');
const neitherValidity = noRootAttributes('validUntil', 'cacheDuration');
const SCHEMA_ORDER = 'element order (schema: SingleLogoutService, NameIDFormat, SingleSignOnService, saml:Attribute last)';

/** One logout service, over Redirect, at the SSO URL itself. */
function entraLogout(xml: string): CheckResult {
  const location = (local: string): string | undefined =>
    attribute(
      startTags(xml).find((t) => t.local === local),
      'Location',
    );
  return all(
    services('SingleLogoutService', [REDIRECT], atVendorHost('entra', `/${GUID}/saml2`))(xml),
    same('logout Location = SSO Location', location('SingleLogoutService'), location('SingleSignOnService')),
  );
}

function auth0Attributes(xml: string): CheckResult {
  const found = startTags(xml).filter((t) => t.local === 'Attribute');
  return all(
    same('count', found.length, 5),
    ...found.map((t) =>
      all(
        same(
          'Attribute written',
          [t.name, attributeNames(t), t.empty],
          ['Attribute', ['Name', 'NameFormat', 'FriendlyName', 'xmlns'], true],
        ),
        same('NameFormat, xmlns', [attribute(t, 'NameFormat'), attribute(t, 'xmlns')], [URI_FORMAT, ASSERTION]),
      ),
    ),
  );
}

const auth0AttributeNames = (xml: string): CheckResult =>
  same(
    'Name / FriendlyName',
    startTags(xml)
      .filter((t) => t.local === 'Attribute')
      .map((t) => [attribute(t, 'Name'), attribute(t, 'FriendlyName')]),
    [
      [`${XS}emailaddress`, 'E-Mail Address'],
      [`${XS}givenname`, 'Given Name'],
      [`${XS}name`, 'Name'],
      [`${XS}surname`, 'Surname'],
      [`${XS}nameidentifier`, 'Name ID'],
    ],
  );

export const METADATA_FEATURES: readonly DocumentFeature<'metadata'>[] = [
  // Entra ID
  feature(
    'entra',
    'where (path shape /{tid}/federationmetadata/2007-06/federationmetadata.xml?appid={appid}; host not compared)',
    where(`${MOCK_HOST.entra}/${GUID}/federationmetadata/2007-06/federationmetadata\\.xml\\?appid=[^&]+`),
  ),
  feature('entra', 'XML declaration (lowercase utf-8)', declaration('<?xml version="1.0" encoding="utf-8"?>')),
  feature(
    'entra',
    'root, prefixes (default namespace; ID entityID xmlns; md elements unprefixed)',
    root('EntityDescriptor', ['ID', 'entityID', 'xmlns'], ['xmlns']),
  ),
  feature('entra', 'entityID', entityId(new RegExp(`^https://sts\\.windows\\.net/${GUID}/$`))),
  feature('entra', 'ID attribute', ID),
  feature('entra', 'signed', envelopedSignature),
  feature('entra', 'validUntil / cacheDuration', neitherValidity),
  feature(
    'entra',
    'role descriptors (two WS-Fed RoleDescriptors before IDPSSODescriptor)',
    rootChildren(['Signature', 'RoleDescriptor', 'RoleDescriptor', 'IDPSSODescriptor']),
  ),
  feature('entra', 'IDPSSODescriptor attributes', descriptorAttributes([['protocolSupportEnumeration', PROTOCOL]])),
  feature('entra', 'KeyDescriptor (1 or 2 × signing, no encryption key)', signingKeyDescriptors(1, 2)),
  feature('entra', 'KeyInfo style', keyInfoStyle('KeyInfo', 'xmlns')),
  feature(
    'entra',
    'certificate (self-signed RSA-2048, CN=Microsoft Azure Federated SSO Certificate, 3 years)',
    signingCertificate(() => 'CN=Microsoft Azure Federated SSO Certificate', { years: 3 }, 'any'),
  ),
  feature('entra', 'NameIDFormat, in order (none)', nameIdFormats([])),
  feature(
    'entra',
    'SingleSignOnService, in order (path shape /{tid}/saml2)',
    services('SingleSignOnService', [REDIRECT, POST], atVendorHost('entra', `/${GUID}/saml2`)),
  ),
  feature('entra', 'SingleLogoutService', entraLogout),
  feature('entra', 'saml:Attribute (none)', attributeCount(0)),
  feature('entra', 'layout (one line, empty elements written " />")', oneLine(' />')),
  feature('entra', SCHEMA_ORDER, schemaOrder),
  feature(
    'entra',
    'WS-Fed RoleDescriptors: types in order, each declaring xmlns:xsi and xmlns:fed, protocolSupportEnumeration WS-Fed',
    roleDescriptors,
  ),
  feature(
    'entra',
    'WS-Fed SecurityTokenServiceType: KeyDescriptor, ClaimTypesOffered (19, each with xmlns:auth, DisplayName, Description), two endpoints',
    securityTokenService,
  ),
  feature('entra', 'WS-Fed endpoints: wsa:EndpointReference / wsa:Address at /{tid}/wsfed', wsFederationEndpoints),
  feature(
    'entra',
    'WS-Fed ApplicationServiceType: KeyDescriptor, TargetScopes (entityID), ApplicationServiceEndpoint, PassiveRequestorEndpoint',
    applicationService,
  ),
  feature('entra', 'WS-Fed ClaimType URIs, in order', claimTypeUris),

  // Okta (the 2024 documents: the persona models 2024, not the 2018 layout)
  feature(
    'okta',
    'where (path shape /app/{exk…}/sso/saml/metadata under the org host)',
    where(`${MOCK_HOST.okta}/app/${EXK}/sso/saml/metadata`),
  ),
  feature('okta', 'XML declaration (2024: UTF-8)', declaration('<?xml version="1.0" encoding="UTF-8"?>')),
  feature(
    'okta',
    'root, prefixes (md:, only xmlns:md; 2024 order entityID xmlns:md)',
    root('md:EntityDescriptor', ['entityID', 'xmlns:md'], ['xmlns:md']),
  ),
  feature('okta', 'entityID', entityId(new RegExp(`^http://www\\.okta\\.com/${EXK}$`))),
  feature('okta', 'ID attribute (no)', noId),
  feature('okta', 'signed (no)', unsigned),
  feature('okta', 'validUntil / cacheDuration', neitherValidity),
  feature('okta', 'role descriptors (IDPSSODescriptor only)', rootChildren(['IDPSSODescriptor'])),
  feature(
    'okta',
    'IDPSSODescriptor attributes',
    descriptorAttributes([
      ['WantAuthnRequestsSigned', 'false'],
      ['protocolSupportEnumeration', PROTOCOL],
    ]),
  ),
  feature('okta', 'KeyDescriptor (1 × signing)', signingKeyDescriptors(1, 1)),
  feature('okta', 'KeyInfo style (ds: declared locally)', keyInfoStyle('ds:KeyInfo', 'xmlns:ds')),
  feature(
    'okta',
    'certificate (C/ST/L/O/OU/CN={org}/emailAddress; 10 years + 1 minute; 2024: wrapped at 76, each break followed by 4 spaces)',
    signingCertificate((xml, served) => OKTA_SUBJECT(oktaOrg(xml, served)), { years: 10, minutes: 1 }, { wrap: 76, indent: '    ' }),
  ),
  feature('okta', 'NameIDFormat, in order (2024: emailAddress)', nameIdFormats([EMAIL])),
  feature(
    'okta',
    'SingleSignOnService, in order (path shape /app/{org-slug}_{appname}_1/{exk…}/sso/saml)',
    services('SingleSignOnService', [POST, REDIRECT], atVendorHost('okta', `/app/[a-z0-9]+_[a-z0-9]+_1/${EXK}/sso/saml`)),
  ),
  feature('okta', 'SingleLogoutService (none)', services('SingleLogoutService', [], /^$/)),
  feature('okta', 'saml:Attribute (none)', attributeCount(0)),
  feature('okta', 'layout (2024: one line)', oneLine('/>')),
  feature('okta', SCHEMA_ORDER, schemaOrder),

  // Google Workspace (the 2022–23 downloads)
  notModelled(
    'google',
    'where (downloaded from the Admin console, no public URL)',
    "an SP imports the mock's metadata over HTTP, so the mock serves it at a URL where Google has none",
  ),
  feature('google', 'XML declaration (2022–23: UTF-8, root on the same line)', declaration('<?xml version="1.0" encoding="UTF-8"?>')),
  feature(
    'google',
    'root, prefixes (md:, only xmlns:md; order xmlns:md entityID validUntil)',
    root('md:EntityDescriptor', ['xmlns:md', 'entityID', 'validUntil'], ['xmlns:md']),
  ),
  feature('google', 'entityID', entityId(/^https:\/\/accounts\.google\.com\/o\/saml2\?idpid=C0[A-Za-z0-9]+$/)),
  feature('google', 'ID attribute (no)', noId),
  feature('google', 'signed (no)', unsigned),
  feature(
    'google',
    'validUntil / cacheDuration (validUntil = certificate notAfter, .000Z, 1825-day certificate)',
    validUntilIsCertificateEnd,
  ),
  feature('google', 'role descriptors (IDPSSODescriptor only)', rootChildren(['IDPSSODescriptor'])),
  feature(
    'google',
    'IDPSSODescriptor attributes',
    descriptorAttributes([
      ['WantAuthnRequestsSigned', 'false'],
      ['protocolSupportEnumeration', PROTOCOL],
    ]),
  ),
  feature('google', 'KeyDescriptor (1 × signing)', signingKeyDescriptors(1, 1)),
  feature('google', 'KeyInfo style (ds: declared locally)', keyInfoStyle('ds:KeyInfo', 'xmlns:ds')),
  feature(
    'google',
    'certificate (O=Google Inc., L=Mountain View, CN=Google, OU=Google For Work, C=US, ST=California; 1825 days; wrapped at 76)',
    signingCertificate(
      () => 'O=Google Inc., L=Mountain View, CN=Google, OU=Google For Work, C=US, ST=California',
      { days: 1825 },
      { wrap: 76, indent: '' },
    ),
  ),
  feature('google', 'NameIDFormat, in order (emailAddress)', nameIdFormats([EMAIL])),
  feature(
    'google',
    'SingleSignOnService, in order (path shape /o/saml2/idp; the mock carries {idpid} in its host prefix, not in ?idpid=)',
    services('SingleSignOnService', [REDIRECT, POST], atVendorHost('google', '/o/saml2/idp')),
  ),
  feature('google', 'SingleLogoutService (none)', services('SingleLogoutService', [], /^$/)),
  feature('google', 'saml:Attribute (none)', attributeCount(0)),
  feature('google', 'layout (2-space indentation)', twoSpaceIndentation),
  feature('google', SCHEMA_ORDER, schemaOrder),

  // Auth0
  feature(
    'auth0',
    'where (path shape /samlp/metadata/{client_id} under the tenant host)',
    where(`${MOCK_HOST.auth0}/samlp/metadata/[A-Za-z0-9]+`),
  ),
  feature('auth0', 'XML declaration (none)', declaration('')),
  feature('auth0', 'root, prefixes (default namespace; order entityID xmlns)', root('EntityDescriptor', ['entityID', 'xmlns'], ['xmlns'])),
  feature('auth0', 'entityID (urn:{tenant})', entityId(/^urn:[a-z0-9-]+(?:\.[a-z]{2})?\.auth0\.com$/)),
  feature('auth0', 'ID attribute (no)', noId),
  feature('auth0', 'signed (no)', unsigned),
  feature('auth0', 'validUntil / cacheDuration', neitherValidity),
  feature('auth0', 'role descriptors (IDPSSODescriptor only)', rootChildren(['IDPSSODescriptor'])),
  feature('auth0', 'IDPSSODescriptor attributes', descriptorAttributes([['protocolSupportEnumeration', PROTOCOL]])),
  feature('auth0', 'KeyDescriptor (1 × signing)', signingKeyDescriptors(1, 1)),
  feature('auth0', 'KeyInfo style (unprefixed)', keyInfoStyle('KeyInfo', 'xmlns')),
  feature(
    'auth0',
    'certificate (CN={tenant}; exactly 5000 days; base64 on one line)',
    signingCertificate((xml) => `CN=${auth0Tenant(xml)}`, { days: 5000 }, 'one-line'),
  ),
  feature('auth0', 'NameIDFormat, in order', nameIdFormats([EMAIL, PERSISTENT, TRANSIENT])),
  feature(
    'auth0',
    'SingleSignOnService, in order (path shape /samlp/{client_id})',
    services('SingleSignOnService', [REDIRECT, POST], atVendorHost('auth0', '/samlp/[A-Za-z0-9]+')),
  ),
  feature(
    'auth0',
    "SingleLogoutService (Redirect, POST at /samlp/{client_id}/logout; the current form, not 2019's)",
    services('SingleLogoutService', [REDIRECT, POST], atVendorHost('auth0', '/samlp/[A-Za-z0-9]+/logout')),
  ),
  feature('auth0', 'saml:Attribute (5)', attributeCount(5)),
  notModelled('auth0', 'layout', 'vendors.md has no fact to match: only re-indented copies exist, layout unknown'),
  feature('auth0', SCHEMA_ORDER, schemaOrder),
  feature('auth0', 'advertised attributes written <Attribute Name NameFormat=uri FriendlyName xmlns=assertion/>', auth0Attributes),
  feature('auth0', 'advertised attributes: the five Name / FriendlyName pairs, in order', auth0AttributeNames),
];
