import { describe, expect, it } from 'vitest';
import { MAX_ERROR_LINE, errorLine } from './errorLine.ts';

describe('errorLine', () => {
  it.each([
    [
      'a web-first assertion',
      "\u001b[31mError: expect(locator).toBeVisible() failed\u001b[39m\n\nLocator: getByRole('heading')\nExpected: visible\nTimeout: 10000ms\nError: element(s) not found\n\nCall log:\n  - waiting for getByRole",
      "Error: expect(locator).toBeVisible() failed — Locator: getByRole('heading') — Expected: visible — Timeout: 10000ms",
    ],
    ['a thrown error with a stack', 'Error: Nothing came back to the app\n    at next (app.ts:1:1)', 'Error: Nothing came back to the app'],
  ])('keeps the message of %s, without colours, call log or stack', (_name, message, line) => {
    expect(errorLine({ message })).toBe(line);
  });

  it('falls back to the thrown value, and to undefined', () => {
    expect(errorLine({ value: 'a string was thrown' })).toBe('a string was thrown');
    expect(errorLine({ message: '\n  \n' })).toBeUndefined();
    expect(errorLine(undefined)).toBeUndefined();
  });

  it('bounds very long messages', () => {
    const line = errorLine({ message: 'x'.repeat(1000) })!;
    expect(line).toHaveLength(MAX_ERROR_LINE);
    expect(line.endsWith('…')).toBe(true);
  });
});
