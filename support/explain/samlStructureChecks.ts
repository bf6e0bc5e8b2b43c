// Attack shapes and structure of a SAML response (faults.md "SAML — attacks"): DOCTYPE, signature
// wrapping (XSW1–8), several assertions, comments in NameID, encrypted assertions the portal
// cannot read, and the IdP's own status.
import type { FindingDraft } from '../../reporting/index.ts';
import type { SamlContext } from './context.ts';
import { FAULT, xswFault } from './faultIds.ts';

const STATUS_PREFIX = 'urn:oasis:names:tc:SAML:2.0:status:';
const SUCCESS = `${STATUS_PREFIX}Success`;

/** SAML core §3.2.2.2 status codes → the catalog entry describing that IdP answer. */
function statusFault(code: string | undefined, subCode: string | undefined): string | undefined {
  if (code === `${STATUS_PREFIX}Requester`) return FAULT.samlStatusRequester;
  if (subCode === `${STATUS_PREFIX}AuthnFailed`) return FAULT.samlStatusAuthnFailed;
  if (subCode === `${STATUS_PREFIX}NoPassive`) return FAULT.samlStatusNoPassive;
  if (code === `${STATUS_PREFIX}Responder`) return FAULT.samlStatusResponder;
  return undefined;
}

export function samlStructureChecks({ facts }: SamlContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  if (facts.shape.hasDoctype) {
    const external = facts.shape.doctypeExternal;
    const entities = facts.shape.doctypeEntities && !external;
    out.push({
      check: 'saml.doctype',
      severity: 'blocking',
      fault: entities ? FAULT.samlEntityExpansion : FAULT.samlXxe,
      reason: 'saml-doctype-forbidden',
      title: `The response contains a DOCTYPE${external ? ' naming an external resource (XXE)' : entities ? ' declaring entities (entity expansion)' : ''}`,
      detail:
        'A DOCTYPE can declare entities that read files, call URLs or expand without bound when parsed. No IdP ever sends one; it was ignored for this analysis.',
    });
  }
  const status = facts.status.code;
  if (status !== SUCCESS) {
    const short = (value: string | undefined): string => (value ?? '(none)').replace(STATUS_PREFIX, '');
    const fault = statusFault(status, facts.status.subCode);
    out.push({
      check: 'saml.status',
      severity: 'blocking',
      ...(fault ? { fault } : {}),
      reason: 'saml-status-not-success',
      title: `The IdP reported a failure: status ${short(status)}${facts.status.subCode ? ` / ${short(facts.status.subCode)}` : ''}`,
      detail: `StatusCode ${status ?? '(missing)'}${facts.status.subCode ? `, second-level ${facts.status.subCode}` : ''}${facts.status.message ? `; StatusMessage: "${facts.status.message}"` : ''}. The IdP refused the login itself: nothing the SP checks matters until this is fixed.`,
    });
  }
  const total = facts.assertions.length + facts.encryptedAssertions;
  if (facts.encryptedAssertions > 0) {
    out.push({
      check: 'saml.encrypted',
      severity: 'blocking',
      fault: FAULT.samlEncryptedUnexpected,
      reason: 'saml-encrypted-unexpected',
      title: 'The assertion is encrypted',
      detail: `${facts.encryptedAssertions} EncryptedAssertion element(s). The portal has no decryption key, so it cannot read the user; the content of an encrypted assertion cannot be explained either.`,
    });
  }
  if (total === 0 && status === SUCCESS) {
    out.push({
      check: 'saml.no-assertion',
      severity: 'blocking',
      reason: 'saml-malformed',
      title: 'The response carries no assertion',
      detail: 'Status is Success but there is no Assertion: there is no user to log in. A proxy may have truncated the response.',
    });
  }
  if (facts.wrapping) {
    out.push({
      check: 'saml.signature-wrapping',
      severity: 'blocking',
      fault: xswFault(facts.wrapping.variant),
      title: `Signature wrapping attack shape (XSW${facts.wrapping.variant})`,
      detail: `${facts.wrapping.evidence[0]!.toUpperCase()}${facts.wrapping.evidence.slice(1)} An SP that verifies one element and reads another would log in whoever the attacker wrote.`,
    });
  } else if (total > 1) {
    out.push({
      check: 'saml.multiple-assertions',
      severity: 'blocking',
      fault: FAULT.samlMultipleAssertions,
      reason: 'saml-multiple-assertions',
      title: `The response carries ${total} assertions`,
      detail:
        'Real IdPs send exactly one assertion. Several assertions, typically one signed and one not, is the signature-wrapping attack shape.',
    });
  } else if (facts.assertions.some((assertion) => assertion.placement === 'elsewhere')) {
    out.push({
      check: 'saml.assertion-placement',
      severity: 'blocking',
      reason: 'saml-signature-invalid',
      title: 'The assertion is not where a Response keeps it',
      detail: 'The Assertion is not a direct child of the Response: that is how wrapping attacks hide a signed assertion from the SP.',
    });
  }
  for (const assertion of facts.assertions) {
    if (assertion.commentedAttributes.length > 0 && !assertion.nameId?.hasComment) {
      out.push({
        check: 'saml.attribute-comment',
        severity: 'blocking',
        fault: FAULT.samlCommentInjection,
        reason: 'saml-signature-invalid',
        title: 'An attribute value contains an XML comment (comment injection)',
        detail: `Attribute(s) ${assertion.commentedAttributes.join(', ')}: an SP that reads only the first text node would see a truncated value, such as another user's email (CVE-2017-11427 family).`,
      });
    }
    if (assertion.nameId?.hasComment) {
      out.push({
        check: 'saml.nameid-comment',
        severity: 'blocking',
        fault: FAULT.samlCommentInjection,
        reason: 'saml-signature-invalid',
        title: 'NameID contains an XML comment (comment injection)',
        detail: `NameID reads "${assertion.nameId.value}" but its first text node is "${assertion.nameId.firstTextNode}": an SP that reads only the first text node would log in "${assertion.nameId.firstTextNode}" (CVE-2017-11427 family). Comments do not change the signature, so this can be a re-used signed assertion.`,
      });
    }
  }
  return out;
}
