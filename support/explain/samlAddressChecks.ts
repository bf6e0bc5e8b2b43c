// Who sent it, to whom, for which request (SAML core §2.2.5 Issuer, §2.5.1.4 AudienceRestriction,
// §3.2.2 Destination / InResponseTo; profiles §4.1.4.2 bearer SubjectConfirmationData Recipient).
import type { FindingDraft } from '../../reporting/index.ts';
import { differenceHint } from './compare.ts';
import type { SamlContext } from './context.ts';
import { FAULT } from './faultIds.ts';

const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const ENTITY_FORMAT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity';

export function samlAddressChecks(ctx: SamlContext): FindingDraft[] {
  return [...issuerChecks(ctx), ...audienceChecks(ctx), ...destinationChecks(ctx), ...inResponseToChecks(ctx), ...relayStateChecks(ctx)];
}

function issuerChecks({ facts, expected }: SamlContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  const issuers = [
    ...new Set(
      [facts.issuer, ...facts.assertions.map((assertion) => assertion.issuer)].filter((value): value is string => value !== undefined),
    ),
  ];
  if (issuers.length > 1) {
    out.push({
      check: 'saml.issuer-consistency',
      severity: 'warning',
      title: 'The Response and the Assertion name different issuers',
      detail: `Issuers seen: ${issuers.join(', ')}. One IdP always uses one entity ID; a mixed response was assembled from two sources.`,
    });
  }
  if (facts.issuerFormat !== undefined && facts.issuerFormat !== ENTITY_FORMAT) {
    out.push({
      check: 'saml.issuer-format',
      severity: 'warning',
      title: 'The Issuer has an unusual Format',
      detail: `Issuer Format ${facts.issuerFormat}; SAML core §2.2.5 expects ${ENTITY_FORMAT} or no Format.`,
    });
  }
  const issuer = facts.assertions[0]?.issuer ?? facts.issuer;
  if (expected?.idpEntityId === undefined) {
    out.push({
      check: 'saml.issuer',
      severity: 'info',
      title: `Issuer: ${issuer ?? '(none)'}`,
      detail:
        "Not compared: pass --config with the account's SP settings or the IdP metadata to check it against the configured IdP entity ID.",
    });
    return out;
  }
  const wrong = issuers.filter((value) => value !== expected.idpEntityId);
  if (issuers.length === 0 || wrong.length > 0) {
    const seen = wrong[0] ?? '(none)';
    out.push({
      check: 'saml.issuer',
      severity: 'blocking',
      fault: FAULT.samlIssuerMismatch,
      reason: 'saml-issuer-mismatch',
      title: 'The issuer is not the IdP entity ID configured for the account',
      detail: `Received "${seen}", configured "${expected.idpEntityId}": ${issuers.length === 0 ? 'the response names no issuer' : differenceHint(seen, expected.idpEntityId)}.`,
    });
  } else {
    out.push({
      check: 'saml.issuer',
      severity: 'info',
      title: `Issuer matches the configured IdP entity ID`,
      detail: `"${expected.idpEntityId}".`,
    });
  }
  return out;
}

function audienceChecks({ facts, expected }: SamlContext): FindingDraft[] {
  const assertion = facts.assertions[0];
  if (!assertion?.conditions) return [];
  const audiences = assertion.conditions.audiences;
  if (expected?.spEntityId === undefined) {
    return [
      {
        check: 'saml.audience',
        severity: 'info',
        title: `Audience: ${audiences.join(', ') || '(none)'}`,
        detail: 'Not compared: the SP entity ID is unknown (give it in --config under "sp": { "entityId": … }).',
      },
    ];
  }
  if (audiences.includes(expected.spEntityId)) {
    return [{ check: 'saml.audience', severity: 'info', title: 'Audience matches the SP entity ID', detail: `"${expected.spEntityId}".` }];
  }
  const seen = audiences[0];
  return [
    {
      check: 'saml.audience',
      severity: 'blocking',
      fault: seen === undefined ? FAULT.samlAudienceMismatch : audienceFault(seen, expected.spEntityId),
      reason: 'saml-audience-mismatch',
      title: 'The assertion is addressed to another service provider (Audience)',
      detail:
        seen === undefined
          ? `The AudienceRestriction lists no Audience; the SP entity ID is "${expected.spEntityId}".`
          : `Audience "${seen}", SP entity ID "${expected.spEntityId}": ${differenceHint(seen, expected.spEntityId)}.`,
    },
  ];
}

function audienceFault(seen: string, expected: string): string {
  if (seen.toLowerCase() === expected.toLowerCase()) return FAULT.samlAudienceCase;
  if (seen.replace(/\/+$/, '') === expected.replace(/\/+$/, '')) return FAULT.samlAudienceSlash;
  return FAULT.samlAudienceMismatch;
}

/** Only the scheme differs: the SP behind a TLS-terminating proxy computes an http:// ACS. */
function schemeOnly(a: string, b: string): boolean {
  return a !== b && a.replace(/^https?:/i, '') === b.replace(/^https?:/i, '');
}

