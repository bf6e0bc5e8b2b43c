// A correctly configured SAML SP, for the proofs: @node-saml/node-saml (independent of samlify,
// which the IdPs use) plus the checks node-saml leaves to its caller (issuer, Destination,
// Recipient, SHA-1, DOCTYPE, size, one assertion, replay, email → seat). Every refusal carries
// the reason code a correct SP gives, and every check can be relaxed alone to prove that a fault
// violates exactly that check.
import { X509Certificate } from 'node:crypto';
import { SAML, ValidateInResponseTo, type Profile } from '@node-saml/node-saml';
import type { ReasonCode } from '../../../lib/index.ts';
import type { SpCheck } from '../../faults/samlTypes.ts';
import { NS } from '../render.ts';
import { childNs, parseXml } from '../sign.ts';

export interface StrictSpConfig {
  readonly entityId: string;
  readonly acs: string;
  readonly idpEntityId: string;
  readonly trustedCertificates: readonly string[];
  readonly requireSignedResponse: boolean;
  readonly requireSignedAssertion: boolean;
  readonly allowIdpInitiated: boolean;
  /** Default true: SSO is on for the account (off: every response is refused, the configuration kept). */
  readonly ssoEnabled?: boolean;
  readonly clockSkewSeconds: number;
  /** Emails of the account's seats (matched case-insensitively). */
  readonly seats: readonly string[];
  readonly emailAttribute?: string;
  readonly decryptionKeyPem?: string;
  readonly relax?: ReadonlySet<SpCheck>;
}

export type StrictSpOutcome =
  | {
      readonly ok: true;
      readonly email: string;
      readonly nameId: string;
      readonly warnings: readonly string[];
      readonly redirectTo: string;
    }
  | { readonly ok: false; readonly reason: ReasonCode; readonly detail: string };

export const MAX_RESPONSE_BYTES = 512 * 1024;
export const MAX_DEPTH = 64;
const EMAIL_ATTRIBUTES = [
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
  'email',
  'mail',
  'Email',
  'urn:oid:0.9.2342.19200300.100.1.3',
];
// A plain ASCII address (what IdPs issue): a look-alike letter makes it no address at all, never a near one.
const EMAIL = /^[\x21-\x3f\x41-\x7e]+@[\x21-\x3f\x41-\x7e]+\.[\x21-\x3f\x41-\x7e]+$/;

