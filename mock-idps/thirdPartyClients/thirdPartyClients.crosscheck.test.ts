// Third-party cross-check: every persona against clients nobody here wrote. python3-saml (Debian
// python3-onelogin-saml2) is the SAML SP and authlib (Debian python3-authlib) the OIDC RP; both run
// in /usr/bin/python3 (pythonClients.py) and never see the project's validators. The personas
// run in the IdP server on loopback and are logged in over HTTP as a person would; the python
// side gets only what a real SP / RP gets (metadata, discovery, the posted SAMLResponse, the
// redirect back) and gives its verdict. A persona change that breaks real clients fails here.
//
// Faults: every switched-on `reject` fault of the catalog whose stated reason the library checks
// (the two REFUSALS tables) must be refused with the library's error for that reason; a fault
// with no reason is refused by the IdP itself (no response comes back); an `accept` fault (a
// vendor quirk, a tolerated skew) must be accepted. Where the library is laxer or refuses for
// another reason, LIBRARY_LIMITS says so, and the test holds it to that exact outcome, so the
// ledger cannot go stale. Faults whose reason is the SP application's (seats, e-mail, hosted
// domain, native apps) or that the harness's own RP driver plays are not the library's to judge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReasonCode } from '../../lib/index.ts';
import { IdpControlClient, TEST_USER_PASSWORD, type OidcPersonaId, type PublicUser, type SamlPersonaId } from '../control/client.ts';
import { FAULT_CATALOG, type CatalogFault, type FaultId } from '../faults/catalog.ts';
import type { SamlFault } from '../faults/samlTypes.ts';
import { BOUNDARY_CLOCK_SKEW_SECONDS } from '../faults/timeBoundaries.ts';
import { HttpBrowser } from '../oidc/httpBrowser.ts';
import { signIn as oidcSignIn } from '../oidc/testServer.ts';
import { OIDC_PERSONAS, SAML_PERSONAS } from '../personas/index.ts';
import { postedResponse, signIn as samlSignIn, TestBrowser, type Page, type PostedResponse } from '../saml/testing/browser.ts';
import { startIdpServer, type IdpServer } from '../server.ts';
import type { OidcPersona, PersonaId, SamlPersona } from '../types.ts';
import { PythonClients, type OidcRpSettings, type OidcVerdict, type SamlSpSettings, type SamlVerdict } from './pythonClients.ts';

/**
 * The SP / RP the python side plays: never contacted (the test stops at the ACS POST / the
 * redirect back), and allowing the clock skew every conformance account is configured with.
 */
const SP: SamlSpSettings = {
  entityId: 'http://127.0.0.1:9/thirdparty/python3-saml',
  acs: 'http://127.0.0.1:9/thirdparty/python3-saml/acs',
  clockSkewSeconds: BOUNDARY_CLOCK_SKEW_SECONDS,
};
const REDIRECT_URI = 'http://127.0.0.1:9/thirdparty/authlib/callback';
const RELAY_STATE = '/after-login?tab=seats';

