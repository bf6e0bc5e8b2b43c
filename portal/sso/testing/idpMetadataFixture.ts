// Builds IdP metadata documents for tests (generated, never captured from a real tenant).

export interface IdpMetadataFixture {
  entityId?: string;
  /** Base64 certificate bodies, each in its own KeyDescriptor. */
  certificates?: readonly string[];
  /** `use` attribute per certificate (default "signing"; null = attribute absent). */
  keyUse?: readonly (string | null)[];
  redirectUrl?: string | null;
  postUrl?: string | null;
  /** Replace the IDPSSODescriptor element name (e.g. SPSSODescriptor) to build wrong documents. */
  descriptor?: string;
}

export function idpMetadataXml(options: IdpMetadataFixture = {}): string {
  const entityId = options.entityId ?? 'https://sts.windows.net/00000000-0000-0000-0000-000000000001/';
  const descriptor = options.descriptor ?? 'IDPSSODescriptor';
  const keys = (options.certificates ?? []).map((body, index) => {
    const use = options.keyUse?.[index] === undefined ? 'signing' : options.keyUse[index];
    return `<md:KeyDescriptor${use === null ? '' : ` use="${use}"`}><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${body}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
  });
  const redirect = options.redirectUrl === undefined ? 'http://127.0.0.1:1/saml2' : options.redirectUrl;
  const post = options.postUrl === undefined ? 'http://127.0.0.1:1/saml2' : options.postUrl;
  const services = [
    redirect === null
      ? ''
      : `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${redirect}"/>`,
    post === null ? '' : `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${post}"/>`,
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${entityId}">`,
    `<md:${descriptor} protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">`,
    ...keys,
    '<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>',
    ...services,
    `</md:${descriptor}>`,
    '</md:EntityDescriptor>',
  ].join('\n');
}
