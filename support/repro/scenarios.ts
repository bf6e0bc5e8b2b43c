// The customer cases `sso-harness repro` stands up, as data: every lockout cause of the SSO
// lifecycle (mock-idps/faults/lockoutCauses.ts) and the misconfigurations support meets most per
// vendor (the shared reference/vendors.md). Each names the fault catalog entries it is an
// instance of: the customer's symptom and the fix in the vendor's console are read from the
// catalog, never restated here. A scenario starts from a working set-up (SP registered at the IdP,
// SSO configured and enabled) and says what changes to break it and what changes to fix it.
import {
  appliesTo,
  getFault,
  getOidcFault,
  getSamlFault,
  type FaultId,
  defaultPersonaFor,
  LOCKOUT_CAUSES,
  type LockoutCauseId,
  type Symptom,
  PERSONAS,
  PERSONA_IDS,
  type Persona,
  type PersonaId,
  type VendorError,
} from '../../mock-idps/index.ts';
import { fixFor } from '../../reporting/index.ts';

export type { Symptom };

/** SP settings of the account's IdP and SSO section that differ from the vendor preset. */
export interface SpSettingsPatch {
  readonly requireSignedResponse?: boolean;
  readonly requireSignedAssertion?: boolean;
  readonly allowIdpInitiated?: boolean;
  readonly allowedClockSkewSeconds?: number;
  readonly emailAttribute?: string;
  readonly emailClaim?: string;
  readonly scopes?: string;
  /** Google: the required Workspace domain; `{domain}` stands for the IdP tenant's directory domain. */
  readonly hostedDomain?: string;
}

/** One change a person makes: at the IdP (a console setting, modelled by its catalog fault) or in the portal. */
export type ReproChange =
  | { readonly at: 'idp'; readonly fault: FaultId }
  | { readonly at: 'idp'; readonly resetFaults: true }
  /** The lifecycle's change at the IdP (its `introduce`). */
  | { readonly at: 'idp'; readonly lockout: LockoutCauseId }
  /** The lifecycle's fix of that change (its `fix`: at the IdP or a re-import in the portal). */
  | { readonly at: 'fix'; readonly lockout: LockoutCauseId }
  | { readonly at: 'sp'; readonly settings: SpSettingsPatch }
  /** Back to the vendor preset's SP settings (what the IdP and SSO section proposes for the vendor). */
  | { readonly at: 'sp'; readonly preset: true };

export interface ReproScenario {
  readonly id: string;
  readonly kind: 'lockout' | 'misconfiguration' | 'customer';
  readonly title: string;
  /** The persona it runs with unless `--persona` names another one it applies to. */
  readonly persona: PersonaId;
  /** Not tied to a vendor: `--persona` may name any persona its faults apply to (lockouts always are). */
  readonly acrossVendors?: boolean;
  /** Fault catalog entries this case is an instance of (mock-idps/faults/catalog.ts). */
  readonly faults: readonly FaultId[];
  /** Where the user starts: the portal (SP-initiated, default) or the IdP's app tile (IdP-initiated). */
  readonly entry?: 'sp-initiated' | 'idp-initiated';
  /** From the working set-up to the customer's broken state. */
  readonly breaks: readonly ReproChange[];
  /** From the broken state to a working one, as support tells the customer's admin. */
  readonly fixes: readonly ReproChange[];
  /** The fix in words when it is not the catalog's vendor fix of the first fault. */
  readonly fixTitle?: string;
}

const LOCKOUT_SCENARIOS: readonly ReproScenario[] = Object.values(LOCKOUT_CAUSES).map((cause) => ({
  id: cause.id,
  kind: 'lockout',
  title: `Everyone locked out: ${cause.title}`,
  persona: defaultPersonaFor(cause.id),
  faults: [cause.fault],
  breaks: [{ at: 'idp', lockout: cause.id }],
  fixes: [{ at: 'fix', lockout: cause.id }],
  fixTitle: cause.fixTitle,
}));

