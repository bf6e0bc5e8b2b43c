// oidc-provider storage for one persona of one tenant: clients come live from the tenant's app
// registrations (so the control API edits them at run time), everything else (sessions, codes,
// tokens, grants, interactions) lives in a bounded in-memory store with expiry, so memory stays
// flat over thousands of logins.
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';
import type { OidcAppRegistration } from '../tenants.ts';

interface Entry {
  readonly payload: AdapterPayload;
  readonly expiresAt: number;
}

/**
 * Oldest entries are evicted beyond this, per persona and tenant. A complete login leaves about
 * four (session, grant, consumed code, access token), so the last ~250 logins stay valid: far more
 * than one test holds at once, while a load test's thousands of logins keep memory flat.
 */
export const DEFAULT_MAX_ENTRIES = 1000;

export class OidcStore {
  readonly #maxEntries: number;
  readonly #entries = new Map<string, Entry>();
  readonly #sessionByUid = new Map<string, string>();
  readonly #grantMembers = new Map<string, Set<string>>();

  constructor(options: { maxEntries?: number } = {}) {
    this.#maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): AdapterPayload | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  set(key: string, payload: AdapterPayload, expiresInSeconds: number | undefined): void {
    this.delete(key);
    const expiresAt = expiresInSeconds === undefined ? Number.POSITIVE_INFINITY : Date.now() + expiresInSeconds * 1000;
    this.#entries.set(key, { payload, expiresAt });
    if (payload.uid !== undefined && key.startsWith('Session:')) this.#sessionByUid.set(payload.uid, key);
    if (payload.grantId !== undefined) {
      const members = this.#grantMembers.get(payload.grantId) ?? new Set<string>();
      members.add(key);
      this.#grantMembers.set(payload.grantId, members);
    }
    if (this.#entries.size > this.#maxEntries) this.#evictOldest();
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    const { uid, grantId } = entry.payload;
    if (uid !== undefined && this.#sessionByUid.get(uid) === key) this.#sessionByUid.delete(uid);
    if (grantId !== undefined) {
      const members = this.#grantMembers.get(grantId);
      members?.delete(key);
      if (members?.size === 0) this.#grantMembers.delete(grantId);
    }
  }

  sessionKeyByUid(uid: string): string | undefined {
    return this.#sessionByUid.get(uid);
  }

  revokeGrant(grantId: string): void {
    for (const key of [...(this.#grantMembers.get(grantId) ?? [])]) this.delete(key);
    this.#grantMembers.delete(grantId);
  }

  clear(): void {
    this.#entries.clear();
    this.#sessionByUid.clear();
    this.#grantMembers.clear();
  }

  /** Expired entries first, then the least recently written, down to 90% of the cap: one scan per many writes. */
  #evictOldest(): void {
    const now = Date.now();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.delete(key);
    if (this.#entries.size <= this.#maxEntries) return;
    const target = Math.floor(this.#maxEntries * 0.9);
    while (this.#entries.size > target) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.delete(oldest.value);
    }
  }
}

export interface AdapterHooks {
  /** The registration of the persona's app at the IdP, read on every lookup (live edits). */
  registration(clientId: string): OidcAppRegistration | undefined;
  /** Fault seam: the registered redirect URIs as the IdP currently sees them. */
  redirectUris(registration: OidcAppRegistration): string[];
  /** Fault seam: false while the IdP lets an authorization code be redeemed twice. */
  consumeCodes(): boolean;
  /** False where a redeemed refresh token stays valid after its replacement is issued (Entra). */
  consumeRefreshTokens(): boolean;
  /** Fault seam: true when the refresh token being looked up has been revoked at the IdP (its grant goes with it). */
  refreshTokenRevoked(): boolean;
  /**
   * Scopes a refresh token holds beyond the code's (oidc-provider leaves `offline_access` out of
   * the code's scope): a refresh request that names the scopes of the original request, as
   * client libraries send them, is accepted as by the vendor, not refused with invalid_scope.
   */
  refreshTokenExtraScopes(): readonly string[];
}

/** oidc-provider client metadata for a registration. */
export function clientMetadata(registration: OidcAppRegistration, redirectUris: string[]): AdapterPayload {
  const method = registration.tokenEndpointAuthMethod ?? 'client_secret_basic';
  return {
    client_id: registration.clientId,
    ...(method === 'none' ? {} : { client_secret: registration.clientSecret }),
    redirect_uris: redirectUris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: method,
    // oidc-provider's own ID token is replaced by the vendor-shaped one; it signs with a cheap key.
    id_token_signed_response_alg: 'ES256',
  };
}

export function createAdapterFactory(store: OidcStore, hooks: AdapterHooks): AdapterFactory {
  return (model: string): Adapter => {
    const keyOf = (id: string): string => `${model}:${id}`;
    return {
      find(id) {
        if (model === 'Client') {
          const registration = hooks.registration(id);
          return Promise.resolve(registration ? clientMetadata(registration, hooks.redirectUris(registration)) : undefined);
        }
        const payload = store.get(keyOf(id));
        if (model === 'RefreshToken' && payload?.grantId !== undefined && hooks.refreshTokenRevoked()) {
          store.revokeGrant(payload.grantId);
          return Promise.resolve(undefined);
        }
        return Promise.resolve(payload);
      },
      findByUid(uid) {
        const key = store.sessionKeyByUid(uid);
        return Promise.resolve(key === undefined ? undefined : store.get(key));
      },
      findByUserCode() {
        return Promise.resolve(undefined);
      },
      upsert(id, payload, expiresIn) {
        const extra = model === 'RefreshToken' ? hooks.refreshTokenExtraScopes() : [];
        const scopes = new Set(typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : []);
        const scope = [...scopes, ...extra.filter((word) => !scopes.has(word))].join(' ');
        store.set(keyOf(id), extra.length > 0 && typeof payload.scope === 'string' ? { ...payload, scope } : payload, expiresIn);
        return Promise.resolve();
      },
      consume(id) {
        const payload = store.get(keyOf(id));
        const consumes =
          model === 'AuthorizationCode' ? hooks.consumeCodes() : model === 'RefreshToken' ? hooks.consumeRefreshTokens() : true;
        if (payload && consumes) payload.consumed = Math.floor(Date.now() / 1000);
        return Promise.resolve();
      },
      destroy(id) {
        store.delete(keyOf(id));
        return Promise.resolve();
      },
      revokeByGrantId(grantId) {
        store.revokeGrant(grantId);
        return Promise.resolve();
      },
    };
  };
}
