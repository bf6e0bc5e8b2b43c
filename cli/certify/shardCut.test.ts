import { describe, expect, it } from 'vitest';
import { cutByCost, listedTestFiles } from './shardCut.ts';

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/** The cost of each shard of a cut. */
function shardCosts(costs: readonly number[], counts: readonly number[]): number[] {
  let start = 0;
  return counts.map((count) => {
    const part = sum(costs.slice(start, start + count));
    start += count;
    return part;
  });
}

describe('cutting a run into shards of equal cost', () => {
  it('cheap tests first and costly ones last (the certification): the costly part is spread, not left to the last shard', () => {
    const costs = [...Array<number>(600).fill(0.05), ...Array<number>(8).fill(16), ...Array<number>(100).fill(1)];
    const counts = cutByCost(costs, 4);
    expect(sum(counts)).toBe(costs.length);
    const perShard = shardCosts(costs, counts);
    // Equal counts would give 177 tests each: 8.9 s, 8.9 s, 53 s, 87 s.
    expect(Math.max(...perShard) / Math.min(...perShard)).toBeLessThan(1.5);
    expect(counts[3]).toBeLessThan(100);
  });

  it('equal costs: equal counts', () => {
    expect(cutByCost(Array<number>(12).fill(1), 3)).toEqual([4, 4, 4]);
    expect(cutByCost(Array<number>(10).fill(1), 1)).toEqual([10]);
  });

  it('one very costly test: it has a shard to itself and the others share the rest', () => {
    expect(cutByCost([1, 1, 1, 30, 1, 1, 1], 3)).toEqual([3, 1, 3]);
  });

  it('every shard gets a test while there are tests enough; fewer tests than shards leave the last empty', () => {
    expect(cutByCost([100, 1, 1, 1], 4)).toEqual([1, 1, 1, 1]);
    expect(cutByCost([1, 1], 3)).toEqual([1, 1, 0]);
    expect(cutByCost([], 2)).toEqual([0, 0]);
  });
});

describe("the tests Playwright's listing gives", () => {
  it('in listing order with their spec file, through nested describes, without those skipped when declared', () => {
    const listing = {
      suites: [
        {
          specs: [{ file: 'a.spec.ts', tests: [{ expectedStatus: 'passed' }] }],
          suites: [
            {
              specs: [
                { file: 'a.spec.ts', tests: [{ expectedStatus: 'skipped' }] },
                { file: 'a.spec.ts', tests: [{ expectedStatus: 'failed' }] },
              ],
            },
          ],
        },
        { specs: [{ file: 'b.spec.ts', tests: [{ expectedStatus: 'passed' }, { expectedStatus: 'passed' }] }] },
      ],
    };
    expect(listedTestFiles(listing)).toEqual(['a.spec.ts', 'a.spec.ts', 'b.spec.ts', 'b.spec.ts']);
  });
});
