// Which saved version a Test SSO pass speaks for: the one the test started with, checked for the
// version Enable would switch on (and what the two enable-warning defect switches get wrong).
import { describe, expect, it } from 'vitest';
import type { PortalContext } from '../context.ts';
import { parseDefects } from '../defects.ts';
import { passedTest } from './accountRoutes.ts';
import { testedVersion } from './ssoFlows.ts';

/** An account whose settings are at version 3, of which only version 1 passed Test SSO. */
function context(defects: readonly string[] = []): PortalContext {
  const ssoConfigs = {
    hasPassed: (_account: number, version: number) => version === 1,
    current: () => ({ version: 3 }),
  };
  return { store: { ssoConfigs }, defects: parseDefects(defects) } as unknown as PortalContext;
}

describe('Test SSO passes count for their own version only', () => {
  it('version 3 has not passed although version 1 did; a test started with version 2 is recorded for version 2', () => {
    expect(passedTest(context(), 7, 3)).toBe(false);
    expect(passedTest(context(), 7, 1)).toBe(true);
    expect(testedVersion(context(), 7, 2)).toBe(2);
  });

  it('test-pass-any-version: version 3 counts as passed; test-result-for-current-version: the test of version 2 is credited to version 3', () => {
    expect(passedTest(context(['test-pass-any-version']), 7, 3)).toBe(true);
    expect(testedVersion(context(['test-result-for-current-version']), 7, 2)).toBe(3);
  });
});
