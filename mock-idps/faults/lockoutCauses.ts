// The changes at the IdP that lock an OE account out once SSO is enabled (DESIGN lifecycle step 4),
// how the customer experiences each, and how it is fixed. Scenario data with one home, read by the
// lifecycle suite (one cause per persona, so every cause runs for both protocols across the eight
// personas) and by `sso-harness repro` (support stands each one up by hand). The context is what
// the caller provides: the IdP tenant's control client and how it (re)configures the SP side.
import type { ReasonCode } from '../../lib/index.ts';
import type { IdpControlClient, OidcPersonaId, SamlPersonaId } from '../control/client.ts';
import { PERSONA_IDS, PERSONAS, VENDORS } from '../personas/index.ts';
import type { OidcPersona, PersonaId, SamlPersona } from '../types.ts';
import type { FaultId } from './catalog.ts';

export interface LockoutContext {
  readonly idp: IdpControlClient;
  readonly persona: SamlPersona | OidcPersona;
  /** Re-enter the IdP configuration in the portal as the admin did at set-up (optionally a new client secret). */
  readonly reconfigure: (options?: { clientSecret?: string }) => Promise<void>;
  /** Register the SP at the IdP from the links the portal shows (what the customer's admin did at set-up). */
  readonly registerAtIdp: () => Promise<void>;
  /** OIDC: the client the admin registered at set-up (secret: test only, never attached). */
  readonly oidcClient?: { readonly clientId: string; readonly clientSecret: string };
}

/** Where the customer sees the failure: a portal refusal with its reason code, or an IdP error page. */
export type Symptom = { readonly at: 'portal'; readonly reason: ReasonCode } | { readonly at: 'idp'; readonly code: string };

export interface LockoutState {
  readonly newClientSecret?: string;
}

export interface LockoutCause {
  readonly id: string;
  readonly title: string;
  readonly protocol: 'saml' | 'oidc';
  /** The fault catalog entry (mock-idps/faults/catalog.ts) this lockout is an instance of. */
  readonly fault: FaultId;
  /** Returns what the fix needs to know (e.g. the new client secret the IdP generated). */
  introduce(ctx: LockoutContext): Promise<LockoutState>;
  symptom(persona: SamlPersona | OidcPersona): Symptom;
  /** What support tells the customer's admin to do once SSO is off again. */
  readonly fixTitle: string;
  fix(ctx: LockoutContext, state: LockoutState): Promise<void>;
}

const samlId = (ctx: LockoutContext): SamlPersonaId => ctx.persona.id as SamlPersonaId;
const oidcId = (ctx: LockoutContext): OidcPersonaId => ctx.persona.id as OidcPersonaId;
const samlErrors = (persona: SamlPersona | OidcPersona): SamlPersona['errors'] => (persona as SamlPersona).errors;
const oidcErrors = (persona: SamlPersona | OidcPersona): OidcPersona['errors'] => (persona as OidcPersona).errors;