// --- what each library says for each stated reason --------------------------------------------------
/** python3-saml's OneLogin_Saml2_ValidationError constants (or the exception it raises) that state the reason. */
const PYTHON3_SAML_REFUSALS: Partial<Record<ReasonCode, readonly string[]>> = {
  'saml-audience-mismatch': ['WRONG_AUDIENCE'],
  'saml-destination-mismatch': ['WRONG_DESTINATION', 'EMPTY_DESTINATION'],
  'saml-recipient-mismatch': ['WRONG_SUBJECTCONFIRMATION'],
  'saml-issuer-mismatch': ['WRONG_ISSUER'],
  // An expired SubjectConfirmationData is "no valid SubjectConfirmation" in python3-saml's words.
  'saml-expired': ['ASSERTION_EXPIRED', 'WRONG_SUBJECTCONFIRMATION'],
  'saml-not-yet-valid': ['ASSERTION_TOO_EARLY'],
  'saml-signature-invalid': ['INVALID_SIGNATURE'],
  // python3-saml does not tell an untrusted signer from a broken signature.
  'saml-cert-untrusted': ['INVALID_SIGNATURE'],
  'saml-signature-missing': ['NO_SIGNATURE_FOUND', 'NO_SIGNED_ASSERTION', 'NO_SIGNED_MESSAGE'],
  'saml-multiple-assertions': ['WRONG_NUMBER_OF_ASSERTIONS'],
  'saml-conditions-missing': ['MISSING_CONDITIONS'],
  'saml-inresponseto-unknown': ['WRONG_INRESPONSETO'],
  'saml-status-not-success': ['STATUS_CODE_IS_NOT_SUCCESS'],
  'saml-doctype-forbidden': ['DTDForbidden'],
  'saml-encrypted-unexpected': ['Error.PRIVATE_KEY_NOT_FOUND'],
  'saml-malformed': ['XMLSyntaxError', 'INVALID_XML_FORMAT'],
  // Reasons python3-saml 1.12 has no check for: their faults run, and LIBRARY_LIMITS says what happens.
  'saml-weak-algorithm': [],
  'saml-replay': [],
  'saml-unsolicited-not-allowed': [],
  'saml-inresponseto-missing': [],
};

/** authlib's verdicts (`stage:error[:claim]`) that state the reason. */
const AUTHLIB_REFUSALS: Partial<Record<ReasonCode, readonly string[]>> = {
  'oidc-signature-invalid': ['id_token:bad_signature', 'id_token:no key for kid'],
  'oidc-alg-not-allowed': ['id_token:unsupported_algorithm'],
  'oidc-audience-mismatch': [
    'id_token:invalid_claim:aud',
    'id_token:missing_claim:aud',
    'id_token:invalid_claim:azp',
    'id_token:missing_claim:azp',
  ],
  'oidc-issuer-mismatch': ['id_token:invalid_claim:iss'],
  'oidc-discovery-mismatch': ['discovery:issuer_mismatch'],
  'oidc-expired': ['id_token:expired_token', 'id_token:invalid_token'],
  'oidc-nonce-mismatch': ['id_token:invalid_claim:nonce', 'id_token:missing_claim:nonce'],
  'oidc-hash-mismatch': ['id_token:invalid_claim:at_hash'],
  'oidc-claim-missing': [
    'id_token:missing_claim:sub',
    'id_token:missing_claim:iat',
    'id_token:invalid_claim:exp',
    'id_token:invalid_claim:iat',
  ],
  'oidc-userinfo-sub-mismatch': ['userinfo:sub_mismatch'],
  'oidc-state-mismatch': ['token:mismatching_state'],
  'oidc-token-error': ['token:invalid_client', 'token:access_denied'],
  'oidc-idp-error': ['authorize:access_denied', 'idp-refused'],
};

/**
 * Where the library does not refuse a fault for its stated reason: the exact outcome it gives
 * instead ('accepted', or the refusal it names) and why. Checked both ways: a fault listed here
 * that the library starts refusing properly fails the test until the entry is removed.
 */
