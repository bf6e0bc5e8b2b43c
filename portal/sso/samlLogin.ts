// SAML 2.0 Web Browser SSO at the SP (SAML profiles §4.1): start an SP-initiated login, and
// validate what the IdP posts to the ACS. Every refusal carries the exact ReasonCode; each check
// can be switched off by exactly one defect switch (portal/defects.ts) and by nothing else.
import { loginCertificateWarnings } from './certificateWarnings.ts';
import type { DefectSet, PendingSamlLogin, SamlSettings, SpEndpoints, SsoResult } from './contract.ts';
import { defectOn } from '../defects.ts';
import type { ReasonCode } from '../../lib/index.ts';
import { toCertificatePem } from '../../lib/index.ts';
import { readAssertion } from './samlAssertion.ts';
import type { AssertionView } from './samlAssertion.ts';
import { resolveSamlEmail } from './samlEmail.ts';
import { checkSignatureAlgorithms, hasOwnSignature, keyInfoCertificates, verifyWithNodeSaml } from './samlSignature.ts';
import { childElements, descendantElements, firstChildElement, NS, parseUntrustedXml, textOf } from './safeXml.ts';

export { startSamlLogin } from './samlAuthnRequest.ts';

/** One-time use of assertion IDs (SAML profiles §4.1.4.5). The web layer persists it. */
export type ReplayCache = { has(id: string): boolean; add(id: string, expiresAt: number): void };

export interface ValidateSamlOptions {
  readonly pending?: PendingSamlLogin;
  readonly now: Date;
  readonly defects: DefectSet;
  readonly replay: ReplayCache;
}

/** A pending SP-initiated login older than this is treated as unknown (the IdP login took too long or the request is stale). */
export const PENDING_SAML_TTL_MS = 15 * 60_000;
/** A posted SAMLResponse larger than this (base64 characters) is refused unread. */
export const MAX_SAML_RESPONSE_CHARS = 2_000_000;
const STATUS_SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

type Refusal = { readonly ok: false; readonly reason: ReasonCode; readonly detail: string };
const refuse = (reason: ReasonCode, detail: string): Refusal => ({ ok: false, reason, detail });

