// `explain`: from pasted text to a diagnosis. Detect the artefact, read what the account expects,
// recognise the vendor, run the checks, and return one report whose every string has been
// scrubbed of the secrets seen in the input.
import { getOidcPersona, getSamlPersona } from '../../mock-idps/index.ts';
import type { Vendor } from '../../mock-idps/index.ts';
import type { CertificateInfo } from '../artefacts/certificates.ts';
import { loadExpectedSettings, type ExpectedSettings } from '../artefacts/config.ts';
import { readArtefact, type ArtefactInput } from '../artefacts/detect.ts';
import { notAnArtefact } from '../artefacts/errors.ts';
import { accessTokenSign, readJwt, type JwtFacts } from '../artefacts/jwt.ts';
import { optional } from '../artefacts/optional.ts';
import { readSamlResponse, type SamlResponseFacts } from '../artefacts/samlResponse.ts';
import { SecretScrubber } from '../../lib/index.ts';
import { readTextInput } from '../artefacts/textInput.ts';
import { MAX_XML_CHARS, MAX_XML_DEPTH, scanXml, type XmlShape } from '../artefacts/xml.ts';
import { bySeverity, countBySeverity, finding, type Finding, type FindingDraft } from '../../reporting/index.ts';
import { skewOf } from './context.ts';
import { FAULT } from './faultIds.ts';
import { idpErrorChecks } from './idpErrorChecks.ts';
import { oidcChecks } from './oidcChecks.ts';
import { matchOidcPersona, matchSamlPersona, type PersonaMatch } from './personaMatch.ts';
import type { CertificateSummary, ExplainReport, OidcSummary, SamlSummary } from './report.ts';
import { samlAddressChecks } from './samlAddressChecks.ts';
import { samlIdentityChecks } from './samlIdentityChecks.ts';
import { samlSignatureChecks } from './samlSignatureChecks.ts';
import { samlStructureChecks } from './samlStructureChecks.ts';
import { samlTimeChecks } from './samlTimeChecks.ts';

export interface ExplainOptions {
  /** --config: SP settings JSON, customer file, IdP metadata XML, discovery JSON or JWKS. */
  readonly configPath?: string;
  /** --at: capture time; default the HAR entry's time, else now. */
  readonly at?: Date;
  readonly now?: () => Date;
}

export interface ExplainResult {
  readonly report: ExplainReport;
  /** Apply to any text derived from the report before it leaves the process. */
  readonly scrub: (text: string) => string;
}

/** `input`: the pasted text, or the bytes of a file (UTF-8 or UTF-16, said in the notes; binary data is refused). */
export async function explainArtefact(input: string | Buffer, options: ExplainOptions = {}): Promise<ExplainResult> {
  const secrets = new SecretScrubber();
  const { text, note } = typeof input === 'string' ? { text: input, note: undefined } : readTextInput(input);
  const read = readArtefact(text, secrets);
  const detected = note === undefined ? read : { ...read, notes: [note, ...read.notes] };
  const expected = options.configPath === undefined ? undefined : loadExpectedSettings(options.configPath, secrets);
  const capturedAtFrom = options.at ? 'option' : detected.capturedAt ? 'har' : 'now';
  const at = options.at ?? detected.capturedAt ?? (options.now ?? (() => new Date()))();
  const body = await diagnose(detected, expected, at);
  const vendor = configuredVendor(expected) ?? body.match.vendor ?? body.vendor;
  const findings = dedupe(body.drafts.map((draft) => finding(draft, vendor))).sort(bySeverity);
  const counts = countBySeverity(findings);
  const report: ExplainReport = {
    schemaVersion: 1,
    artefact: { kind: body.kind, source: detected.artefact.source, ...optional('har', detected.har), notes: detected.notes },
    capturedAt: at.toISOString(),
    capturedAtFrom,
    ...optional('config', expected?.describedAs),
    looksLike: body.match,
    verdict: counts.blocking > 0 ? 'refused' : counts.warning > 0 ? 'accepted-with-warnings' : 'no-problem-found',
    counts,
    facts: body.facts,
    findings,
  };
  const scrub = (text: string): string => secrets.scrub(text);
  return { report: JSON.parse(scrub(JSON.stringify(report))) as ExplainReport, scrub };
}

