// Typed client of the control API, for suites and fixtures (they reach the IdPs only through
// it). msw-like: `await idp.use('saml.audience-mismatch', { once: true })`, then `await idp.reset()`
// after each test. One client = one tenant, so parallel workers never share state.
import type { SeededUser, UserPatch } from '../directory.ts';
import type { FaultId } from '../faults/catalog.ts';
import type { TenantJwksChange } from '../oidc/jwksChanges.ts';
import type { ActiveFault, OidcAppRegistration, RequestLogEntry, SamlAppRegistration } from '../tenants.ts';
import type { FaultDefinition, Persona, PersonaId, TenantIds, Vendor } from '../types.ts';
import type { OidcPersonaUrls, PersonaUrls, SamlPersonaUrls } from '../urls.ts';
import { freshConnectionFetch } from '../../lib/index.ts';

export { TEST_USER_PASSWORD } from '../directory.ts';

export type PublicUser = Omit<SeededUser, 'password'>;
export type SamlPersonaId = `${Vendor}-saml`;
export type OidcPersonaId = `${Vendor}-oidc`;

export interface TenantInfo {
  readonly key: string;
  readonly ids: TenantIds;
  readonly domain: string;
  readonly clockOffsetSeconds: number;
  readonly personas: Partial<Record<PersonaId, PersonaUrls>>;
  readonly apps: Record<string, unknown>;
  readonly faults: readonly ActiveFault[];
  readonly users: number;
}

export interface CertificateInfo {
  readonly certificatePem: string;
  readonly fingerprint256: string;
  readonly notBefore: string;
  readonly notAfter: string;
}

export interface SigningCertificates {
  readonly persona: PersonaId;
  readonly current: CertificateInfo;
  readonly previous?: CertificateInfo;
}

/** A 4xx/5xx from the control API, with its stable code and the valid choices when there are any. */
export class IdpControlError extends Error {
  readonly status: number;
  readonly error: string;
  readonly validChoices?: readonly string[];
  constructor(status: number, error: string, message: string, validChoices?: readonly string[]) {
    super(message);
    this.status = status;
    this.error = error;
    if (validChoices) this.validChoices = validChoices;
  }
}

