import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium (Playwright cannot download its own browsers on these machines). Headless
// runs use Debian's chromium-headless-shell, as Playwright does with its own builds: the same
// engine without the browser shell, and 2–5 times less CPU per context and page load than the
// full browser in headless mode (bench/browserCost.ts). A headed run (--headed, --debug, --ui,
// PWDEBUG) needs the full browser. SSO_HARNESS_CHROMIUM names one binary for every run.
const FULL_CHROMIUM = '/usr/bin/chromium';
export const HEADLESS_SHELL = process.env.SSO_HARNESS_HEADLESS_SHELL ?? '/usr/bin/chromium-headless-shell';

/** The Chromium binary for a headless or a headed run. */
export function chromiumExecutable(headless: boolean): string {
  if (process.env.SSO_HARNESS_CHROMIUM) return process.env.SSO_HARNESS_CHROMIUM;
  return headless && existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_CHROMIUM;
}

// Workers load this file again with argv of their own: the runner passes "headed" on in the environment.
if (['--headed', '--debug', '--ui'].some((flag) => process.argv.includes(flag)) || process.env.PWDEBUG) process.env.SSO_HARNESS_HEADED = '1';
const HEADLESS = process.env.SSO_HARNESS_HEADED !== '1';

/** The binary this run launches (headless unless the run was started headed). */
export const CHROMIUM_PATH = chromiumExecutable(HEADLESS);
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
];


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
  // Order matters: the trace redactor runs first (before others copy traces), the certification
  // report and its secrets scan last (after every other report file is written). suites/reporting/.
  reporter: [
    ['./suites/reporting/traceRedactor.ts'],
    [process.env.SSO_HARNESS_PROGRESS === '1' ? './suites/reporting/progressReporter.ts' : 'list'],
    ['json', { outputFile: join(REPORTS_DIR, 'playwright', 'results.json') }],
    ['junit', { outputFile: join(REPORTS_DIR, 'junit', 'playwright.xml') }],
    ['html', { outputFolder: join(REPORTS_DIR, 'playwright', 'html'), open: 'never' }],
    ['allure-playwright', { resultsDir: join(REPORTS_DIR, 'allure-results'), detail: true, suiteTitle: true }],
    ['./suites/reporting/certificationReporter.ts', { outputDir: REPORTS_DIR }],
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
  projects: [
    { name: 'web', use: { ...devices['Desktop Chrome'], launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } } },
  ],
});