export const LOCKOUT_CAUSES = {
  'signing-certificate-rotated': {
    id: 'signing-certificate-rotated',
    title: 'the IdP signing certificate is rotated; the portal still trusts the old one',
    protocol: 'saml',
    fault: 'saml.cert-rotated',
    introduce: async (ctx) => {
      await ctx.idp.rotateSigningKey(samlId(ctx));
      return {};
    },
    symptom: () => ({ at: 'portal', reason: 'saml-cert-untrusted' }),
    fixTitle: 'the admin re-imports the IdP metadata (with the new certificate) in the portal',
    fix: async (ctx) => {
      await ctx.reconfigure();
    },
  },
  'acs-url-changed': {
    id: 'acs-url-changed',
    title: 'the ACS / reply URL is changed at the IdP',
    protocol: 'saml',
    fault: 'saml.acs-not-registered',
    introduce: async (ctx) => {
      const app = (await ctx.idp.refresh()).apps[ctx.persona.id] as { saml: { entityId: string } };
      await ctx.idp.registerSamlApp(samlId(ctx), { entityId: app.saml.entityId, acsUrls: ['https://oe-old.example.com/saml/acs'] });
      return {};
    },
    symptom: (persona) => ({ at: 'idp', code: samlErrors(persona).acsMismatch.code }),
    fixTitle: 'the IdP admin sets the ACS URL back to the one the portal shows',
    fix: async (ctx) => {
      await ctx.registerAtIdp();
    },
  },
  'sp-entity-id-changed': {
    id: 'sp-entity-id-changed',
    title: 'the SP entity ID / audience is changed at the IdP',
    protocol: 'saml',
    fault: 'saml.sp-entity-id-unknown',
    introduce: async (ctx) => {
      const app = (await ctx.idp.refresh()).apps[ctx.persona.id] as { saml: { acsUrls: string[] } };
      await ctx.idp.registerSamlApp(samlId(ctx), { entityId: 'https://oe.example.com/saml/OLD-ENTITY', acsUrls: app.saml.acsUrls });
      return {};
    },
    // Entra and Google look the app up by the AuthnRequest's Issuer and show their error page; Okta
    // and Auth0 pick the app by its SSO URL and sign an assertion for the old audience instead.
    symptom: (persona) =>
      (persona as SamlPersona).authnRequestPolicy.spEntityId === 'exact'
        ? { at: 'idp', code: samlErrors(persona).unknownSp.code }
        : { at: 'portal', reason: 'saml-audience-mismatch' },
    fixTitle: 'the IdP admin sets the entity ID back to the one the portal shows',
    fix: async (ctx) => {
      await ctx.registerAtIdp();
    },
  },
  'saml-email-attribute-removed': {
    id: 'saml-email-attribute-removed',
    title: 'the email attribute is removed from the IdP app',
    protocol: 'saml',
    fault: 'saml.email-missing',
    introduce: async (ctx) => {
      await ctx.idp.use('saml.email-missing');
      return {};
    },
    symptom: () => ({ at: 'portal', reason: 'email-missing' }),
    fixTitle: 'the IdP admin adds the email attribute back',
    fix: async (ctx) => {
      await ctx.idp.resetFaults();
    },
  },
  'client-secret-changed': {
    id: 'client-secret-changed',
    title: 'the client secret is regenerated at the IdP; the portal still sends the old one',
    protocol: 'oidc',
    fault: 'oidc.client-secret-wrong',
    introduce: async (ctx) => {
      const app = (await ctx.idp.refresh()).apps[ctx.persona.id] as { oidc: { clientId: string; redirectUris: string[] } };
      // No clientSecret given: the IdP generates a new one, as "New client secret" does in the consoles.
      const registered = await ctx.idp.registerOidcApp(oidcId(ctx), { clientId: app.oidc.clientId, redirectUris: app.oidc.redirectUris });
      return { newClientSecret: registered.clientSecret };
    },
    symptom: () => ({ at: 'portal', reason: 'oidc-token-error' }),
    fixTitle: 'the admin enters the new client secret in the portal',
    fix: async (ctx, state) => {
      await ctx.reconfigure(state.newClientSecret === undefined ? {} : { clientSecret: state.newClientSecret });
    },
  },
  'redirect-uri-changed': {
    id: 'redirect-uri-changed',
    title: 'the redirect URI is changed at the IdP',
    protocol: 'oidc',
    fault: 'oidc.redirect-uri-mismatch',
    introduce: async (ctx) => {
      await ctx.idp.registerOidcApp(oidcId(ctx), { ...ctx.oidcClient, redirectUris: ['https://oe-old.example.com/oidc/callback'] });
      return {};
    },
    symptom: (persona) => ({ at: 'idp', code: oidcErrors(persona).redirectUriMismatch.code }),
    fixTitle: 'the IdP admin sets the redirect URI back to the one the portal shows',
    fix: async (ctx) => {
      await ctx.registerAtIdp();
    },
  },
  'oidc-email-claim-removed': {
    id: 'oidc-email-claim-removed',
    title: 'the email claim is no longer released by the IdP',
    protocol: 'oidc',
    fault: 'oidc.email-claim-absent',
    introduce: async (ctx) => {
      await ctx.idp.use('oidc.email-claim-absent');
      return {};
    },
    symptom: () => ({ at: 'portal', reason: 'email-missing' }),
    fixTitle: 'the IdP admin releases the email claim again',
    fix: async (ctx) => {
      await ctx.idp.resetFaults();
    },
  },
} as const satisfies Record<string, LockoutCause>;

export type LockoutCauseId = keyof typeof LOCKOUT_CAUSES;

/**
 * The lockout cause a persona's lifecycle story runs: the causes of its protocol dealt out to the
 * vendors in registry order (wrapping round), so every cause runs for its protocol and a new
 * vendor gets one without a table to extend.
 */
export function lockoutCauseFor(personaId: PersonaId): LockoutCauseId {
  const persona = PERSONAS[personaId];
  const causes = (Object.keys(LOCKOUT_CAUSES) as LockoutCauseId[]).filter((id) => LOCKOUT_CAUSES[id].protocol === persona.protocol);
  const cause = causes[VENDORS.indexOf(persona.vendor) % causes.length];
  if (cause === undefined) throw new Error(`No lockout cause for ${persona.protocol}.`);
  return cause;
}

/** The persona a lockout cause runs with by default (`sso-harness repro`): the first one dealt it. */
export function defaultPersonaFor(cause: LockoutCauseId): PersonaId {
  const persona = PERSONA_IDS.find((id) => lockoutCauseFor(id) === cause);
  if (persona === undefined) throw new Error(`No persona runs the lockout cause ${cause}.`);
  return persona;
}
