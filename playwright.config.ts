import { basename, dirname, join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './lib/index.ts';
import { SHARD_BLOB_ENV } from './reporting/index.ts';
import { checkEnvSettings } from './suites/index.ts';

// The settings of README "Configuration", checked as `sso-harness certify` checks them (a plain `npx playwright test` too).
checkEnvSettings(process.env);

// Where every report and the run's artefacts go: reports/ and test-results/, or under
// SSO_HARNESS_REPORTS_DIR (a second run beside another, e.g. npm test's foreign-portal certification).
const REPORTS_DIR = process.env.SSO_HARNESS_REPORTS_DIR || 'reports';
const OUTPUT_DIR = process.env.SSO_HARNESS_REPORTS_DIR ? join(process.env.SSO_HARNESS_REPORTS_DIR, 'test-results') : 'test-results';

export default defineConfig({
  testDir: 'suites',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: process.env.SSO_HARNESS_WORKERS ? Number(process.env.SSO_HARNESS_WORKERS) : 2,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: OUTPUT_DIR,
  // A remote OE target is checked once before any test (suites/target/preflight.ts); a no-op for the embedded portal.
  globalSetup: './suites/target/globalSetup.ts',
  // A shard of a sharded certification writes only Playwright's blob report (SHARD_BLOB_ENV, set by
  // `certify --shard`); the merge (`certify --merge`, playwright merge-reports with this file) and an
  // unsharded run write every report. Order matters: the trace redactor runs first (before others
  // copy traces), the certification report and its secrets scan last (after every other report file
  // is written). reporting/.
  reporter: process.env[SHARD_BLOB_ENV]
    ? [
        ['./reporting/traceRedactor.ts'],
        [process.env.SSO_HARNESS_PROGRESS === '1' ? './reporting/progressReporter.ts' : 'list'],
        ['blob', { outputDir: dirname(process.env[SHARD_BLOB_ENV]), fileName: basename(process.env[SHARD_BLOB_ENV]) }],
      ]
    : [
        ['./reporting/traceRedactor.ts'],
        [process.env.SSO_HARNESS_PROGRESS === '1' ? './reporting/progressReporter.ts' : 'list'],
        ['json', { outputFile: join(REPORTS_DIR, 'playwright', 'results.json') }],
        ['junit', { outputFile: join(REPORTS_DIR, 'junit', 'playwright.xml') }],
        ['html', { outputFolder: join(REPORTS_DIR, 'playwright', 'html'), open: 'never' }],
        ['./reporting/allureReporter.ts', { resultsDir: join(REPORTS_DIR, 'allure-results'), detail: true, suiteTitle: true }],
        ['./reporting/certificationReporter.ts', { outputDir: REPORTS_DIR }],
      ],
  use: {
    browserName: 'chromium',
    headless: true,
    // The trace of a failed test keeps actions, DOM snapshots, network and console; not the
    // screencast (a JPEG per frame cost ~8% of the suites' CPU), since the screenshot on failure
    // and the DOM snapshots already show each page.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'web', use: { ...devices['Desktop Chrome'], launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } } }],
});