interface LibraryLimit {
  readonly faults: readonly FaultId[];
  readonly personas?: readonly PersonaId[];
  readonly outcome: string;
  readonly why: string;
}
const LIBRARY_LIMITS: readonly LibraryLimit[] = [
  {
    faults: ['saml.sha1-signature', 'saml.sha1-digest', 'saml.sign-unrequired-response-sha1', 'saml.sign-unrequired-assertion-sha1-digest'],
    outcome: 'accepted',
    why: 'python3-saml 1.12 accepts SHA-1 (rejectDeprecatedAlgorithm arrived in 1.15).',
  },
  {
    faults: ['saml.replay'],
    outcome: 'accepted',
    why: "python3-saml keeps no assertion-ID cache: replay protection is the application's.",
  },
  { faults: ['saml.idp-initiated-unsolicited'], outcome: 'accepted', why: 'python3-saml has no setting to refuse unsolicited responses.' },
  {
    faults: ['saml.inresponseto-missing'],
    outcome: 'accepted',
    why: 'python3-saml compares InResponseTo only when the response carries one.',
  },
  {
    faults: ['saml.oversize-response'],
    outcome: 'accepted',
    why: "python3-saml has no size limit (the web server's body limit is the SP's only guard).",
  },
  {
    faults: ['saml.near-miss-assertion-issuer-empty', 'saml.near-miss-response-issuer-empty'],
    outcome: 'accepted',
    why: 'python3-saml skips an empty Issuer (it compares only the issuers that have text).',
  },
  {
    faults: ['saml.near-miss-audience-empty'],
    outcome: 'accepted',
    why: 'python3-saml drops empty Audience values, and with none left it checks nothing.',
  },
  {
    faults: [
      'saml.near-miss-destination-extended',
      'saml.near-miss-destination-extra-segment',
      'saml.near-miss-destination-trailing-slash',
    ],
    outcome: 'accepted',
    why: 'python3-saml compares Destination as a prefix (Destination.startswith(ACS URL)).',
  },
  {
    faults: [
      'saml.near-miss-recipient-empty',
      'saml.near-miss-recipient-extended',
      'saml.near-miss-recipient-extra-segment',
      'saml.near-miss-recipient-trailing-slash',
    ],
    outcome: 'accepted',
    why: 'python3-saml checks Recipient as a substring (ACS URL in Recipient), and skips an empty one.',
  },
  {
    faults: [
      'saml.near-miss-audience-lookalike',
      'saml.near-miss-destination-lookalike',
      'saml.near-miss-recipient-lookalike',
      'saml.near-miss-in-response-to-empty',
    ],
    outcome: 'INVALID_XML_FORMAT',
    why: 'python3-saml validates against the SAML protocol schema first: a look-alike (non-ASCII) URI or an empty NCName is refused as schema-invalid before the value is compared.',
  },
  {
    faults: ['saml.time-boundary-issue-instant-outside'],
    outcome: 'accepted',
    why: 'python3-saml does not check IssueInstant (only Conditions and SubjectConfirmationData times).',
  },
  {
    faults: ['saml.clock-skew-past-within', 'saml.time-boundary-subject-not-on-or-after-inside'],
    outcome: 'WRONG_SUBJECTCONFIRMATION',
    why: 'python3-saml allows no clock skew on SubjectConfirmationData NotOnOrAfter (ALLOWED_CLOCK_DRIFT covers Conditions only): a bearer confirmation that ended within the allowed skew is refused.',
  },
  {
    faults: ['saml.near-miss-recipient-scheme-case'],
    outcome: 'WRONG_SUBJECTCONFIRMATION',
    why: 'python3-saml compares Recipient as a case-sensitive substring, scheme included (RFC 3986: the scheme is case-insensitive); it normalises Destination, not Recipient.',
  },
  {
    faults: ['oidc.c-hash-invalid'],
    outcome: 'accepted',
    why: "authlib's CodeIDToken (code flow) does not check c_hash: it is required only for hybrid flows.",
  },
  {
    faults: ['oidc.clock-skew-ahead'],
    personas: ['okta-oidc', 'google-oidc', 'auth0-oidc'],
    outcome: 'accepted',
    why: "authlib 1.2 does not refuse an iat in the future; only Entra's tokens carry nbf, which it does check.",
  },
  { faults: ['oidc.time-boundary-iat-outside'], outcome: 'accepted', why: 'authlib 1.2 does not refuse an iat in the future.' },
  {
    faults: ['saml.sign-assertion-xpath-transform'],
    outcome: 'accepted',
    why: 'python3-saml (xmlsec1) runs whatever Transforms a signature lists, an XPath filter included (SAML §5.4.4 allows only enveloped-signature and exclusive c14n); the signature verifies.',
  },
  {
    faults: [
      'saml.auth0-response-signature-last',
      'saml.signing-scope-both',
      'saml.signing-scope-response-only',
      'saml.sign-required-sha1-other-sha256',
      'saml.sign-unrequired-response-rotated-key',
      'saml.sign-response-xpath-transform',
    ],
    personas: ['auth0-saml'],
    outcome: 'INVALID_XML_FORMAT',
    why: 'Auth0 puts a Response signature last (vendors.md, "Wire shape"), where the SAML protocol schema does not allow it; python3-saml checks the schema first, so it refuses every Auth0 response with a signed Response, real ones included, as schema-invalid.',
  },
  {
    faults: ['oidc.issuer-google-legacy'],
    outcome: 'id_token:invalid_claim:iss',
    why: "authlib compares iss with the one issuer the RP is configured with: Google's legacy scheme-less accounts.google.com passes only an RP that lists both (vendors.md: a strict RP must accept both or decide).",
  },
  {
    faults: ['oidc.kid-absent-single-key'],
    outcome: 'id_token:no key for kid',
    why: "authlib 1.2's KeySet.find_by_kid pairs a token without kid only with a key without kid: the one published key has a kid, so none is found.",
  },
  {
    faults: ['oidc.near-miss-azp-empty'],
    outcome: 'accepted',
    why: 'authlib skips an empty azp claim (its check runs only on a truthy value).',
  },
  {
    faults: ['oidc.aud-extra-with-azp'],
    outcome: 'accepted',
    why: 'authlib checks that aud contains the client and that azp is the client; it does not refuse further, untrusted audiences (OIDC Core §3.1.3.7 step 3).',
  },
  {
    faults: ['oidc.code-replay'],
    outcome: 'accepted',
    why: "The IdP lets the code be redeemed twice; one RP login redeems it once and has nothing to refuse (the harness's SP driver replays the callback to catch it).",
  },
];

