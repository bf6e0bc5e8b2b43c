// `mint oidc`: an ID token exactly as the running persona would issue it (same claims builder,
// same fault seam, same keys), offline, for support and for suites that need an artefact only.
import { randomBytes } from 'node:crypto';
import { Directory } from '../directory.ts';
import { OIDC_FAULTS_BY_ID, oidcFaults } from '../faults/oidc.ts';
import { MintError } from '../mintError.ts';
import { OIDC_PERSONAS } from '../personas/index.ts';
import { TenantState } from '../tenants.ts';
import type { DirectoryUser, OidcPersona, PersonaId } from '../types.ts';
import { oidcUrls } from '../urls.ts';
import { isTokenEffect, type OidcFault } from './effects.ts';
import { issueIdToken, publishedExtras, publishedJwks } from './issue.ts';
import type { JsonWebKeySet } from './signingKeys.ts';

/** Origin used when none is given: the default port of `sso-harness idp serve`. */
export const DEFAULT_MINT_ORIGIN = 'http://127.0.0.1:4100';
const DEFAULT_SCOPE = 'openid profile email';

export interface MintIdTokenOptions {
  readonly persona: PersonaId | OidcPersona;
  readonly clientId: string;
  readonly email: string;
  readonly nonce?: string;
  /** A fault id of the OIDC catalog that changes the token (see `sso-harness faults --json`). */
  readonly fault?: string;
  /** Makes `at_hash` (where the vendor sends it) match this access token. */
  readonly accessToken?: string;
  /** Default `openid profile email`. */
  readonly scope?: string;
  /** Server origin the issuer is built on (default DEFAULT_MINT_ORIGIN). */
  readonly origin?: string;
  /** Tenant whose ids, directory and keys to use (default: a fresh `demo` tenant). */
  readonly tenant?: TenantState;
  /** Secret: needed only by faults that sign with the client secret (HS256). */
  readonly clientSecret?: string;
}

export interface MintedIdToken {
  readonly idToken: string;
  readonly issuer: string;
  readonly jwks: JsonWebKeySet;
}

function resolvePersona(persona: PersonaId | OidcPersona): OidcPersona {
  if (typeof persona !== 'string') return persona;
  const found = OIDC_PERSONAS.find((candidate) => candidate.id === persona);
  if (!found) {
    throw new MintError(
      'unknown-persona',
      `"${persona}" is not an OIDC persona, so no ID token can be minted for it. Use one of: ${OIDC_PERSONAS.map((p) => p.id).join(', ')}.`,
    );
  }
  return found;
}

function resolveFault(id: string | undefined, persona: OidcPersona): OidcFault | undefined {
  if (id === undefined) return undefined;
  const tokenFaults = oidcFaults
    .filter((fault) => fault.personas.includes(persona.id) && isTokenEffect(fault.effect))
    .map((fault) => fault.id);
  const fault = OIDC_FAULTS_BY_ID.get(id);
  if (!fault) {
    throw new MintError(
      'unknown-fault',
      `"${id}" is not an OIDC fault. Faults that change ${persona.id} ID tokens: ${tokenFaults.join(', ')}.`,
    );
  }
  if (!fault.personas.includes(persona.id)) {
    throw new MintError(
      'fault-not-for-persona',
      `Fault "${id}" does not apply to ${persona.id} (it applies to ${fault.personas.join(', ')}). Faults for ${persona.id}: ${tokenFaults.join(', ')}.`,
    );
  }
  if (!isTokenEffect(fault.effect)) {
    throw new MintError(
      'fault-not-mintable',
      `Fault "${id}" happens in the ${fault.effect.seam} step of a live login, not in the ID token, so it cannot be minted. Reproduce it with \`sso-harness repro\` or the control API; faults that change ${persona.id} ID tokens: ${tokenFaults.join(', ')}.`,
    );
  }
  return fault;
}

function userFor(tenant: TenantState, email: string): DirectoryUser {
  const known = tenant.directory.findByLogin(email);
  if (known) return known;
  // Any address can be minted: a stand-in directory user with the tenant's deterministic ids.
  const scratch = new Directory(tenant.key, tenant.directory.domain);
  const user = scratch.add({ email });
  const domain = email.split('@')[1]?.toLowerCase();
  if (domain === tenant.directory.domain) user.hostedDomain = domain;
  return user;
}

export async function mintIdToken(options: MintIdTokenOptions): Promise<MintedIdToken> {
  const persona = resolvePersona(options.persona);
  const fault = resolveFault(options.fault, persona);
  const tenant = options.tenant ?? new TenantState('demo');
  const faults = fault ? [fault] : [];
  const registered = tenant.oidcApp(persona.id);
  const clientSecret = options.clientSecret ?? (registered?.clientId === options.clientId ? registered.clientSecret : undefined);
  if (fault?.effect.seam === 'id-token' && fault.effect.jwt.signer === 'hs256-client-secret' && clientSecret === undefined) {
    throw new MintError(
      'client-secret-required',
      `Fault "${fault.id}" signs the ID token with the client secret: pass the client secret (--client-secret) so the token can be checked with it.`,
    );
  }
  // A rotation fault is the IdP having just rotated: the token is signed with the new key.
  if (fault?.effect.seam === 'signing-key') tenant.rotateSigningKey(persona.id);
  const issuer = oidcUrls(persona, tenant.ids, (options.origin ?? DEFAULT_MINT_ORIGIN).replace(/\/$/, '')).issuer;
  const idToken = await issueIdToken({
    persona,
    tenant,
    issuer,
    clientId: options.clientId,
    clientSecret: clientSecret ?? '',
    user: userFor(tenant, options.email),
    scopes: new Set((options.scope ?? DEFAULT_SCOPE).split(/\s+/).filter(Boolean)),
    faults,
    // A login session id, as the IdP would have (Auth0 `sid`).
    sessionId: randomBytes(24).toString('base64url'),
    ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
    ...(options.accessToken === undefined ? {} : { accessToken: options.accessToken }),
  });
  return { idToken, issuer, jwks: await publishedJwks(tenant, persona, issuer, publishedExtras(faults)) };
}
