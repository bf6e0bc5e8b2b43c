// One Playwright run for a benchmark: the JSON reporter only, its results file and test artefacts
// in a scratch folder (never the tree's test-results/ or reports/), timed from spawn to exit.
// The caller reads whatever CPU measure it reports around this call.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const PLAYWRIGHT_CLI = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');

export interface BenchPlaywrightRun {
  readonly code: number;
  readonly wallMs: number;
  /** Playwright's JSON report, parsed (undefined when the run wrote none). */
  readonly report: unknown;
}

export async function runPlaywrightForBench(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<BenchPlaywrightRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'sso-harness-bench-playwright-'));
  const resultsFile = join(scratch, 'results.json');
  const started = performance.now();
  try {
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [PLAYWRIGHT_CLI, 'test', ...args, '--reporter=json', `--output=${join(scratch, 'test-results')}`],
        {
          cwd: ROOT,
          env: { ...process.env, ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: resultsFile },
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
      child.once('error', reject);
      child.once('close', (exit) => resolve(exit ?? 1));
    });
    const wallMs = performance.now() - started;
    let report: unknown;
    try {
      report = JSON.parse(readFileSync(resultsFile, 'utf8'));
    } catch {
      report = undefined;
    }
    return { code, wallMs, report };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
