// Benchmarks that need a fresh process (cold start, memory) run a child Node process: the child
// sends one JSON line on stdout when it has something to say (ready, or its result) and shuts
// down when the parent closes its stdin. Parent and child halves of that protocol live here.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export interface BenchChild<T> {
  readonly pid: number | undefined;
  /** `performance.now()` just before the process was spawned. */
  readonly spawnedAt: number;
  /** The child's first message, with the `performance.now()` at which it arrived. */
  readonly message: Promise<{ readonly value: T; readonly receivedAt: number }>;
  /** Close the child's stdin (its signal to shut down) and wait for it to exit. */
  stop(): Promise<void>;
}

export interface ChildOptions {
  /** Node options, e.g. `--expose-gc`. */
  readonly execArgv?: readonly string[];
  /** Give up on the first message after this long (the child is then killed). */
  readonly messageTimeoutMs: number;
  /** Extra environment variables for the child (added to this process's environment). */
  readonly env?: Readonly<Record<string, string>>;
}

const EXIT_GRACE_MS = 5000;

/** Start `node <script> ...args` with this process's Node (the pinned Node 22, type stripping on). */
export function startBenchChild<T>(script: URL, args: readonly string[], options: ChildOptions): BenchChild<T> {
  const path = fileURLToPath(script);
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...(options.execArgv ?? []), path, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });

  const message = new Promise<{ value: T; receivedAt: number }>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${path} sent nothing within ${options.messageTimeoutMs} ms; it was stopped. Its stderr: ${stderr.trim() || '(empty)'}`),
      );
    }, options.messageTimeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const receivedAt = performance.now();
      buffered += chunk;
      const newline = buffered.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      const line = buffered.slice(0, newline);
      try {
        const parsed = JSON.parse(line) as { error?: string };
        if (typeof parsed.error === 'string') reject(new Error(`${path} failed: ${parsed.error}`));
        else resolve({ value: parsed as T, receivedAt });
      } catch {
        reject(new Error(`${path} wrote something that is not a JSON line: ${line.slice(0, 200)}`));
      }
    });
    void exited.then(([code, signal]) => {
      clearTimeout(timer);
      reject(
        new Error(
          `${path} exited (code ${code ?? 'none'}, signal ${signal ?? 'none'}) before sending a result. Its stderr: ${stderr.trim() || '(empty)'}`,
        ),
      );
    });
  });
  // The caller may stop the child without awaiting the message; never leave a rejection unhandled.
  message.catch(() => undefined);

  return {
    pid: child.pid,
    spawnedAt,
    message,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

// --- child side -----------------------------------------------------------------------------------

/** Send the one message the parent waits for. */
export function sendToParent(value: object): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Resolve when the parent closes our stdin (its signal to shut down). */
export function untilParentCloses(): Promise<void> {
  return new Promise((resolve) => {
    process.stdin.once('end', resolve).once('close', resolve).resume();
  });
}

/** Run a child's body; a failure goes to the parent as `{ error }` (never a bare stack) and exit code 1. */
export function childMain(body: () => Promise<void>): void {
  body().catch((error: unknown) => {
    sendToParent({ error: error instanceof Error ? error.message : String(error) });
    process.exitCode = 1;
  });
}
