// Before any test, a remote target is checked once, in order, and the run stops at the first
// problem with one PreflightError naming the target-file setting to fix — not 200 identical
// timeouts. The embedded reference portal needs no preflight. Called by `sso-harness certify`
// before it starts Playwright, and by Playwright's globalSetup (suites/target/globalSetup.ts).
import { checkInBrowser } from './preflightBrowser.ts';
import { checkBaseUrl, checkProvisioning, provisionPreflightAccount } from './preflightHttp.ts';
import { checkReasonWords } from './preflightReasons.ts';
import type { TargetConfig } from './targetConfig.ts';

export { PreflightError } from './preflightError.ts';

export interface PreflightOptions {
  /** One line per check passed (certify prints them as progress). */
  readonly log?: (line: string) => void;
}

export async function runPreflight(config: TargetConfig, options: PreflightOptions = {}): Promise<void> {
  if (config.kind === 'embedded') return;
  const log = options.log ?? (() => undefined);
  await checkBaseUrl(config);
  log(`preflight: ${config.baseUrl} answers with an HTML page`);
  await checkProvisioning(config);
  log(`preflight: the provisioning API at ${config.provisioning?.url ?? config.baseUrl} accepts the token (contract 2)`);
  const preflight = await provisionPreflightAccount(config);
  log(`preflight: a preflight account (${preflight.account.accountId}) comes back with every URL the suites open`);
  await checkReasonWords(config, preflight.account);
  await checkInBrowser(config, preflight);
  log(
    `preflight: login page, password login${config.capabilities.sessionCookie ? ', session cookie' : ''}, IdP and SSO controls${config.admin ? ', the admin login' : ''} and the support console work with the target file's names`,
  );
}