/** A console setting at the IdP, modelled by its catalog fault(s), fixed by switching it back. */
function idpSetting(
  id: string,
  persona: PersonaId,
  title: string,
  faults: readonly FaultId[],
  extra: Partial<ReproScenario> = {},
): ReproScenario {
  return {
    id,
    kind: 'misconfiguration',
    title,
    persona,
    faults,
    breaks: faults.map((fault) => ({ at: 'idp', fault })),
    fixes: [{ at: 'idp', resetFaults: true }],
    ...extra,
  };
}

const VENDOR_SCENARIOS: readonly ReproScenario[] = [
  // Microsoft Entra ID
  idpSetting('entra-saml-reply-url-mismatch', 'entra-saml', "Entra: the Reply URL (ACS) at Entra is not the portal's (AADSTS50011)", [
    'saml.acs-not-registered',
  ]),
  idpSetting(
    'entra-saml-identifier-not-found',
    'entra-saml',
    "Entra: the Identifier (Entity ID) at Entra is not the portal's (AADSTS700016)",
    ['saml.sp-entity-id-unknown'],
  ),
  idpSetting('entra-saml-user-not-assigned', 'entra-saml', 'Entra: the user is not assigned to the enterprise application (AADSTS50105)', [
    'saml.user-not-assigned',
  ]),
  idpSetting('entra-saml-upn-not-email', 'entra-saml', 'Entra: the Unique User Identifier is the UPN (…onmicrosoft.com), not the mailbox', [
    'saml.upn-not-email',
  ]),
  idpSetting('entra-saml-guest-ext-upn', 'entra-saml', 'Entra: a guest signs in and the NameID is their #EXT# UPN', ['saml.guest-ext-upn']),
  {
    id: 'entra-saml-response-not-signed',
    kind: 'misconfiguration',
    title: 'Entra signs only the assertion (its default) while the portal requires a signed Response',
    persona: 'entra-saml',
    faults: ['saml.signing-scope-assertion-only'],
    breaks: [
      { at: 'sp', settings: { requireSignedResponse: true, requireSignedAssertion: false } },
      { at: 'idp', fault: 'saml.signing-scope-assertion-only' },
    ],
    fixes: [
      { at: 'idp', resetFaults: true },
      { at: 'idp', fault: 'saml.signing-scope-both' },
    ],
  },
  idpSetting('entra-saml-sha1', 'entra-saml', 'Entra: the signing algorithm is set to SHA-1 (legacy)', ['saml.sha1-signature']),
  idpSetting('entra-oidc-email-claim-missing', 'entra-oidc', 'Entra: the ID token has no email claim (optional claim not configured)', [
    'oidc.email-claim-absent',
  ]),
  idpSetting('entra-oidc-client-secret-expired', 'entra-oidc', 'Entra: the client secret expired (AADSTS7000222)', [
    'oidc.client-secret-expired',
  ]),
  idpSetting(
    'entra-oidc-redirect-uri-mismatch',
    'entra-oidc',
    'Entra: the redirect URI is not registered on the app registration (AADSTS50011)',
    ['oidc.redirect-uri-mismatch'],
  ),
  // Okta
  idpSetting('okta-saml-app-not-assigned', 'okta-saml', 'Okta: the user is not assigned to the app ("403 — App Not Assigned")', [
    'saml.user-not-assigned',
  ]),
  idpSetting('okta-saml-issuer-https', 'okta-saml', 'Okta: the IdP issuer is http://www.okta.com/…, the portal has the https:// variant', [
    'saml.issuer-mismatch',
  ]),
  idpSetting('okta-oidc-org-vs-custom-issuer', 'okta-oidc', 'Okta: org authorization server confused with /oauth2/default', [
    'oidc.issuer-okta-org-server',
  ]),
  idpSetting('okta-oidc-redirect-uri-not-registered', 'okta-oidc', "Okta: the Login redirect URI is not registered (Okta's own 400 page)", [
    'oidc.redirect-uri-mismatch',
  ]),
  // Google Workspace
  idpSetting(
    'google-saml-entity-id-mismatch',
    'google-saml',
    "Google: the app's Entity ID differs from the portal's (403 app_not_configured_for_user)",
    ['saml.sp-entity-id-unknown'],
  ),
  idpSetting(
    'google-saml-app-off-for-user',
    'google-saml',
    "Google: the SAML app is OFF for the user's organizational unit (403 app_not_enabled_for_user)",
    ['saml.user-not-assigned'],
  ),
  idpSetting(
    'google-oidc-redirect-uri-mismatch',
    'google-oidc',
    'Google: the redirect URI is not an authorized redirect URI (Error 400: redirect_uri_mismatch)',
    ['oidc.redirect-uri-mismatch'],
  ),
  {
    id: 'google-oidc-outside-workspace',
    kind: 'misconfiguration',
    title: 'Google: a Google account outside the Workspace signs in (no hd claim) while the portal requires the domain',
    persona: 'google-oidc',
    faults: ['oidc.hd-missing'],
    breaks: [
      { at: 'sp', settings: { hostedDomain: '{domain}' } },
      { at: 'idp', fault: 'oidc.hd-missing' },
    ],
    fixes: [{ at: 'idp', resetFaults: true }],
  },
  // Auth0
  idpSetting('auth0-oidc-issuer-trailing-slash', 'auth0-oidc', 'Auth0: the issuer without its trailing slash', [
    'oidc.issuer-auth0-trailing-slash',
  ]),
  idpSetting('auth0-oidc-hs256', 'auth0-oidc', 'Auth0: the application signs ID tokens with HS256 (client secret)', [
    'oidc.hs256-with-secret',
  ]),
  idpSetting('auth0-oidc-callback-url-mismatch', 'auth0-oidc', 'Auth0: the callback URL is not in Allowed Callback URLs', [
    'oidc.redirect-uri-mismatch',
  ]),
  idpSetting('auth0-saml-sha1-legacy-tenant', 'auth0-saml', 'Auth0: an older tenant signs with RSA-SHA1 and SHA-1 digests', [
    'saml.sha1-signature',
    'saml.sha1-digest',
  ]),
  // Across vendors
  idpSetting(
    'saml-wrong-certificate-pasted',
    'okta-saml',
    "Another app's (or the encryption) certificate was pasted into the portal",
    ['saml.wrong-cert-pasted'],
    { acrossVendors: true },
  ),
  idpSetting(
    'saml-idp-clock-ahead',
    'google-saml',
    'The IdP clock runs 15 minutes ahead (beyond the allowed skew)',
    ['saml.clock-skew-future-beyond'],
    { acrossVendors: true },
  ),
  idpSetting(
    'saml-tls-proxy-http-acs',
    'entra-saml',
    'A TLS-terminating proxy: the IdP posts to https://, the portal computes http://',
    ['saml.destination-scheme-mismatch'],
    { acrossVendors: true },
  ),
  idpSetting(
    'saml-encrypted-without-key',
    'entra-saml',
    'Token encryption turned on at the IdP; the portal has no decryption key',
    ['saml.encrypted-assertion-unexpected'],
    { acrossVendors: true },
  ),
  {
    id: 'saml-idp-initiated-not-allowed',
    kind: 'misconfiguration',
    title: "Users start from the IdP's app tile (IdP-initiated) while the portal does not allow it",
    persona: 'okta-saml',
    faults: ['saml.idp-initiated-unsolicited'],
    acrossVendors: true,
    entry: 'idp-initiated',
    breaks: [],
    fixes: [{ at: 'sp', settings: { allowIdpInitiated: true } }],
    fixTitle:
      'Start the login from the portal, or (if the customer wants the app tile) tick "Allow IdP-initiated login" in the IdP and SSO section.',
  },
  idpSetting(
    'oidc-idp-clock-behind',
    'okta-oidc',
    'The IdP clock runs 11 hours behind (local time instead of UTC)',
    ['oidc.clock-skew-behind'],
    { acrossVendors: true },
  ),
];

