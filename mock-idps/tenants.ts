// Per-tenant state of the mock IdPs. A tenant is what one test (or one Playwright worker) owns:
// its vendor ids, user directory, app registrations, active faults, clock offset, signing keys
// and request log. Nothing is shared between tenants, so parallel workers never interfere.
import { randomBytes } from 'node:crypto';
import { CodedError } from '../lib/index.ts';
import type { TestKeyPair } from '../lib/index.ts';
import { Directory, DEFAULT_DIRECTORY_DOMAIN } from './directory.ts';
import type { FaultId } from './faults/catalog.ts';
import type { KeyCache } from './keyCache.ts';
import type { TenantJwksChange } from './oidc/jwksChanges.ts';
import {
  expiredCopy,
  newSigningKey,
  newSigningKeyAsync,
  signingKeyFromPrivateKey,
  type Keyring,
  type SigningCertificateShape,
} from './keys.ts';
import { PERSONAS, VENDORS } from './personas/index.ts';
import { deriveTenantIds, fillTemplate, TENANT_KEY_PATTERN, vendorPathId } from './tenantIds.ts';
import type { Persona, PersonaId, TenantIds, Vendor } from './types.ts';

/** What the customer's admin registers in the vendor console for a SAML app. */
export interface SamlAppRegistration {
  /** SP entity ID ("Identifier", "Audience URI", "Entity ID"). */
  entityId: string;
  /** Reply / ACS URLs; the first is the default the IdP posts to. */
  acsUrls: string[];
  /** SP encryption certificate (PEM), when the admin turned assertion encryption on. */
  encryptionCertificate?: string;
}

/** What the customer's admin registers in the vendor console for an OIDC client. */
export interface OidcAppRegistration {
  clientId: string;
  /** Secret: never logged or shown by the control API's listings. */
  clientSecret: string;
  redirectUris: string[];
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post' | 'none';
}

export interface AppRegistration {
  saml?: SamlAppRegistration;
  oidc?: OidcAppRegistration;
}

export interface ActiveFault {
  readonly id: FaultId;
  /** Removed after the first artefact it shaped. */
  readonly once: boolean;
  /** Restrict to one persona; otherwise it applies to every persona the catalog entry lists. */
  readonly persona?: PersonaId;
}

export interface RequestLogEntry {
  /** Increases by one per entry: `requests({ after: mark })` is exact where timestamps tie. */
  readonly seq: number;
  readonly at: string;
  readonly persona: PersonaId | null;
  readonly method: string;
  readonly path: string;
  /** What the request was, e.g. `saml.sso`, `saml.metadata`, `oidc.token`, `control`. */
  readonly kind: string;
}

/** An IdP browser session (the cookie that makes a second login a redirect chain). */
export interface IdpSession {
  readonly userId: string;
  readonly vendor: Vendor;
  readonly createdAt: number;
}

export type TenantChange = 'apps' | 'keys' | 'directory' | 'faults' | 'clock' | 'reset';
export type TenantListener = (change: TenantChange, persona?: PersonaId) => void;

/** Everything a persona engine needs to serve one persona of one tenant. */
export interface PersonaContext {
  tenant: TenantState;
  persona: Persona;
  /** Server origin, e.g. `http://127.0.0.1:4100` (no trailing slash). */
  origin: string;
  /** The tenant's path prefix for this persona's vendor, e.g. `/entra/{tid}` filled in. */
  basePath: string;
}

const REQUEST_LOG_LIMIT = 5000;

