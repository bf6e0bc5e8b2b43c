// IdP metadata (SAML metadata-2.0) as each vendor publishes it: the persona's `metadata` shape
// (prefixes, root attributes, Entra's signature and WS-Federation role descriptors, Google's
// validUntil and indentation, NameIDFormats, binding order, logout, advertised attributes) applied
// to the tenant's entity ID, SSO URL and signing certificate. Element order is the schema's, so
// every document validates against saml-schema-metadata-2.0.xsd (metadata.test.ts). Written from
// data, not by samlify: the metadata route is what an SP reads first, and it should not wait for
// samlify, xml-crypto and xpath to load (they load with the SSO engine).
import { createHash, randomUUID, sign } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TestKeyPair } from '../../lib/index.ts';
import { sharedKey } from '../keys.ts';
import type { TenantState } from '../tenants.ts';
import { fillTemplate } from '../tenantIds.ts';
import type { SamlBinding, SamlMetadataShape, SamlPersona } from '../types.ts';
import { DIGESTS, ENVELOPED, EXC_C14N, privateKeyObject, ALGORITHMS } from './directSign.ts';
import { escapeXml } from './render.ts';
import { samlPaths } from './routes.ts';
import { canonicalizeExclusive, parseXmlSubset, XMLNS_DSIG } from './xmlSubset.ts';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const URI_NAME_FORMAT = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';
const WSFED = 'http://docs.oasis-open.org/wsfed/federation/200706';
const WSFED_AUTH = 'http://docs.oasis-open.org/wsfed/authorization/200706';
const WSA = 'http://www.w3.org/2005/08/addressing';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const BINDINGS: Readonly<Record<SamlBinding, string>> = {
  redirect: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
  post: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
};

/** An element of the document: name as written (with its prefix), attributes in order, children. */
interface Node {
  readonly name: string;
  readonly attributes: ReadonlyArray<readonly [string, string]>;
  readonly children: readonly (Node | string)[];
}

const node = (
  name: string,
  attributes: ReadonlyArray<readonly [string, string]> = [],
  children: readonly (Node | string)[] = [],
): Node => ({ name, attributes, children });

function serialize(element: Node, shape: Pick<SamlMetadataShape, 'layout' | 'emptyElementEnd'>, depth = 0): string {
  const indent = shape.layout === 'indented' ? `\n${'  '.repeat(depth)}` : '';
  const start = `<${element.name}${element.attributes.map(([name, value]) => ` ${name}="${escapeXml(value)}"`).join('')}`;
  if (element.children.length === 0) return `${depth === 0 ? '' : indent}${start}${shape.emptyElementEnd}`;
  const onlyText = element.children.every((child) => typeof child === 'string');
  const inner = element.children
    .map((child) => (typeof child === 'string' ? escapeXml(child) : serialize(child, shape, depth + 1)))
    .join('');
  const close = onlyText || shape.layout === 'one-line' ? '' : indent;
  return `${depth === 0 ? '' : indent}${start}>${inner}${close}</${element.name}>`;
}

function certificateText(key: TestKeyPair, shape: SamlMetadataShape): string {
  if (shape.certificate === 'one-line') return key.certificateBase64;
  return (key.certificateBase64.match(/.{1,76}/g) ?? []).join(`\n${shape.certificate.indent}`);
}

function keyDescriptor(use: 'signing' | 'encryption', key: TestKeyPair, shape: SamlMetadataShape, md: (name: string) => string): Node {
  const ds = (name: string): string => (shape.keyInfo === 'ds' ? `ds:${name}` : name);
  return node(
    md('KeyDescriptor'),
    [['use', use]],
    [
      node(
        ds('KeyInfo'),
        [[shape.keyInfo === 'ds' ? 'xmlns:ds' : 'xmlns', XMLNS_DSIG]],
        [node(ds('X509Data'), [], [node(ds('X509Certificate'), [], [certificateText(key, shape)])])],
      ),
    ],
  );
}