export async function validateSamlResponse(
  settings: SamlSettings,
  sp: SpEndpoints,
  samlResponse: string,
  opts: ValidateSamlOptions,
): Promise<SsoResult> {
  const decoded = decodeSamlResponse(samlResponse);
  if (!decoded.ok) return decoded;
  const { xml } = decoded;
  const parsed = parseUntrustedXml(xml);
  if (!parsed.ok) {
    return parsed.problem === 'doctype'
      ? refuse('saml-doctype-forbidden', 'The SAML response contains a DOCTYPE; it was refused before parsing.')
      : refuse('saml-malformed', `The SAML response is not XML: ${parsed.detail}.`);
  }
  const root = parsed.doc.documentElement;
  if (root.namespaceURI !== NS.samlp || root.localName !== 'Response') {
    return refuse('saml-malformed', `The posted document is <${root.nodeName}>, not a samlp:Response.`);
  }

  const structure = checkStructure(root, parsed.doc);
  if (structure) return structure;
  const assertionElement = firstChildElement(root, NS.saml, 'Assertion');
  if (!assertionElement) return refuse('saml-malformed', 'The response carries no assertion.');
  // Read once from the raw document only to refuse early with a precise reason (missing
  // Conditions, unreadable times); acceptance below relies on the verified assertion only.
  const raw = readAssertion(assertionElement);
  if (!raw.ok) return refuse(raw.reason, capitalize(raw.detail));
  const bearerProblem = checkBearerShape(raw.assertion);
  if (bearerProblem) return bearerProblem;

  const algorithms = checkSignatureAlgorithms(
    parsed.doc,
    defectOn(opts.defects, 'saml-allow-sha1'),
    defectOn(opts.defects, 'saml-algorithms-first-signature'),
  );
  if (algorithms) return algorithms;
  const ignoreScope = defectOn(opts.defects, 'saml-ignore-signature-scope');
  const scope = checkSignatureScope(settings, root, assertionElement, ignoreScope);
  if (scope) return scope;

  const certificates = defectOn(opts.defects, 'saml-trust-keyinfo-cert')
    ? [...settings.idpCertificates, ...keyInfoCertificates(parsed.doc).map((body) => toCertificatePem(body))]
    : settings.idpCertificates;
  const verified = await verifyWithNodeSaml({
    xml,
    sp,
    certificates,
    wantResponseSigned: !ignoreScope && settings.requireSignedResponse,
    wantAssertionSigned: !ignoreScope && settings.requireSignedAssertion,
    checkAudience: !defectOn(opts.defects, 'saml-skip-audience') && !defectOn(opts.defects, 'saml-audience-prefix'),
    verifyUnrequiredSignatures: !defectOn(opts.defects, 'saml-unrequired-signature-unverified'),
  });
  if (!verified.ok) return verified;
  const verifiedParse = parseUntrustedXml(verified.assertionXml);
  if (!verifiedParse.ok) return refuse('saml-malformed', `The verified assertion could not be read: ${verifiedParse.detail}.`);
  if (defectOn(opts.defects, 'saml-audience-prefix')) {
    const audiences = descendantElements(verifiedParse.doc, NS.saml, 'Audience').map((audience) => audience.textContent ?? '');
    if (!audiences.some((audience) => audience.startsWith(sp.entityId)))
      return refuse(
        'saml-audience-mismatch',
        `The assertion Audience is ${audiences.join(', ') || '(none)'}; this SP is "${sp.entityId}".`,
      );
  }
  const read = readAssertion(verifiedParse.doc.documentElement);
  if (!read.ok) return refuse(read.reason, capitalize(read.detail));
  const assertion = read.assertion;

  const failure =
    checkIssuer(settings, root, assertion, opts.defects) ??
    checkTimeWindow(settings, assertion, opts) ??
    checkDestination(sp, root, opts.defects) ??
    checkRecipient(sp, assertion, opts.defects) ??
    checkInResponseTo(settings, root, assertion, opts) ??
    checkReplay(settings, assertion, opts);
  if (failure) return failure;

  const email = resolveSamlEmail(settings, assertion);
  if (!email.ok) return refuse('email-missing', email.detail);
  // fault catalog saml.cert-expired: an IdP still signing with an expired certificate is accepted
  // (the signature still proves origin; vendors keep signing past NotAfter) but the admin is warned.
  const certificateWarnings = loginCertificateWarnings(settings, keyInfoCertificates(parsed.doc), opts.now);
  return {
    ok: true,
    identity: {
      email: email.email,
      subject: assertion.nameId?.value ?? '',
      issuer: assertion.issuer,
      emailSource: email.source,
      attributes: assertion.attributes,
      warnings: [...email.warnings, ...certificateWarnings],
      ...(certificateWarnings.length > 0 ? { certificateWarnings } : {}),
    },
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1) + (text.endsWith('.') ? '' : '.');
}

function decodeSamlResponse(samlResponse: string): { readonly ok: true; readonly xml: string } | Refusal {
  if (samlResponse.length > MAX_SAML_RESPONSE_CHARS)
    return refuse('saml-malformed', `The SAMLResponse is ${samlResponse.length} characters long; the limit is ${MAX_SAML_RESPONSE_CHARS}.`);
  const base64 = samlResponse.replace(/\s+/g, '');
  if (base64 === '') return refuse('saml-malformed', 'The SAMLResponse parameter is empty.');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 !== 0) {
    return refuse('saml-malformed', 'The SAMLResponse is not base64 (HTTP-POST binding, SAML bindings §3.5.4).');
  }
  try {
    return { ok: true, xml: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(base64, 'base64')) };
  } catch {
    return refuse('saml-malformed', 'The SAMLResponse decodes to bytes that are not UTF-8 text.');
  }
}

