// The demo account `sso-harness portal serve` seeds and prints: an admin, a user and a support
// login with fresh random passwords. Re-using a data directory resets only these three passwords.
import { randomBytes } from 'node:crypto';
import { hashPassword } from './auth/passwords.ts';
import type { PortalStore } from './db/store.ts';

export const DEMO = {
  accountName: 'Demo Company',
  domain: 'demo.example',
  admin: { name: 'Dana Admin', email: 'admin@demo.example' },
  user: { name: 'Uri User', email: 'user@demo.example' },
  support: { name: 'Sam Support', email: 'support@ooma.example' },
} as const;

export interface DemoLogin {
  readonly name: string;
  readonly email: string;
  readonly password: string;
}

export interface DemoCredentials {
  readonly accountId: number;
  readonly reused: boolean;
  readonly admin: DemoLogin;
  readonly user: DemoLogin;
  readonly support: DemoLogin;
}

function newPassword(): string {
  return randomBytes(12).toString('base64url');
}

export async function seedDemoAccount(store: PortalStore, now: number): Promise<DemoCredentials> {
  const passwords = { admin: newPassword(), user: newPassword(), support: newPassword() };
  const [adminHash, userHash, supportHash] = await Promise.all([
    hashPassword(passwords.admin),
    hashPassword(passwords.user),
    hashPassword(passwords.support),
  ]);
  const existing = store.accounts.withSeatEmail(DEMO.admin.email).find((account) => account.name === DEMO.accountName);
  const account = existing ?? store.accounts.create(DEMO.accountName, [DEMO.domain], now);
  for (const [who, hash] of [
    ['admin', adminHash],
    ['user', userHash],
  ] as const) {
    const seat =
      store.seats.findByEmail(account.id, DEMO[who].email)[0] ??
      store.seats.add(account.id, { name: DEMO[who].name, email: DEMO[who].email, role: who });
    store.seats.setPasswordHash(seat.id, hash);
  }
  store.support.upsertStaff({ name: DEMO.support.name, email: DEMO.support.email, passwordHash: supportHash });
  return {
    accountId: account.id,
    reused: existing !== undefined,
    admin: { ...DEMO.admin, password: passwords.admin },
    user: { ...DEMO.user, password: passwords.user },
    support: { ...DEMO.support, password: passwords.support },
  };
}
