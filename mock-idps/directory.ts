// The user directory of one tenant: it backs both protocols of every persona, like the
// customer's real Entra / Okta / Google / Auth0 directory. Seeded with ordinary users and
// the awkward ones support meets every week.
import { perVendor, vendorFacts } from './personas/index.ts';
import type { DirectoryUser, Vendor } from './types.ts';

/** Password of every seeded user. Test-only; never logged, only typed into mock login forms. */
export const TEST_USER_PASSWORD = 'Harness-Test-Passw0rd!';

export const DEFAULT_DIRECTORY_DOMAIN = 'example.com';

/** Why a seeded user exists; suites pick users by role instead of restating emails. */
export type SeedRole = 'ordinary' | 'admin' | 'upper-case-email' | 'guest-ext' | 'not-assigned' | 'disabled' | 'other-domain';

export interface SeedSpec {
  readonly role: SeedRole;
  readonly local: string;
  readonly givenName: string;
  readonly familyName: string;
}

const SEEDS: readonly SeedSpec[] = [
  { role: 'admin', local: 'alice.admin', givenName: 'Alice', familyName: 'Admin' },
  { role: 'ordinary', local: 'bob.user', givenName: 'Bob', familyName: 'User' },
  { role: 'upper-case-email', local: 'Carol.Case', givenName: 'Carol', familyName: 'Case' },
  { role: 'guest-ext', local: 'dave.guest', givenName: 'Dave', familyName: 'Guest' },
  { role: 'not-assigned', local: 'erin.unassigned', givenName: 'Erin', familyName: 'Unassigned' },
  { role: 'disabled', local: 'frank.disabled', givenName: 'Frank', familyName: 'Disabled' },
  { role: 'other-domain', local: 'grace.other', givenName: 'Grace', familyName: 'Other' },
];

export const PARTNER_DOMAIN = 'partner.example.net';
export const OTHER_DOMAIN = 'other.example.org';

export interface SeededUser extends DirectoryUser {
  readonly role: SeedRole | 'added';
}

function vendorIds(tenantKey: string, userKey: string): Readonly<Record<Vendor, string>> {
  const key = `${tenantKey}/${userKey}`;
  return perVendor((vendor) => vendorFacts(vendor).userIdFormat(key));
}

function seededUser(tenantKey: string, domain: string, tenantShortName: string, seed: SeedSpec): SeededUser {
  const emailDomain = seed.role === 'guest-ext' ? PARTNER_DOMAIN : seed.role === 'other-domain' ? OTHER_DOMAIN : domain;
  const email = `${seed.local}@${seed.role === 'upper-case-email' ? emailDomain.toUpperCase() : emailDomain}`;
  // An Entra B2B guest's UPN: the external address with @ turned into _, then #EXT#@ the home tenant.
  const upn = seed.role === 'guest-ext' ? `${email.replace('@', '_')}#EXT#@${tenantShortName}.onmicrosoft.com` : email;
  return {
    id: `u-${seed.local.toLowerCase()}`,
    role: seed.role,
    email,
    upn,
    givenName: seed.givenName,
    familyName: seed.familyName,
    displayName: `${seed.givenName} ${seed.familyName}`,
    password: TEST_USER_PASSWORD,
    emailVerified: true,
    assigned: seed.role !== 'not-assigned',
    disabled: seed.role === 'disabled',
    groups: seed.role === 'admin' ? ['Everyone', 'OE Admins'] : ['Everyone', 'OE Users'],
    vendorIds: vendorIds(tenantKey, seed.local.toLowerCase()),
    ...(emailDomain === domain ? { hostedDomain: domain } : {}),
  };
}

/** Fields a test may change on a user through the control API. */
export type UserPatch = Partial<
  Pick<
    DirectoryUser,
    | 'email'
    | 'upn'
    | 'givenName'
    | 'familyName'
    | 'displayName'
    | 'password'
    | 'emailVerified'
    | 'assigned'
    | 'disabled'
    | 'groups'
    | 'hostedDomain'
  >
>;

export const USER_PATCH_FIELDS = [
  'email',
  'upn',
  'givenName',
  'familyName',
  'displayName',
  'password',
  'emailVerified',
  'assigned',
  'disabled',
  'groups',
  'hostedDomain',
] as const;

export class Directory {
  readonly domain: string;
  readonly #tenantKey: string;
  readonly #shortName: string;
  #users: SeededUser[] = [];

  constructor(tenantKey: string, domain = DEFAULT_DIRECTORY_DOMAIN) {
    this.#tenantKey = tenantKey;
    this.domain = domain;
    this.#shortName = domain.split('.')[0] ?? 'contoso';
    this.reseed();
  }

  reseed(): void {
    this.#users = SEEDS.map((seed) => seededUser(this.#tenantKey, this.domain, this.#shortName, seed));
  }

  list(): readonly SeededUser[] {
    return this.#users;
  }

  byId(id: string): SeededUser | undefined {
    return this.#users.find((user) => user.id === id);
  }

  byRole(role: SeedRole): SeededUser | undefined {
    return this.#users.find((user) => user.role === role);
  }

  /** Sign-in name lookup as the vendors do it: email or UPN, case-insensitively. */
  findByLogin(login: string): SeededUser | undefined {
    const wanted = login.trim().toLowerCase();
    return this.#users.find((user) => user.email.toLowerCase() === wanted || user.upn.toLowerCase() === wanted);
  }

  update(id: string, patch: UserPatch): SeededUser | undefined {
    const user = this.byId(id);
    if (user) Object.assign(user, patch);
    return user;
  }

  add(input: { email: string } & UserPatch): SeededUser {
    const local = input.email.split('@')[0] ?? input.email;
    const id = `u-${local.toLowerCase().replace(/[^a-z0-9.-]/g, '-')}-${this.#users.length}`;
    const user: SeededUser = {
      id,
      role: 'added',
      upn: input.email,
      givenName: local,
      familyName: '',
      displayName: local,
      password: TEST_USER_PASSWORD,
      emailVerified: true,
      assigned: true,
      disabled: false,
      groups: ['Everyone'],
      vendorIds: vendorIds(this.#tenantKey, id),
      ...input,
    };
    this.#users.push(user);
    return user;
  }

  remove(id: string): boolean {
    const before = this.#users.length;
    this.#users = this.#users.filter((user) => user.id !== id);
    return this.#users.length !== before;
  }
}

/** A user as the control API shows it: everything but the password. */
export function publicUser(user: SeededUser): Omit<SeededUser, 'password'> {
  const { password: _password, ...rest } = user;
  return rest;
}
