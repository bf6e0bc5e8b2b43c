import { describe, expect, it } from 'vitest';
import { blobCounts } from './shard.ts';

const event = (method: string, params: object): string => JSON.stringify({ method, params });

describe('blobCounts', () => {
  it('counts the last outcome of each test against what it was expected to do', () => {
    const jsonl = [
      event('onConfigure', { config: {} }),
      event('onTestBegin', { test: { testId: 'a', expectedStatus: 'passed' } }),
      event('onTestEnd', { test: { testId: 'a', expectedStatus: 'passed' }, result: { status: 'passed' } }),
      event('onTestEnd', { test: { testId: 'b', expectedStatus: 'passed' }, result: { status: 'failed' } }),
      event('onTestEnd', { test: { testId: 'c', expectedStatus: 'passed' }, result: { status: 'timedOut' } }),
      // test.fail(): failing is what it should do; passing is a failure.
      event('onTestEnd', { test: { testId: 'd', expectedStatus: 'failed' }, result: { status: 'failed' } }),
      event('onTestEnd', { test: { testId: 'e', expectedStatus: 'failed' }, result: { status: 'passed' } }),
      event('onTestEnd', { test: { testId: 'f', expectedStatus: 'skipped' }, result: { status: 'skipped' } }),
      event('onTestEnd', { test: { testId: 'g', expectedStatus: 'passed' }, result: { status: 'interrupted' } }),
    ].join('\n');
    expect(blobCounts(jsonl)).toEqual({ passed: 2, failed: 4, skipped: 1 });
  });
  it('reads no events as nothing run', () => {
    expect(blobCounts('')).toEqual({ passed: 0, failed: 0, skipped: 0 });
  });
});