/** Entra's WS-Federation role descriptors: a security token service offering the claim types, and an application service. */
function wsFederationRoles(shape: SamlMetadataShape, signing: Node, entityId: string, ssoUrl: string): Node[] {
  if (!shape.wsFederation) return [];
  const wsfedUrl = new URL('wsfed', ssoUrl).href;
  const endpoint = (name: string, address: string): Node =>
    node(name, [], [node('wsa:EndpointReference', [['xmlns:wsa', WSA]], [node('wsa:Address', [], [address])])]);
  const role = (type: string, children: Node[]): Node =>
    node(
      'RoleDescriptor',
      [
        ['xmlns:xsi', XSI],
        ['xmlns:fed', WSFED],
        ['xsi:type', `fed:${type}`],
        ['protocolSupportEnumeration', WSFED],
      ],
      [signing, ...children],
    );
  const claims = shape.wsFederation.claimTypes.map((claim) =>
    node(
      'auth:ClaimType',
      [
        ['Uri', claim.uri],
        ['xmlns:auth', WSFED_AUTH],
      ],
      [node('auth:DisplayName', [], [claim.displayName]), node('auth:Description', [], [claim.description])],
    ),
  );
  return [
    role('SecurityTokenServiceType', [
      node('fed:ClaimTypesOffered', [], claims),
      endpoint('fed:SecurityTokenServiceEndpoint', wsfedUrl),
      endpoint('fed:PassiveRequestorEndpoint', wsfedUrl),
    ]),
    role('ApplicationServiceType', [
      endpoint('fed:TargetScopes', entityId),
      endpoint('fed:ApplicationServiceEndpoint', wsfedUrl),
      endpoint('fed:PassiveRequestorEndpoint', wsfedUrl),
    ]),
  ];
}

/** The enveloped signature over the root (Reference `#id`, exc-c14n, RSA-SHA256 / SHA-256), as Entra signs its metadata. */
function envelopedSignature(unsigned: string, id: string, key: TestKeyPair, shape: SamlMetadataShape): Node {
  const root = parseXmlSubset(unsigned);
  if (!root) throw new Error('IdP metadata outside the signable XML subset (a template bug).');
  const digest = createHash('sha256').update(canonicalizeExclusive(root), 'utf8').digest('base64');
  const signedInfoChildren = [
    node('CanonicalizationMethod', [['Algorithm', EXC_C14N]]),
    node('SignatureMethod', [['Algorithm', ALGORITHMS['rsa-sha256']]]),
    node(
      'Reference',
      [['URI', `#${id}`]],
      [
        node('Transforms', [], [node('Transform', [['Algorithm', ENVELOPED]]), node('Transform', [['Algorithm', EXC_C14N]])]),
        node('DigestMethod', [['Algorithm', DIGESTS.sha256]]),
        node('DigestValue', [], [digest]),
      ],
    ),
  ];
  // SignedInfo canonicalized on its own declares the namespace it inherits in the document.
  const standalone = parseXmlSubset(serialize(node('SignedInfo', [['xmlns', XMLNS_DSIG]], signedInfoChildren), shape));
  if (!standalone) throw new Error('SignedInfo outside the signable XML subset (a template bug).');
  const value = sign('sha256', Buffer.from(canonicalizeExclusive(standalone), 'utf8'), privateKeyObject(key)).toString('base64');
  return node(
    'Signature',
    [['xmlns', XMLNS_DSIG]],
    [
      node('SignedInfo', [], signedInfoChildren),
      node('SignatureValue', [], [value]),
      node('KeyInfo', [], [node('X509Data', [], [node('X509Certificate', [], [key.certificateBase64])])]),
    ],
  );
}

function rootAttributes(shape: SamlMetadataShape, id: string, entityId: string, key: TestKeyPair): [string, string][] {
  const values: Record<SamlMetadataShape['rootAttributes'][number], [string, string]> = {
    ID: ['ID', id],
    entityID: ['entityID', entityId],
    xmlns: [shape.prefix ? `xmlns:${shape.prefix}` : 'xmlns', MD],
    // The certificate's notAfter as it encodes it (whole seconds), written with milliseconds as Google does.
    validUntil: ['validUntil', new Date(Math.floor(key.notAfter.getTime() / 1000) * 1000).toISOString()],
  };
  return shape.rootAttributes.map((name) => values[name]);
}

