// Before any test, a remote target is checked once, in order, and the run stops at the first
// problem with one PreflightError naming the target-file setting to fix — not 200 identical
// timeouts. The embedded reference portal needs no preflight. Called by `sso-harness certify`
// before it starts Playwright, and by Playwright's globalSetup (suites/target/globalSetup.ts).
import { checkInBrowser } from './preflightBrowser.ts';
import { checkBaseUrl, checkProvisioning } from './preflightHttp.ts';
import type { TargetConfig } from './targetConfig.ts';

export { PreflightError } from './preflightError.ts';

/**
 * Set by `certify` for the Playwright run it starts, to the target file that passed its preflight:
 * globalSetup then does not check the same file a second time.
 */
export const PREFLIGHT_PASSED_ENV = 'SSO_HARNESS_PREFLIGHT_PASSED';

export interface PreflightOptions {
  /** One line per check passed (certify prints them as progress). */
  readonly log?: (line: string) => void;
}

export async function runPreflight(config: TargetConfig, options: PreflightOptions = {}): Promise<void> {
  if (config.kind === 'embedded') return;
  const log = options.log ?? (() => undefined);
  await checkBaseUrl(config);
  log(`preflight: ${config.baseUrl}/login answers with an HTML page`);
  await checkProvisioning(config);
  log(`preflight: the provisioning API at ${config.provisioning?.url ?? config.baseUrl} accepts the token`);
  await checkInBrowser(config);
  log('preflight: login page and IdP and SSO section selectors found; admin and support logins work');
}