function checkStructure(root: Element, doc: Document): Refusal | undefined {
  const status = firstChildElement(root, NS.samlp, 'Status');
  const code = status ? firstChildElement(status, NS.samlp, 'StatusCode') : undefined;
  const value = code?.getAttribute('Value') ?? '';
  if (value === '') return refuse('saml-malformed', 'The response has no Status/StatusCode.');
  if (value !== STATUS_SUCCESS) {
    const sub = code ? firstChildElement(code, NS.samlp, 'StatusCode')?.getAttribute('Value') : undefined;
    const message = status ? textOf(firstChildElement(status, NS.samlp, 'StatusMessage')) : '';
    const short = (uri: string): string => uri.replace(/^urn:oasis:names:tc:SAML:2\.0:status:/, '');
    return refuse(
      'saml-status-not-success',
      `The IdP answered status ${short(value)}${sub ? ` / ${short(sub)}` : ''}${message ? `: "${message.slice(0, 300)}"` : ''}.`,
    );
  }
  // Counted over the whole document, not just the Response's children: an assertion hidden in
  // Extensions, an Advice or a signature Object is how signature-wrapping attacks smuggle one in.
  // By local name in any namespace, as node-saml selects them.
  const assertions = descendantElements(doc, '*', 'Assertion').length;
  const encrypted = descendantElements(doc, '*', 'EncryptedAssertion').length;
  if (assertions + encrypted > 1) return refuse('saml-multiple-assertions', `The response carries ${assertions + encrypted} assertions.`);
  if (encrypted > 0)
    return refuse('saml-encrypted-unexpected', 'The assertion is encrypted (EncryptedAssertion) and this account has no decryption key.');
  if (childElements(root, NS.saml, 'Assertion').length === 0 && assertions === 1) {
    return refuse(
      'saml-multiple-assertions',
      'The only assertion is not a direct child of the Response (moved assertion: signature wrapping).',
    );
  }
  return undefined;
}

// SAML profiles §4.1.4.2: a bearer SubjectConfirmationData carries Recipient and NotOnOrAfter.
function checkBearerShape(assertion: AssertionView): Refusal | undefined {
  if (assertion.bearer.length === 0)
    return refuse('saml-malformed', 'The assertion has no bearer SubjectConfirmation (SAML profiles §4.1.4.2).');
  if (assertion.bearer.some((b) => b.notOnOrAfter === undefined)) {
    return refuse(
      'saml-conditions-missing',
      'The bearer SubjectConfirmationData has no NotOnOrAfter (SAML profiles §4.1.4.2), so it would never expire.',
    );
  }
  return undefined;
}

function checkSignatureScope(settings: SamlSettings, root: Element, assertion: Element, ignoreScope: boolean): Refusal | undefined {
  const responseSigned = hasOwnSignature(root);
  const assertionSigned = hasOwnSignature(assertion);
  if (!responseSigned && !assertionSigned) return refuse('saml-signature-missing', 'Neither the response nor the assertion is signed.');
  if (ignoreScope) return undefined;
  if (settings.requireSignedResponse && !responseSigned)
    return refuse(
      'saml-signature-missing',
      'The response is not signed, and this account requires a signed response (only the assertion is signed).',
    );
  if (settings.requireSignedAssertion && !assertionSigned)
    return refuse(
      'saml-signature-missing',
      'The assertion is not signed, and this account requires a signed assertion (only the response is signed).',
    );
  return undefined;
}

// Exact string comparison (SAML core §8.3.6 entity identifiers): Okta's http:// issuer or Entra's
// trailing slash must be configured exactly as the IdP sends them.
function checkIssuer(settings: SamlSettings, root: Element, assertion: AssertionView, defects: DefectSet): Refusal | undefined {
  if (defectOn(defects, 'saml-skip-issuer')) return undefined;
  const ignoreCase = defectOn(defects, 'saml-issuer-case-insensitive');
  const same = (issuer: string): boolean =>
    ignoreCase ? issuer.trim().toLowerCase() === settings.idpEntityId.toLowerCase() : issuer === settings.idpEntityId;
  if (!same(assertion.issuer)) {
    return refuse('saml-issuer-mismatch', `The assertion Issuer is "${assertion.issuer}"; this account expects "${settings.idpEntityId}".`);
  }
  const responseIssuer = defectOn(defects, 'saml-response-issuer-unchecked') ? undefined : firstChildElement(root, NS.saml, 'Issuer');
  if (responseIssuer && !same(responseIssuer.textContent ?? '')) {
    return refuse(
      'saml-issuer-mismatch',
      `The response Issuer is "${responseIssuer.textContent ?? ''}"; this account expects "${settings.idpEntityId}".`,
    );
  }
  return undefined;
}