function limitFor(faultId: FaultId, persona: PersonaId): LibraryLimit | undefined {
  return LIBRARY_LIMITS.find((limit) => limit.faults.includes(faultId) && (!limit.personas || limit.personas.includes(persona)));
}

/** What a correct client's outcome must be for this fault (undefined: the fault's reason is the SP application's, not the library's). */
function allowedOutcomes(fault: CatalogFault, table: Partial<Record<ReasonCode, readonly string[]>>): readonly string[] | undefined {
  if (fault.expected !== 'reject') return ['accepted'];
  // The refresh path: the IdP refuses the refresh (revoked), or the replaced token presented again (rotated and reused).
  if (fault.protocol === 'oidc' && fault.effect.seam === 'refresh-token')
    return [fault.effect.change === 'revoked' ? 'refresh:invalid_grant' : 'reuse:invalid_grant'];
  if (!fault.reason) return ['idp-refused'];
  return table[fault.reason];
}

/** A fault the harness's own RP driver plays (callback replay, wrong PKCE verifier, return URLs): nothing the IdP sends changes. */
function playedBySpDriver(fault: CatalogFault): boolean {
  return fault.protocol === 'oidc' && fault.effect.seam === 'rp-driver';
}

/** The faults the sweep runs for a persona: rejects whose reason the library can state, or that the IdP refuses itself. */
function sweepFaults(protocol: 'saml' | 'oidc', persona: PersonaId): CatalogFault[] {
  const table = protocol === 'saml' ? PYTHON3_SAML_REFUSALS : AUTHLIB_REFUSALS;
  return FAULT_CATALOG.filter(
    (fault) =>
      fault.protocol === protocol &&
      fault.personas.includes(persona) &&
      !playedBySpDriver(fault) &&
      allowedOutcomes(fault, table) !== undefined,
  );
}

