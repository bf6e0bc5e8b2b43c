import type { FullConfig, FullResult, Suite, TestCase, TestResult, TestStep } from '@playwright/test/reporter';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ProgressReporter, { shortTitle } from './progressReporter.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

const TITLE = 'Okta (SAML): set up, enable, lock out (acs-url-changed), support recovery, re-enable';

describe('ProgressReporter', () => {
  it('prints one line per test start, top-level stage, failed stage and test end', () => {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    const reporter = new ProgressReporter();
    const test = { id: 't1', title: TITLE, outcome: () => 'unexpected' } as unknown as TestCase;
    const result = {
      status: 'failed',
      duration: 12_345,
      error: { message: '\u001b[31mError: boom\u001b[39m\n  at x' },
    } as unknown as TestResult;
    const stage = { category: 'test.step', title: 'admin enables SSO', parent: undefined } as unknown as TestStep;
    const nested = { category: 'pw:api', title: 'Click', parent: stage } as unknown as TestStep;
    reporter.onBegin({ workers: 2 } as FullConfig, { allTests: () => [test] } as unknown as Suite);
    reporter.onTestBegin(test);
    reporter.onStepBegin(test, result, stage);
    reporter.onStepBegin(test, result, nested);
    reporter.onStepEnd(test, result, { ...stage, error: { message: 'Error: boom' } });
    reporter.onTestEnd(test, result);
    reporter.onEnd({ status: 'failed' } as FullResult);
    const lines = out.trimEnd().split('\n');
    expect(lines.slice(0, 6)).toEqual([
      'Running 1 test(s) on 2 worker(s).',
      `[1/1] start  ${TITLE}`,
      '[1/1]   Okta (SAML) › admin enables SSO',
      '[1/1]   Okta (SAML) › FAILED: admin enables SSO: Error: boom',
      `[1/1] FAIL ${TITLE} (12.3 s) — 1/1 done, 1 failed`,
      '        Error: boom',
    ]);
    expect(lines[6]).toMatch(/^Tests finished: 0 ok, 1 failed, status failed, \d+\.\d s\.$/);
  });
});

describe('shortTitle', () => {
  it.each([
    [TITLE, 'Okta (SAML)'],
    ['saml.audience-mismatch × okta-saml', 'saml.audience-mismatch × okta-saml'],
    ['a very long title without any colon in it at all, really long', 'a very long title without any colon in …'],
  ])('%s → %s', (title, short) => {
    expect(shortTitle(title)).toBe(short);
  });
});
