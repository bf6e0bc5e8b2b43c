// Refresh tokens by the vendor's rules (persona `refreshTokens`, ../shared/reference/vendors.md
// "OIDC behaviours that real clients rely on"), around oidc-provider, which would drop
// `offline_access` unless prompt=consent and knows nothing of Google's access_type=offline:
// - which authorization request earns a refresh token (decided when its code is issued, read back
//   by the provider's issueRefreshToken when the code is redeemed);
// - how the token endpoint's answer looks (offline_access echoed or not, the unrotated token
//   repeated or left out, the vendor's invalid_grant words).
import type { OidcPersona } from '../types.ts';

export type AuthorizationParams = Readonly<Record<string, unknown>>;

/** What an authorization request asked for, as far as refresh tokens go. */
export interface OfflineRequest {
  /** The vendor's way of asking for a refresh token was used (scope offline_access, or access_type=offline). */
  readonly offline: boolean;
  /** prompt contained `consent` (Google: the only way to get a refresh token again). */
  readonly promptConsent: boolean;
}

function words(value: unknown): string[] {
  return typeof value === 'string' ? value.split(' ').filter(Boolean) : [];
}

/** Read from the raw request parameters (before oidc-provider filters the scope). */
export function offlineRequestOf(persona: OidcPersona, params: AuthorizationParams): OfflineRequest {
  const offline =
    persona.refreshTokens.requestedBy === 'offline_access-scope'
      ? words(params.scope).includes('offline_access')
      : params.access_type === 'offline';
  return { offline, promptConsent: words(params.prompt).includes('consent') };
}

/** A map that forgets its oldest entries beyond a limit: a load test's logins keep memory flat. */
class BoundedMap<V> {
  readonly #limit: number;
  readonly #map = new Map<string, V>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  set(key: string, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.#limit) this.#map.delete(this.#map.keys().next().value!);
  }

  get(key: string): V | undefined {
    return this.#map.get(key);
  }

  has(key: string): boolean {
    return this.#map.has(key);
  }

  delete(key: string): void {
    this.#map.delete(key);
  }

  clear(): void {
    this.#map.clear();
  }
}

/**
 * Per persona and tenant: the offline requests waiting behind a login page (by interaction uid),
 * the codes that earn a refresh token, and (Google) the user × client pairs that consented once.
 */
export class OfflineGrants {
  static readonly #LIMIT = 2000;
  readonly #persona: OidcPersona;
  readonly #byInteraction = new BoundedMap<OfflineRequest>(OfflineGrants.#LIMIT);
  readonly #codes = new BoundedMap<true>(OfflineGrants.#LIMIT);
  readonly #consented = new BoundedMap<true>(OfflineGrants.#LIMIT * 5);

  constructor(persona: OidcPersona) {
    this.#persona = persona;
  }

  /** The request went to a login page: remember what it asked for until its code is issued. */
  awaitInteraction(uid: string, request: OfflineRequest): void {
    this.#byInteraction.set(uid, request);
  }

  resumed(uid: string): OfflineRequest | undefined {
    const request = this.#byInteraction.get(uid);
    this.#byInteraction.delete(uid);
    return request;
  }

  /**
   * A code was issued to `clientId` for `userId`: decide now whether redeeming it returns a
   * refresh token. Google: only on the first consent of that user for that client, or with
   * prompt=consent; every issued code counts as that user's consent (enterprise apps consent silently).
   */
  codeIssued(code: string, request: OfflineRequest, userId: string, clientId: string): boolean {
    const pair = `${clientId}\n${userId}`;
    const firstConsent = !this.#consented.has(pair);
    this.#consented.set(pair, true);
    const earns =
      request.offline && (this.#persona.refreshTokens.requestedBy === 'offline_access-scope' || firstConsent || request.promptConsent);
    if (earns) this.#codes.set(code, true);
    return earns;
  }

  earnsRefreshToken(code: string): boolean {
    return this.#codes.has(code);
  }

  clear(): void {
    this.#byInteraction.clear();
    this.#codes.clear();
    this.#consented.clear();
  }
}

type TokenBody = Record<string, unknown>;

/**
 * The token endpoint's successful answer as the vendor writes it: `offline_access` added to
 * `scope` where the vendor echoes it; on a refresh grant that kept the token, the token repeated
 * or left out.
 */
export function shapeTokenAnswer(
  persona: OidcPersona,
  body: TokenBody,
  grant: { readonly type: string; readonly rotated: boolean },
): TokenBody {
  const rules = persona.refreshTokens;
  const shaped: TokenBody = { ...body };
  if (
    typeof shaped.refresh_token === 'string' &&
    rules.echoOfflineAccess &&
    typeof shaped.scope === 'string' &&
    !words(shaped.scope).includes('offline_access')
  ) {
    shaped.scope = `${shaped.scope} offline_access`;
  }
  if (grant.type === 'refresh_token' && !grant.rotated && rules.unrotatedAnswer === 'omitted') delete shaped.refresh_token;
  return shaped;
}

/** The vendor's answer to a refused refresh grant (RFC 6749 §5.2 invalid_grant). */
export function invalidGrantAnswer(persona: OidcPersona): TokenBody {
  const { description, errorCodes } = persona.refreshTokens.invalidGrant;
  return { error: 'invalid_grant', error_description: description, ...(errorCodes ? { error_codes: [...errorCodes] } : {}) };
}
