import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECONDS_PER_TEST, UNKNOWN_FILE_SECONDS_PER_TEST, secondsPerTest } from './testCosts.ts';

const specFiles = readdirSync(join(import.meta.dirname), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.spec.ts'))
  .map((file) => file.split('\\').join('/'))
  .sort();

describe('the cost of a test of each spec file (for cutting shards)', () => {
  it('has an entry for every spec file, and none for a file that is gone', () => {
    expect(specFiles.length).toBeGreaterThan(20);
    expect(Object.keys(SECONDS_PER_TEST).sort()).toEqual(specFiles);
  });

  it('costs are positive, and an unknown file counts as an average browser test', () => {
    for (const cost of Object.values(SECONDS_PER_TEST)) expect(cost).toBeGreaterThan(0);
    expect(secondsPerTest('new/suite.spec.ts')).toBe(UNKNOWN_FILE_SECONDS_PER_TEST);
    expect(secondsPerTest('lifecycle/ssoLifecycle.spec.ts')).toBeGreaterThan(100 * secondsPerTest('conformance/catalogMatrix.spec.ts'));
  });
});
