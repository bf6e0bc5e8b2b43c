// Apart from the preflight itself, so that reading it (the CLI, suites/index.ts) does not load the preflight's browser and HTTP checks.

/**
 * Set by `certify` for the Playwright run it starts, to the target file that passed its preflight:
 * globalSetup then does not check the same file a second time.
 */
export const PREFLIGHT_PASSED_ENV = 'SSO_HARNESS_PREFLIGHT_PASSED';
