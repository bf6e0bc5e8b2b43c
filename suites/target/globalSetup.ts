// Playwright globalSetup: the remote-target preflight (suites/target/preflight.ts) before any
// test, so a wrong target stops the run once with the setting to fix. Nothing to do for the
// embedded reference portal, nor when `certify` has just checked the same target file.
import { PreflightError, runPreflight } from './preflight.ts';
import { PREFLIGHT_PASSED_ENV } from './preflightPassed.ts';
import { TargetConfigError, loadTargetConfig } from './targetConfig.ts';

export default async function globalSetup(): Promise<void> {
  try {
    const config = loadTargetConfig();
    if (config.kind === 'embedded' || process.env[PREFLIGHT_PASSED_ENV] === config.file) return;
    await runPreflight(config);
  } catch (error) {
    // The message is the whole story: a stack trace of the harness would only hide it.
    if (error instanceof PreflightError || error instanceof TargetConfigError) error.stack = `${error.name}: ${error.message}`;
    throw error;
  }
}
