// The suites' fixtures plus `entryPoints`: open the entry points for a persona's login flow in a
// test; every device (browser context) they opened is closed after the test.
import { test as base } from '../fixtures.ts';
import type { EntryPointId } from './entryPoint.ts';
import { openEntryPoints, type EntryPoints, type EntryPointsOptions } from './entryPoints.ts';

export type OpenEntryPoints = (options: Omit<EntryPointsOptions, 'browser' | 'target'>, ids?: readonly EntryPointId[]) => EntryPoints;

export const test = base.extend<{ entryPoints: OpenEntryPoints }>({
  entryPoints: async ({ browser, target }, use) => {
    const opened: EntryPoints[] = [];
    await use((options, ids) => {
      const entryPoints = openEntryPoints({ ...options, browser, target }, ids);
      opened.push(entryPoints);
      return entryPoints;
    });
    await Promise.all(opened.map((entryPoints) => entryPoints.close()));
  },
});

export { expect } from '../fixtures.ts';
export type { SeatLogin, TestAccount } from '../fixtures.ts';
