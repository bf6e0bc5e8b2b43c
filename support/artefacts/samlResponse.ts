// The facts of a SAML 2.0 Response (SAML core §3.2.2, §2.3–2.7) as support needs to read them:
// addressing (Destination, Recipient, Audience), timing, subject, attributes, status, signatures
// and the wire shape (prefixes, declaration, ID style) used to recognise the vendor.
import type { Element } from '@xmldom/xmldom';
import { SupportInputError } from './errors.ts';
import { optional } from './optional.ts';
import { describeSignatures, type SignatureFacts } from './samlSignatures.ts';
import { wrappingShape, type WrappingShape } from './samlWrapping.ts';
import {
  NS,
  attr,
  childElements,
  descendants,
  firstChild,
  parseXml,
  prefixOf,
  scanXml,
  stripDoctype,
  textOf,
  type XmlShape,
} from './xml.ts';

export interface NameIdFacts {
  readonly value: string;
  readonly format?: string;
  /** An XML comment inside NameID (CVE-2017-11427 family: `alice@corp.com<!---->.evil.com`). */
  readonly hasComment: boolean;
  /** What an SP that reads only the first text node would take as the user. */
  readonly firstTextNode: string;
}

export interface SubjectConfirmationFacts {
  readonly method?: string;
  readonly recipient?: string;
  readonly notBefore?: string;
  readonly notOnOrAfter?: string;
  readonly inResponseTo?: string;
}

export interface AssertionFacts {
  readonly id?: string;
  readonly issueInstant?: string;
  readonly issuer?: string;
  /** Where it sits: a direct child of the Response, or somewhere else (wrapping). */
  readonly placement: 'response-child' | 'elsewhere';
  readonly nameId?: NameIdFacts;
  readonly subjectConfirmations: readonly SubjectConfirmationFacts[];
  readonly conditions?: { readonly notBefore?: string; readonly notOnOrAfter?: string; readonly audiences: readonly string[] };
  readonly authn?: { readonly authnInstant?: string; readonly sessionIndex?: string; readonly classRef?: string };
  readonly attributes: ReadonlyArray<{ readonly name: string; readonly nameFormat?: string; readonly values: readonly string[] }>;
  /** Attributes with an XML comment inside a value (comment injection beyond NameID). */
  readonly commentedAttributes: readonly string[];
  /** Local names of the children after Issuer (and Signature), in document order. */
  readonly childOrder: readonly string[];
  readonly prefix: string;
}

export interface SamlResponseFacts {
  readonly id?: string;
  readonly issueInstant?: string;
  readonly destination?: string;
  readonly inResponseTo?: string;
  readonly issuer?: string;
  readonly issuerFormat?: string;
  readonly status: { readonly code?: string; readonly subCode?: string; readonly message?: string };
  readonly protocolPrefix: string;
  readonly shape: XmlShape;
  readonly assertions: readonly AssertionFacts[];
  readonly encryptedAssertions: number;
  readonly signatures: readonly SignatureFacts[];
  /** The XSW family the layout matches, if any. */
  readonly wrapping?: WrappingShape;
  /** The re-serialisable document text (DOCTYPE removed) used for signature checks. */
  readonly xmlForVerification: string;
}

const OTHER_ROOTS: Readonly<Record<string, string>> = {
  AuthnRequest:
    "it is a SAMLRequest (an AuthnRequest the SP sends to the IdP), not the IdP's answer. Capture the POST to the ACS URL instead (its form field is SAMLResponse).",
  LogoutRequest: 'it is a SAML LogoutRequest, not a login response. Capture the POST to the ACS URL after a login attempt.',
  LogoutResponse: 'it is a SAML LogoutResponse, not a login response. Capture the POST to the ACS URL after a login attempt.',
  EntityDescriptor: 'it is SAML metadata, not a login response. Pass metadata with --config, and the captured SAMLResponse as the file.',
  EntitiesDescriptor: 'it is SAML metadata, not a login response. Pass metadata with --config, and the captured SAMLResponse as the file.',
  Assertion:
    'it is a bare SAML Assertion; the IdP posts a whole Response (samlp:Response). Capture the SAMLResponse form field of the POST to the ACS URL.',
};

