// Bounded measurement loops: every benchmark loop stops at a count *and* a time limit, whichever
// comes first, so a slow or loaded machine makes a benchmark shorter, never endless.

export interface Bounds {
  /** Stop after this many operations. */
  readonly maxCount: number;
  /** Stop starting new operations after this many milliseconds. */
  readonly maxMs: number;
}

export interface BoundedRun {
  readonly count: number;
  readonly elapsedMs: number;
  readonly stoppedBy: 'count' | 'time';
}

export type Clock = () => number;

function checkBounds(bounds: Bounds, concurrency = 1): void {
  if (!(Number.isInteger(bounds.maxCount) && bounds.maxCount > 0))
    throw new RangeError(`maxCount must be a positive whole number, not ${bounds.maxCount}.`);
  if (!(bounds.maxMs > 0)) throw new RangeError(`maxMs must be positive, not ${bounds.maxMs}.`);
  if (!(Number.isInteger(concurrency) && concurrency > 0))
    throw new RangeError(`concurrency must be a positive whole number, not ${concurrency}.`);
}

/** Run a synchronous `step` (e.g. one RSA signature) until either bound is reached. */
export function runBoundedSync(bounds: Bounds, step: (index: number) => void, now: Clock = performance.now.bind(performance)): BoundedRun {
  checkBounds(bounds);
  const start = now();
  let count = 0;
  while (count < bounds.maxCount) {
    if (now() - start >= bounds.maxMs) return { count, elapsedMs: now() - start, stoppedBy: 'time' };
    step(count);
    count++;
  }
  return { count, elapsedMs: now() - start, stoppedBy: 'count' };
}

/**
 * Run an asynchronous `step` (e.g. one login over HTTP) with `concurrency` steps in flight until
 * either bound is reached. `lane` (0 … concurrency-1) says which in-flight slot runs the step, so
 * a step can use per-lane state (e.g. one browser per lane). Steps in flight when time runs out are awaited and counted. A failing
 * step rejects the run: a benchmark of failing logins would measure the wrong thing.
 */
export async function runBounded(
  bounds: Bounds,
  concurrency: number,
  step: (index: number, lane: number) => Promise<void>,
  now: Clock = performance.now.bind(performance),
): Promise<BoundedRun> {
  checkBounds(bounds, concurrency);
  const start = now();
  let started = 0;
  let timedOut = false;
  const lane = async (_: unknown, laneIndex: number): Promise<void> => {
    while (started < bounds.maxCount) {
      if (now() - start >= bounds.maxMs) {
        timedOut = true;
        return;
      }
      const index = started++;
      await step(index, laneIndex);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, bounds.maxCount) }, lane));
  return { count: started, elapsedMs: now() - start, stoppedBy: timedOut && started < bounds.maxCount ? 'time' : 'count' };
}
