// Playwright fixtures: each worker gets its own target (portal + mock IdP server on loopback);
// each test gets a fresh IdP tenant (its own directory, keys, faults, clock), a fresh OE account
// whose seats are the tenant's directory users, and the target's PortalDriver on that account.
// Faults and the IdP clock are reset after every test (msw's resetHandlers); the tenant is deleted.
import { test as base, expect } from '@playwright/test';
import type { IdpControlClient } from '../mock-idps/index.ts';
import type { PortalDriver } from './driver/portalDriver.ts';
import { newIdpTenant, provisionAdminAndUser, type TestAccount } from './flows/testAccount.ts';
import { evidenceFixtures, type EvidenceFixtures } from './evidenceFixtures.ts';
import { workerFixtures, type WorkerFixtures } from './workerFixtures.ts';

/** Defined beside the flows that make them (suites/flows/testAccount.ts); every suite takes them from here. */
export type { SeatLogin, TestAccount } from './flows/testAccount.ts';

interface TestFixtures {
  idp: IdpControlClient;
  account: TestAccount;
  driver: PortalDriver;
}

// The worker fixtures (the target among them) are all in suites/workerFixtures.ts, so that every spec shares workers.
const harnessTest = base.extend<TestFixtures, WorkerFixtures>({
  ...workerFixtures,

  baseURL: async ({ target }, use) => {
    await use(target.portalUrl);
  },

  idp: async ({ target }, use) => {
    const idp = await newIdpTenant(target);
    await use(idp);
    await idp.reset();
    await idp.delete();
  },

  account: async ({ target, idp }, use) => {
    await use(await provisionAdminAndUser(target, idp));
  },

  driver: async ({ page, target, account }, use) => {
    await use(target.driver(page, account.provisioned));
  },
});

// Evidence for the reports (decoded SAML / ID tokens, screenshots, Allure labels) and the run's
// secrets ledger for the secrets scan: suites/evidenceFixtures.ts.
export const test = harnessTest.extend<EvidenceFixtures>(evidenceFixtures<TestAccount>());

export { expect };
