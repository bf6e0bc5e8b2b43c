// Where a certification's reports and tools are: reports/ and test-results/, or both under
// SSO_HARNESS_REPORTS_DIR (as playwright.config.ts), and the CLIs certify runs as child processes.
import { join, relative, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const REPORTS = process.env.SSO_HARNESS_REPORTS_DIR ? resolve(process.env.SSO_HARNESS_REPORTS_DIR) : join(ROOT, 'reports');
export const OUTPUT_DIR = process.env.SSO_HARNESS_REPORTS_DIR ? join(REPORTS, 'test-results') : join(ROOT, 'test-results');
export const PLAYWRIGHT_CLI = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
export const ALLURE_CLI = join(ROOT, 'node_modules', 'allure', 'cli.js');
export const ALLURE_RESULTS = join(REPORTS, 'allure-results');
export const ALLURE_REPORT = join(REPORTS, 'allure-report');
// Report name, and the tree grouped vendor › protocol › spec file (feature / story labels set by the evidence fixture).
export const ALLURE_CONFIG = join(ROOT, 'reporting', 'allure.config.json');
export const CERTIFICATION_FILES = ['json', 'md', 'html'].map((ext) => join(REPORTS, `certification.${ext}`));

/** A path as the person reads it: relative to where they are. */
export const shown = (path: string): string => relative(process.cwd(), path) || path;
