// The suites' Playwright configuration with every test's trace kept (bench/storyFloor.ts counts a
// story's hops in it): the trace the suites record anyway (retain-on-failure: recorded for every
// test, kept on failure), so the run costs what a certification does.
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import suites from '../../playwright.config.ts';

const ROOT = join(import.meta.dirname, '..', '..');

export default defineConfig({
  ...suites,
  testDir: join(ROOT, 'suites'),
  globalSetup: join(ROOT, 'suites', 'target', 'globalSetup.ts'),
  // The bench reads Playwright's JSON report only (the suites' reporters are paths from the root).
  reporter: 'json',
  use: { ...suites.use, trace: { mode: 'on', screenshots: false } },
});