function checkTimeWindow(settings: SamlSettings, assertion: AssertionView, opts: ValidateSamlOptions): Refusal | undefined {
  if (defectOn(opts.defects, 'saml-skip-time-window')) return undefined;
  const now = opts.now.getTime();
  const skew = settings.allowedClockSkewSeconds * 1000 * (defectOn(opts.defects, 'saml-skew-doubled') ? 2 : 1);
  const iso = (ms: number): string => new Date(ms).toISOString();
  const context = `now ${iso(now)}, allowed skew ${settings.allowedClockSkewSeconds} s`;
  if (assertion.issueInstant > now + skew)
    return refuse('saml-not-yet-valid', `The assertion was issued at ${iso(assertion.issueInstant)}, in the future (${context}).`);
  const { notBefore, notOnOrAfter } = assertion.conditions;
  if (notBefore !== undefined && now + skew < notBefore)
    return refuse('saml-not-yet-valid', `The assertion is valid from ${iso(notBefore)} (Conditions NotBefore; ${context}).`);
  if (now - skew >= notOnOrAfter)
    return refuse('saml-expired', `The assertion expired at ${iso(notOnOrAfter)} (Conditions NotOnOrAfter; ${context}).`);
  for (const bearer of assertion.bearer) {
    if (bearer.notBefore !== undefined && now + skew < bearer.notBefore)
      return refuse('saml-not-yet-valid', `The subject confirmation is valid from ${iso(bearer.notBefore)} (${context}).`);
    if (bearer.notOnOrAfter !== undefined && now - skew >= bearer.notOnOrAfter && !defectOn(opts.defects, 'saml-subject-expiry-unchecked'))
      return refuse(
        'saml-expired',
        `The subject confirmation expired at ${iso(bearer.notOnOrAfter)} (SubjectConfirmationData NotOnOrAfter; ${context}).`,
      );
  }
  return undefined;
}

// SAML bindings §3.5.5.2: a signed response MUST carry Destination; when present (even empty) it must be the ACS.
function checkDestination(sp: SpEndpoints, root: Element, defects: DefectSet): Refusal | undefined {
  if (defectOn(defects, 'saml-skip-destination')) return undefined;
  if (!root.hasAttribute('Destination')) {
    return hasOwnSignature(root)
      ? refuse('saml-destination-mismatch', `The signed response has no Destination; it must be the ACS URL ${sp.acsUrl}.`)
      : undefined;
  }
  const destination = root.getAttribute('Destination') ?? '';
  if (destination === '' && defectOn(defects, 'saml-destination-when-nonempty')) return undefined;
  const matches = defectOn(defects, 'saml-destination-prefix') ? destination.startsWith(sp.acsUrl) : sameUrl(destination, sp.acsUrl);
  if (!matches)
    return refuse('saml-destination-mismatch', `The response Destination is "${destination}"; this account's ACS URL is "${sp.acsUrl}".`);
  return undefined;
}

// SAML profiles §4.1.4.2: the bearer SubjectConfirmationData Recipient is the ACS URL.
function checkRecipient(sp: SpEndpoints, assertion: AssertionView, defects: DefectSet): Refusal | undefined {
  if (defectOn(defects, 'saml-skip-recipient')) return undefined;
  const ignoreCase = defectOn(defects, 'saml-recipient-case-insensitive');
  const matches = (recipient: string): boolean =>
    ignoreCase ? recipient.toLowerCase() === sp.acsUrl.toLowerCase() : sameUrl(recipient, sp.acsUrl);
  if (assertion.bearer.some((b) => b.recipient !== undefined && matches(b.recipient))) return undefined;
  const seen = assertion.bearer.map((b) => b.recipient ?? '(none)').join(', ');
  return refuse('saml-recipient-mismatch', `The SubjectConfirmationData Recipient is ${seen}; this account's ACS URL is "${sp.acsUrl}".`);
}