/** The document, without its XML declaration. */
function metadataDocument(
  persona: SamlPersona,
  entityId: string,
  ssoUrl: string,
  key: TestKeyPair,
  encryptionKey: TestKeyPair | undefined,
): string {
  const shape = persona.metadata;
  const md = (name: string): string => (shape.prefix ? `${shape.prefix}:${name}` : name);
  const id = `_${randomUUID()}`;
  const signing = keyDescriptor('signing', key, shape, md);
  const logout = shape.singleLogout;
  const logoutUrl = logout?.at === 'sso-url/logout' ? `${ssoUrl.replace(/\/$/, '')}/logout` : ssoUrl;
  const descriptor = node(
    md('IDPSSODescriptor'),
    [...(shape.wantAuthnRequestsSigned ? [['WantAuthnRequestsSigned', 'false'] as const] : []), ['protocolSupportEnumeration', PROTOCOL]],
    [
      signing,
      ...(encryptionKey === undefined ? [] : [keyDescriptor('encryption', encryptionKey, shape, md)]),
      ...(logout?.bindings ?? []).map((binding) =>
        node(md('SingleLogoutService'), [
          ['Binding', BINDINGS[binding]],
          ['Location', logoutUrl],
        ]),
      ),
      ...shape.nameIdFormats.map((format) => node(md('NameIDFormat'), [], [format])),
      ...shape.ssoBindings.map((binding) =>
        node(md('SingleSignOnService'), [
          ['Binding', BINDINGS[binding]],
          ['Location', ssoUrl],
        ]),
      ),
      ...shape.attributes.map((attribute) =>
        node('Attribute', [
          ['Name', attribute.name],
          ['NameFormat', URI_NAME_FORMAT],
          ['FriendlyName', attribute.friendlyName],
          ['xmlns', ASSERTION],
        ]),
      ),
    ],
  );
  const children = [...wsFederationRoles(shape, signing, entityId, ssoUrl), descriptor];
  const unsigned = node(md('EntityDescriptor'), rootAttributes(shape, id, entityId, key), children);
  const text = serialize(unsigned, shape);
  if (!shape.signed) return text;
  return serialize(node(unsigned.name, unsigned.attributes, [envelopedSignature(text, id, key, shape), ...children]), shape);
}

const cache = new Map<string, string>();

/** `encryptionKey`: a certificate the metadata also lists for encryption (KeyDescriptor use="encryption"). */
export function idpMetadata(persona: SamlPersona, entityId: string, ssoUrl: string, key: TestKeyPair, encryptionKey?: TestKeyPair): string {
  const cacheKey = `${persona.id}|${entityId}|${ssoUrl}|${key.fingerprint256}|${encryptionKey?.fingerprint256 ?? ''}`;
  let xml = cache.get(cacheKey);
  if (!xml) {
    xml = persona.metadata.declaration + metadataDocument(persona, entityId, ssoUrl, key, encryptionKey);
    if (cache.size > 500) cache.clear();
    cache.set(cacheKey, xml);
  }
  return xml;
}

/** The metadata route of one SAML persona of one tenant (the tenant's signing key must exist: `ensureSigningKeys`). */
export function serveIdpMetadata(
  req: IncomingMessage,
  res: ServerResponse,
  persona: SamlPersona,
  tenant: TenantState,
  origin: string,
): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET', 'content-type': 'text/plain; charset=utf-8' }).end('IdP metadata is read with GET.\n');
    return;
  }
  const movedTo = tenant.samlMetadataMovedTo;
  if (movedTo !== undefined) {
    res.writeHead(302, { location: movedTo, 'cache-control': 'no-store' }).end();
    return;
  }
  const entityId = fillTemplate(persona.entityIdTemplate, tenant.ids);
  const xml = idpMetadata(
    persona,
    entityId,
    origin + samlPaths(persona, tenant.ids).sso,
    tenant.signingKeys(persona.id).current,
    tenant.samlEncryptionKey ? sharedKey('attacker') : undefined,
  );
  res
    .writeHead(200, { 'content-type': 'application/samlmetadata+xml; charset=utf-8', 'cache-control': 'no-store' })
    .end(req.method === 'HEAD' ? undefined : xml);
}
