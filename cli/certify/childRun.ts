// Child processes of `certify`: Playwright and the Allure 3 CLI, with the pinned Node (the one
// running this command) and the output shown as it comes. Each child leads its own process group,
// so that a stop signal to this command reaches everything the child started (Playwright's workers,
// the reference portal and mock IdPs they run, browsers): first SIGINT, as Ctrl-C would (Playwright
// stops its workers and writes its reports), then, after a grace period, SIGKILL for what is left.
import { spawn } from 'node:child_process';
import { onStop } from '../stopSignals.ts';

/** How long a child may take to stop after SIGINT before its whole group is killed. */
export const STOP_GRACE_MS = 3_000;

export interface ChildResult {
  readonly code: number;
  readonly ms: number;
  /** The stop signal this command received while the child ran (the child was stopped). */
  readonly interrupted?: NodeJS.Signals;
  /** The end of the child's standard error, with `output: 'tail'`. */
  readonly stderrTail?: string;
  /** Everything the child printed, with `output: 'capture'`. */
  readonly stdout?: string;
  readonly stderr?: string;
}

export interface ChildOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /**
   * `inherit` (default): output as it comes; `quiet`: standard error only; `tail`: no output, keep the last 4 kB of standard error;
   * `capture`: no output, keep all of it.
   */
  readonly output?: 'inherit' | 'quiet' | 'tail' | 'capture';
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

/** Run `node <script> ...args` and resolve with its exit code (1 when killed by a signal). */
export function runNodeScript(script: string, args: readonly string[], options: ChildOptions): Promise<ChildResult> {
  const started = Date.now();
  const output = options.output ?? 'inherit';
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio:
        output === 'inherit'
          ? 'inherit'
          : output === 'quiet'
            ? ['ignore', 'ignore', 'inherit']
            : output === 'capture'
              ? ['ignore', 'pipe', 'pipe']
              : ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    let stderrTail = '';
    const captured = { stdout: '', stderr: '' };
    child.stderr?.on('data', (chunk: Buffer) => {
      if (output === 'capture') captured.stderr += chunk.toString();
      else stderrTail = (stderrTail + chunk.toString()).slice(-4_000);
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      captured.stdout += chunk.toString();
    });
    let interrupted: NodeJS.Signals | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const unsubscribe = onStop((signal) => {
      interrupted = signal;
      if (child.pid === undefined) return;
      killGroup(child.pid, 'SIGINT');
      killTimer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), STOP_GRACE_MS);
    });
    child.once('error', (error) => {
      unsubscribe();
      reject(error);
    });
    child.once('close', (code) => {
      unsubscribe();
      clearTimeout(killTimer);
      // Whatever the child left in its group when stopped (a browser, a server) goes with it.
      if (interrupted !== undefined && child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
      resolve({
        code: code ?? 1,
        ms: Date.now() - started,
        ...(interrupted !== undefined ? { interrupted } : {}),
        ...(output === 'tail' ? { stderrTail } : {}),
        ...(output === 'capture' ? captured : {}),
      });
    });
  });
}
