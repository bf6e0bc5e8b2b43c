// `sso-harness certify`: run the certification suites (Playwright, suites/) against the target,
// show progress, render the Allure 3 report, scan every report for the run's secrets, print the
// matrix and the verdict. Exit 0 only when certified. `--config` is the offline pre-enable check
// of one customer's files (support/offlineCertify).
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { runOfflineCertify } from '../../support/index.ts';
import {
  ENTRY_POINTS,
  PROTOCOLS,
  SelectionError,
  VENDORS,
  parseList,
  titleGrep,
  type Selection,
  parseShard,
  sha256File,
  type ShardPosition,
  type ShardRunIdentity,
} from '../../reporting/index.ts';
import {
  PreflightError,
  runPreflight,
  TargetConfigError,
  loadTargetConfig,
  type TargetConfig,
  SettingError,
  checkEnvSettings,
  parseWorkers,
  type Source,
} from '../../suites/index.ts';
import { parseDefects } from '../../portal/index.ts';
import { UsageError, parseCommandArgs, runCommand } from '../args.ts';
import { runNodeScript } from '../certify/childRun.ts';
import { finishRun, interruptedRun } from '../certify/finishRun.ts';
import { runMerge } from '../certify/merge.ts';
import { playwrightEnv, playwrightTestArgs, reportersEnv, type CertifyRunOptions } from '../certify/playwrightRun.ts';
import { ALLURE_REPORT, ALLURE_RESULTS, CERTIFICATION_FILES, PLAYWRIGHT_CLI, ROOT } from '../certify/reportPaths.ts';
import { runShard } from '../certify/shard.ts';
import { exitCodeOf, stopSignal, watchStopSignals } from '../stopSignals.ts';
import { runSelfCheck } from './certifySelfCheck.ts';

export const help = `Usage:
  sso-harness certify [--target embedded|<target file>] [--vendors LIST] [--protocols LIST]
                      [--entry LIST] [--workers N] [--ci]
  sso-harness certify [same options] --shard i/N --blob-dir DIR
  sso-harness certify --merge DIR
  sso-harness certify --config <customer file> [--json] [--out DIR]
  sso-harness certify --self-check [--json] [--defects LIST] [--workers N]

Runs the whole certification — every vendor × protocol × entry point, the SSO lifecycle, the
fault catalog conformance matrix, seats and security suites — against the target, and writes:
  reports/certification.{json,md,html}   verdict, matrix, lifecycle stages, findings with fixes
  reports/allure-report/index.html       Allure 3 report (steps, decoded SAML / ID tokens, screenshots, traces)
  reports/playwright/html/index.html     Playwright HTML report
  reports/junit/playwright.xml           JUnit XML for CI
Every generated file is scanned for the run's secrets; a leak fails the run.
Exit code: 0 certified, 1 not certified (or a secret leaked), 2 bad options or a target file
that fails its preflight (before any test; the message names the setting to fix).

Options:
  --target T      "embedded" (default: the reference portal, started per worker) or a target
                  JSON file describing a real OE environment (README: "Pointing the harness at a
                  real OE environment"), checked before any test: login page, provisioning API
                  token, login selectors, admin and support logins.
  --vendors L     comma list of ${VENDORS.join(', ')} (default: all)
  --protocols L   comma list of ${PROTOCOLS.join(', ')} (default: both)
  --entry L       comma list of ${ENTRY_POINTS.join(', ')} (default: all); mobile = iPhone and Android
  --workers N     Playwright workers (default 2, or SSO_HARNESS_WORKERS)
  --ci            CI mode: the report says "ci"; same outputs, no interactive output
  --shard i/N     run shard i of N (Playwright's sharding) and write its results, no verdict:
                  DIR/shard-i-of-N.zip (blob report, secrets removed and scanned) and
                  DIR/shard-i-of-N.json (manifest); exit 0 all its tests passed, 1 some failed
  --blob-dir DIR  with --shard: where the shard's results go (copy every shard's DIR into one)
  --merge DIR     the shards in DIR become the reports and the verdict of one run (same counts,
                  verdict and exit code as unsharded); refused (exit 2) when a shard is missing or
                  ran another harness version, target, selection or defect switches
  --config FILE   offline pre-enable check of a customer file instead (support/offlineCertify/README.md)
  --json          with --config: print the report as JSON
  --out DIR       with --config: where certification.{json,md,html} go (default: reports)
  --self-check    prove the conformance matrix catches every defect switch of the reference
                  portal (portal/defects.ts): a baseline run, then one run per defect, each
                  stopping at its first catch; --json prints { scenarios, defects: [{ id, caught,
                  failingTests }] }; --defects LIST checks only those ids

A scoped run (--vendors/--protocols/--entry) gives a verdict for that scope only; the report says so.

Examples:
  npm start
  sso-harness certify --ci
  sso-harness certify --vendors okta,entra --protocols saml
  sso-harness certify --target oe-staging.json --workers 1
  sso-harness certify --config contoso.json
  sso-harness certify --ci --shard 1/2 --blob-dir blob   # on each of 2 machines (2/2 on the other)
  sso-harness certify --merge blob                      # once both blob/ directories are copied into one
`;

