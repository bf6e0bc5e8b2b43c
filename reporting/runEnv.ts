// How `sso-harness certify` tells the reporters about the run it started (environment variables,
// since Playwright runs in a child process). Without them — a plain `npx playwright test` — the
// reports describe the run as a full certification of the configured target.
import { harnessVersion, type RunInfo } from './report/certificationReport.ts';
import { isScoped, selectionFromEnv, type Selection } from './selection.ts';

export const RUN_ENV = {
  /** `ci` or `full`. */
  mode: 'SSO_HARNESS_REPORT_MODE',
  /** The command line, for the report's run metadata. */
  command: 'SSO_HARNESS_COMMAND',
  /** Where the certification report goes (default `reports`). */
  reportsDir: 'SSO_HARNESS_REPORTS_DIR',
  /** `1`: print progress lines instead of Playwright's list. */
  progress: 'SSO_HARNESS_PROGRESS',
  /** `certify --merge`: the blob directory the merged events come from (their attachments are extracted there). */
  mergedFrom: 'SSO_HARNESS_MERGED_FROM',
} as const;

/** `certify --shard`: the blob report file this shard's Playwright run writes (and no other report). */
export const SHARD_BLOB_ENV = 'SSO_HARNESS_SHARD_BLOB';

/** The suites a certification needs (DESIGN "suites/"); a version without one is never certified. */
export const REQUIRED_SUITES = ['lifecycle', 'login', 'seats', 'conformance', 'security'] as const;

export function targetName(env: NodeJS.ProcessEnv = process.env): string {
  const target = env.SSO_HARNESS_TARGET?.trim();
  const defects = env.SSO_HARNESS_PORTAL_DEFECTS?.trim();
  const base = !target || target === 'embedded' ? 'embedded reference portal' : `OE environment from ${target}`;
  return defects ? `${base} (defect switches on: ${defects})` : base;
}

export function runInfo(startedAt: Date, durationMs: number, env: NodeJS.ProcessEnv = process.env): RunInfo {
  const mode = env[RUN_ENV.mode] === 'ci' || (env[RUN_ENV.mode] === undefined && env.CI) ? 'ci' : 'full';
  return {
    harnessVersion: harnessVersion(),
    mode,
    target: targetName(env),
    startedAt: startedAt.toISOString(),
    durationMs,
    command: env[RUN_ENV.command] ?? `playwright ${process.argv.slice(2).join(' ')}`.trim(),
  };
}

export function runScope(env: NodeJS.ProcessEnv = process.env): Selection | undefined {
  const selection = selectionFromEnv(env);
  return isScoped(selection) ? selection : undefined;
}
