// The folder map: each top-level folder, what it is for, and which folders its code may import.
// One table read three ways: eslint (scripts/structure/folderRule.ts) enforces it, scripts/structure.test.ts
// checks the import graph and the README's "Architecture" section against it.

export interface Folder {
  readonly name: string;
  /** One line, as the README shows it. */
  readonly purpose: string;
  /** The other top-level folders its production code may import (tests: see TEST_RULE). */
  readonly mayImport: readonly string[];
}

export const FOLDERS: readonly Folder[] = [
  {
    name: 'lib',
    purpose:
      "the shared kit: rules that are neither the portal's nor the harness's (CSV, HTML, the HTTP browser, loopback, email and seat rules, secrets, errors, certificates)",
    mayImport: [],
  },
  {
    name: 'mock-idps',
    purpose: 'the mock identity providers: personas (vendor facts), fault catalog, SAML and OIDC engines, control API',
    mayImport: ['lib'],
  },
  { name: 'portal', purpose: 'the reference portal, a stand-in for OE; meets the mock IdPs only over HTTP', mayImport: ['lib'] },
  {
    name: 'reporting',
    purpose: 'the certification report and its writers, findings, Playwright reporters, secrets scan, shards, Allure set-up',
    mayImport: ['lib', 'mock-idps'],
  },
  {
    name: 'suites',
    purpose: 'the Playwright suites, the PortalDriver and the HTTP-level driver; only suites/target starts a portal',
    mayImport: ['lib', 'mock-idps', 'reporting', 'portal'],
  },
  {
    name: 'support',
    purpose: "support's tools: explain, repro, offline certification of a customer file, demo",
    mayImport: ['lib', 'mock-idps', 'portal', 'reporting'],
  },
  { name: 'cli', purpose: 'the sso-harness command', mayImport: ['lib', 'mock-idps', 'portal', 'reporting', 'suites', 'support'] },
  { name: 'bin', purpose: 'the launcher: runs the CLI on Node 22 and passes stop signals on', mayImport: ['cli'] },
  {
    name: 'bench',
    purpose: 'benchmarks: figures printed, never asserted',
    mayImport: ['lib', 'mock-idps', 'portal', 'reporting', 'suites', 'support', 'cli'],
  },
  {
    name: 'scripts',
    purpose: 'npm test, the end-to-end runs of CI, the structure checks',
    mayImport: ['lib', 'mock-idps', 'portal', 'reporting', 'suites', 'support', 'cli'],
  },
];

/** Tests may cross-check any folder against another, except across the one wire that must stay a wire. */
export const TEST_RULE =
  'Tests (*.test.ts, *.spec.ts, testing/) may import any folder, except portal ↔ mock-idps (they meet only over HTTP).';

/** Tests and their helpers (`*.test.ts`, `*.spec.ts`, anything under a `testing/` folder): what the folder map, the structure test and the vendor touch-point scan leave to the test rule. */
export function isTestPath(path: string): boolean {
  return /\.(test|spec)\.ts$/.test(path) || path.split('/').includes('testing');
}

/** The top-level folder a project path is in ('' for a root file). */
export function folderOf(path: string): string {
  const [first = '', ...rest] = path.split('/');
  return rest.length > 0 && FOLDERS.some((folder) => folder.name === first) ? first : '';
}