function destinationChecks({ facts, expected }: SamlContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  const recipients = facts.assertions
    .flatMap((assertion) =>
      assertion.subjectConfirmations.filter((confirmation) => confirmation.method === BEARER || confirmation.method === undefined),
    )
    .map((confirmation) => confirmation.recipient);
  const acs = expected?.acsUrl;
  if (acs === undefined) {
    out.push({
      check: 'saml.destination',
      severity: 'info',
      title: `Destination: ${facts.destination ?? '(none)'}; Recipient: ${recipients.filter(Boolean).join(', ') || '(none)'}`,
      detail: 'Not compared: the ACS URL is unknown (give it in --config under "sp": { "acsUrl": … }).',
    });
    const different = recipients.find(
      (recipient) => recipient !== undefined && facts.destination !== undefined && recipient !== facts.destination,
    );
    if (different !== undefined) {
      out.push({
        check: 'saml.destination-recipient',
        severity: 'warning',
        title: 'Destination and Recipient differ',
        detail: `Destination "${facts.destination}", Recipient "${different}": ${differenceHint(different, facts.destination!)}. Both must be the ACS URL.`,
      });
    }
    return out;
  }
  if (facts.destination === undefined) {
    if (facts.signatures.some((signature) => signature.signs === 'response')) {
      out.push({
        check: 'saml.destination',
        severity: 'warning',
        title: 'The signed Response has no Destination',
        detail: 'SAML bindings §3.5.5.2 requires Destination on a signed response sent with HTTP-POST.',
      });
    }
  } else if (facts.destination !== acs) {
    out.push({
      check: 'saml.destination',
      severity: 'blocking',
      fault: schemeOnly(facts.destination, acs) ? FAULT.samlDestinationScheme : FAULT.samlAcsMismatch,
      reason: 'saml-destination-mismatch',
      title: 'The response was sent to another ACS URL (Destination)',
      detail: `Destination "${facts.destination}", the account's ACS URL "${acs}": ${differenceHint(facts.destination, acs)}.`,
    });
  } else {
    out.push({ check: 'saml.destination', severity: 'info', title: "Destination is the account's ACS URL", detail: `"${acs}".` });
  }
  for (const recipient of new Set(recipients)) {
    if (recipient === undefined) {
      out.push({
        check: 'saml.recipient',
        severity: 'warning',
        title: 'The bearer SubjectConfirmationData has no Recipient',
        detail: 'SAML profiles §4.1.4.2 requires Recipient (the ACS URL) on bearer confirmations.',
      });
    } else if (recipient !== acs) {
      out.push({
        check: 'saml.recipient',
        severity: 'blocking',
        fault: FAULT.samlRecipientMismatch,
        reason: 'saml-recipient-mismatch',
        title: "The assertion's Recipient is not the account's ACS URL",
        detail: `Recipient "${recipient}", ACS URL "${acs}": ${differenceHint(recipient, acs)}.`,
      });
    }
  }
  return out;
}

function inResponseToChecks({ facts, expected }: SamlContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  const confirmationIds = [
    ...new Set(
      facts.assertions
        .flatMap((assertion) => assertion.subjectConfirmations.map((confirmation) => confirmation.inResponseTo))
        .filter((value): value is string => value !== undefined),
    ),
  ];
  if (facts.inResponseTo === '') {
    out.push({
      check: 'saml.inresponseto',
      severity: 'warning',
      title: 'InResponseTo is present but empty',
      detail:
        'InResponseTo="" is not a valid xs:NCName. An unsolicited response omits the attribute; an SP-initiated one carries the AuthnRequest ID.',
    });
  }
  if (facts.inResponseTo === undefined || facts.inResponseTo === '') {
    const allowed = expected?.allowIdpInitiated;
    if (allowed === false) {
      out.push({
        check: 'saml.unsolicited',
        severity: 'blocking',
        fault: FAULT.samlIdpInitiated,
        reason: 'saml-unsolicited-not-allowed',
        title: 'IdP-initiated (unsolicited) response, and the account does not allow IdP-initiated login',
        detail:
          'No InResponseTo: the login was started from the IdP (My Apps / Okta dashboard / Google app launcher), not from the portal.',
      });
    } else {
      out.push({
        check: 'saml.unsolicited',
        severity: 'info',
        title: 'IdP-initiated (unsolicited) response',
        detail: allowed
          ? 'No InResponseTo; the account allows IdP-initiated login.'
          : 'No InResponseTo: the login was started from the IdP. The account must allow IdP-initiated login (not known without --config).',
      });
    }
    return out;
  }
  const mismatch = confirmationIds.find((id) => id !== facts.inResponseTo);
  if (mismatch !== undefined) {
    out.push({
      check: 'saml.inresponseto',
      severity: 'blocking',
      fault: FAULT.samlInResponseToUnknown,
      reason: 'saml-inresponseto-unknown',
      title: 'The Response and its SubjectConfirmationData answer different requests',
      detail: `Response InResponseTo "${facts.inResponseTo}", SubjectConfirmationData InResponseTo "${mismatch}". One response answers one AuthnRequest.`,
    });
  }
  out.push({
    check: 'saml.inresponseto',
    severity: 'info',
    title: `SP-initiated: answers AuthnRequest ${facts.inResponseTo}`,
    detail:
      'The SP accepts it only in the browser session that sent that request, before it expires. If users see "answers a login request this portal did not make", the session cookie was lost between the portal and the IdP (SameSite, another browser, a cache or proxy).',
  });
  return out;
}

/** SAML bindings §3.5.3: RelayState is opaque to the IdP; an absolute URL elsewhere is an open-redirect attempt. */
function relayStateChecks({ relayState, expected }: SamlContext): FindingDraft[] {
  if (relayState === undefined || !/^[a-z][a-z0-9+.-]*:/i.test(relayState)) return [];
  let target: URL;
  try {
    target = new URL(relayState);
  } catch {
    return [];
  }
  const home = expected?.acsUrl === undefined ? undefined : new URL(expected.acsUrl).origin;
  if (home !== undefined && target.origin === home) return [];
  return [
    {
      check: 'saml.relaystate',
      severity: 'warning',
      fault: FAULT.samlRelayStateExternal,
      title: 'RelayState points at another site',
      detail: `RelayState "${relayState}"${home ? ` is not on ${home}` : ' is an absolute URL'}: the portal must land on its default page and never redirect there.`,
    },
  ];
}
