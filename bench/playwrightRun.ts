// One Playwright run for a benchmark: the JSON reporter only, its results file and test artefacts
// in a scratch folder (never the tree's test-results/ or reports/), timed from spawn to exit.
// The caller reads whatever CPU measure it reports around this call.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNodeScript } from '../cli/testing/index.ts';

const ROOT = join(import.meta.dirname, '..');
const PLAYWRIGHT_CLI = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');

export interface BenchPlaywrightRun {
  readonly code: number;
  readonly wallMs: number;
  /** Playwright's JSON report, parsed (undefined when the run wrote none). */
  readonly report: unknown;
}

export interface BenchPlaywrightOptions {
  /** Read the run's artefacts (its JSON report names them) before the scratch folder goes. */
  readonly beforeCleanup?: (report: unknown) => void;
}

export async function runPlaywrightForBench(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  options: BenchPlaywrightOptions = {},
): Promise<BenchPlaywrightRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'sso-harness-bench-playwright-'));
  const resultsFile = join(scratch, 'results.json');
  try {
    // runNodeScript leads the run's process group: a stop signal to the bench stops Playwright, its workers and browsers.
    const run = await runNodeScript(PLAYWRIGHT_CLI, ['test', ...args, '--reporter=json', `--output=${join(scratch, 'test-results')}`], {
      cwd: ROOT,
      env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: resultsFile },
      output: 'quiet',
    });
    if (run.interrupted) throw new Error(`The Playwright run was interrupted (${run.interrupted}): no figures.`);
    const { code, ms: wallMs } = run;
    let report: unknown;
    try {
      report = JSON.parse(readFileSync(resultsFile, 'utf8'));
    } catch {
      report = undefined;
    }
    options.beforeCleanup?.(report);
    return { code, wallMs, report };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