export const REPRO_SCENARIOS: readonly ReproScenario[] = [...LOCKOUT_SCENARIOS, ...VENDOR_SCENARIOS];

export class UnknownScenarioError extends Error {}

/** A scenario asked to run with a persona its faults do not apply to (stage.ts). */
export class ScenarioPersonaError extends Error {}

export function findScenario(id: string): ReproScenario {
  const scenario = REPRO_SCENARIOS.find((candidate) => candidate.id === id);
  if (!scenario) {
    const near = REPRO_SCENARIOS.filter((candidate) => candidate.id.includes(id) || id.includes(candidate.id)).map(
      (candidate) => candidate.id,
    );
    throw new UnknownScenarioError(
      `There is no repro scenario "${id}".${near.length > 0 ? ` Did you mean: ${near.join(', ')}?` : ''} List them with \`sso-harness repro --list\`.`,
    );
  }
  return scenario;
}

/** The personas a scenario can run with: its own; for lockouts and cross-vendor cases, any persona of its protocol its faults apply to. */
export function personasFor(scenario: ReproScenario): PersonaId[] {
  if (scenario.kind !== 'lockout' && !scenario.acrossVendors) return [scenario.persona];
  const protocol = PERSONAS[scenario.persona].protocol;
  return PERSONA_IDS.filter((id) => PERSONAS[id].protocol === protocol && scenario.faults.every((fault) => appliesTo(fault, id)));
}

