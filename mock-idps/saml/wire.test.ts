// The wire shape of each persona's happy-path response, against the table in
// reference/vendors.md ("Wire shape, as seen in real captured artefacts").
import { describe, expect, it } from 'vitest';
import { mintSamlResponse } from './mint.ts';

const SP = { acs: 'http://127.0.0.1:4000/sso/acme/saml/acs', audience: 'http://127.0.0.1:4000/sso/acme' };

const WIRE = [
  {
    persona: 'entra-saml',
    declaration: null,
    root: '<samlp:Response ',
    issuer: '<Issuer xmlns="urn:oasis:names:tc:SAML:2.0:assertion">',
    signedIn: ['Assertion'],
    signature: '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">',
    id: /^_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    order: ['Subject', 'Conditions', 'AttributeStatement', 'AuthnStatement'],
    classRef: 'ac:classes:Password',
    issuerFormat: false,
    notBefore: -300,
    notOnOrAfter: 3600,
    sessionIndex: 'assertion-id',
  },
  {
    persona: 'okta-saml',
    declaration: '<?xml version="1.0" encoding="UTF-8"?>',
    root: '<saml2p:Response ',
    issuer: '<saml2:Issuer xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">',
    signedIn: ['Response', 'Assertion'],
    signature: '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">',
    id: /^id\d{25,27}$/,
    order: ['Subject', 'Conditions', 'AuthnStatement', 'AttributeStatement'],
    classRef: 'ac:classes:PasswordProtectedTransport',
    issuerFormat: true,
    notBefore: -300,
    notOnOrAfter: 300,
    sessionIndex: 'in-response-to',
  },
  {
    persona: 'google-saml',
    declaration: '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
    root: '<saml2p:Response ',
    issuer: '<saml2:Issuer xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion">',
    signedIn: ['Assertion'],
    signature: '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">',
    id: /^_[0-9a-f]{32}$/,
    order: ['Subject', 'Conditions', 'AuthnStatement'],
    classRef: 'ac:classes:unspecified',
    issuerFormat: false,
    notBefore: -300,
    notOnOrAfter: 300,
    sessionIndex: 'assertion-id',
  },
  {
    persona: 'auth0-saml',
    declaration: null,
    root: '<samlp:Response ',
    issuer: '<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">',
    signedIn: ['Assertion'],
    signature: '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">',
    id: /^_[A-Za-z0-9]{20}$/,
    order: ['Subject', 'Conditions', 'AuthnStatement', 'AttributeStatement'],
    classRef: 'ac:classes:unspecified',
    issuerFormat: false,
    notBefore: 0,
    notOnOrAfter: 3600,
    sessionIndex: 'random',
  },
] as const;

const attr = (xml: string, element: string, name: string): string =>
  new RegExp(`<(?:\\w+:)?${element}\\b[^>]*\\s${name}="([^"]*)"`).exec(xml)?.[1] ?? '';

describe.each(WIRE)('$persona wire shape', (w) => {
  it('matches the captured artefacts: prefixes, declaration, IDs, signature placement, element order, validity, SessionIndex', async () => {
    const { xml } = await mintSamlResponse({ persona: w.persona, ...SP, email: 'bob.user@example.com', inResponseTo: '_req-42' });
    expect(xml.startsWith(w.declaration ?? '<')).toBe(true);
    expect(xml.slice((w.declaration ?? '').length).startsWith(w.root)).toBe(true);
    expect(xml).toContain(w.issuer);
    expect(xml).not.toMatch(/>\s+</);
    expect(xml).not.toContain('InResponseTo=""');
    const responseId = attr(xml, 'Response', 'ID');
    const assertionId = attr(xml, 'Assertion', 'ID');
    expect(responseId).toMatch(w.id);
    expect(assertionId).toMatch(w.id);
    // Signature right after the Issuer of each signed element, never elsewhere.
    const signedIds = [...xml.matchAll(/<(?:ds:)?Reference URI="#([^"]+)"/g)].map((m) => m[1]);
    expect(signedIds).toEqual(w.signedIn.map((el) => (el === 'Response' ? responseId : assertionId)));
    expect(xml.split(w.signature).length - 1).toBe(w.signedIn.length);
    expect(new RegExp(`Issuer>${w.signature.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(xml)).toBe(true);
    // Assertion child order.
    const assertion = xml.slice(xml.indexOf(':Assertion ') > 0 ? xml.indexOf(':Assertion ') : xml.indexOf('<Assertion '));
    const order = [...assertion.matchAll(/<(?:\w+:)?(Subject|Conditions|AuthnStatement|AttributeStatement)[ >]/g)].map((m) => m[1]);
    expect(order).toEqual(w.order);
    expect(xml).toContain(w.classRef);
    expect(attr(assertion, 'Issuer', 'Format') !== '').toBe(w.issuerFormat);
    // Validity window relative to IssueInstant.
    const issued = Date.parse(attr(xml, 'Assertion', 'IssueInstant'));
    expect((Date.parse(attr(xml, 'Conditions', 'NotBefore')) - issued) / 1000).toBe(w.notBefore);
    expect((Date.parse(attr(xml, 'Conditions', 'NotOnOrAfter')) - issued) / 1000).toBe(w.notOnOrAfter);
    const sessionIndex = attr(xml, 'AuthnStatement', 'SessionIndex');
    if (w.sessionIndex === 'assertion-id') expect(sessionIndex).toBe(assertionId);
    else if (w.sessionIndex === 'in-response-to') expect(sessionIndex).toBe('_req-42');
    else expect(sessionIndex).not.toMatch(new RegExp(`^(${assertionId}|_req-42)$`));
  });
});