// SAML profiles §4.1.4.3 / §4.1.5: SP-initiated responses answer the request this browser made;
// unsolicited ones (no InResponseTo) are IdP-initiated and allowed only when configured.
function checkInResponseTo(
  settings: SamlSettings,
  root: Element,
  assertion: AssertionView,
  opts: ValidateSamlOptions,
): Refusal | undefined {
  const responseIrt = root.getAttribute('InResponseTo') || undefined;
  const subjectIrts = [...new Set(assertion.bearer.map((b) => b.inResponseTo).filter((v): v is string => v !== undefined))];
  const skip = defectOn(opts.defects, 'saml-skip-inresponseto');
  if (!skip && (subjectIrts.length > 1 || (responseIrt && subjectIrts[0] && subjectIrts[0] !== responseIrt))) {
    return refuse(
      'saml-inresponseto-unknown',
      `The response InResponseTo (${responseIrt ?? 'none'}) and the assertion's (${subjectIrts.join(', ')}) disagree.`,
    );
  }
  const inResponseTo = subjectIrts[0] ?? responseIrt;
  const pending = opts.pending;
  if (inResponseTo === undefined) {
    if (pending && !skip && !settings.allowIdpInitiated && !defectOn(opts.defects, 'saml-inresponseto-when-present')) {
      return refuse(
        'saml-inresponseto-missing',
        `The response has no InResponseTo, but this browser started login request ${pending.requestId}.`,
      );
    }
    if (!pending && !settings.allowIdpInitiated && !defectOn(opts.defects, 'saml-allow-unsolicited')) {
      return refuse(
        'saml-unsolicited-not-allowed',
        'The response is unsolicited (IdP-initiated: no InResponseTo), and IdP-initiated login is off for this account.',
      );
    }
    return undefined;
  }
  if (skip) return undefined;
  if (!pending)
    return refuse(
      'saml-inresponseto-unknown',
      `The response answers request ${inResponseTo}, but this browser has no pending login (session cookie lost, or the login was started elsewhere).`,
    );
  if (inResponseTo !== pending.requestId)
    return refuse(
      'saml-inresponseto-unknown',
      `The response answers request ${inResponseTo}; this browser's pending request is ${pending.requestId}.`,
    );
  if (opts.now.getTime() - pending.createdAt > PENDING_SAML_TTL_MS) {
    return refuse(
      'saml-inresponseto-unknown',
      `The login request ${pending.requestId} was started more than ${PENDING_SAML_TTL_MS / 60_000} minutes ago and has expired.`,
    );
  }
  return undefined;
}

// Remembered until the assertion could no longer pass the time window anyway.
function checkReplay(settings: SamlSettings, assertion: AssertionView, opts: ValidateSamlOptions): Refusal | undefined {
  if (defectOn(opts.defects, 'saml-skip-replay-cache')) return undefined;
  if (opts.replay.has(assertion.id)) return refuse('saml-replay', `The assertion ${assertion.id} was already used to log in.`);
  const expiries = [assertion.conditions.notOnOrAfter, ...assertion.bearer.map((b) => b.notOnOrAfter ?? 0)];
  opts.replay.add(assertion.id, Math.max(...expiries) + settings.allowedClockSkewSeconds * 1000);
  return undefined;
}

/**
 * The SP's own URL, as an IdP may write it: exactly, but for the case of scheme and host, which
 * compare case-insensitively (RFC 3986 §3.1, §3.2.2). Nothing else is normalised: a trailing
 * slash, a percent-encoded letter or an extra segment is another URL.
 */
export function sameUrl(received: string, own: string): boolean {
  const split = (url: string): { head: string; rest: string } | undefined => {
    const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/is.exec(url);
    return match ? { head: (match[1] ?? '').toLowerCase(), rest: match[2] ?? '' } : undefined;
  };
  const a = split(received);
  const b = split(own);
  return a !== undefined && b !== undefined && a.head === b.head && a.rest === b.rest;
}