describe('the ledger of library limits', () => {
  it('names only faults the sweeps run, for personas they run on', () => {
    const stale = LIBRARY_LIMITS.flatMap((limit) =>
      limit.faults.flatMap((faultId) => {
        const personas = limit.personas ?? [...SAML_PERSONAS, ...OIDC_PERSONAS].map((persona) => persona.id);
        const swept = personas.filter((persona) =>
          sweepFaults(faultId.startsWith('saml.') ? 'saml' : 'oidc', persona).some((fault) => fault.id === faultId),
        );
        return swept.length === 0 || (limit.personas !== undefined && swept.length !== limit.personas.length)
          ? [`${faultId} (${personas.join(', ')})`]
          : [];
      }),
    );
    expect(stale).toEqual([]);
  });
});

// --- the IdP server, the python clients, and a tenant per persona -----------------------------------
let server: IdpServer;
let python: PythonClients;
beforeAll(async () => {
  [server, python] = await Promise.all([startIdpServer(), PythonClients.start()]);
});
afterAll(async () => {
  await Promise.all([server?.close(), python?.close()]);
});

interface SamlSetup {
  readonly idp: IdpControlClient;
  readonly id: SamlPersonaId;
  readonly metadata: string;
  readonly user: PublicUser;
}

async function samlSetup(persona: SamlPersona): Promise<SamlSetup> {
  // The control client refuses an id that is not one of its SAML personas.
  const id = persona.id as SamlPersonaId;
  const idp = await IdpControlClient.createTenant(server.controlUrl);
  await idp.registerSamlApp(id, { entityId: SP.entityId, acsUrls: [SP.acs] });
  const response = await fetch(idp.samlUrls(id).metadataUrl);
  expect(response.status).toBe(200);
  return { idp, id, metadata: await response.text(), user: await idp.userByRole('ordinary') };
}

type SamlLogin =
  | {
      readonly delivered: true;
      readonly posted: PostedResponse;
      readonly requestId?: string;
      readonly verdict: SamlVerdict;
      readonly settings: SamlSpSettings;
    }
  | { readonly delivered: false; readonly page: Page };

/** One login through the persona's pages; SP-initiated with python3-saml's own AuthnRequest unless `idpInitiated`. */
async function samlLogin(
  setup: SamlSetup,
  persona: SamlPersona,
  options: { idpInitiated?: boolean; sp?: SamlSpSettings } = {},
): Promise<SamlLogin> {
  const settings = options.sp ?? SP;
  const browser = new TestBrowser();
  let requestId: string | undefined;
  let page: Page;
  if (options.idpInitiated) {
    page = await browser.request(setup.idp.samlUrls(setup.id).idpInitiatedUrl);
  } else {
    const request = await python.samlAuthnRequest(settings, setup.metadata, RELAY_STATE);
    requestId = request.requestId;
    page = await browser.request(request.redirectUrl);
  }
  if (!postedResponse(page) && page.status === 200 && page.html.includes('<form'))
    page = await samlSignIn(browser, persona, page, setup.user.email, TEST_USER_PASSWORD);
  const posted = postedResponse(page);
  if (!posted) return { delivered: false, page };
  const verdict = await python.samlAcs(settings, setup.metadata, posted.samlResponse, requestId);
  return { delivered: true, posted, verdict, settings, ...(requestId === undefined ? {} : { requestId }) };
}

function samlOutcome(login: SamlLogin): string {
  if (!login.delivered) return 'idp-refused';
  return login.verdict.accepted ? 'accepted' : login.verdict.error;
}

interface OidcSetup {
  readonly idp: IdpControlClient;
  readonly id: OidcPersonaId;
  readonly rp: OidcRpSettings;
  readonly user: PublicUser;
}