/**
 * What the customer sees in this scenario with this persona, from the catalog: the IdP's own error
 * page when a fault makes the IdP refuse (SAML `refuse`, OIDC registration / assignment), else the
 * portal's refusal with the fault's reason. Undefined when no fault predicts a failure.
 */
export function expectedSymptom(scenario: ReproScenario, persona: Persona): Symptom | undefined {
  const lockout = scenario.breaks.find(
    (change): change is Extract<ReproChange, { at: 'idp'; lockout: LockoutCauseId }> => change.at === 'idp' && 'lockout' in change,
  );
  if (lockout) return LOCKOUT_CAUSES[lockout.lockout].symptom(persona);
  for (const id of scenario.faults) {
    const errorKey = idpErrorOf(id);
    if (errorKey) {
      const error = (persona.errors as Readonly<Record<string, VendorError>>)[errorKey];
      // A vendor that answers 302 sends the error back to the portal, which refuses the login.
      if (error) return error.httpStatus === 302 ? { at: 'portal', reason: 'oidc-idp-error' } : { at: 'idp', code: error.code };
    }
    const reason = getFault(id)?.reason;
    if (reason) return { at: 'portal', reason };
  }
  return undefined;
}

/** The persona error page a fault makes the IdP show instead of answering, if it does. */
function idpErrorOf(faultId: FaultId): string | undefined {
  const saml = getSamlFault(faultId);
  if (saml) return saml.effect.refuse;
  const effect = getOidcFault(faultId)?.effect;
  if (effect?.seam === 'registration') return 'redirectUriMismatch';
  if (effect?.seam === 'authorization' && effect.outcome === 'user-not-assigned') return 'userNotAssigned';
  return undefined;
}

/** The fix in words: the scenario's own, else the catalog's fix in this vendor's console. */
export function fixTitleOf(scenario: ReproScenario, persona: Persona): string {
  if (scenario.fixTitle) return scenario.fixTitle;
  const fault = scenario.faults.map((id) => getFault(id)).find((value) => value !== undefined);
  return fault ? fixFor(fault, persona.vendor) : 'Undo the change that broke it.';
}

/** What the customer sees, in the catalog's words. */
export function customerSeesOf(scenario: ReproScenario): string | undefined {
  return scenario.faults.map((id) => getFault(id)?.customerSees).find((value) => value !== undefined);
}
