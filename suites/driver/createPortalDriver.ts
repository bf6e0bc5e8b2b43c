// The PortalDriver of a target: the page objects of suites/driver/pages, configured with the
// target's accessible names and capabilities, opening the pages of one provisioned account.
import type { Page } from '@playwright/test';
import type { ProvisionedAccount } from '../../lib/index.ts';
import type { HarnessTarget } from '../target/harnessTarget.ts';
import { HomePage, LoginPage, RefusalPage } from './pages/loginPages.ts';
import { SsoSection } from './pages/ssoSection.ts';
import { SeatsPage } from './pages/seatsPage.ts';
import { AuditLog, SupportConsole } from './pages/supportConsole.ts';
import type { PortalDriver } from './portalDriver.ts';

/** What the driver needs of a target. */
export type DriverTarget = Pick<HarnessTarget, 'names' | 'capabilities' | 'supportStaff' | 'accountState'>;

export function createPortalDriver(page: Page, target: DriverTarget, account: ProvisionedAccount): PortalDriver {
  const { names } = target;
  const accountState = () => target.accountState(account.accountId);
  return {
    page,
    account,
    login: new LoginPage(page, names, account),
    refusal: new RefusalPage(page),
    home: new HomePage(page, names, account, async () => (await accountState()).sessions),
    sso: new SsoSection(page, names, account, target.capabilities),
    support: new SupportConsole(page, names, target.supportStaff, account),
    auditLog: new AuditLog(page, names, account),
    seats: new SeatsPage(page, names, account),
    accountState,
  };
}
