// A fresh IdP tenant and an OE account whose seats are that tenant's directory users, for suites
// that set accounts up outside the per-test fixtures (a worker-scoped account per persona), and the
// per-test `idp` and `account` fixtures of suites/fixtures.ts themselves.
import { randomBytes } from 'node:crypto';
import { IdpControlClient, type PublicUser } from '../../mock-idps/index.ts';
import type { HarnessTarget, ProvisionedAccount } from '../target/harnessTarget.ts';

export interface SeatLogin {
  readonly email: string;
  /** The seat's portal password (test only; never attached). */
  readonly password: string;
  /** The same person in the IdP directory. */
  readonly idpUser: PublicUser;
}

export interface TestAccount {
  readonly id: number;
  readonly provisioned: ProvisionedAccount;
  readonly admin: SeatLogin;
  readonly user: SeatLogin;
}

/** Test-only portal password for a provisioned seat (never attached). */
export const testPassword = (): string => `oe-${randomBytes(9).toString('base64url')}-TEST`;

/** A tenant with a domain of its own, so seat emails are unique across every account of the portal. */
export async function newIdpTenant(target: HarnessTarget): Promise<IdpControlClient> {
  const key = `t${randomBytes(5).toString('hex')}`;
  return IdpControlClient.createTenant(target.idpControlUrl, { key, domain: `${key}.example.com` });
}

export function seatLoginFor(idpUser: PublicUser, email: string = idpUser.email): SeatLogin {
  return { email, password: testPassword(), idpUser };
}

/** An account with the tenant's admin as admin seat and its ordinary user as user seat. */
export async function provisionAdminAndUser(target: HarnessTarget, idp: IdpControlClient): Promise<TestAccount> {
  const [adminUser, ordinaryUser] = await Promise.all([idp.userByRole('admin'), idp.userByRole('ordinary')]);
  const admin = seatLoginFor(adminUser);
  const user = seatLoginFor(ordinaryUser);
  const provisioned = await target.provisionAccount({
    name: `Account for ${idp.key}`,
    seats: [
      { name: adminUser.displayName, email: admin.email, role: 'admin', password: admin.password },
      { name: ordinaryUser.displayName, email: user.email, role: 'user', password: user.password },
    ],
  });
  return { id: provisioned.accountId, provisioned, admin, user };
}