async function oidcSetup(persona: OidcPersona): Promise<OidcSetup> {
  const id = persona.id as OidcPersonaId;
  const idp = await IdpControlClient.createTenant(server.controlUrl);
  const app = await idp.registerOidcApp(id, { redirectUris: [REDIRECT_URI] });
  const rp: OidcRpSettings = {
    issuer: idp.oidcUrls(id).issuer,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri: REDIRECT_URI,
    clockSkewSeconds: BOUNDARY_CLOCK_SKEW_SECONDS,
  };
  return { idp, id, rp, user: await idp.userByRole('ordinary') };
}

type OidcLogin = { readonly delivered: true; readonly verdict: OidcVerdict } | { readonly delivered: false; readonly status: number };

async function oidcLogin(setup: OidcSetup, persona: OidcPersona, rp: Partial<OidcRpSettings> = {}): Promise<OidcLogin> {
  const begin = await python.oidcBegin({ ...setup.rp, ...rp });
  const browser = new HttpBrowser();
  const landing = await oidcSignIn(
    browser,
    await browser.navigate(begin.authorizeUrl, REDIRECT_URI),
    persona,
    REDIRECT_URI,
    setup.user.email,
  );
  if (!landing.reachedRedirectUri) return { delivered: false, status: landing.status };
  return { delivered: true, verdict: await python.oidcFinish(begin.session, landing.url.href) };
}

/** A login that asked for a refresh token, then refreshed once (and, when the token rotated, presented the replaced one again). */
function refreshOutcome(login: OidcLogin): string {
  if (!login.delivered || !login.verdict.accepted) return oidcOutcome(login);
  const { refresh } = login.verdict;
  if (!refresh.issued) return 'refresh:none issued';
  if (!refresh.refreshed) return `refresh:${refresh.error ?? 'failed'}`;
  if (refresh.reuse?.refused) return `reuse:${refresh.reuse.error ?? 'refused'}`;
  return 'accepted';
}

function oidcOutcome(login: OidcLogin): string {
  if (!login.delivered) return 'idp-refused';
  const { verdict } = login;
  if (verdict.accepted) return 'accepted';
  // authlib 1.2's KeySet.find_by_kid raises a bare ValueError when no key has the token's kid (or the token has none).
  if (verdict.error === 'ValueError' && verdict.description === 'Invalid JSON Web Key Set') return `${verdict.stage}:no key for kid`;
  return [verdict.stage, verdict.error, verdict.claim].filter(Boolean).join(':');
}

/** Run every sweep fault once (one-shot, this persona only) and list the outcomes that are not what they must be. */
async function sweep(
  protocol: 'saml' | 'oidc',
  persona: PersonaId,
  login: (fault: CatalogFault) => Promise<string>,
  idp: IdpControlClient,
): Promise<{ ran: string[]; wrong: string[] }> {
  const table = protocol === 'saml' ? PYTHON3_SAML_REFUSALS : AUTHLIB_REFUSALS;
  const ran: string[] = [];
  const wrong: string[] = [];
  for (const fault of sweepFaults(protocol, persona)) {
    await idp.use(fault.id, { once: true, persona });
    const outcome = await login(fault);
    await idp.reset();
    ran.push(fault.id);
    const limit = limitFor(fault.id, persona);
    const allowed = allowedOutcomes(fault, table) ?? [];
    if (limit) {
      if (outcome !== limit.outcome)
        wrong.push(`${fault.id}: LIBRARY_LIMITS says "${limit.outcome}" (${limit.why}) but the outcome was "${outcome}"`);
    } else if (!allowed.includes(outcome)) {
      wrong.push(
        `${fault.id} (${fault.expected}${fault.expected === 'reject' ? `, reason ${fault.reason ?? 'none: the IdP refuses'}` : ''}): expected ${allowed.join(' | ') || '(nothing the library states)'}, got "${outcome}"`,
      );
    }
  }
  return { ran, wrong };
}

/** The library's refusal in its own words (error code, message or description: no secret is ever in them). */
function verdictText(verdict: SamlVerdict | OidcVerdict): string {
  if (verdict.accepted) return 'accepted';
  return 'stage' in verdict
    ? `authlib refused at ${verdict.stage}: ${verdict.error} ${verdict.description}`
    : `python3-saml refused: ${verdict.error} ${verdict.message}`;
}