async function call<T>(controlUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await freshConnectionFetch(`${controlUrl}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new IdpControlError(
      response.status,
      'not-json',
      `The control API at ${controlUrl} answered ${method} ${path} with ${response.status} and a non-JSON body: is this the sso-harness IdP server? (${text.slice(0, 200)})`,
    );
  }
  if (!response.ok) {
    const error = json as { error?: string; message?: string; validChoices?: string[] };
    throw new IdpControlError(response.status, error.error ?? 'error', error.message ?? text, error.validChoices);
  }
  return json as T;
}

export class IdpControlClient {
  readonly controlUrl: string;
  readonly key: string;
  #info: TenantInfo;

  private constructor(controlUrl: string, info: TenantInfo) {
    this.controlUrl = controlUrl.replace(/\/+$/, '');
    this.key = info.key;
    this.#info = info;
  }

  /** A new tenant (random key unless given): the usual start of a test or a worker. */
  static async createTenant(controlUrl: string, options: { key?: string; domain?: string } = {}): Promise<IdpControlClient> {
    const base = controlUrl.replace(/\/+$/, '');
    return new IdpControlClient(base, await call<TenantInfo>(base, 'POST', '/tenants', options));
  }

  /** An existing tenant, e.g. `demo`. */
  static async forTenant(controlUrl: string, key: string): Promise<IdpControlClient> {
    const base = controlUrl.replace(/\/+$/, '');
    return new IdpControlClient(base, await call<TenantInfo>(base, 'GET', `/tenants/${encodeURIComponent(key)}`));
  }

  static personas(controlUrl: string): Promise<Persona[]> {
    return call(controlUrl.replace(/\/+$/, ''), 'GET', '/personas');
  }

  static faults(controlUrl: string, protocol?: 'saml' | 'oidc' | 'seat'): Promise<FaultDefinition[]> {
    return call(controlUrl.replace(/\/+$/, ''), 'GET', `/faults${protocol ? `?protocol=${protocol}` : ''}`);
  }

  get info(): TenantInfo {
    return this.#info;
  }

  get #base(): string {
    return `/tenants/${encodeURIComponent(this.key)}`;
  }

  samlUrls(persona: SamlPersonaId): SamlPersonaUrls {
    const urls = this.#info.personas[persona];
    if (urls?.protocol !== 'saml') throw new IdpControlError(400, 'unknown-persona', `${persona} is not served by this IdP server.`);
    return urls;
  }

  oidcUrls(persona: OidcPersonaId): OidcPersonaUrls {
    const urls = this.#info.personas[persona];
    if (urls?.protocol !== 'oidc') throw new IdpControlError(400, 'unknown-persona', `${persona} is not served by this IdP server.`);
    return urls;
  }

  async refresh(): Promise<TenantInfo> {
    this.#info = await call<TenantInfo>(this.controlUrl, 'GET', this.#base);
    return this.#info;
  }

  // --- app registration (what the customer's admin does in the vendor console) ------------------
  async registerSamlApp(
    persona: SamlPersonaId,
    app: { entityId: string; acsUrls: string[]; encryptionCertificate?: string },
  ): Promise<SamlAppRegistration> {
    const result = await call<{ saml: SamlAppRegistration }>(this.controlUrl, 'PUT', `${this.#base}/apps/${persona}`, app);
    return result.saml;
  }

  /** Returns the client id and secret to configure the SP with (generated in the vendor's format when not given). */
  async registerOidcApp(
    persona: OidcPersonaId,
    app: {
      redirectUris: string[];
      clientId?: string;
      clientSecret?: string;
      tokenEndpointAuthMethod?: OidcAppRegistration['tokenEndpointAuthMethod'];
    },
  ): Promise<OidcAppRegistration> {
    const result = await call<{ oidc: OidcAppRegistration }>(this.controlUrl, 'PUT', `${this.#base}/apps/${persona}`, app);
    return result.oidc;
  }

  unregisterApp(persona: PersonaId): Promise<void> {
    return call(this.controlUrl, 'DELETE', `${this.#base}/apps/${persona}`);
  }

  // --- faults ------------------------------------------------------------------------------------
  /** Switch a catalog fault on; `once` makes it shape only the next artefact. */
  use(faultId: FaultId, options: { once?: boolean; persona?: PersonaId } = {}): Promise<ActiveFault[]> {
    return call(this.controlUrl, 'POST', `${this.#base}/faults`, { id: faultId, ...options });
  }

  activeFaults(): Promise<ActiveFault[]> {
    return call(this.controlUrl, 'GET', `${this.#base}/faults`);
  }

  resetFaults(): Promise<void> {
    return call(this.controlUrl, 'DELETE', `${this.#base}/faults`);
  }

  /** After each test (msw's resetHandlers): faults off, clock back to real time. */
  async reset(): Promise<void> {
    await this.resetFaults();
    await this.shiftClock(0);
  }

  /** Everything back to creation: users, apps, faults, clock, keys, request log. */
  async resetTenant(): Promise<TenantInfo> {
    this.#info = await call<TenantInfo>(this.controlUrl, 'POST', `${this.#base}/reset`);
    return this.#info;
  }

  async delete(): Promise<void> {
    await call(this.controlUrl, 'DELETE', this.#base);
  }

  // --- clock and keys ----------------------------------------------------------------------------
  /** The IdP clock runs `offsetSeconds` ahead (negative: behind) of real time. */
  async shiftClock(offsetSeconds: number): Promise<void> {
    await call(this.controlUrl, 'PUT', `${this.#base}/clock`, { offsetSeconds });
  }

  /**
   * Every OIDC persona's JWKS publishes with this change from now on (until reset): a relying party
   * sees several keys (`extra-rsa-key`) or one (`signing-key-only`) from its first fetch.
   */
  async changeJwks(change: TenantJwksChange): Promise<void> {
    await call(this.controlUrl, 'POST', `${this.#base}/jwks/${change}`);
  }

  /**
   * Every SAML persona's metadata also lists a certificate for encryption from now on (until reset): its key is the shared test attacker
   * key.
   */
  async publishSamlEncryptionKey(): Promise<void> {
    await call(this.controlUrl, 'POST', `${this.#base}/saml/encryption-key`);
  }

  /** Every SAML persona's metadata URL answers 302 to `to` (a loopback URL) from now on (until reset). */
  async redirectSamlMetadata(to: string): Promise<void> {
    await call(this.controlUrl, 'PUT', `${this.#base}/saml/metadata-redirect`, { to });
  }

  /** Every OIDC persona's JWKS URL answers 302 to `to` (a loopback URL; asked on `to`'s host, it answers) from now on (until reset). */
  async redirectOidcJwks(to: string): Promise<void> {
    await call(this.controlUrl, 'PUT', `${this.#base}/oidc/jwks-redirect`, { to });
  }

  signingCertificates(persona: PersonaId): Promise<SigningCertificates> {
    return call(this.controlUrl, 'GET', `${this.#base}/keys/${persona}`);
  }

  rotateSigningKey(persona: PersonaId): Promise<SigningCertificates> {
    return call(this.controlUrl, 'POST', `${this.#base}/keys/${persona}/rotate`);
  }

  expireSigningKey(persona: PersonaId): Promise<SigningCertificates> {
    return call(this.controlUrl, 'POST', `${this.#base}/keys/${persona}/expire`);
  }

  // --- directory ---------------------------------------------------------------------------------
  users(): Promise<PublicUser[]> {
    return call(this.controlUrl, 'GET', `${this.#base}/users`);
  }

  /** A seeded user by role: 'admin', 'ordinary', 'upper-case-email', 'guest-ext', 'not-assigned', 'disabled', 'other-domain'. */
  async userByRole(role: PublicUser['role']): Promise<PublicUser> {
    const user = (await this.users()).find((u) => u.role === role);
    if (!user) throw new IdpControlError(404, 'unknown-user', `Tenant ${this.key} has no user with role "${role}".`);
    return user;
  }

  addUser(user: { email: string } & UserPatch): Promise<PublicUser> {
    return call(this.controlUrl, 'POST', `${this.#base}/users`, user);
  }

  updateUser(id: string, patch: UserPatch): Promise<PublicUser> {
    return call(this.controlUrl, 'PATCH', `${this.#base}/users/${encodeURIComponent(id)}`, patch);
  }

  removeUser(id: string): Promise<void> {
    return call(this.controlUrl, 'DELETE', `${this.#base}/users/${encodeURIComponent(id)}`);
  }

  // --- request log -------------------------------------------------------------------------------
  /** The current end of the request log; `requests({ after: mark })` then lists exactly what came later. */
  async mark(): Promise<number> {
    return (await call<{ mark: number }>(this.controlUrl, 'GET', `${this.#base}/requests/mark`)).mark;
  }

  /**
   * Requests the IdPs received (and responses issued): `after` a mark (exact — use it to assert
   * that nothing further happened), and/or `since` an ISO time (inclusive, millisecond resolution).
   */
  requests(filter: { after?: number; since?: string; persona?: PersonaId; kind?: string } = {}): Promise<RequestLogEntry[]> {
    const query = new URLSearchParams(
      Object.entries(filter)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => [key, String(value)]),
    ).toString();
    return call(this.controlUrl, 'GET', `${this.#base}/requests${query ? `?${query}` : ''}`);
  }

  clearRequests(): Promise<void> {
    return call(this.controlUrl, 'DELETE', `${this.#base}/requests`);
  }
}
