// suites/'s door: what the CLI and the Playwright config use of the suites — the scenario lists, the target file, the run settings and the
// remote-target preflight (loaded on call).
import type * as preflight from './target/preflight.ts';

export { catalogScenarios } from './conformance/catalogScenarios.ts';
export { MATRIX_FIRST_ENV } from './conformance/run/grouping.ts';
export { securityCheckScenarios } from './security/securityChecks.ts';
export { signatureScenarios } from './security/signatureMatrix.ts';
export { PreflightError } from './target/preflightError.ts';
export { PREFLIGHT_PASSED_ENV } from './target/preflightPassed.ts';
export { SettingError, checkEnvSettings, parseWorkers, type Source } from './target/runSettings.ts';
export { secondsPerTest } from './testCosts.ts';
export { TargetConfigError, loadTargetConfig, type TargetConfig } from './target/targetConfig.ts';

/** Check a remote target once before any test (its browser and HTTP checks load on the call; the embedded portal needs none). */
export function runPreflight(...args: Parameters<typeof preflight.runPreflight>): ReturnType<typeof preflight.runPreflight> {
  return import('./target/preflight.ts').then((module) => module.runPreflight(...args));
}