function emailOf(verdict: Extract<SamlVerdict, { accepted: true }>): string[] {
  return [verdict.nameId, ...Object.values(verdict.attributes).flat()];
}

// --- SAML: python3-saml as the SP -----------------------------------------------------------------------
describe.each(SAML_PERSONAS.map((persona) => [persona.id, persona] as const))('python3-saml SP against %s', (_id, persona) => {
  let setup: SamlSetup;
  beforeAll(async () => {
    setup = await samlSetup(persona);
  });

  it('SP-initiated: python3-saml configured from the metadata writes the AuthnRequest and accepts the answer', async () => {
    const request = await python.samlAuthnRequest(SP, setup.metadata);
    expect({ entityId: request.idpEntityId, sso: request.idpSsoUrl }).toEqual({
      entityId: setup.idp.samlUrls(setup.id).entityId,
      sso: setup.idp.samlUrls(setup.id).ssoUrl,
    });
    const login = await samlLogin(setup, persona);
    if (!login.delivered) throw new Error(`no SAMLResponse came back (HTTP ${login.page.status} at ${login.page.url})`);
    expect(login.posted.acs).toBe(SP.acs);
    expect(login.posted.relayState).toBe(RELAY_STATE);
    expect(login.verdict, verdictText(login.verdict)).toMatchObject({ accepted: true, inResponseTo: login.requestId });
    if (!login.verdict.accepted) return;
    expect(new Set(login.verdict.issuers)).toEqual(new Set([setup.idp.samlUrls(setup.id).entityId]));
    expect(login.verdict.audiences).toContain(SP.entityId);
    expect(emailOf(login.verdict)).toContain(setup.user.email);
  });

  it('IdP-initiated: python3-saml accepts the unsolicited response', async () => {
    const login = await samlLogin(setup, persona, { idpInitiated: true });
    if (!login.delivered) throw new Error(`no SAMLResponse came back (HTTP ${login.page.status} at ${login.page.url})`);
    expect(login.posted.acs).toBe(SP.acs);
    expect(login.verdict, verdictText(login.verdict)).toMatchObject({ accepted: true, inResponseTo: null });
    if (login.verdict.accepted) expect(emailOf(login.verdict)).toContain(setup.user.email);
  });

  it('refuses every switched-on fault python3-saml checks, for its stated reason, and accepts the tolerated ones', async () => {
    const { ran, wrong } = await sweep(
      'saml',
      persona.id,
      async (fault) => {
        // The SP settings the fault states (signed parts the SP requires) and the flow it needs.
        const { sp: expects, flow } = fault as SamlFault;
        const sp: SamlSpSettings = {
          ...SP,
          wantAssertionsSigned: expects?.requireSignedAssertion ?? false,
          wantMessagesSigned: expects?.requireSignedResponse ?? false,
        };
        return samlOutcome(await samlLogin(setup, persona, { idpInitiated: flow !== undefined && flow !== 'sp-initiated', sp }));
      },
      setup.idp,
    );
    expect(wrong).toEqual([]);
    expect(ran).toEqual(
      expect.arrayContaining([
        'saml.audience-mismatch',
        'saml.digest-mismatch',
        'saml.wrong-cert-pasted',
        'saml.expired-assertion',
        'saml.acs-mismatch',
        'saml.recipient-mismatch',
      ]),
    );
  }, 60_000);
});

// --- OIDC: authlib as the RP ----------------------------------------------------------------------------
/** How an RP asks this vendor for a refresh token, and whether the vendor rotates it, as the persona data states. */
interface RefreshTokenOffer {
  readonly scope: string;
  readonly authorizeParams: Readonly<Record<string, string>>;
  readonly rotates: boolean;
}

