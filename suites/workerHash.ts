// What splits the suites' workers (suites/workerFixtures.ts): a worker fixture registered outside
// the shared chain, or a worker option (trace, screenshot, video, the browser's) changed by
// `test.use`. Either gives the tests of that file workers of their own. Read off the source text.

/** Worker-scoped options Playwright ships; `test.use` of any of them starts workers of their own. */
const WORKER_OPTIONS = ['trace', 'screenshot', 'video', 'launchOptions', 'headless', 'browserName', 'channel', 'defaultBrowserType'];

/** The files allowed to register worker fixtures: the shared chain every spec's `test` extends. */
export const WORKER_FIXTURE_HOMES: readonly string[] = ['suites/workerFixtures.ts', 'suites/evidenceFixtures.ts'];

/** Why `source` (the file at `path`) would split the workers, one line per place; empty when it would not. */
export function workerHashSplitters(path: string, source: string): string[] {
  const problems: string[] = [];
  const lines = source.split('\n');
  lines.forEach((line, index) => {
    const where = `${path}:${index + 1}`;
    if (/scope:\s*'worker'/.test(line) && !WORKER_FIXTURE_HOMES.includes(path))
      problems.push(`${where}: a worker fixture outside ${WORKER_FIXTURE_HOMES.join(' and ')} (register it in suites/workerFixtures.ts)`);
    const used = /\btest\.use\(\s*\{([^}]*)/.exec(line)?.[1];
    if (used) {
      const options = WORKER_OPTIONS.filter((option) => new RegExp(`\\b${option}\\s*:`).test(used));
      if (options.length > 0)
        problems.push(
          `${where}: test.use changes the worker option${options.length > 1 ? 's' : ''} ${options.join(', ')} (set it in playwright.config.ts)`,
        );
    }
  });
  return problems;
}
