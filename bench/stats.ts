// Statistics for benchmark figures. Benchmarks run on shared, noisy machines, so figures are
// summarised by median and p90 (not mean) and compared as ratios measured in the same run.

export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly p90: number;
  readonly min: number;
  readonly max: number;
}

/**
 * The p-th percentile (0–100) of ascending `sorted` samples, by linear interpolation between
 * closest ranks (Hyndman & Fan type 7, the default of R, NumPy and spreadsheets).
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile: no samples (a benchmark produced no measurement).');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: p must be between 0 and 100, not ${p}.`);
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sorted[lower]!;
  const high = sorted[upper]!;
  return low + (high - low) * (rank - lower);
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new RangeError('summarize: no samples (a benchmark produced no measurement).');
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
  };
}

/** `numerator / denominator`, or undefined when the denominator was not measured (0 or not finite). */
export function ratio(numerator: number, denominator: number): number | undefined {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator === 0) return undefined;
  return numerator / denominator;
}

/** Operations per second for `count` operations in `elapsedMs` milliseconds. */
export function perSecond(count: number, elapsedMs: number): number {
  if (elapsedMs <= 0) throw new RangeError(`perSecond: elapsed time must be positive, not ${elapsedMs} ms.`);
  return (count * 1000) / elapsedMs;
}

/** Growth from `before` to `after` in percent of `before` (negative when it shrank). */
export function growthPercent(before: number, after: number): number {
  if (before <= 0) throw new RangeError(`growthPercent: the baseline must be positive, not ${before}.`);
  return ((after - before) / before) * 100;
}
