import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureOutput } from '../lib/testing/index.ts';
import { runBenchScript, wholeNumberOption } from './benchScript.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('wholeNumberOption', () => {
  it.each<[string | undefined, { min: number; max?: number } | undefined, number | string]>([
    [undefined, undefined, 7],
    ['3', undefined, 3],
    ['0', undefined, '--n must be a positive whole number, not "0".'],
    ['1.5', undefined, '--n must be a positive whole number, not "1.5".'],
    ['1', { min: 2 }, '--n must be a whole number of at least 2, not "1".'],
    ['17', { min: 1, max: 16 }, '--n must be a whole number from 1 to 16, not "17".'],
  ])('%s with %o', (value, bounds, expected) => {
    const read = (): number => wholeNumberOption('n', value, 7, bounds);
    if (typeof expected === 'number') expect(read()).toBe(expected);
    else expect(read).toThrow(expected);
  });
});

describe('runBenchScript', () => {
  const outcome = { name: 'x', results: { n: 1 }, rows: [{ bench: 'x', metric: 'm', value: '1' }], notes: [] };

  it('prints the table (exit 0), the usage after a bad option (exit 2), why it could not run (exit 1)', async () => {
    let io = captureOutput();
    expect(await runBenchScript({ usage: 'Usage: x', parse: () => 1, measure: () => Promise.resolve(outcome) }, [])).toBe(0);
    expect(io.out).toContain('| x ');
    io = captureOutput();
    expect(
      await runBenchScript(
        {
          usage: 'Usage: x',
          parse: () => {
            throw new TypeError('--n is wrong.');
          },
          measure: () => Promise.resolve(outcome),
        },
        [],
      ),
    ).toBe(2);
    expect(io.err).toBe('--n is wrong.\nUsage: x\n');
    io = captureOutput();
    expect(await runBenchScript({ usage: 'Usage: x', parse: () => 1, measure: () => Promise.reject(new Error('no chromium')) }, [])).toBe(
      1,
    );
    expect(io.err).toBe('The benchmark could not run: no chromium\n');
  });
});
