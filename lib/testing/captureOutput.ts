// What a command writes to stdout and stderr during a vitest test (its exit code is the command's
// return value). The spies go with `vi.restoreAllMocks()` in the test file's afterEach.
import { vi } from 'vitest';

export interface CapturedOutput {
  readonly out: string;
  readonly err: string;
}

/** Start capturing from now on, into a fresh pair of strings. */
export function captureOutput(): CapturedOutput {
  const captured = { out: '', err: '' };
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    captured.out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    captured.err += String(chunk);
    return true;
  });
  return captured;
}
