// Reading SAML 2.0 IdP metadata (saml-metadata-2.0-os §2.4.3 IDPSSODescriptor): entity ID,
// single sign-on endpoint and signing certificates. Problems say what is wrong in the document.
import { defectOn } from '../defects.ts';
import type { DefectSet } from './contract.ts';
import { childElements, descendantElements, NS, parseUntrustedXml, textOf } from './safeXml.ts';

export const BINDING_REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
export const BINDING_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const SAML2_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const MAX_METADATA_BYTES = 1_000_000;

export interface IdpMetadata {
  readonly entityId: string;
  readonly ssoUrl: string;
  readonly ssoBinding: 'redirect' | 'post';
  /** Base64 bodies of the signing certificates, in document order (rotation publishes two). */
  readonly signingCertificates: readonly string[];
}

export type IdpMetadataParse = { readonly ok: true; readonly metadata: IdpMetadata } | { readonly ok: false; readonly problem: string };

/**
 * Parse IdP metadata. Problems are sentences that start with "The metadata …". `defects`: the portal's defect switches (portal/defects.ts);
 * none by default.
 */
export function parseIdpMetadata(xml: string, defects: DefectSet = new Set()): IdpMetadataParse {
  if (Buffer.byteLength(xml, 'utf8') > MAX_METADATA_BYTES)
    return {
      ok: false,
      problem: `The metadata is larger than ${MAX_METADATA_BYTES} bytes; IdP metadata is a few kilobytes: check that this is the right document.`,
    };
  if (xml.trim() === '')
    return {
      ok: false,
      problem:
        'The metadata is empty: upload the IdP metadata XML file (Entra: "Federation Metadata XML"; Okta: "Identity Provider metadata"; Google: "Download metadata").',
    };
  const parsed = parseUntrustedXml(xml);
  if (!parsed.ok) {
    return parsed.problem === 'doctype'
      ? {
          ok: false,
          problem:
            'The metadata contains a DOCTYPE, which is never allowed (XML external entity protection). Real IdP metadata has none: download it again from the IdP.',
        }
      : { ok: false, problem: `The metadata is not XML: ${parsed.detail}. Upload the XML file itself, not an HTML page or a certificate.` };
  }
  const root = parsed.doc.documentElement;
  const entity = pickIdpEntity(root);
  if (!entity.ok) return entity;
  const entityId = entity.element.getAttribute('entityID')?.trim() ?? '';
  if (entityId === '')
    return { ok: false, problem: 'The metadata EntityDescriptor has no entityID attribute: the IdP entity ID cannot be read.' };

  const descriptors = childElements(entity.element, NS.md, 'IDPSSODescriptor');
  const descriptor = descriptors.find((d) => (d.getAttribute('protocolSupportEnumeration') ?? '').split(/\s+/).includes(SAML2_PROTOCOL));
  if (!descriptor) {
    return {
      ok: false,
      problem:
        descriptors.length === 0
          ? 'The metadata has no IDPSSODescriptor: it describes a service provider or another kind of entity, not an identity provider. Download the IdP metadata (not the SP metadata).'
          : 'The metadata IDPSSODescriptor does not support the SAML 2.0 protocol (protocolSupportEnumeration).',
    };
  }

  const signingCertificates = childElements(descriptor, NS.md, 'KeyDescriptor')
    // A KeyDescriptor without `use` serves both signing and encryption (metadata §2.4.1.1). The
    // defect switch takes the encryption ones too.
    .filter((key) => defectOn(defects, 'metadata-trusts-encryption-keys') || (key.getAttribute('use') ?? 'signing') === 'signing')
    .flatMap((key) => descendantElements(key, NS.ds, 'X509Certificate').map((cert) => textOf(cert).replace(/\s+/g, '')))
    .filter((body) => body !== '');
  if (signingCertificates.length === 0) {
    return {
      ok: false,
      problem:
        'The metadata has no signing KeyDescriptor (no <KeyDescriptor use="signing"> with an X509Certificate): the signing certificate is missing. Download the metadata again, or enter the configuration manually with the signing certificate.',
    };
  }

  const services = childElements(descriptor, NS.md, 'SingleSignOnService');
  const endpoint = (binding: string): string | undefined =>
    services
      .find((s) => s.getAttribute('Binding') === binding)
      ?.getAttribute('Location')
      ?.trim() || undefined;
  const redirect = endpoint(BINDING_REDIRECT);
  const post = endpoint(BINDING_POST);
  const ssoUrl = redirect ?? post;
  if (ssoUrl === undefined) {
    return {
      ok: false,
      problem:
        'The metadata has no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding: the portal cannot send users to this IdP to log in.',
    };
  }
  return { ok: true, metadata: { entityId, ssoUrl, ssoBinding: redirect ? 'redirect' : 'post', signingCertificates } };
}

type EntityPick = { readonly ok: true; readonly element: Element } | { readonly ok: false; readonly problem: string };

// An aggregate (EntitiesDescriptor) is accepted only when it holds exactly one IdP.
function pickIdpEntity(root: Element): EntityPick {
  if (root.namespaceURI === NS.md && root.localName === 'EntityDescriptor') return { ok: true, element: root };
  if (root.namespaceURI === NS.md && root.localName === 'EntitiesDescriptor') {
    const idps = descendantElements(root, NS.md, 'EntityDescriptor').filter((e) => childElements(e, NS.md, 'IDPSSODescriptor').length > 0);
    if (idps.length === 1 && idps[0]) return { ok: true, element: idps[0] };
    return {
      ok: false,
      problem:
        idps.length === 0
          ? 'The metadata has no IDPSSODescriptor: none of its entities is an identity provider.'
          : `The metadata describes ${idps.length} identity providers: use the metadata of the one IdP this account logs in with.`,
    };
  }
  return {
    ok: false,
    problem: `The metadata root element is <${root.nodeName}>, not a SAML EntityDescriptor (urn:oasis:names:tc:SAML:2.0:metadata): this is not SAML metadata.`,
  };
}
