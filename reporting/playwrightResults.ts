// The outcome of every test of a Playwright run, read from the JSON reporter's file
// (reports/playwright/results.json): what the stability script compares across runs.
import { existsSync, readFileSync } from 'node:fs';

export type Outcome = 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted' | 'known-deviation';

export interface RunOutcomes {
  /** `file › suite › title [project]` → outcome of the last attempt. */
  readonly tests: ReadonlyMap<string, Outcome>;
  readonly durationMs: number;
  /** Errors outside any test (e.g. a spec that does not load). */
  readonly errors: number;
}

interface JsonTest {
  readonly projectName: string;
  readonly expectedStatus: string;
  readonly results: ReadonlyArray<{ readonly status: string }>;
}

interface JsonSpec {
  readonly title: string;
  readonly file: string;
  readonly tests: readonly JsonTest[];
}

interface JsonSuite {
  readonly title: string;
  readonly specs?: readonly JsonSpec[];
  readonly suites?: readonly JsonSuite[];
}

interface JsonReport {
  readonly suites?: readonly JsonSuite[];
  readonly errors?: readonly unknown[];
  readonly stats?: { readonly duration?: number };
}

function outcomeOf(test: JsonTest): Outcome {
  const status = test.results.at(-1)?.status ?? 'skipped';
  if (test.expectedStatus === 'failed' && status === 'failed') return 'known-deviation';
  return (['passed', 'failed', 'timedOut', 'skipped', 'interrupted'] as const).find((known) => known === status) ?? 'failed';
}

export function parsePlaywrightResults(json: JsonReport): RunOutcomes {
  const tests = new Map<string, Outcome>();
  const visit = (suite: JsonSuite, path: readonly string[]): void => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) tests.set(`${[...path, spec.title].join(' › ')} [${test.projectName}]`, outcomeOf(test));
    }
    for (const child of suite.suites ?? []) visit(child, [...path, child.title]);
  };
  for (const suite of json.suites ?? []) visit(suite, [suite.title]);
  return { tests, durationMs: json.stats?.duration ?? 0, errors: json.errors?.length ?? 0 };
}

/** Undefined when the run wrote no results file (it stopped before the reporters ran). */
export function readPlaywrightResults(path: string): RunOutcomes | undefined {
  if (!existsSync(path)) return undefined;
  return parsePlaywrightResults(JSON.parse(readFileSync(path, 'utf8')) as JsonReport);
}

export interface Flake {
  readonly test: string;
  /** Outcome per run, in run order ('absent' when the test did not run that time). */
  readonly outcomes: ReadonlyArray<Outcome | 'absent'>;
}

/** Tests whose outcome is not the same in every run. */
export function findFlakes(runs: readonly RunOutcomes[]): Flake[] {
  const names = [...new Set(runs.flatMap((run) => [...run.tests.keys()]))].sort();
  return names
    .map((test) => ({ test, outcomes: runs.map((run) => run.tests.get(test) ?? ('absent' as const)) }))
    .filter((flake) => new Set(flake.outcomes).size > 1);
}
