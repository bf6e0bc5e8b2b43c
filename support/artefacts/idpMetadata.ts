// IdP metadata (SAML metadata 2.0, §2.4.3 IDPSSODescriptor): the entity ID, SSO endpoints and the
// signing certificates the SP must trust. Structural problems are collected as plain sentences
// for the pre-enable check; only a document that is not metadata at all is an error.
import type { Element } from '@xmldom/xmldom';
import { readCertificate, type CertificateInfo } from './certificates.ts';
import { SupportInputError } from './errors.ts';
import { NS, attr, childElements, descendants, firstChild, parseXml, textOf } from './xml.ts';

export interface IdpMetadataFacts {
  readonly entityId: string;
  readonly validUntil?: string;
  readonly ssoServices: ReadonlyArray<{ readonly binding: string; readonly location: string }>;
  readonly signingCertificates: readonly CertificateInfo[];
  readonly encryptionCertificates: readonly CertificateInfo[];
  /** `alg:SigningMethod` / `alg:DigestMethod` the IdP advertises (SAML metadata algsupport profile). */
  readonly signingMethods: readonly string[];
  readonly digestMethods: readonly string[];
  readonly nameIdFormats: readonly string[];
  /** What makes this metadata unusable or suspicious, in plain words. */
  readonly problems: readonly string[];
}

export const BINDINGS = {
  redirect: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
  post: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
} as const;

export function looksLikeMetadata(text: string): boolean {
  return /<(\w+:)?Entit(y|ies)Descriptor\b/.test(text.slice(0, 4000));
}

export function readIdpMetadata(xml: string, where: string): IdpMetadataFacts {
  const doc = parseXml(xml, `The IdP metadata (${where})`, 'config-invalid');
  const root = doc.documentElement!;
  const entity =
    root.localName === 'EntitiesDescriptor'
      ? descendants(root, NS.metadata, 'EntityDescriptor').find((candidate) => firstChild(candidate, NS.metadata, 'IDPSSODescriptor'))
      : root;
  if (!entity || entity.localName !== 'EntityDescriptor' || entity.namespaceURI !== NS.metadata) {
    throw new SupportInputError(
      'config-invalid',
      `${where} is not SAML IdP metadata: its root element is <${root.tagName}>, expected <md:EntityDescriptor> (namespace ${NS.metadata}). Download the federation metadata XML from the IdP console again.`,
    );
  }
  const problems: string[] = [];
  const entityId = attr(entity, 'entityID') ?? '';
  if (!entityId) problems.push('The EntityDescriptor has no entityID attribute: the SP cannot know which issuer to expect.');
  const idp = firstChild(entity, NS.metadata, 'IDPSSODescriptor');
  if (!idp) {
    problems.push("There is no IDPSSODescriptor: this is not an identity provider's metadata (SP metadata pasted by mistake?).");
  } else if (!(attr(idp, 'protocolSupportEnumeration') ?? '').includes(NS.protocol)) {
    problems.push(`The IDPSSODescriptor does not list SAML 2.0 (${NS.protocol}) in protocolSupportEnumeration.`);
  }
  const ssoServices = idp
    ? childElements(idp, NS.metadata, 'SingleSignOnService').map((service) => ({
        binding: attr(service, 'Binding') ?? '',
        location: attr(service, 'Location') ?? '',
      }))
    : [];
  if (idp && !ssoServices.some((service) => service.binding === BINDINGS.redirect || service.binding === BINDINGS.post)) {
    problems.push('No SingleSignOnService with the HTTP-Redirect or HTTP-POST binding: the SP has nowhere to send users.');
  }
  for (const service of ssoServices) {
    if (!isAbsoluteUrl(service.location)) problems.push(`SingleSignOnService Location "${service.location}" is not an absolute URL.`);
  }
  const certificates = idp ? readKeyDescriptors(idp, problems) : { signing: [], encryption: [] };
  if (idp && certificates.signing.length === 0)
    problems.push('No signing certificate (KeyDescriptor use="signing" with an X509Certificate): the SP cannot verify any response.');
  const validUntil = attr(entity, 'validUntil') ?? attr(root, 'validUntil');
  const extensions = [entity, ...(idp ? [idp] : [])].flatMap((element) => childElements(element, NS.metadata, 'Extensions'));
  return {
    entityId,
    ...(validUntil !== undefined ? { validUntil } : {}),
    ssoServices,
    signingCertificates: certificates.signing,
    encryptionCertificates: certificates.encryption,
    signingMethods: extensions
      .flatMap((ext) => descendants(ext, NS.algSupport, 'SigningMethod'))
      .map((method) => attr(method, 'Algorithm') ?? ''),
    digestMethods: extensions
      .flatMap((ext) => descendants(ext, NS.algSupport, 'DigestMethod'))
      .map((method) => attr(method, 'Algorithm') ?? ''),
    nameIdFormats: idp ? childElements(idp, NS.metadata, 'NameIDFormat').map((format) => textOf(format) ?? '') : [],
    problems,
  };
}

function readKeyDescriptors(idp: Element, problems: string[]): { signing: CertificateInfo[]; encryption: CertificateInfo[] } {
  const signing: CertificateInfo[] = [];
  const encryption: CertificateInfo[] = [];
  childElements(idp, NS.metadata, 'KeyDescriptor').forEach((descriptor, index) => {
    const use = attr(descriptor, 'use');
    for (const element of descendants(descriptor, NS.dsig, 'X509Certificate')) {
      try {
        const certificate = readCertificate(textOf(element) ?? '', `KeyDescriptor #${index + 1} of the IdP metadata`);
        // SAML metadata §2.4.1.1: a KeyDescriptor without `use` serves both purposes.
        if (use !== 'encryption') signing.push(certificate);
        if (use !== 'signing') encryption.push(certificate);
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
  });
  return { signing, encryption };
}

export function isAbsoluteUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