/** A setting's check (suites/target/runSettings.ts) as this command's usage error: same words for the flag and its variable. */
function setting<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof SettingError) throw new UsageError(`sso-harness certify: ${error.message}`);
    throw error;
  }
}

/** The target from --target, else SSO_HARNESS_TARGET, else the embedded portal; with where it came from. */
function parseTarget(flag: string | undefined, env: NodeJS.ProcessEnv): { readonly target: string; readonly source: Source | 'default' } {
  const source: Source | 'default' = flag !== undefined ? '--target' : env.SSO_HARNESS_TARGET?.trim() ? 'SSO_HARNESS_TARGET' : 'default';
  const value = flag ?? env.SSO_HARNESS_TARGET?.trim();
  if (value === undefined || value === '' || value === 'embedded') return { target: 'embedded', source };
  const path = resolve(value);
  if (!existsSync(path))
    throw new UsageError(
      `sso-harness certify: ${source} names ${path}, which does not exist. Give "embedded" (the reference portal) or a target JSON file (README: "Pointing the harness at a real OE environment").`,
    );
  return { target: path, source };
}

/** Defect switches of the embedded portal (SSO_HARNESS_PORTAL_DEFECTS): known ids only, checked before any test. */
function checkDefectSwitches(env: NodeJS.ProcessEnv): void {
  const ids = (env.SSO_HARNESS_PORTAL_DEFECTS ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  try {
    parseDefects(ids);
  } catch (error) {
    throw new UsageError(`sso-harness certify: SSO_HARNESS_PORTAL_DEFECTS: ${(error as Error).message}`);
  }
}

/** The target as the Playwright run will see it (defect switches come from the environment). */
function loadTarget(target: string): TargetConfig {
  try {
    return loadTargetConfig({ SSO_HARNESS_TARGET: target, SSO_HARNESS_PORTAL_DEFECTS: process.env.SSO_HARNESS_PORTAL_DEFECTS });
  } catch (error) {
    if (error instanceof TargetConfigError) throw new UsageError(`sso-harness certify --target: ${error.message}`);
    throw error;
  }
}

/** A remote target is checked once here, before Playwright starts: one message and exit 2 instead of a failing test per test. */
async function preflight(config: TargetConfig): Promise<void> {
  if (config.kind === 'embedded') return;
  process.stdout.write(`sso-harness certify: checking the target file ${config.file} ("${config.name}")…\n`);
  try {
    await runPreflight(config, { log: (line) => process.stdout.write(`  ${line}\n`) });
  } catch (error) {
    if (error instanceof PreflightError) throw new UsageError(`sso-harness certify --target: ${error.message}`);
    throw error;
  }
}

function parseSelection(values: { vendors?: string; protocols?: string; entry?: string }): Selection {
  try {
    const vendors = parseList('vendors', values.vendors, VENDORS);
    const protocols = parseList('protocols', values.protocols, PROTOCOLS);
    const entryPoints = parseList('entry', values.entry, ENTRY_POINTS);
    const selection = { ...(vendors ? { vendors } : {}), ...(protocols ? { protocols } : {}), ...(entryPoints ? { entryPoints } : {}) };
    titleGrep(selection);
    return selection;
  } catch (error) {
    if (error instanceof SelectionError) throw new UsageError(`sso-harness certify: ${error.message}`);
    throw error;
  }
}

async function runFull(options: CertifyRunOptions): Promise<number> {
  const started = Date.now();
  // Results of an earlier run must never show up in this run's reports.
  for (const stale of [ALLURE_RESULTS, ALLURE_REPORT, ...CERTIFICATION_FILES]) rmSync(stale, { recursive: true, force: true });
  const args = playwrightTestArgs(options);
  process.stdout.write(
    `sso-harness certify: ${options.target === 'embedded' ? 'embedded reference portal' : options.target}; Playwright ${args.slice(1).join(' ') || '(all suites)'}\n`,
  );
  const playwright = await runNodeScript(PLAYWRIGHT_CLI, args, { cwd: ROOT, env: playwrightEnv(options) });
  const signal = playwright.interrupted ?? stopSignal();
  if (signal !== undefined) return interruptedRun(signal, reportersEnv(options), started);
  return finishRun({ started, runEnv: reportersEnv(options), playwright, producer: 'Playwright' });
}

/** What the shards of one certification must agree on about the target: the embedded portal, or one target file's content. */
function targetIdentity(config: TargetConfig): ShardRunIdentity['target'] {
  if (config.kind === 'embedded') return { kind: 'embedded' };
  return { kind: 'file', name: config.name, sha256: sha256File(config.file) };
}

/** --shard i/N needs --blob-dir (where the shard's results go), and the reverse. */
function shardOf(values: { shard?: string; 'blob-dir'?: string }): { readonly shard: ShardPosition; readonly blobDir: string } | undefined {
  if (values.shard === undefined && values['blob-dir'] === undefined) return undefined;
  if (values.shard === undefined)
    throw new UsageError(
      'sso-harness certify: --blob-dir goes with --shard i/N (one shard of a sharded certification writes its results there).',
    );
  if (values['blob-dir'] === undefined || values['blob-dir'].trim() === '')
    throw new UsageError(
      'sso-harness certify: --shard needs --blob-dir DIR: where this shard writes its results for `certify --merge DIR`.',
    );
  try {
    return { shard: parseShard(values.shard), blobDir: values['blob-dir'] };
  } catch (error) {
    throw new UsageError(`sso-harness certify: ${(error as Error).message}`);
  }
}

export async function run(args: string[]): Promise<number> {
  // The matrix self-check (issue 6) is its own command body: cli/commands/certifySelfCheck.ts.
  if (args.includes('--self-check')) return runSelfCheck(args.filter((arg) => arg !== '--self-check'));
  return runCommand(async () => {
    const { values } = parseCommandArgs('certify', args, {
      target: { type: 'string' },
      vendors: { type: 'string' },
      protocols: { type: 'string' },
      entry: { type: 'string' },
      workers: { type: 'string' },
      ci: { type: 'boolean' },
      config: { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
      shard: { type: 'string' },
      'blob-dir': { type: 'string' },
      merge: { type: 'string' },
    });
    if (values.merge !== undefined) {
      const clashing = (
        ['target', 'vendors', 'protocols', 'entry', 'workers', 'config', 'json', 'out', 'shard', 'blob-dir'] as const
      ).filter((name) => values[name] !== undefined);
      if (clashing.length)
        throw new UsageError(
          `sso-harness certify --merge: the shards' manifests say what ran (target, selection, mode); it does not take ${clashing.map((name) => `--${name}`).join(', ')}.`,
        );
      if (values.merge.trim() === '')
        throw new UsageError("sso-harness certify --merge needs the directory holding every shard's shard-i-of-N.zip and .json.");
      watchStopSignals();
      return runMerge(values.merge, ['sso-harness certify', ...args].join(' '));
    }
    if (values.config !== undefined) {
      const clashing = (['target', 'vendors', 'protocols', 'entry', 'workers', 'shard', 'blob-dir'] as const).filter(
        (name) => values[name] !== undefined,
      );
      if (clashing.length)
        throw new UsageError(
          `sso-harness certify: --config checks a customer's files offline; it does not take ${clashing.map((name) => `--${name}`).join(', ')}.`,
        );
      return runOfflineCertify({ configPath: values.config, json: values.json ?? false, out: values.out ?? 'reports' });
    }
    if (values.json || values.out)
      throw new UsageError('sso-harness certify: --json and --out go with --config; a full run writes reports/certification.json.');
    const sharded = shardOf(values);
    // Every setting, flag or environment variable, is checked before any work (exit 2 on a bad one).
    setting(() => checkEnvSettings(process.env));
    checkDefectSwitches(process.env);
    const { target, source } = parseTarget(values.target, process.env);
    if (source === 'SSO_HARNESS_TARGET')
      process.stdout.write(`sso-harness certify: the target comes from SSO_HARNESS_TARGET (${target}).\n`);
    const workers = values.workers !== undefined ? setting(() => parseWorkers(values.workers!, '--workers')) : undefined;
    const options: CertifyRunOptions = {
      target,
      selection: parseSelection(values),
      ...(workers !== undefined ? { workers } : {}),
      ci: values.ci ?? Boolean(process.env.CI),
      commandLine: ['sso-harness certify', ...args].join(' '),
    };
    // From here on a stop signal stops what this command started and leaves an "interrupted" report.
    watchStopSignals();
    const config = loadTarget(target);
    await preflight(config);
    const early = stopSignal();
    if (early !== undefined) return sharded ? exitCodeOf(early) : interruptedRun(early, reportersEnv(options), Date.now());
    if (sharded) return runShard({ ...options, ...sharded, targetIdentity: targetIdentity(config) });
    return runFull(options);
  });
}