export class TenantState {
  readonly ids: TenantIds;
  readonly directory: Directory;
  readonly createdAt = new Date();
  readonly apps = new Map<PersonaId, AppRegistration>();
  readonly sessions = new Map<string, IdpSession>();
  readonly requestLog: RequestLogEntry[] = [];
  #faults: ActiveFault[] = [];
  #clockOffsetSeconds = 0;
  /** What every OIDC persona's JWKS publishes differently from now on, until reset (TENANT_JWKS_CHANGES). */
  readonly #jwksChanges = new Set<TenantJwksChange>();
  #samlEncryptionKey = false;
  /**
   * Shown on this tenant's login pages when set: the test users' password (only `sso-harness demo`
   * sets it, for people trying SSO by hand; never in certification runs, whose reports must not
   * carry it).
   */
  loginPasswordHint: string | undefined;
  #samlMetadataMovedTo: string | undefined;
  #oidcJwksMovedTo: string | undefined;
  #seq = 0;
  readonly #keyrings = new Map<PersonaId, Keyring>();
  readonly #nextKeys = new Map<PersonaId, TestKeyPair>();
  /** Keys being generated off the event loop, by slot (`current:persona`, `next:persona`). */
  readonly #generating = new Map<string, Promise<TestKeyPair>>();
  /** Bumped by reset(): a key generated for the state before it is dropped. */
  #keyEpoch = 0;
  #keyCache: KeyCache | undefined;
  readonly #listeners = new Set<TenantListener>();

  constructor(key: string, domain = DEFAULT_DIRECTORY_DOMAIN) {
    this.ids = deriveTenantIds(key);
    this.directory = new Directory(key, domain);
  }

  get key(): string {
    return this.ids.key;
  }

  // --- clock -------------------------------------------------------------------------------
  get clockOffsetSeconds(): number {
    return this.#clockOffsetSeconds;
  }