/** The same finding from two signatures (Okta signs Response and Assertion) is reported once. */
function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((item) => {
    const key = `${item.check}|${item.faultId ?? ''}|${item.title}|${item.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function configuredVendor(expected: ExpectedSettings | undefined): Vendor | undefined {
  return expected?.vendor === undefined || expected.vendor === 'other' ? undefined : expected.vendor;
}

interface Diagnosis {
  readonly kind: ExplainReport['artefact']['kind'];
  readonly match: PersonaMatch;
  readonly vendor?: Vendor;
  readonly facts: ExplainReport['facts'];
  readonly drafts: FindingDraft[];
}

async function diagnose({ artefact }: ArtefactInput, expected: ExpectedSettings | undefined, at: Date): Promise<Diagnosis> {
  const skew = skewOf(expected);
  if (artefact.kind === 'idp-error') {
    const { drafts, vendor } = idpErrorChecks(artefact.error);
    return {
      kind: 'idp-error',
      match: { confidence: vendor ? 'likely' : 'unknown', score: 0, matched: [], differs: [], ...optional('vendor', vendor) },
      ...optional('vendor', vendor),
      facts: {
        protocol: 'oidc',
        error: artefact.error.error,
        ...optional('description', artefact.error.description),
        url: artefact.error.url,
      },
      drafts,
    };
  }
  if (artefact.kind === 'jwt') {
    const jwt = readJwt(artefact.token);
    const accessToken = accessTokenSign(jwt);
    if (accessToken !== undefined) {
      throw notAnArtefact(
        `it is an access token, not an ID token: ${accessToken}. The portal checks the ID token of the login: the id_token member of the token response (in a HAR, the response of the token endpoint), next to this access_token.`,
      );
    }
    const match = matchOidcPersona(jwt);
    const vendor = vendorOf(match, expected);
    const persona = vendor === undefined ? undefined : getOidcPersona(`${vendor}-oidc`);
    const drafts = await oidcChecks({ jwt, ...optional('expected', expected), at, ...skew, ...optional('persona', persona) });
    return { kind: 'id-token', match, facts: oidcSummary(jwt), drafts: [...protocolDrafts(expected, 'oidc'), ...drafts] };
  }
  const shape = scanXml(artefact.xml);
  if (shape.tooLarge || shape.tooDeep) return refusedUnread(shape);
  const facts = readSamlResponse(artefact.xml);
  const match = matchSamlPersona(facts);
  const vendor = vendorOf(match, expected);
  const persona = vendor === undefined ? undefined : getSamlPersona(`${vendor}-saml`);
  const ctx = {
    facts,
    ...optional('expected', expected),
    at,
    ...skew,
    ...optional('persona', persona),
    ...optional('relayState', artefact.relayState),
  };
  const drafts = [
    ...samlStructureChecks(ctx),
    ...samlSignatureChecks(ctx),
    ...samlAddressChecks(ctx),
    ...samlTimeChecks(ctx),
    ...samlIdentityChecks(ctx),
  ];
  return {
    kind: 'saml-response',
    match,
    facts: samlSummary(facts, artefact.relayState),
    drafts: [...protocolDrafts(expected, 'saml'), ...drafts],
  };
}

/** Oversize or deeply nested XML is an attack shape: reported without parsing it. */
function refusedUnread(shape: XmlShape): Diagnosis {
  const draft: FindingDraft = shape.tooLarge
    ? {
        check: 'saml.size',
        severity: 'blocking',
        fault: FAULT.samlOversize,
        reason: 'saml-malformed',
        title: `The SAMLResponse is ${shape.chars} characters long`,
        detail: `Over the ${MAX_XML_CHARS} limit: real responses are a few kB. It was not parsed (bounded parsing protects the SP from memory exhaustion).`,
      }
    : {
        check: 'saml.depth',
        severity: 'blocking',
        fault: FAULT.samlDeepNesting,
        reason: 'saml-malformed',
        title: `The SAMLResponse nests elements more than ${MAX_XML_DEPTH} levels deep`,
        detail: 'Real responses nest about 8 levels. It was not parsed further (deep nesting exhausts recursive parsers).',
      };
  return {
    kind: 'saml-response',
    match: { confidence: 'unknown', score: 0, matched: [], differs: [] },
    facts: { protocol: 'saml', status: {}, assertions: [], encryptedAssertions: 0, signatures: [] },
    drafts: [draft],
  };
}

/** The persona whose defaults apply: the configured vendor's, else the recognised one. */
function vendorOf(match: PersonaMatch, expected: ExpectedSettings | undefined): Vendor | undefined {
  return configuredVendor(expected) ?? match.vendor;
}

function protocolDrafts(expected: ExpectedSettings | undefined, protocol: 'saml' | 'oidc'): FindingDraft[] {
  if (expected?.protocol === undefined || expected.protocol === protocol) return [];
  return [
    {
      check: 'config.protocol',
      severity: 'warning',
      title: `The artefact is ${protocol.toUpperCase()} but the configuration is ${expected.protocol.toUpperCase()}`,
      detail: `${expected.describedAs}: checks that need the configuration were skipped or may not apply.`,
    },
  ];
}

function certificateSummary(certificate: CertificateInfo): CertificateSummary {
  return {
    fingerprint256: certificate.fingerprint256,
    subject: certificate.subject,
    notBefore: certificate.notBefore.toISOString(),
    notAfter: certificate.notAfter.toISOString(),
  };
}

function samlSummary(facts: SamlResponseFacts, relayState: string | undefined): SamlSummary {
  return {
    protocol: 'saml',
    ...optional('responseId', facts.id),
    ...optional('issueInstant', facts.issueInstant),
    ...optional('issuer', facts.issuer),
    ...optional('destination', facts.destination),
    ...optional('inResponseTo', facts.inResponseTo),
    ...optional('relayState', relayState),
    status: facts.status,
    assertions: facts.assertions.map((assertion) => ({
      ...optional('id', assertion.id),
      ...optional('issuer', assertion.issuer),
      ...optional(
        'nameId',
        assertion.nameId ? { value: assertion.nameId.value, ...optional('format', assertion.nameId.format) } : undefined,
      ),
      audiences: assertion.conditions?.audiences ?? [],
      recipients: assertion.subjectConfirmations
        .map((confirmation) => confirmation.recipient)
        .filter((value): value is string => value !== undefined),
      ...optional('notBefore', assertion.conditions?.notBefore),
      ...optional('notOnOrAfter', assertion.conditions?.notOnOrAfter),
      ...optional('authnContextClassRef', assertion.authn?.classRef),
      ...optional('sessionIndex', assertion.authn?.sessionIndex),
      attributes: assertion.attributes.map((attribute) => ({ name: attribute.name, values: attribute.values })),
    })),
    encryptedAssertions: facts.encryptedAssertions,
    signatures: facts.signatures.map((signature) => ({
      signs: signature.signs,
      placedIn: signature.placedIn,
      algorithm: signature.signatureAlgorithmName,
      digest: signature.digestAlgorithmNames,
      ...optional('keyInfoCertificate', signature.keyInfoCertificate ? certificateSummary(signature.keyInfoCertificate) : undefined),
    })),
  };
}

function oidcSummary(jwt: JwtFacts): OidcSummary {
  return { protocol: 'oidc', header: jwt.header, claims: jwt.claims };
}