export function readSamlResponse(xml: string): SamlResponseFacts {
  const shape = scanXml(xml);
  const doc = parseXml(xml, 'The decoded SAMLResponse', 'not-an-artefact');
  const root = doc.documentElement!;
  if (root.localName !== 'Response' || root.namespaceURI !== NS.protocol) {
    const because =
      OTHER_ROOTS[root.localName ?? ''] ??
      `its root element is <${root.tagName}> (namespace ${root.namespaceURI ?? 'none'}), not a SAML 2.0 <samlp:Response> (namespace ${NS.protocol}).`;
    throw new SupportInputError('not-an-artefact', `This is not a SAMLResponse because ${because}`);
  }
  const assertionElements = descendants(doc, NS.assertion, 'Assertion');
  const issuer = firstChild(root, NS.assertion, 'Issuer');
  const status = firstChild(root, NS.protocol, 'Status');
  const statusCode = status && firstChild(status, NS.protocol, 'StatusCode');
  const subStatus = statusCode && firstChild(statusCode, NS.protocol, 'StatusCode');
  return {
    ...optional('id', attr(root, 'ID')),
    ...optional('issueInstant', attr(root, 'IssueInstant')),
    ...optional('destination', attr(root, 'Destination')),
    ...optional('inResponseTo', attr(root, 'InResponseTo')),
    ...optional('issuer', textOf(issuer)),
    ...optional('issuerFormat', attr(issuer, 'Format')),
    status: {
      ...optional('code', attr(statusCode, 'Value')),
      ...optional('subCode', attr(subStatus, 'Value')),
      ...optional('message', textOf(status && firstChild(status, NS.protocol, 'StatusMessage'))),
    },
    protocolPrefix: prefixOf(root),
    shape,
    assertions: assertionElements.map((assertion) => readAssertion(assertion, root)),
    encryptedAssertions: descendants(doc, NS.assertion, 'EncryptedAssertion').length,
    signatures: describeSignatures(descendants(doc, NS.dsig, 'Signature'), { response: root, assertions: assertionElements }),
    ...optional('wrapping', wrappingShape(root)),
    xmlForVerification: stripDoctype(xml),
  };
}

function readAssertion(assertion: Element, response: Element): AssertionFacts {
  const subject = firstChild(assertion, NS.assertion, 'Subject');
  const nameId = subject && firstChild(subject, NS.assertion, 'NameID');
  const conditions = firstChild(assertion, NS.assertion, 'Conditions');
  const authn = firstChild(assertion, NS.assertion, 'AuthnStatement');
  const context = authn && firstChild(authn, NS.assertion, 'AuthnContext');
  return {
    ...optional('id', attr(assertion, 'ID')),
    ...optional('issueInstant', attr(assertion, 'IssueInstant')),
    ...optional('issuer', textOf(firstChild(assertion, NS.assertion, 'Issuer'))),
    placement: assertion.parentNode === response ? 'response-child' : 'elsewhere',
    ...(nameId ? { nameId: readNameId(nameId) } : {}),
    subjectConfirmations: subject ? childElements(subject, NS.assertion, 'SubjectConfirmation').map(readConfirmation) : [],
    ...(conditions
      ? {
          conditions: {
            ...optional('notBefore', attr(conditions, 'NotBefore')),
            ...optional('notOnOrAfter', attr(conditions, 'NotOnOrAfter')),
            audiences: descendants(conditions, NS.assertion, 'Audience').map((audience) => textOf(audience) ?? ''),
          },
        }
      : {}),
    ...(authn
      ? {
          authn: {
            ...optional('authnInstant', attr(authn, 'AuthnInstant')),
            ...optional('sessionIndex', attr(authn, 'SessionIndex')),
            ...optional('classRef', textOf(context && firstChild(context, NS.assertion, 'AuthnContextClassRef'))),
          },
        }
      : {}),
    attributes: descendants(assertion, NS.assertion, 'Attribute').map((attribute) => ({
      name: attr(attribute, 'Name') ?? '(no Name)',
      ...optional('nameFormat', attr(attribute, 'NameFormat')),
      values: childElements(attribute, NS.assertion, 'AttributeValue').map((value) => textOf(value) ?? ''),
    })),
    commentedAttributes: descendants(assertion, NS.assertion, 'Attribute')
      .filter((attribute) => childElements(attribute, NS.assertion, 'AttributeValue').some(hasComment))
      .map((attribute) => attr(attribute, 'Name') ?? '(no Name)'),
    childOrder: childElements(assertion)
      .map((child) => child.localName ?? child.tagName)
      .filter((name) => name !== 'Issuer' && name !== 'Signature'),
    prefix: prefixOf(assertion),
  };
}

function hasComment(element: Element): boolean {
  for (let child = element.firstChild; child; child = child.nextSibling) if (child.nodeType === child.COMMENT_NODE) return true;
  return false;
}

function readNameId(nameId: Element): NameIdFacts {
  let hasComment = false;
  let firstTextNode: string | undefined;
  for (let child = nameId.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === child.COMMENT_NODE) hasComment = true;
    if (child.nodeType === child.TEXT_NODE && firstTextNode === undefined) firstTextNode = (child.nodeValue ?? '').trim();
  }
  return {
    value: textOf(nameId) ?? '',
    ...optional('format', attr(nameId, 'Format')),
    hasComment,
    firstTextNode: firstTextNode ?? '',
  };
}

function readConfirmation(confirmation: Element): SubjectConfirmationFacts {
  const data = firstChild(confirmation, NS.assertion, 'SubjectConfirmationData');
  return {
    ...optional('method', attr(confirmation, 'Method')),
    ...optional('recipient', attr(data, 'Recipient')),
    ...optional('notBefore', attr(data, 'NotBefore')),
    ...optional('notOnOrAfter', attr(data, 'NotOnOrAfter')),
    ...optional('inResponseTo', attr(data, 'InResponseTo')),
  };
}
