import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workerHashSplitters } from './workerHash.ts';

const ROOT = join(import.meta.dirname, '..');

function suiteSources(): string[] {
  return readdirSync(join(ROOT, 'suites'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => relative(ROOT, join(ROOT, 'suites', file)));
}

describe('every spec shares workers (one worker hash)', () => {
  it('finds a worker fixture of its own and a worker option changed by test.use', () => {
    const fixture = "export const test = base.extend({\n  matrix: [async ({}, use) => use(1), { scope: 'worker' }],\n});";
    expect(workerHashSplitters('suites/conformance/fixtures.ts', fixture)).toEqual([
      'suites/conformance/fixtures.ts:2: a worker fixture outside suites/workerFixtures.ts and suites/evidenceFixtures.ts (register it in suites/workerFixtures.ts)',
    ]);
    expect(workerHashSplitters('suites/a.spec.ts', "test.use({ trace: 'off', screenshot: 'off' });")).toEqual([
      'suites/a.spec.ts:1: test.use changes the worker options trace, screenshot (set it in playwright.config.ts)',
    ]);
    expect(workerHashSplitters('suites/workerFixtures.ts', fixture)).toEqual([]);
    expect(workerHashSplitters('suites/login/x.spec.ts', 'test.use({ appUnderTest: id });')).toEqual([]);
  });

  it('no file of suites/ splits them', () => {
    const sources = suiteSources();
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.flatMap((path) => workerHashSplitters(path, readFileSync(join(ROOT, path), 'utf8')))).toEqual([]);
  });
});
