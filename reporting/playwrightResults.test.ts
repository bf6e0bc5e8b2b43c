import { describe, expect, it } from 'vitest';
import { findFlakes, parsePlaywrightResults, type RunOutcomes } from './playwrightResults.ts';

const test = (status: string, expectedStatus = 'passed') => ({ projectName: 'web', expectedStatus, results: [{ status }] });

describe('parsePlaywrightResults', () => {
  it('keys tests by file, describe blocks and title, and reads the last attempt', () => {
    const outcomes = parsePlaywrightResults({
      stats: { duration: 1234 },
      errors: [{}],
      suites: [
        {
          title: 'lifecycle/ssoLifecycle.spec.ts',
          specs: [{ title: 'Okta (SAML): set up', file: 'x', tests: [test('passed')] }],
          suites: [
            {
              title: 'ledgered',
              specs: [
                {
                  title: 'saml.x × okta-saml',
                  file: 'x',
                  tests: [test('failed', 'failed'), { ...test('timedOut'), projectName: 'mobile' }],
                },
              ],
            },
          ],
        },
      ],
    });
    expect([...outcomes.tests]).toEqual([
      ['lifecycle/ssoLifecycle.spec.ts › Okta (SAML): set up [web]', 'passed'],
      ['lifecycle/ssoLifecycle.spec.ts › ledgered › saml.x × okta-saml [web]', 'known-deviation'],
      ['lifecycle/ssoLifecycle.spec.ts › ledgered › saml.x × okta-saml [mobile]', 'timedOut'],
    ]);
    expect(outcomes).toMatchObject({ durationMs: 1234, errors: 1 });
  });
});

describe('findFlakes', () => {
  const run = (entries: Record<string, string>): RunOutcomes => ({
    tests: new Map(Object.entries(entries)) as RunOutcomes['tests'],
    durationMs: 0,
    errors: 0,
  });

  it('lists tests whose outcome differs between runs, including a test missing from a run', () => {
    const runs = [
      run({ a: 'passed', b: 'passed', c: 'failed' }),
      run({ a: 'passed', b: 'failed', c: 'failed' }),
      run({ a: 'passed', c: 'failed' }),
    ];
    expect(findFlakes(runs)).toEqual([{ test: 'b', outcomes: ['passed', 'failed', 'absent'] }]);
  });

  it('finds none when every run agrees (a test that always fails is a failure, not a flake)', () => {
    expect(findFlakes([run({ a: 'passed', c: 'failed' }), run({ a: 'passed', c: 'failed' })])).toEqual([]);
  });
});
