// What a command does when it is asked to stop (SIGINT from Ctrl-C, SIGTERM from a CI runner or a
// process manager, SIGHUP when its terminal goes away): every part of the command hears the first
// signal once, stops what it started and says so; a second signal ends the process at once.
import { constants } from 'node:os';

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

let received: NodeJS.Signals | undefined;
const listeners = new Set<(signal: NodeJS.Signals) => void>();
let watching = false;

/** The exit code of a process ended by `signal` (shell convention: 128 + its number; 130 for SIGINT, 143 for SIGTERM). */
export function exitCodeOf(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

/** Take over SIGINT/SIGTERM/SIGHUP for this process (idempotent). */
export function watchStopSignals(): void {
  if (watching) return;
  watching = true;
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      if (received !== undefined) {
        process.stderr.write(`\n${signal} again: stopping at once.\n`);
        process.exit(exitCodeOf(received));
      }
      received = signal;
      for (const listener of [...listeners]) listener(signal);
    });
  }
}

/** The stop signal received, if any. */
export function stopSignal(): NodeJS.Signals | undefined {
  return received;
}

/** Call `listener` on the first stop signal (at once if it already came); returns the unsubscribe. */
export function onStop(listener: (signal: NodeJS.Signals) => void): () => void {
  watchStopSignals();
  if (received !== undefined) {
    const signal = received;
    queueMicrotask(() => listener(signal));
    return () => undefined;
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Resolve with the first stop signal. */
export function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => onStop(resolve));
}