  /** The IdP's idea of "now": real time plus the test-controlled offset. */
  now(): Date {
    return new Date(Date.now() + this.#clockOffsetSeconds * 1000);
  }

  setClockOffset(seconds: number): void {
    this.#clockOffsetSeconds = seconds;
    this.#emit('clock');
  }

  /** The JWKS changes every OIDC persona's JWKS keeps from now on (an IdP rolling keys over, or one with a single key). */
  get jwksChanges(): ReadonlySet<TenantJwksChange> {
    return this.#jwksChanges;
  }

  /**
   * From now on every OIDC persona's JWKS publishes with this change, until reset: a relying party
   * sees several keys (`extra-rsa-key`) or one (`signing-key-only`) from its first fetch.
   */
  changeJwks(change: TenantJwksChange): void {
    this.#jwksChanges.add(change);
    this.#emit('keys');
  }

  withdrawJwksChange(change: TenantJwksChange): void {
    this.#jwksChanges.delete(change);
    this.#emit('keys');
  }

  /** Whether the SAML metadata also lists an encryption certificate (KeyDescriptor use="encryption"). */
  get samlEncryptionKey(): boolean {
    return this.#samlEncryptionKey;
  }

  /**
   * From now on every SAML persona's metadata also lists a certificate for encryption, as ADFS and
   * Shibboleth IdPs publish theirs: its key is the shared test "attacker" key, so a response signed
   * with it verifies only at an SP that trusts every certificate of the metadata, not only the
   * signing ones.
   */
  publishSamlEncryptionKey(): void {
    this.#samlEncryptionKey = true;
    this.#emit('keys');
  }

  /** Where the SAML metadata URLs redirect to (302) instead of answering; undefined = they answer. */
  get samlMetadataMovedTo(): string | undefined {
    return this.#samlMetadataMovedTo;
  }

  /** From now on every SAML persona's metadata URL answers 302 to `url` (a moved or hijacked metadata address), until reset. */
  moveSamlMetadata(url: string): void {
    this.#samlMetadataMovedTo = url;
    this.#emit('keys');
  }

  /** Where the OIDC JWKS URLs redirect to (302) instead of answering; undefined = they answer. */
  get oidcJwksMovedTo(): string | undefined {
    return this.#oidcJwksMovedTo;
  }

  /**
   * From now on every OIDC persona's JWKS URL answers 302 to `url` (a moved or hijacked key set address; asked on `url`'s host, it
   * answers), until reset.
   */
  moveOidcJwks(url: string): void {
    this.#oidcJwksMovedTo = url;
    this.#emit('keys');
  }

  // --- app registrations ---------------------------------------------------------------------
  registerApp(persona: PersonaId, registration: AppRegistration): AppRegistration {
    const merged = { ...this.apps.get(persona), ...registration };
    this.apps.set(persona, merged);
    this.#emit('apps', persona);
    return merged;
  }

  unregisterApp(persona: PersonaId): boolean {
    const removed = this.apps.delete(persona);
    this.#emit('apps', persona);
    return removed;
  }

  samlApp(persona: PersonaId): SamlAppRegistration | undefined {
    return this.apps.get(persona)?.saml;
  }

  oidcApp(persona: PersonaId): OidcAppRegistration | undefined {
    return this.apps.get(persona)?.oidc;
  }

  // --- faults --------------------------------------------------------------------------------
  get faults(): readonly ActiveFault[] {
    return this.#faults;
  }

  useFault(fault: ActiveFault): void {
    this.#faults.push(fault);
    this.#emit('faults', fault.persona);
  }

  resetFaults(): void {
    this.#faults = [];
    this.#emit('faults');
  }

  /** Faults that shape the next artefact of `persona`, without consuming one-shot faults. */
  peekFaults(persona: PersonaId, appliesTo: (faultId: FaultId, persona: PersonaId) => boolean): ActiveFault[] {
    return this.#faults.filter((fault) => (fault.persona ?? persona) === persona && appliesTo(fault.id, persona));
  }

  /** Faults for the artefact being issued now; one-shot faults are consumed. */
  takeFaults(persona: PersonaId, appliesTo: (faultId: FaultId, persona: PersonaId) => boolean): ActiveFault[] {
    const taken = this.peekFaults(persona, appliesTo);
    if (taken.some((fault) => fault.once)) {
      this.#faults = this.#faults.filter((fault) => !(fault.once && taken.includes(fault)));
      this.#emit('faults', persona);
    }
    return taken;
  }

  // --- signing keys --------------------------------------------------------------------------
  /** The persona's keyring, generated on first use (key generation is ~70 ms; cold start stays fast). */
  signingKeys(persona: PersonaId): Keyring {
    let ring = this.#keyrings.get(persona);
    if (!ring) {
      ring = { current: this.#newKey(persona, 'current') };
      this.#keyrings.set(persona, ring);
    }
    return ring;
  }

  /**
   * The key the next rotation will activate, generated on first use. The `cert-rotated` fault
   * signs with it: the IdP has rotated, the SP still trusts the old certificate.
   */
  nextSigningKey(persona: PersonaId): TestKeyPair {
    let next = this.#nextKeys.get(persona);
    if (!next) {
      next = this.#newKey(persona, 'next');
      this.#nextKeys.set(persona, next);
    }
    return next;
  }

  /**
   * Where this tenant's first signing keys come from (the server does this for the demo tenant
   * only): the TEST-ONLY per-machine cache, or a key generated since start-up; new ones are added
   * to the cache. Rotations, next keys and every key after a reset are generated fresh.
   */
  useKeyCache(cache: KeyCache | undefined): void {
    this.#keyCache = cache;
  }

  /**
   * The persona's keyring, its key generated on libuv's thread pool when it does not exist yet:
   * engines await this before they sign or publish, so a new tenant never stalls the event loop
   * (and the server start warms the demo tenant's keys in the background). `signingKeys()` stays
   * the synchronous way in; whichever finishes first wins, and both then see the same ring.
   */
  async ensureSigningKeys(persona: PersonaId): Promise<Keyring> {
    while (!this.#keyrings.has(persona)) {
      const epoch = this.#keyEpoch;
      const key = await this.#generate('current', persona);
      if (epoch === this.#keyEpoch && !this.#keyrings.has(persona)) this.#keyrings.set(persona, { current: key });
    }
    return this.#keyrings.get(persona)!;
  }

  /** `nextSigningKey()` generated off the event loop (what a rotation will activate). */
  async ensureNextSigningKey(persona: PersonaId): Promise<TestKeyPair> {
    while (!this.#nextKeys.has(persona)) {
      const epoch = this.#keyEpoch;
      const key = await this.#generate('next', persona);
      if (epoch === this.#keyEpoch && !this.#nextKeys.has(persona)) this.#nextKeys.set(persona, key);
    }
    return this.#nextKeys.get(persona)!;
  }

  /** Start generating the keys of these personas in the background; resolves when all are there. */
  async prepareSigningKeys(personas: readonly PersonaId[]): Promise<void> {
    await Promise.all(personas.map((persona) => this.ensureSigningKeys(persona)));
  }

  #generate(slot: 'current' | 'next', persona: PersonaId): Promise<TestKeyPair> {
    const key = `${slot}:${persona}`;
    let pending = this.#generating.get(key);
    if (!pending) {
      pending = this.#newKeyAsync(persona, slot).finally(() => {
        if (this.#generating.get(key) === pending) this.#generating.delete(key);
      });
      this.#generating.set(key, pending);
    }
    return pending;
  }

  /** Vendor "new certificate" + "make active": the old key is kept as `previous`. */
  rotateSigningKey(persona: PersonaId): Keyring {
    const ring: Keyring = { current: this.nextSigningKey(persona), previous: this.signingKeys(persona).current };
    this.#nextKeys.delete(persona);
    this.#keyrings.set(persona, ring);
    this.#emit('keys', persona);
    return ring;
  }

  /** The active certificate runs past its NotAfter (same key): what an SP sees when nobody renewed it. */
  expireSigningKey(persona: PersonaId): Keyring {
    const ring = this.signingKeys(persona);
    const expired: Keyring = { current: expiredCopy(ring.current, this.now()), ...(ring.previous ? { previous: ring.previous } : {}) };
    this.#keyrings.set(persona, expired);
    this.#emit('keys', persona);
    return expired;
  }

  #newKey(personaId: PersonaId, slot: 'current' | 'next'): TestKeyPair {
    const cached = this.#cachedKey(personaId, slot);
    if (cached) return cached;
    return this.#remember(personaId, slot, newSigningKey(this.#certificateShape(personaId)));
  }

  async #newKeyAsync(personaId: PersonaId, slot: 'current' | 'next'): Promise<TestKeyPair> {
    const cached = this.#cachedKey(personaId, slot);
    if (cached) return cached;
    const shape = this.#certificateShape(personaId);
    const early = this.#cacheApplies(slot) ? await this.#keyCache?.pendingPrivateKeyPem?.(personaId) : undefined;
    if (early) return this.#remember(personaId, slot, signingKeyFromPrivateKey(early, shape));
    return this.#remember(personaId, slot, await newSigningKeyAsync(shape));
  }