/** The XML declaration and any DOCTYPE, removed before our own DOM is built (never resolved). */
function stripProlog(xml: string): string {
  return xml.replace(/^<\?xml[^?]*\?>/, '').replace(/^<!DOCTYPE[^[>]*(\[[\s\S]*?\])?>/i, '');
}

interface SignedParts {
  readonly response: boolean;
  readonly assertion: boolean;
}

class Refusal extends Error {
  readonly reason: ReasonCode;
  constructor(reason: ReasonCode, detail: string) {
    super(detail);
    this.reason = reason;
  }
}

/** Nesting depth by a linear scan, before any DOM is built (a DOM of hostile depth is the attack). */
function maxDepth(xml: string): number {
  let depth = 0;
  let max = 0;
  for (const match of xml.matchAll(/<(\/?)[A-Za-z_][^>]*?(\/?)>/g)) {
    if (match[1]) depth--;
    else if (!match[2]) max = Math.max(max, ++depth);
  }
  return max;
}

export class StrictSamlSp {
  readonly config: StrictSpConfig;
  /** AuthnRequest IDs this SP sent and has not seen answered (node-saml's cache). */
  readonly #saml: SAML;
  readonly #seenAssertionIds = new Set<string>();
  #pendingRequests = 0;

  constructor(config: StrictSpConfig) {
    this.config = config;
    this.#saml = this.#newSaml(config.trustedCertificates);
  }

  #relaxed(check: SpCheck): boolean {
    return this.config.relax?.has(check) ?? false;
  }

  /**
   * `signatureOnly`: every other node-saml check off (to ask "does it verify with this certificate?").
   * `present`: the signatures this message carries — each must verify, required or not (node-saml
   * checks only the ones it is told to want).
   */
  #newSaml(certificates: readonly string[], cacheProvider?: SAML['cacheProvider'], signatureOnly = false, present?: SignedParts): SAML {
    const c = this.config;
    const scopeRelaxed = this.#relaxed('signature-scope');
    return new SAML({
      issuer: c.entityId,
      callbackUrl: c.acs,
      audience: signatureOnly || this.#relaxed('audience') ? false : c.entityId,
      idpCert: [...certificates],
      wantAssertionsSigned: (!scopeRelaxed && c.requireSignedAssertion) || (present?.assertion ?? false),
      wantAuthnResponseSigned: (!scopeRelaxed && c.requireSignedResponse) || (present?.response ?? false),
      acceptedClockSkewMs: signatureOnly || this.#relaxed('time-window') ? -1 : c.clockSkewSeconds * 1000,
      validateInResponseTo: signatureOnly || this.#relaxed('in-response-to') ? ValidateInResponseTo.never : ValidateInResponseTo.ifPresent,
      ...(c.decryptionKeyPem ? { decryptionPvk: c.decryptionKeyPem } : {}),
      ...(cacheProvider ? { cacheProvider } : {}),
    });
  }

  /** Record an AuthnRequest ID as sent by this SP (SP-initiated login). */
  async expectResponseTo(requestId: string): Promise<void> {
    this.#pendingRequests++;
    await this.#saml.cacheProvider.saveAsync(requestId, new Date().toISOString());
  }

  async receive(samlResponse: string, relayState?: string): Promise<StrictSpOutcome> {
    try {
      return await this.#receive(samlResponse, relayState);
    } catch (error) {
      if (error instanceof Refusal) return { ok: false, reason: error.reason, detail: error.message };
      throw error;
    }
  }

  async #receive(samlResponse: string, relayState: string | undefined): Promise<StrictSpOutcome> {
    const c = this.config;
    const warnings: string[] = [];
    // 0. SSO turned off for the account: nothing the IdP sends logs anyone in.
    if (c.ssoEnabled === false) throw new Refusal('sso-not-configured', 'SSO is turned off for this account');
    // 1. Bounded, DTD-free parsing.
    if (!/^[A-Za-z0-9+/=\s]+$/.test(samlResponse)) throw new Refusal('saml-malformed', 'SAMLResponse is not base64');
    const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
    if (!this.#relaxed('size') && xml.length > MAX_RESPONSE_BYTES)
      throw new Refusal('saml-malformed', `response is ${xml.length} bytes (limit ${MAX_RESPONSE_BYTES})`);
    if (!this.#relaxed('doctype') && /<!DOCTYPE/i.test(xml)) throw new Refusal('saml-doctype-forbidden', 'DOCTYPE present');
    if (maxDepth(xml) > MAX_DEPTH) throw new Refusal('saml-malformed', `nesting deeper than ${MAX_DEPTH}`);
    const doc = parseXml(stripProlog(xml));
    const root = doc.documentElement;
    if (!root || root.localName !== 'Response' || root.namespaceURI !== NS.protocol)
      throw new Refusal('saml-malformed', 'not a samlp:Response');

    // 2. Status before anything else: error responses carry no assertion.
    const statusCode = root.getElementsByTagNameNS(NS.protocol, 'StatusCode').item(0)?.getAttribute('Value');
    if (statusCode !== 'urn:oasis:names:tc:SAML:2.0:status:Success')
      throw new Refusal('saml-status-not-success', `status ${statusCode ?? '(none)'}`);

    // 3. Exactly one assertion anywhere: every signature-wrapping variant needs a second one.
    if (!this.#relaxed('single-assertion')) {
      const count =
        root.getElementsByTagNameNS(NS.assertion, 'Assertion').length +
        root.getElementsByTagNameNS(NS.assertion, 'EncryptedAssertion').length;
      if (count > 1) throw new Refusal('saml-multiple-assertions', `${count} assertions in the document`);
    }

    // 4. Signature presence where this account requires it.
    const assertion = childNs(root, NS.assertion, 'Assertion');
    const encrypted = childNs(root, NS.assertion, 'EncryptedAssertion');
    const responseSigned = childNs(root, NS.ds, 'Signature') !== undefined;
    const assertionSigned = assertion ? childNs(assertion, NS.ds, 'Signature') !== undefined : encrypted !== undefined;
    if (!this.#relaxed('signature-scope')) {
      if (c.requireSignedResponse && !responseSigned) throw new Refusal('saml-signature-missing', 'Response not signed');
      if (c.requireSignedAssertion && !assertionSigned) throw new Refusal('saml-signature-missing', 'Assertion not signed');
    }
    if (!responseSigned && !assertionSigned) throw new Refusal('saml-signature-missing', 'nothing is signed');

    // 5. Signature algorithms (only those of ds:Signature: RSA-OAEP key transport legitimately names SHA-1).
    if (!this.#relaxed('weak-algorithm')) {
      const signatures = root.getElementsByTagNameNS(NS.ds, 'SignedInfo');
      for (let i = 0; i < signatures.length; i++) {
        const signedInfo = signatures.item(i)!;
        for (const name of ['SignatureMethod', 'DigestMethod']) {
          const methods = signedInfo.getElementsByTagNameNS(NS.ds, name);
          for (let j = 0; j < methods.length; j++) {
            const algorithm = methods.item(j)!.getAttribute('Algorithm') ?? '';
            if (/sha1$/.test(algorithm)) throw new Refusal('saml-weak-algorithm', `algorithm ${algorithm}`);
          }
        }
      }
    }

    // 6. Unsolicited responses and Conditions (node-saml cannot process an assertion without them).
    const inResponseTo = root.getAttribute('InResponseTo');
    if (!inResponseTo && this.#pendingRequests === 0 && !c.allowIdpInitiated && !this.#relaxed('unsolicited')) {
      throw new Refusal('saml-unsolicited-not-allowed', 'unsolicited response');
    }
    if (!inResponseTo && this.#pendingRequests > 0 && !this.#relaxed('in-response-to')) {
      throw new Refusal('saml-inresponseto-missing', 'InResponseTo missing on an SP-initiated login');
    }
    if (assertion && !childNs(assertion, NS.assertion, 'Conditions')) throw new Refusal('saml-conditions-missing', 'no Conditions');

    // 7. node-saml: signature with the configured certificates only, scope, InResponseTo, time, audience.
    const profile = await this.#validateWithNodeSaml(samlResponse, xml, {
      response: responseSigned,
      assertion: assertion !== undefined && assertionSigned,
    });

    // 8. What node-saml leaves to the SP.
    const verifiedAssertion = parseXml(profile.getAssertionXml?.() ?? '').documentElement;
    if (!this.#relaxed('time-window')) {
      // node-saml checks the validity windows, not when the message says it was issued: a message
      // from the future (beyond the skew) is refused too.
      const latest = Date.now() + c.clockSkewSeconds * 1000;
      for (const instant of [root.getAttribute('IssueInstant'), verifiedAssertion?.getAttribute('IssueInstant')]) {
        if (instant && Date.parse(instant) > latest) throw new Refusal('saml-not-yet-valid', `issued at ${instant}, in the future`);
      }
    }
    if (!this.#relaxed('issuer')) {
      // The Response Issuer is optional (core §3.2.2) but, when present, exact; the Assertion Issuer is required (§2.3.3).
      const responseIssuer = childNs(root, NS.assertion, 'Issuer')?.textContent ?? undefined;
      const assertionIssuer = (verifiedAssertion ? childNs(verifiedAssertion, NS.assertion, 'Issuer')?.textContent : undefined) ?? '';
      for (const issuer of [responseIssuer, assertionIssuer]) {
        if (issuer !== undefined && issuer !== c.idpEntityId) throw new Refusal('saml-issuer-mismatch', `issuer ${JSON.stringify(issuer)}`);
      }
    }
    // Present means compared, even when empty (bindings §3.5.5.2); URLs compare exactly but for the
    // case of scheme and host (RFC 3986 §3.1, §3.2.2).
    const destination = root.getAttribute('Destination');
    if (!this.#relaxed('destination') && root.hasAttribute('Destination') && !sameUrl(destination ?? '', c.acs))
      throw new Refusal('saml-destination-mismatch', `Destination ${JSON.stringify(destination)}`);
    const confirmation = verifiedAssertion?.getElementsByTagNameNS(NS.assertion, 'SubjectConfirmationData').item(0);
    const recipient = confirmation?.getAttribute('Recipient');
    if (!this.#relaxed('recipient') && !sameUrl(recipient ?? '', c.acs))
      throw new Refusal('saml-recipient-mismatch', `Recipient ${JSON.stringify(recipient ?? '(none)')}`);
    const assertionId = verifiedAssertion?.getAttribute('ID') ?? '';
    if (!this.#relaxed('replay') && this.#seenAssertionIds.has(assertionId))
      throw new Refusal('saml-replay', `assertion ${assertionId} already used`);
    this.#seenAssertionIds.add(assertionId);
    for (const pem of this.#keyInfoCertificates(root)) {
      if (new Date(new X509Certificate(pem).validTo).getTime() < Date.now())
        warnings.push('The IdP signing certificate has expired: renew it at the IdP and upload the new one.');
    }

    // 9. Email → seat.
    const email = this.#email(profile);
    if (!email) throw new Refusal('email-missing', 'no email in NameID or attributes');
    if (!c.seats.some((seat) => seat.toLowerCase() === email.toLowerCase())) throw new Refusal('no-seat-for-email', `no seat for ${email}`);
    const redirectTo = relayState && relayState.startsWith('/') && !relayState.startsWith('//') ? relayState : '/';
    return { ok: true, email, nameId: profile.nameID, warnings: [...new Set(warnings)], redirectTo };
  }

  async #validateWithNodeSaml(samlResponse: string, xml: string, present: SignedParts): Promise<Profile> {
    // Relaxed trust = the classic SP bug: also trusting whatever certificate the response carries.
    const trusted = this.#relaxed('signature-trust')
      ? [...this.config.trustedCertificates, ...this.#keyInfoCertificates(parseXml(stripProlog(xml)).documentElement)]
      : this.config.trustedCertificates;
    const saml = this.#newSaml(trusted, this.#saml.cacheProvider, false, present);
    try {
      const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: samlResponse });
      if (!profile) throw new Refusal('saml-status-not-success', 'no profile');
      return profile;
    } catch (error) {
      if (error instanceof Refusal) throw error;
      const message = (error as Error).message;
      if (/multiple assertions/.test(message)) throw new Refusal('saml-multiple-assertions', message);
      if (/^Invalid (document )?signature$|^Invalid signature from encrypted assertion$/.test(message)) {
        // Would it verify with the certificate the response carries? Then the signer is simply not trusted.
        const embedded = this.#keyInfoCertificates(parseXml(stripProlog(xml)).documentElement);
        if (this.#relaxed('signature-trust') || embedded.length === 0) throw new Refusal('saml-signature-invalid', message);
        const withEmbedded = this.#newSaml(embedded, undefined, true, present);
        const verifies = await withEmbedded.validatePostResponseAsync({ SAMLResponse: samlResponse }).then(
          () => true,
          (e: Error) => !/signature/i.test(e.message),
        );
        throw new Refusal(verifies ? 'saml-cert-untrusted' : 'saml-signature-invalid', message);
      }
      if (/signature|Referenced node|transforms|ID cannot refer|Cannot obtain assertion/i.test(message))
        throw new Refusal('saml-signature-invalid', message);
      if (/decrypt|EncryptedAssertion|Failed to decrypt/i.test(message)) throw new Refusal('saml-encrypted-unexpected', message);
      if (/InResponseTo is missing/.test(message)) throw new Refusal('saml-inresponseto-missing', message);
      if (/InResponseTo/.test(message)) throw new Refusal('saml-inresponseto-unknown', message);
      if (/not yet valid/.test(message)) throw new Refusal('saml-not-yet-valid', message);
      if (/expired|No valid subject confirmation/.test(message)) throw new Refusal('saml-expired', message);
      if (/audience|AudienceRestriction/i.test(message)) throw new Refusal('saml-audience-mismatch', message);
      if (/SAML provider returned/.test(message)) throw new Refusal('saml-status-not-success', message);
      throw new Refusal('saml-malformed', message);
    }
  }

  #keyInfoCertificates(root: ReturnType<typeof parseXml>['documentElement']): string[] {
    if (!root) return [];
    const list = root.getElementsByTagNameNS(NS.ds, 'X509Certificate');
    return Array.from({ length: list.length }, (_, i) => list.item(i)!.textContent ?? '').map(
      (body) =>
        `-----BEGIN CERTIFICATE-----\n${
          body
            .replace(/\s+/g, '')
            .match(/.{1,64}/g)
            ?.join('\n') ?? ''
        }\n-----END CERTIFICATE-----\n`,
    );
  }

  #email(profile: Profile): string | undefined {
    const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
    const first = (value: unknown): string | undefined =>
      Array.isArray(value) ? (value[0] as string | undefined) : typeof value === 'string' ? value : undefined;
    if (this.config.emailAttribute) return first(attributes[this.config.emailAttribute]);
    // An Entra guest's UPN (user_domain#EXT#@tenant.onmicrosoft.com) looks like an address but is not the guest's email.
    if (EMAIL.test(profile.nameID) && !profile.nameID.includes('#EXT#')) return profile.nameID;
    for (const name of EMAIL_ATTRIBUTES) {
      const value = first(attributes[name]);
      if (value && EMAIL.test(value)) return value;
    }
    return undefined;
  }
}

/** Two absolute URLs are the same: exactly, but for the case of scheme and host (RFC 3986 §3.1, §3.2.2). */
function sameUrl(received: string, expected: string): boolean {
  const head = (url: string): { head: string; rest: string } => {
    const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/is.exec(url);
    return match ? { head: (match[1] ?? '').toLowerCase(), rest: match[2] ?? '' } : { head: '', rest: url };
  };
  const a = head(received);
  const b = head(expected);
  return a.head !== '' && a.head === b.head && a.rest === b.rest;
}
