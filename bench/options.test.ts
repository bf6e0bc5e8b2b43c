import { describe, expect, it } from 'vitest';
import { parseRunOptions } from './options.ts';

describe('parseRunOptions', () => {
  it('defaults to the full benchmark', () => {
    expect(parseRunOptions([])).toEqual({ runs: 10, seconds: 3, logins: 10_000, memorySeconds: 300, concurrency: 4 });
  });

  it('reads every option', () => {
    expect(
      parseRunOptions(['--runs', '3', '--seconds', '1.5', '--logins', '2000', '--memory-seconds', '60', '--concurrency', '2']),
    ).toEqual({ runs: 3, seconds: 1.5, logins: 2000, memorySeconds: 60, concurrency: 2 });
  });

  it.each([
    { args: ['--runs', '0'], message: '--runs must be a positive whole number, not "0".' },
    { args: ['--runs', '2.5'], message: '--runs must be a positive whole number, not "2.5".' },
    { args: ['--seconds', 'fast'], message: '--seconds must be a positive number, not "fast".' },
    {
      args: ['--logins', '1000'],
      message: '--logins must be more than 1000 (memory growth is measured from the 1000-login checkpoint), not 1000.',
    },
    { args: ['--turbo'], message: "Unknown option '--turbo'" },
  ])('refuses $args with a message that names the option and shows the usage', ({ args, message }) => {
    expect(() => parseRunOptions(args)).toThrow(message);
    expect(() => parseRunOptions(args)).toThrow('Usage: node bench/run.ts');
  });
});
