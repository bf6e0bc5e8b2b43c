import { defineConfig } from 'vitest/config';

// Library tests live beside their source (*.test.ts); Playwright suites live under suites/.
export default defineConfig({
  test: {
    include: ['{lib,cli,mock-idps,portal,reporting,support,bench,scripts}/**/*.test.ts', 'suites/**/*.test.ts'],
    exclude: ['node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: process.env.CI ? ['default', 'junit'] : ['default'],
    outputFile: { junit: 'reports/junit/vitest.xml' },
  },
});
