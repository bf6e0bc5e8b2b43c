// The folder map: each top-level folder, what it is for, and which folders its code may import.
// One table read three ways: eslint (scripts/structure/folderRule.ts) enforces it, scripts/structure.test.ts
// checks the import graph and the README's "Architecture" section against it. Each folder that others
// import has one door, its index.ts: the only module of it that another folder imports (doorProblem).

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

/**
 * Tests and their helpers (`*.test.ts`, `*.spec.ts`, anything under a `testing/` folder): what the folder map, the structure test and the
 * vendor touch-point scan leave to the test rule.
 */
export function isTestPath(path: string): boolean {
  return /\.(test|spec)\.ts$/.test(path) || path.split('/').includes('testing');
}

/** The top-level folder a project path is in ('' for a root file). */
export function folderOf(path: string): string {
  const [first = '', ...rest] = path.split('/');
  return rest.length > 0 && FOLDERS.some((folder) => folder.name === first) ? first : '';
}

/** Folders nobody imports (the launcher, benchmarks, scripts): they have no door. */
export const LEAVES: readonly string[] = ['bin', 'bench', 'scripts'];

/** A folder's door, relative to the folder: the one module other folders' code imports. */
export const DOOR = 'index.ts';

/**
 * A folder's testing entry, relative to the folder: test helpers (and internals to cross-check) for other folders' tests, bench and
 * scripts.
 */
export const TESTING_ENTRY = 'testing/index.ts';

/**
 * Code that may import a folder's testing entry as well as its door: tests and their helpers, bench, scripts, and the files beside
 * package.json.
 */
export function mayUseTestingEntries(path: string): boolean {
  return isTestPath(path) || ['bench', 'scripts', ''].includes(folderOf(path));
}

/**
 * Why the module at `from` may not import the module at `target` (paths relative to the root), or
 * undefined when it may: another folder is entered only through its door (or, from tests, bench and
 * scripts, its testing entry), and a folder's own production code never imports its own door (it
 * imports the module itself; the door importing it back would be a circle).
 */
export function doorProblem(from: string, target: string): string | undefined {
  const to = folderOf(target);
  if (to === '' || LEAVES.includes(to)) return undefined;
  const door = `${to}/${DOOR}`;
  const testing = `${to}/${TESTING_ENTRY}`;
  if (to === folderOf(from)) {
    return (target === door || target === testing) && !isTestPath(from) && from !== door
      ? `${from} is in ${to}/: it imports the module itself, not its own folder's door ${target}.`
      : undefined;
  }
  if (target === door || (target === testing && mayUseTestingEntries(from))) return undefined;
  return mayUseTestingEntries(from)
    ? `${target} is inside ${to}/: import its door ${door} (or, for test helpers, ${testing}).`
    : `${target} is inside ${to}/: import its door ${door}, which exports what other folders use.`;
}
