import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import type { SamlSettings } from './contract.ts';
import { buildSpMetadata } from './spMetadata.ts';
import { spEndpointsFor } from './spEndpoints.ts';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';

function parse(xml: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(xml, 'text/xml') as unknown as Document;
}

const sp = spEndpointsFor('http://127.0.0.1:8080', 5);

describe('buildSpMetadata', () => {
  it('describes the SP: entity ID, unsigned requests, ACS with POST binding, email and unspecified NameID formats', () => {
    const doc = parse(buildSpMetadata(sp));
    const root = doc.documentElement;
    expect(root.namespaceURI).toBe(MD);
    expect(root.localName).toBe('EntityDescriptor');
    expect(root.getAttribute('entityID')).toBe(sp.entityId);
    const spsso = doc.getElementsByTagNameNS(MD, 'SPSSODescriptor').item(0);
    expect(spsso?.getAttribute('AuthnRequestsSigned')).toBe('false');
    expect(spsso?.getAttribute('WantAssertionsSigned')).toBe('true');
    expect(spsso?.getAttribute('protocolSupportEnumeration')).toBe('urn:oasis:names:tc:SAML:2.0:protocol');
    const formats = Array.from(doc.getElementsByTagNameNS(MD, 'NameIDFormat')).map((n) => n.textContent);
    expect(formats).toEqual([
      'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
    ]);
    const acs = doc.getElementsByTagNameNS(MD, 'AssertionConsumerService').item(0);
    expect(acs?.getAttribute('Binding')).toBe('urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST');
    expect(acs?.getAttribute('Location')).toBe(sp.acsUrl);
    expect(acs?.getAttribute('isDefault')).toBe('true');
  });

  it('follows the settings for WantAssertionsSigned', () => {
    const settings = { requireSignedAssertion: false } as SamlSettings;
    const doc = parse(buildSpMetadata(sp, settings));
    expect(doc.getElementsByTagNameNS(MD, 'SPSSODescriptor').item(0)?.getAttribute('WantAssertionsSigned')).toBe('false');
  });

  it('escapes URLs that carry XML special characters', () => {
    const odd = { ...sp, acsUrl: 'http://127.0.0.1/a?x=1&y="2"' };
    const doc = parse(buildSpMetadata(odd));
    expect(doc.getElementsByTagNameNS(MD, 'AssertionConsumerService').item(0)?.getAttribute('Location')).toBe(
      'http://127.0.0.1/a?x=1&y="2"',
    );
  });
});
