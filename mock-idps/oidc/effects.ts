// What an OIDC fault does, as a value: which narrow seam of the engine it goes through and
// with what parameters. The catalog (mock-idps/faults/oidc.ts) pairs each entry with one effect;
// the engine and `mint oidc` interpret them; nothing else forks the engine.
import type { NearMissVariant } from '../nearMissValues.ts';
import type { FaultDefinition } from '../types.ts';
import type { IssuerVariant, JsonValue, JwtFault } from './jwtMutator.ts';

export type OidcFaultEffect =
  /** Post-signing JWT mutator on the token route (and in `mint oidc`). */
  | { readonly seam: 'id-token'; readonly jwt: JwtFault }
  /**
   * What the IdP knows about the user (persona/app settings), applied to the ID token *and*
   * userinfo before signing: e.g. the Entra optional claim `email` not configured.
   */
  | { readonly seam: 'user-claims'; readonly remove?: readonly string[]; readonly set?: Readonly<Record<string, JsonValue>> }
  /** The IdP clock runs `offsetSeconds` ahead (positive) or behind (negative). */
  | { readonly seam: 'clock'; readonly offsetSeconds: number }
  /** The IdP signs with a freshly rotated key (new kid); the JWKS publishes only the new key. */
  | { readonly seam: 'signing-key'; readonly change: 'rotated' }
  /** The discovery document's `issuer` is not the URL it was fetched from. */
  | { readonly seam: 'discovery'; readonly issuer: IssuerVariant }
  /** The app registration at the IdP no longer lists the SP's redirect URI. */
  | { readonly seam: 'registration'; readonly change: 'redirect-uri-unregistered' }
  /** The token endpoint refuses the client's credentials (vendor invalid_client). */
  | { readonly seam: 'client-auth'; readonly failure: 'secret-wrong' | 'secret-expired' }
  /** The authorization endpoint's answer after login. */
  | { readonly seam: 'authorization'; readonly outcome: 'user-not-assigned' | 'state-altered' }
  /** The authorization response's state made nearly right (mock-idps/nearMissValues.ts). */
  | { readonly seam: 'authorization'; readonly outcome: 'state-near-miss'; readonly variant: NearMissVariant }
  /** The token endpoint answers with an ID token issued to another client of the same IdP. */
  | { readonly seam: 'token-response'; readonly change: 'id-token-for-other-client' }
  /** The IdP accepts an authorization code more than once (so only the SP can stop a replay). */
  | { readonly seam: 'code'; readonly change: 'replayable' }
  | { readonly seam: 'userinfo'; readonly change: 'sub-differs' }
  /**
   * The refresh grant at the token endpoint: `revoked` — the refresh token was revoked at the IdP
   * (the user's access revoked, password reset), so redeeming it fails with invalid_grant;
   * `rotated-reuse-refused` — the IdP rotates refresh tokens (as configured) and a rotated-away
   * token presented again is refused and revokes every token of its grant (reuse detection).
   */
  | { readonly seam: 'refresh-token'; readonly change: 'revoked' | 'rotated-reuse-refused' }
  /**
   * Produced by the test driver on the SP side, not by the IdP: replaying a callback, a native
   * app's wrong or missing PKCE verifier, an off-site post-login return URL.
   */
  | {
      readonly seam: 'rp-driver';
      readonly action:
        'replay-callback' | 'pkce-verifier-wrong' | 'pkce-verifier-missing' | 'external-return-url' | 'redirect-uri-external';
    }
  /** The login starts at the SP with this page to land on afterwards (an attacker's return path). */
  | { readonly seam: 'rp-driver'; readonly action: 'return-path'; readonly value: string };

export type OidcSeam = OidcFaultEffect['seam'];

/**
 * The single RP check a fault violates, when it violates exactly one: relaxing it (and nothing
 * else) makes the artefact acceptable. The proofs in faults/oidc.test.ts rely on it.
 */
export type RpCheck =
  | 'alg'
  | 'signature'
  | 'kid'
  | 'issuer'
  | 'audience'
  | 'time'
  | 'required-claims'
  | 'nonce'
  | 'at_hash'
  | 'c_hash'
  | 'email'
  | 'email_verified'
  | 'hd'
  | 'discovery-issuer'
  | 'state'
  | 'userinfo-sub';

export interface OidcFault<Id extends string = string> extends FaultDefinition<Id> {
  readonly protocol: 'oidc';
  readonly effect: OidcFaultEffect;
  /** Present when the fault is a single-check violation: the check a relaxed RP skips. */
  readonly singleCheck?: RpCheck;
}

/** The entries as written, each one's id kept as its literal type (faults/catalog.ts builds FaultId from them). */
export const oidcFaultList = <Id extends string>(faults: readonly OidcFault<Id>[]): readonly OidcFault<Id>[] => faults;

/** Faults whose effect changes only the ID token (and userinfo): what `mint oidc` can produce. */
export function isTokenEffect(effect: OidcFaultEffect): boolean {
  return (
    effect.seam === 'id-token' ||
    effect.seam === 'user-claims' ||
    effect.seam === 'clock' ||
    effect.seam === 'signing-key' ||
    effect.seam === 'token-response'
  );
}
