// Child processes of `certify`: Playwright and the Allure 3 CLI, with the pinned Node (the one
// running this command) and the output shown as it comes.
import { spawn } from 'node:child_process';

export interface ChildResult {
  readonly code: number;
  readonly ms: number;
}

/** Run `node <script> ...args` and resolve with its exit code (1 when killed by a signal). */
export function runNodeScript(script: string, args: readonly string[], options: { readonly cwd: string; readonly env?: NodeJS.ProcessEnv; readonly quiet?: boolean }): Promise<ChildResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: options.quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, ms: Date.now() - started }));
  });
}