  #cacheApplies(slot: 'current' | 'next'): boolean {
    return this.#keyCache !== undefined && slot === 'current' && this.#keyEpoch === 0;
  }

  #cachedKey(personaId: PersonaId, slot: 'current' | 'next'): TestKeyPair | undefined {
    const pem = this.#cacheApplies(slot) ? this.#keyCache?.privateKeyPem(personaId) : undefined;
    if (!pem) return undefined;
    return signingKeyFromPrivateKey(pem, this.#certificateShape(personaId));
  }

  #remember(personaId: PersonaId, slot: 'current' | 'next', pair: TestKeyPair): TestKeyPair {
    if (this.#cacheApplies(slot)) this.#keyCache?.remember(personaId, pair.privateKeyPem);
    return pair;
  }

  /** The persona's certificate for this tenant: the vendor's subject with the tenant's ids filled in. */
  #certificateShape(personaId: PersonaId): SigningCertificateShape {
    const { subject, lifetime } = PERSONAS[personaId].certificate;
    return { subject: subject.map(([type, value]) => [type, fillTemplate(value, this.ids)] as const), lifetime };
  }

  // --- request log ---------------------------------------------------------------------------
  /** Sequence number of the latest entry (0 before any): a mark to read "what happened after". */
  get requestLogMark(): number {
    return this.#seq;
  }

  log(entry: Omit<RequestLogEntry, 'at' | 'seq'>): void {
    this.requestLog.push({ seq: ++this.#seq, at: new Date().toISOString(), ...entry });
    if (this.requestLog.length > REQUEST_LOG_LIMIT) this.requestLog.splice(0, this.requestLog.length - REQUEST_LOG_LIMIT);
  }

  clearRequestLog(): void {
    this.requestLog.length = 0;
  }

  // --- lifecycle -----------------------------------------------------------------------------
  /** Back to the state right after creation: seeded users, no apps, no faults, clock at 0, fresh keys. */
  reset(): void {
    this.apps.clear();
    this.sessions.clear();
    this.#faults = [];
    this.#clockOffsetSeconds = 0;
    this.#jwksChanges.clear();
    this.#samlEncryptionKey = false;
    this.#samlMetadataMovedTo = undefined;
    this.#oidcJwksMovedTo = undefined;
    this.#keyrings.clear();
    this.#nextKeys.clear();
    this.#generating.clear();
    this.#keyEpoch++;
    this.directory.reseed();
    this.clearRequestLog();
    this.#emit('reset');
  }

  /** Engines subscribe to rebuild what they derived from tenant state (e.g. OIDC clients, JWKS). */
  subscribe(listener: TenantListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  notifyDirectoryChanged(): void {
    this.#emit('directory');
  }

  #emit(change: TenantChange, persona?: PersonaId): void {
    for (const listener of this.#listeners) listener(change, persona);
  }
}

export class TenantError extends CodedError<'tenant-exists' | 'tenant-key-invalid'> {}

/** Every tenant of one server, found by harness key or by the vendor id in a request path. */
export class TenantRegistry {
  readonly #byKey = new Map<string, TenantState>();
  readonly #byVendorId = new Map<string, TenantState>();

  create(options: { key?: string; domain?: string } = {}): TenantState {
    const key = options.key ?? `t-${randomBytes(6).toString('hex')}`;
    if (!TENANT_KEY_PATTERN.test(key)) {
      throw new TenantError(
        'tenant-key-invalid',
        `Tenant key "${key}" is not valid: use 1–63 lower-case letters, digits and hyphens, starting with a letter or digit (or omit "key" for a random one).`,
      );
    }
    if (this.#byKey.has(key)) {
      throw new TenantError(
        'tenant-exists',
        `Tenant "${key}" already exists: pick another key, omit "key" for a random one, or reset the tenant instead.`,
      );
    }
    const tenant = new TenantState(key, options.domain);
    for (const vendor of VENDORS) {
      const vendorId = `${vendor}/${vendorPathId(vendor, tenant.ids)}`;
      if (this.#byVendorId.has(vendorId)) {
        throw new TenantError('tenant-exists', `Tenant "${key}" derives the same ${vendor} id as another tenant: pick another key.`);
      }
    }
    this.#byKey.set(key, tenant);
    for (const vendor of VENDORS) this.#byVendorId.set(`${vendor}/${vendorPathId(vendor, tenant.ids)}`, tenant);
    return tenant;
  }

  get(key: string): TenantState | undefined {
    return this.#byKey.get(key);
  }

  /** The tenant whose `{tid}` / `{org}` / `{idpid}` / `{tenant}` is `id`. */
  byVendorPathId(vendor: Vendor, id: string): TenantState | undefined {
    return this.#byVendorId.get(`${vendor}/${id}`);
  }

  delete(key: string): boolean {
    const tenant = this.#byKey.get(key);
    if (!tenant) return false;
    this.#byKey.delete(key);
    for (const vendor of VENDORS) this.#byVendorId.delete(`${vendor}/${vendorPathId(vendor, tenant.ids)}`);
    return true;
  }

  list(): TenantState[] {
    return [...this.#byKey.values()];
  }
}
