import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium (Playwright cannot download its own browsers on these machines). The flags
// keep Chromium off the closed network: no background, sync, update or QUIC traffic.
export const CHROMIUM_PATH = process.env.SSO_HARNESS_CHROMIUM ?? '/usr/bin/chromium';
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


export default defineConfig({
  testDir: 'suites',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: process.env.SSO_HARNESS_WORKERS ? Number(process.env.SSO_HARNESS_WORKERS) : 2,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results',
  // Order matters: the trace redactor runs first (before others copy traces), the certification
  // report and its secrets scan last (after every other report file is written). suites/reporting/.
  reporter: [
    ['./suites/reporting/traceRedactor.ts'],
    [process.env.SSO_HARNESS_PROGRESS === '1' ? './suites/reporting/progressReporter.ts' : 'list'],
    ['json', { outputFile: 'reports/playwright/results.json' }],
    ['junit', { outputFile: 'reports/junit/playwright.xml' }],
    ['html', { outputFolder: 'reports/playwright/html', open: 'never' }],
    ['allure-playwright', { resultsDir: 'reports/allure-results', detail: true, suiteTitle: true }],
    ['./suites/reporting/certificationReporter.ts', { outputDir: 'reports' }],
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
