import { describe, expect, it } from 'vitest';
import { selectionEnv } from '../../reporting/index.ts';
import { ENTRY_POINT_IDS, selectedEntryPoints } from './entryPoint.ts';

describe('selectedEntryPoints (SSO_HARNESS_ENTRY_POINTS, set by certify --entry)', () => {
  it.each<[string | undefined, readonly string[]]>([
    [undefined, ENTRY_POINT_IDS],
    ['', ENTRY_POINT_IDS],
    ['web', ['web']],
    ['mobile', ['mobile-ios', 'mobile-android']],
    [' Desktop , web ', ['web', 'desktop']],
    ['mobile-android,web,mobile-android', ['web', 'mobile-android']],
  ])('%j selects %j, in the canonical order', (setting, expected) => {
    expect(selectedEntryPoints(setting === undefined ? {} : { SSO_HARNESS_ENTRY_POINTS: setting })).toEqual(expected);
  });

  it.each<[readonly string[], readonly string[]]>([
    [['web'], ['web']],
    [
      ['desktop', 'mobile'],
      ['desktop', 'mobile-ios', 'mobile-android'],
    ],
  ])('reads what `certify --entry %j` hands the suites', (entryPoints, expected) => {
    expect(selectedEntryPoints(selectionEnv({ entryPoints }))).toEqual(expected);
  });

  it('names the unknown entry points and the valid ones', () => {
    expect(() => selectedEntryPoints({ SSO_HARNESS_ENTRY_POINTS: 'web,tablet,tv' })).toThrow(
      'SSO_HARNESS_ENTRY_POINTS names unknown entry points "tablet", "tv". Use a comma-separated list of: web, desktop, mobile, mobile-ios, mobile-android.',
    );
  });
});
