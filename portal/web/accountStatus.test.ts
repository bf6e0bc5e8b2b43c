import { describe, expect, it } from 'vitest';
import type { SsoStatus } from '../db/ssoConfigs.ts';
import { testStatus } from './accountView.ts';

const current = { accountId: 1, version: 3, settings: {} as never, savedAt: 0, savedBy: 'Ada' };
const test = (ok: boolean, version: number) => ({ ok, version, detail: '', testedAt: 1 });

describe('the status line says where Test SSO stands, without contradicting the last result', () => {
  it.each<[string, SsoStatus, string]>([
    ['never tested', { enabled: false, current, currentVersionPassed: false }, 'It has not passed Test SSO yet.'],
    ['passed last', { enabled: false, current, currentVersionPassed: true, lastTest: test(true, 3) }, 'It has passed Test SSO.'],
    [
      'passed once, then failed',
      { enabled: false, current, currentVersionPassed: true, lastTest: test(false, 3) },
      'It passed Test SSO once, but its last Test SSO failed (see Test SSO below): run it again before enabling.',
    ],
    [
      'an older version failed last',
      { enabled: false, current, currentVersionPassed: true, lastTest: test(false, 2) },
      'It has passed Test SSO.',
    ],
  ])('%s', (_name, status, line) => {
    expect(testStatus(status)).toBe(line);
  });
});
