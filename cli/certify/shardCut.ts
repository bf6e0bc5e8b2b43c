// Where a sharded certification is cut. Playwright's --shard i/N gives shard i a contiguous run of
// the tests in listing order, of equal test counts unless PWTEST_SHARD_WEIGHTS (Playwright's custom
// shard weights) sets each shard's count. Equal counts give equal work only when tests cost alike;
// here a lifecycle story costs some 300 conformance scenarios, and the costly suites list last:
// with 4 shards the last ran 137 s and the second 12 s. Each shard lists the run's tests
// (`playwright test --list`, the same options and environment), prices them by spec file
// (suites/testCosts.ts) and chooses counts that give each shard about the same cost — the same
// counts on every machine, since the list and the prices come from the same commit. The cut goes
// into the shard's manifest; the merge refuses shards cut differently.
import { PLAYWRIGHT_CLI } from './reportPaths.ts';
import { runNodeScript, type ChildResult } from './childRun.ts';
import { secondsPerTest } from '../../suites/index.ts';

/** Playwright's environment variable for each shard's test count, `n1:n2:…:nN`. */
export const SHARD_WEIGHTS_ENV = 'PWTEST_SHARD_WEIGHTS';

/**
 * Test counts per shard, in order, for tests of these costs (listing order): contiguous runs of
 * about equal cost, each shard at least one test while there are tests enough. The counts add up
 * to the number of tests.
 */
export function cutByCost(costs: readonly number[], shards: number): number[] {
  const count = costs.length;
  const before = [0];
  for (const cost of costs) before.push((before.at(-1) ?? 0) + cost);
  const total = before[count] ?? 0;
  const ends: number[] = [];
  for (let shard = 1; shard < shards; shard += 1) {
    const target = (total * shard) / shards;
    // This shard ends after at least one test of its own, and leaves one for each later shard (while the tests last).
    const first = Math.min((ends.at(-1) ?? 0) + 1, count);
    const last = Math.max(count - (shards - shard), first);
    let end = first;
    for (let candidate = first + 1; candidate <= last; candidate += 1)
      if (Math.abs((before[candidate] ?? 0) - target) < Math.abs((before[end] ?? 0) - target)) end = candidate;
    ends.push(end);
  }
  ends.push(count);
  return ends.map((end, position) => end - (position === 0 ? 0 : (ends[position - 1] ?? 0)));
}

interface ListedSuite {
  readonly specs?: readonly { readonly file: string; readonly tests: readonly { readonly expectedStatus: string }[] }[];
  readonly suites?: readonly ListedSuite[];
}

/**
 * The spec file of each test Playwright shards, in listing order, from `playwright test --list
 * --reporter=json`. Within a file the order does not matter (a file's tests cost alike); tests
 * skipped when declared do not count, as Playwright's own cut leaves them out.
 */
export function listedTestFiles(listing: { readonly suites?: readonly ListedSuite[] }): string[] {
  const files: string[] = [];
  const walk = (suite: ListedSuite): void => {
    for (const spec of suite.specs ?? []) for (const test of spec.tests) if (test.expectedStatus !== 'skipped') files.push(spec.file);
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of listing.suites ?? []) walk(suite);
  return files;
}

export interface ShardCut {
  /** Tests per shard, in shard order (the value of PWTEST_SHARD_WEIGHTS). */
  readonly counts: readonly number[];
  /** Estimated seconds of work per shard (suites/testCosts.ts). */
  readonly seconds: readonly number[];
}

/** Lists the run's tests with Playwright (`args`: the run's `playwright test` arguments) and cuts them into `shards` of equal cost. */
export async function cutShards(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  shards: number,
  cwd: string,
): Promise<ShardCut | { readonly interrupted: NonNullable<ChildResult['interrupted']> }> {
  const listed = await runNodeScript(PLAYWRIGHT_CLI, [...args, '--list', '--reporter=json'], {
    cwd,
    env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: undefined, PLAYWRIGHT_JSON_OUTPUT_FILE: undefined },
    output: 'capture',
  });
  if (listed.interrupted) return { interrupted: listed.interrupted };
  let listing: { readonly suites?: readonly ListedSuite[] };
  try {
    listing = JSON.parse(listed.stdout ?? '') as typeof listing;
  } catch {
    throw new Error(
      `Could not list the run's tests to cut the shards (playwright test --list exited ${listed.code}):\n${(listed.stderr ?? '').slice(-2_000)}`,
    );
  }
  const costs = listedTestFiles(listing).map(secondsPerTest);
  const counts = cutByCost(costs, shards);
  let start = 0;
  const seconds = counts.map((size) => {
    const part = costs.slice(start, start + size).reduce((sum, cost) => sum + cost, 0);
    start += size;
    return Math.round(part);
  });
  return { counts, seconds };
}
