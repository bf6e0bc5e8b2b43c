// Reading the parts of a SAML 2.0 assertion the SP checks (SAML core §2.3–2.7). Only ever called on
// the *verified* assertion XML (what the signature covers), never on the raw posted document.
import { childElements, firstChildElement, NS, textOf } from './safeXml.ts';

const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

export interface BearerConfirmation {
  readonly recipient?: string;
  readonly notBefore?: number;
  readonly notOnOrAfter?: number;
  readonly inResponseTo?: string;
}

export interface AssertionView {
  readonly id: string;
  readonly issuer: string;
  readonly issueInstant: number;
  readonly nameId?: { readonly value: string; readonly format?: string };
  readonly conditions: { readonly notBefore?: number; readonly notOnOrAfter: number };
  readonly bearer: readonly BearerConfirmation[];
  readonly attributes: Readonly<Record<string, string | readonly string[]>>;
}

export type AssertionRead =
  | { readonly ok: true; readonly assertion: AssertionView }
  | { readonly ok: false; readonly reason: 'saml-malformed' | 'saml-conditions-missing'; readonly detail: string };

class AssertionProblem extends Error {
  readonly reason: 'saml-malformed' | 'saml-conditions-missing';
  constructor(reason: 'saml-malformed' | 'saml-conditions-missing', detail: string) {
    super(detail);
    this.reason = reason;
  }
}

// SAML core §1.3.3: xs:dateTime in UTC with the "Z" designator, no time zone offset.
const SAML_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

export function parseSamlInstant(value: string | null | undefined, what: string): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const ms = SAML_INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw new AssertionProblem('saml-malformed', `${what} "${value.slice(0, 40)}" is not a UTC time (expected e.g. 2026-01-31T12:00:00Z)`);
  return ms;
}

export function readAssertion(assertion: Element): AssertionRead {
  try {
    return { ok: true, assertion: read(assertion) };
  } catch (error) {
    if (error instanceof AssertionProblem) return { ok: false, reason: error.reason, detail: error.message };
    throw error;
  }
}

function read(assertion: Element): AssertionView {
  const id = assertion.getAttribute('ID') ?? '';
  if (id === '') throw new AssertionProblem('saml-malformed', 'the assertion has no ID');
  const issueInstant = parseSamlInstant(assertion.getAttribute('IssueInstant'), 'Assertion IssueInstant');
  if (issueInstant === undefined) throw new AssertionProblem('saml-malformed', 'the assertion has no IssueInstant');
  // Issuer is an xs:string (NameIDType): compared exactly, surrounding spaces included (no trim).
  const issuer = firstChildElement(assertion, NS.saml, 'Issuer')?.textContent ?? '';

  const conditionsElements = childElements(assertion, NS.saml, 'Conditions');
  const conditions = conditionsElements[0];
  if (!conditions) throw new AssertionProblem('saml-conditions-missing', 'the assertion has no Conditions element');
  if (conditionsElements.length > 1) throw new AssertionProblem('saml-malformed', 'the assertion has more than one Conditions element');
  const notOnOrAfter = parseSamlInstant(conditions.getAttribute('NotOnOrAfter'), 'Conditions NotOnOrAfter');
  if (notOnOrAfter === undefined)
    throw new AssertionProblem(
      'saml-conditions-missing',
      'the assertion Conditions have no NotOnOrAfter, so the assertion would never expire',
    );
  const notBefore = parseSamlInstant(conditions.getAttribute('NotBefore'), 'Conditions NotBefore');

  const subject = firstChildElement(assertion, NS.saml, 'Subject');
  const nameIdElement = subject ? firstChildElement(subject, NS.saml, 'NameID') : undefined;
  const nameIdFormat = nameIdElement?.getAttribute('Format') ?? undefined;
  const nameId = nameIdElement ? { value: textOf(nameIdElement), ...(nameIdFormat ? { format: nameIdFormat } : {}) } : undefined;

  return {
    id,
    issuer,
    issueInstant,
    ...(nameId ? { nameId } : {}),
    conditions: { notOnOrAfter, ...(notBefore === undefined ? {} : { notBefore }) },
    bearer: subject ? readBearerConfirmations(subject) : [],
    attributes: readAttributes(assertion),
  };
}

function readBearerConfirmations(subject: Element): BearerConfirmation[] {
  return childElements(subject, NS.saml, 'SubjectConfirmation')
    .filter((confirmation) => confirmation.getAttribute('Method') === BEARER)
    .map((confirmation) => {
      const data = firstChildElement(confirmation, NS.saml, 'SubjectConfirmationData');
      const recipient = data?.getAttribute('Recipient') || undefined;
      const inResponseTo = data?.getAttribute('InResponseTo') || undefined;
      const notBefore = parseSamlInstant(data?.getAttribute('NotBefore'), 'SubjectConfirmationData NotBefore');
      const notOnOrAfter = parseSamlInstant(data?.getAttribute('NotOnOrAfter'), 'SubjectConfirmationData NotOnOrAfter');
      return {
        ...(recipient === undefined ? {} : { recipient }),
        ...(inResponseTo === undefined ? {} : { inResponseTo }),
        ...(notBefore === undefined ? {} : { notBefore }),
        ...(notOnOrAfter === undefined ? {} : { notOnOrAfter }),
      };
    });
}

// Object.fromEntries defines own properties, so an attribute named "__proto__" stays data.
function readAttributes(assertion: Element): Record<string, string | readonly string[]> {
  const attributes = new Map<string, string | readonly string[]>();
  for (const statement of childElements(assertion, NS.saml, 'AttributeStatement')) {
    for (const attribute of childElements(statement, NS.saml, 'Attribute')) {
      const name = attribute.getAttribute('Name') ?? '';
      if (name === '' || attributes.has(name)) continue;
      const values = childElements(attribute, NS.saml, 'AttributeValue').map((value) => textOf(value));
      if (values.length === 0) continue;
      attributes.set(name, values.length === 1 ? (values[0] ?? '') : values);
    }
  }
  return Object.fromEntries(attributes);
}
