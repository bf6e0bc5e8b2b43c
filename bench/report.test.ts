import { describe, expect, it } from 'vitest';
import { formatBytes, formatMs, formatNumber, formatRatio, renderOutcomes, renderTable, verdict } from './report.ts';

describe('number formatting', () => {
  it.each([
    { value: 0.012345, expected: '0.0123' },
    { value: 1.23456, expected: '1.23' },
    { value: 123.456, expected: '123' },
    { value: 999.6, expected: '1000' },
    { value: 12345.6, expected: '12,346' },
    { value: -4.567, expected: '-4.57' },
    { value: Number.NaN, expected: 'NaN' },
  ])('formatNumber($value) = $expected', ({ value, expected }) => {
    expect(formatNumber(value)).toBe(expected);
  });

  it('formats durations, bytes and ratios, saying when a ratio could not be computed', () => {
    expect(formatMs(312.44)).toBe('312 ms');
    expect(formatBytes(150 * 1024 * 1024)).toBe('150 MiB');
    expect(formatRatio(0.5234, 'RSA bound')).toBe('0.523× RSA bound');
    expect(formatRatio(undefined, 'oauth2-mock-server')).toBe('n/a (oauth2-mock-server not measured)');
  });

  it.each([
    { met: true, expected: 'met' },
    { met: false, expected: 'not met' },
    { met: undefined, expected: 'n/a' },
  ])('verdict($met) = $expected', ({ met, expected }) => {
    expect(verdict(met)).toBe(expected);
  });
});

describe('renderTable', () => {
  it('pads every column to its widest cell and leaves absent cells blank', () => {
    const table = renderTable([
      { bench: 'cold start', metric: 'ready (median)', value: '312 ms', ratio: '0.5×', goal: '< 500 ms', verdict: 'met' },
      { bench: 'memory', metric: 'heap', value: '40 MiB' },
    ]);
    expect(table.split('\n')).toEqual([
      '| Benchmark  | Metric         | Value  | Ratio (same run) | Goal     | Verdict |',
      '|------------|----------------|--------|------------------|----------|---------|',
      '| cold start | ready (median) | 312 ms | 0.5×             | < 500 ms | met     |',
      '| memory     | heap           | 40 MiB |                  |          |         |',
    ]);
  });

  it('renders the notes of every outcome under the table, numbered and named', () => {
    const text = renderOutcomes([
      { name: 'a', results: {}, rows: [{ bench: 'a', metric: 'm', value: '1' }], notes: ['first'] },
      { name: 'b', results: {}, rows: [], notes: ['second'] },
    ]);
    expect(text.split('\n').slice(-3)).toEqual(['Notes:', '  1. a: first', '  2. b: second']);
  });
});