/**
 * How an RP asks this vendor for a refresh token, from the persona data (`refreshTokens`): the
 * `offline_access` scope, or Google's `access_type=offline` — with `prompt=consent`, since Google
 * issues one only with the first consent of that user for that app, and this persona's happy-path
 * login above was that first consent. `rotates`: the refresh grant answers with a new token.
 */
function refreshTokenOffer(persona: OidcPersona): RefreshTokenOffer {
  const { requestedBy, rotation } = persona.refreshTokens;
  return requestedBy === 'offline_access-scope'
    ? { scope: 'openid profile email offline_access', authorizeParams: {}, rotates: rotation !== 'none' }
    : { scope: 'openid profile email', authorizeParams: { access_type: 'offline', prompt: 'consent' }, rotates: rotation !== 'none' };
}

describe.each(OIDC_PERSONAS.map((persona) => [persona.id, persona] as const))('authlib RP against %s', (_id, persona) => {
  let setup: OidcSetup;
  beforeAll(async () => {
    setup = await oidcSetup(persona);
  });

  it('code + PKCE + nonce: authlib exchanges the code, validates the ID token against the JWKS, reads UserInfo', async () => {
    const login = await oidcLogin(setup, persona);
    if (!login.delivered) throw new Error(`the IdP did not redirect back (HTTP ${login.status})`);
    const { verdict } = login;
    expect(verdict, verdictText(verdict)).toMatchObject({ accepted: true });
    if (!verdict.accepted) return;
    expect(verdict.claims.iss).toBe(setup.rp.issuer);
    expect([verdict.claims.aud].flat()).toContain(setup.rp.clientId);
    expect(verdict.userinfo.sub).toBe(verdict.claims.sub);
    expect([verdict.claims.email, verdict.userinfo.email, verdict.claims.preferred_username]).toContain(setup.user.email);
    // Whenever a refresh token comes, it must work: a refreshed ID token passes the same checks for the same user.
    if (verdict.refresh.issued)
      expect(verdict.refresh).toMatchObject({ refreshed: true, ...(verdict.refresh.idToken ? { sameUser: true } : {}) });
  });

  it('a refresh token where the vendor issues one, the way the vendor is asked for it; the refresh works and rotates as the vendor does', async () => {
    const offer = refreshTokenOffer(persona);
    const login = await oidcLogin(setup, persona, { scope: offer.scope, authorizeParams: offer.authorizeParams });
    if (!login.delivered) throw new Error(`the IdP did not redirect back (HTTP ${login.status})`);
    expect(login.verdict, verdictText(login.verdict)).toMatchObject({ accepted: true, refresh: { issued: true, refreshed: true } });
    if (!login.verdict.accepted) return;
    expect(login.verdict.refresh.rotated, `rotation ${persona.refreshTokens.rotation}`).toBe(offer.rotates);
    // Entra's replaced token stays valid until it expires; the others do not rotate without the fault.
    if (offer.rotates) expect(login.verdict.refresh.reuse, 'the replaced refresh token presented again').toEqual({ refused: false });
  });

  it('refuses every switched-on fault authlib checks, for its stated reason, and accepts the tolerated ones', async () => {
    const offer = refreshTokenOffer(persona);
    const { ran, wrong } = await sweep(
      'oidc',
      persona.id,
      async (fault) =>
        fault.protocol === 'oidc' && fault.effect.seam === 'refresh-token'
          ? refreshOutcome(await oidcLogin(setup, persona, { scope: offer.scope, authorizeParams: offer.authorizeParams }))
          : oidcOutcome(await oidcLogin(setup, persona)),
      setup.idp,
    );
    expect(wrong).toEqual([]);
    expect(ran).toEqual(
      expect.arrayContaining([
        'oidc.signature-invalid-rs256',
        'oidc.aud-invalid',
        'oidc.iss-invalid',
        'oidc.exp-passed',
        'oidc.nonce-invalid',
        'oidc.refresh-token-revoked',
      ]),
    );
  }, 60_000);
});
