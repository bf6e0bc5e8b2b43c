import { describe, expect, it } from 'vitest';
import { growthPercent, percentile, perSecond, ratio, summarize } from './stats.ts';

describe('percentile (type 7, linear interpolation)', () => {
  it.each([
    { sorted: [5], p: 90, expected: 5 },
    { sorted: [1, 2, 3, 4], p: 50, expected: 2.5 },
    { sorted: [1, 2, 3, 4, 5], p: 50, expected: 3 },
    { sorted: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 90, expected: 9.1 },
    { sorted: [10, 20], p: 0, expected: 10 },
    { sorted: [10, 20], p: 100, expected: 20 },
  ])('p$p of $sorted is $expected', ({ sorted, p, expected }) => {
    expect(percentile(sorted, p)).toBeCloseTo(expected, 10);
  });

  it('refuses an empty sample set and an out-of-range p, saying why', () => {
    expect(() => percentile([], 50)).toThrow('percentile: no samples (a benchmark produced no measurement).');
    expect(() => percentile([1], 101)).toThrow('percentile: p must be between 0 and 100, not 101.');
    expect(() => percentile([1], Number.NaN)).toThrow('percentile: p must be between 0 and 100, not NaN.');
  });
});

describe('summarize', () => {
  it('sorts a copy and reports n, median, p90, min and max', () => {
    const samples = [300, 100, 200, 500, 400];
    expect(summarize(samples)).toEqual({ n: 5, median: 300, p90: 460, min: 100, max: 500 });
    expect(samples).toEqual([300, 100, 200, 500, 400]);
  });

  it('refuses no samples', () => {
    expect(() => summarize([])).toThrow('summarize: no samples (a benchmark produced no measurement).');
  });
});

describe('ratio, perSecond, growthPercent', () => {
  it.each([
    { a: 1, b: 4, expected: 0.25 },
    { a: 3, b: 0, expected: undefined },
    { a: 3, b: Number.NaN, expected: undefined },
    { a: Number.POSITIVE_INFINITY, b: 2, expected: undefined },
  ])('ratio($a, $b) = $expected', ({ a, b, expected }) => {
    expect(ratio(a, b)).toBe(expected);
  });

  it('perSecond scales milliseconds to seconds and refuses a non-positive duration', () => {
    expect(perSecond(250, 500)).toBe(500);
    expect(() => perSecond(1, 0)).toThrow('perSecond: elapsed time must be positive, not 0 ms.');
  });

  it('growthPercent is relative to the baseline, negative when it shrank', () => {
    expect(growthPercent(100, 110)).toBeCloseTo(10, 10);
    expect(growthPercent(200, 150)).toBe(-25);
    expect(() => growthPercent(0, 5)).toThrow('growthPercent: the baseline must be positive, not 0.');
  });
});
