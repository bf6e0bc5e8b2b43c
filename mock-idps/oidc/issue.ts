// Issuing an ID token, its JWKS and the userinfo answer for one persona of one tenant, with the
// active faults applied. The engine's token route and `mint oidc` both call this, so what is
// minted offline is exactly what the running IdP sends.
import type { TenantState } from '../tenants.ts';
import type { DirectoryUser, OidcPersona } from '../types.ts';
import type { OidcFault, OidcFaultEffect } from './effects.ts';
import { shapeIdToken, shapeUserinfo, type IdTokenContext } from './idTokenShape.ts';
import { issueJwt, mutateClaims, type ClaimMutation, type JwksChange, type JwtFault, type JwtPayload } from './jwtMutator.ts';
import {
  ecSigningKey,
  extraPublishedSigningKey,
  jwksOf,
  rsaSigningKey,
  secondPublishedSigningKey,
  type JsonWebKeySet,
  type SigningKey,
} from './signingKeys.ts';

export interface IssueRequest {
  readonly persona: OidcPersona;
  readonly tenant: TenantState;
  readonly issuer: string;
  readonly clientId: string;
  /** Secret: only the HS256 misconfiguration uses it, as its HMAC key. */
  readonly clientSecret: string;
  readonly user: DirectoryUser;
  readonly scopes: ReadonlySet<string>;
  readonly faults: readonly OidcFault[];
  readonly nonce?: string;
  readonly accessToken?: string;
  readonly authTime?: number;
  readonly sessionId?: string;
}

function effectsOf<S extends OidcFaultEffect['seam']>(faults: readonly OidcFault[], seam: S): Array<Extract<OidcFaultEffect, { seam: S }>> {
  return faults.map((fault) => fault.effect).filter((effect): effect is Extract<OidcFaultEffect, { seam: S }> => effect.seam === seam);
}

/** Several token faults at once compose: claim mutations in order, the last signer wins. */
export function combinedJwtFault(faults: readonly OidcFault[]): JwtFault | undefined {
  const jwtFaults = effectsOf(faults, 'id-token').map((effect) => effect.jwt);
  if (jwtFaults.length === 0) return undefined;
  const signer = jwtFaults
    .map((fault) => fault.signer)
    .filter((value) => value !== undefined)
    .at(-1);
  const publish = jwtFaults
    .map((fault) => fault.publish)
    .filter((value) => value !== undefined)
    .at(-1);
  return {
    claims: jwtFaults.flatMap((fault) => fault.claims ?? []),
    ...(signer ? { signer } : {}),
    ...(publish ? { publish } : {}),
    corruptSignature: jwtFaults.some((fault) => fault.corruptSignature === true),
  };
}

/** The IdP's clock in epoch seconds: tenant offset plus clock faults. */
export function idpNow(tenant: TenantState, faults: readonly OidcFault[]): number {
  const offset = effectsOf(faults, 'clock').reduce((sum, effect) => sum + effect.offsetSeconds, 0);
  return Math.floor(tenant.now().getTime() / 1000) + offset;
}

/** Claim changes that come from IdP settings (user-claims faults), applied to ID token and userinfo alike. */
function userClaimMutations(faults: readonly OidcFault[]): ClaimMutation[] {
  return effectsOf(faults, 'user-claims').flatMap((effect): ClaimMutation[] => [
    ...(effect.remove ? [{ op: 'remove', claims: effect.remove } as const] : []),
    ...(effect.set ? [{ op: 'set', claims: effect.set } as const] : []),
  ]);
}

export function applyUserClaimFaults(payload: JwtPayload, faults: readonly OidcFault[], clientId: string): JwtPayload {
  return userClaimMutations(faults).reduce((acc, mutation) => mutateClaims(acc, mutation, { clientId }), payload);
}

/** The key the persona signs with now. */
export async function currentSigningKey(tenant: TenantState, persona: OidcPersona): Promise<SigningKey> {
  return rsaSigningKey((await tenant.ensureSigningKeys(persona.id)).current, persona.jwks);
}

/**
 * The JWKS the persona publishes: its current key, the previous one during a rollover (vendors
 * keep it published) or else the second key of a vendor that always publishes two (Google), and
 * whatever an active fault changes: an extra key, or the signing key alone.
 */
export async function publishedJwks(
  tenant: TenantState,
  persona: OidcPersona,
  issuer: string,
  changes: ReadonlySet<JwksChange>,
): Promise<JsonWebKeySet> {
  const ring = await tenant.ensureSigningKeys(persona.id);
  const keys = [await rsaSigningKey(ring.current, persona.jwks)];
  if (!changes.has('signing-key-only')) {
    if (ring.previous) keys.push(await rsaSigningKey(ring.previous, persona.jwks));
    else if (persona.jwks.secondKey === 'never-signs') keys.push(await secondPublishedSigningKey(persona.jwks));
    if (changes.has('extra-rsa-key')) keys.push(await extraPublishedSigningKey(persona.jwks));
    if (changes.has('ec-key')) keys.push(await ecSigningKey());
  }
  // Entra's keys each name the issuer template of the tenant issuers: the literal {tenantid}.
  return jwksOf(keys, persona.jwks, issuer.replace(tenant.ids.tid, '{tenantid}'));
}

export function publishedExtras(faults: readonly OidcFault[]): Set<JwksChange> {
  return new Set(effectsOf(faults, 'id-token').flatMap((effect) => (effect.jwt.publish ? [effect.jwt.publish] : [])));
}

function tokenContext(request: IssueRequest, key: SigningKey): IdTokenContext {
  return {
    persona: request.persona,
    issuer: request.issuer,
    clientId: request.clientId,
    user: request.user,
    tenantIds: request.tenant.ids,
    now: idpNow(request.tenant, request.faults),
    scopes: request.scopes,
    kid: key.kid,
    ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
    ...(request.accessToken === undefined ? {} : { accessToken: request.accessToken }),
    ...(request.authTime === undefined ? {} : { authTime: request.authTime }),
    ...(request.sessionId === undefined ? {} : { sessionId: request.sessionId }),
  };
}

/** The vendor-shaped ID token with the faults applied, signed. */
export async function issueIdToken(request: IssueRequest): Promise<string> {
  const key = await currentSigningKey(request.tenant, request.persona);
  const shaped = shapeIdToken(tokenContext(request, key));
  const payload = applyUserClaimFaults(shaped.payload, request.faults, request.clientId);
  return issueJwt({ header: shaped.header, payload }, combinedJwtFault(request.faults), {
    issuer: request.issuer,
    clientId: request.clientId,
    key,
    clientSecret: request.clientSecret,
  });
}

/** The userinfo answer with the faults applied (`sub` of another user for the userinfo fault). */
export async function issueUserinfo(request: IssueRequest): Promise<JwtPayload> {
  const key = await currentSigningKey(request.tenant, request.persona);
  const claims = applyUserClaimFaults(shapeUserinfo(tokenContext(request, key)), request.faults, request.clientId);
  if (effectsOf(request.faults, 'userinfo').some((effect) => effect.change === 'sub-differs')) {
    return mutateClaims(claims, { op: 'subject', variant: 'other-user' }, request);
  }
  return claims;
}
