// Writes a ResponseSpec as the vendor writes it on the wire: prefixes, namespace declarations,
// attribute order, element order (vendors.md "Wire shape"). One line, no indentation: a
// pretty-printed template would put whitespace text nodes inside signed content.
import type { AssertionRootAttribute, ResponseRootAttribute, SamlPersona } from '../types.ts';
import type { ResponseSpec } from './spec.ts';

export const NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  xs: 'http://www.w3.org/2001/XMLSchema',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  xenc: 'http://www.w3.org/2001/04/xmlenc#',
} as const;

export const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

type Attrs = ReadonlyArray<readonly [string, string | undefined]>;
const attrs = (list: Attrs): string =>
  list
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v!)}"`)
    .join('');

/** Root attributes in the vendor's order (persona wire.rootAttributeOrder; `xmlns` is the namespace declaration). */
function responseAttributes(persona: SamlPersona, s: ResponseSpec, nsDecl: readonly [string, string]): Attrs {
  const value: Readonly<Record<ResponseRootAttribute, readonly [string, string | undefined]>> = {
    xmlns: nsDecl,
    ID: ['ID', s.responseId],
    Version: ['Version', '2.0'],
    IssueInstant: ['IssueInstant', s.issueInstant],
    Destination: ['Destination', s.destination],
    InResponseTo: ['InResponseTo', s.inResponseTo],
  };
  return persona.wire.rootAttributeOrder.response.map((name) => value[name]);
}

function assertionAttributes(persona: SamlPersona, s: ResponseSpec, nsDecl: readonly [string, string]): Attrs {
  const value: Readonly<Record<AssertionRootAttribute, readonly [string, string]>> = {
    xmlns: nsDecl,
    ID: ['ID', s.assertionId],
    Version: ['Version', '2.0'],
    IssueInstant: ['IssueInstant', s.issueInstant],
  };
  return persona.wire.rootAttributeOrder.assertion.map((name) => value[name]);
}

export function renderResponse(persona: SamlPersona, s: ResponseSpec): string {
  const w = persona.wire;
  const p = w.protocolPrefix;
  const a = w.assertionPrefix ? `${w.assertionPrefix}:` : '';
  // Entra declares the assertion namespace as the default namespace on Issuer and on Assertion.
  const assertionNs: readonly [string, string] = w.assertionPrefix ? [`xmlns:${w.assertionPrefix}`, NS.assertion] : ['xmlns', NS.assertion];
  const protocolNs = [`xmlns:${p}`, NS.protocol] as const;
  const issuerFormat = s.issuerFormat ? attrs([['Format', s.issuerFormat]]) : '';
  const el = (name: string, attributes: Attrs, content?: string): string =>
    content === undefined ? `<${a}${name}${attrs(attributes)}/>` : `<${a}${name}${attrs(attributes)}>${content}</${a}${name}>`;

  const statusCode = s.status.subCode
    ? `<${p}:StatusCode Value="${escapeXml(s.status.code)}"><${p}:StatusCode Value="${escapeXml(s.status.subCode)}"/></${p}:StatusCode>`
    : `<${p}:StatusCode Value="${escapeXml(s.status.code)}"/>`;
  const statusMessage = s.status.message ? `<${p}:StatusMessage>${escapeXml(s.status.message)}</${p}:StatusMessage>` : '';
  const status = `<${p}:Status>${statusCode}${statusMessage}</${p}:Status>`;

  const subject = el(
    'Subject',
    [],
    el('NameID', [['Format', s.nameId.format]], escapeXml(s.nameId.value)) +
      el(
        'SubjectConfirmation',
        [['Method', BEARER]],
        el('SubjectConfirmationData', [
          ['InResponseTo', s.inResponseTo],
          ['NotOnOrAfter', s.subjectConfirmationNotOnOrAfter],
          ['Recipient', s.recipient],
        ]),
      ),
  );
  const conditions = s.conditions
    ? el(
        'Conditions',
        [
          ['NotBefore', s.conditions.notBefore],
          ['NotOnOrAfter', s.conditions.notOnOrAfter],
        ],
        el('AudienceRestriction', [], s.conditions.audiences.map((aud) => el('Audience', [], escapeXml(aud))).join('')),
      )
    : '';
  const authn = el(
    'AuthnStatement',
    [
      ['AuthnInstant', s.authnInstant],
      ['SessionIndex', s.sessionIndex],
    ],
    el('AuthnContext', [], el('AuthnContextClassRef', [], escapeXml(s.authnContextClassRef))),
  );
  // AttributeStatement must hold at least one Attribute (saml-schema-assertion-2.0): omit it when empty.
  const typed = w.attributeValueXsiType;
  const valueAttrs: Attrs = typed
    ? w.xsiNamespacesOn === 'attribute-value'
      ? [
          ['xmlns:xs', NS.xs],
          ['xmlns:xsi', NS.xsi],
          ['xsi:type', 'xs:string'],
        ]
      : [['xsi:type', 'xs:string']]
    : [];
  const statementAttrs: Attrs =
    typed && w.xsiNamespacesOn === 'attribute-statement'
      ? [
          ['xmlns:xs', NS.xs],
          ['xmlns:xsi', NS.xsi],
        ]
      : [];
  const attributeStatement =
    s.attributes.length === 0
      ? ''
      : el(
          'AttributeStatement',
          statementAttrs,
          s.attributes
            .map((attr) =>
              el(
                'Attribute',
                [
                  ['Name', attr.name],
                  ['NameFormat', attr.nameFormat],
                ],
                attr.values.map((v) => el('AttributeValue', valueAttrs, escapeXml(v))).join(''),
              ),
            )
            .join(''),
        );
  const parts: Record<(typeof w.assertionChildOrder)[number], string> = {
    Subject: subject,
    Conditions: conditions,
    AuthnStatement: authn,
    AttributeStatement: attributeStatement,
  };

  const assertion = s.includeAssertion
    ? el(
        'Assertion',
        assertionAttributes(persona, s, assertionNs),
        el('Issuer', w.issuerFormat ? [['Format', s.issuerFormat]] : [], escapeXml(s.assertionIssuer)) +
          w.assertionChildOrder.map((name) => parts[name]).join(''),
      )
    : '';
  const responseIssuer = `<${a}Issuer${attrs([assertionNs])}${issuerFormat}>${escapeXml(s.responseIssuer)}</${a}Issuer>`;
  return `<${p}:Response${attrs(responseAttributes(persona, s, protocolNs))}>${responseIssuer}${status}${assertion}</${p}:Response>`;
}

/** The XML declaration the vendor writes, if any (added after signing: it is not part of the signed content). */
export function xmlDeclaration(persona: SamlPersona): string {
  if (!persona.wire.xmlDeclaration) return '';
  return persona.wire.xmlStandaloneNo ? '<?xml version="1.0" encoding="UTF-8" standalone="no"?>' : '<?xml version="1.0" encoding="UTF-8"?>';
}
