// The default PortalDriver: the embedded reference OE portal (or a real OE target whose
// accessible names are overridden in its target file).
import type { Page } from '@playwright/test';
import type { HarnessTarget } from '../../target/harnessTarget.ts';
import type { PortalDriver } from '../portalDriver.ts';
import { HomePage, LoginPage, RefusalPage } from './loginPages.ts';
import { namesWith } from './names.ts';
import { SsoSection } from './ssoSection.ts';
import { AuditLog, SupportConsole } from './supportConsole.ts';

export function createPortalDriver(page: Page, target: HarnessTarget): PortalDriver {
  const names = namesWith(target.selectors);
  return {
    target,
    page,
    login: new LoginPage(page, names),
    refusal: new RefusalPage(page, names),
    home: new HomePage(page, names),
    sso: new SsoSection(page, names),
    support: new SupportConsole(page, names, target.supportStaff),
    auditLog: new AuditLog(page, names),
    accountState: (accountId) => target.accountState(accountId),
  };
}
