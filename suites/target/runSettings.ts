// The run settings a person gives as a flag of `sso-harness certify` or as an environment
// variable (README "Configuration"), checked the same way whichever way they came: one rule and
// one message per setting, naming where the bad value came from, before any test starts.
// playwright.config.ts checks the same variables for a plain `npx playwright test`.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

export class SettingError extends Error {}

/** Where a value came from: a flag (`--workers`) or an environment variable (`SSO_HARNESS_WORKERS`). */
export type Source = `--${string}` | `SSO_HARNESS_${string}`;

export const MAX_WORKERS = 16;

/** Playwright workers: a whole number from 1 to 16. */
export function parseWorkers(value: string, source: Source): number {
  const workers = Number(value);
  if (value.trim() === '' || !Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
    throw new SettingError(`${source} must be a whole number from 1 to ${MAX_WORKERS}, not "${value}".`);
  }
  return workers;
}

/** A directory for reports: an existing directory, or a path that can be created (not an existing file). */
export function parseReportsDir(value: string, source: Source): string {
  if (value.trim() === '')
    throw new SettingError(`${source} is set but empty: give the directory reports go to, or unset it (default: reports).`);
  const path = resolve(value);
  if (existsSync(path) && !statSync(path).isDirectory())
    throw new SettingError(`${source} names ${path}, which is a file, not a directory: give a directory for the reports.`);
  return path;
}

/** A browser binary named by the person: it must exist. */
export function parseBinary(value: string, source: Source): string {
  const path = resolve(value);
  if (!existsSync(path) || !statSync(path).isFile())
    throw new SettingError(
      `${source} names ${path}, which does not exist: give the path of a Chromium binary (e.g. /usr/bin/chromium), or unset it.`,
    );
  return path;
}

/**
 * Every run setting present in `env`, checked: the first bad one throws SettingError. Only the
 * settings a person sets (README "Configuration"); SSO_HARNESS_TARGET and
 * SSO_HARNESS_PORTAL_DEFECTS are checked with the target (suites/target/targetConfig.ts).
 */
export function checkEnvSettings(env: NodeJS.ProcessEnv): void {
  // Set to the empty string = unset, as everywhere these variables are read.
  const set = (name: string): string | undefined => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const workers = set('SSO_HARNESS_WORKERS');
  if (workers !== undefined) parseWorkers(workers, 'SSO_HARNESS_WORKERS');
  const reports = set('SSO_HARNESS_REPORTS_DIR');
  if (reports !== undefined) parseReportsDir(reports, 'SSO_HARNESS_REPORTS_DIR');
  for (const name of ['SSO_HARNESS_CHROMIUM', 'SSO_HARNESS_HEADLESS_SHELL'] as const) {
    const value = set(name);
    if (value !== undefined) parseBinary(value, name);
  }
}
