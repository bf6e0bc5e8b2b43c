import { describe, expect, it } from 'vitest';
import { SettingError, checkEnvSettings, parseReportsDir, parseWorkers } from './runSettings.ts';

describe('run settings: one rule and one message for a flag and its environment variable', () => {
  it('workers: a whole number from 1 to 16, the message naming where the value came from', () => {
    expect(parseWorkers('3', '--workers')).toBe(3);
    expect(() => parseWorkers('0', '--workers')).toThrow('--workers must be a whole number from 1 to 16, not "0".');
    expect(() => parseWorkers('abc', 'SSO_HARNESS_WORKERS')).toThrow('SSO_HARNESS_WORKERS must be a whole number from 1 to 16, not "abc".');
    expect(() => parseWorkers('', 'SSO_HARNESS_WORKERS')).toThrow(SettingError);
    expect(() => parseWorkers('2.5', 'SSO_HARNESS_WORKERS')).toThrow(SettingError);
  });

  it('reports directory: a directory or a path to create, never an existing file', () => {
    expect(parseReportsDir('/tmp/some-new-reports-dir', 'SSO_HARNESS_REPORTS_DIR')).toBe('/tmp/some-new-reports-dir');
    expect(() => parseReportsDir('/etc/hostname', 'SSO_HARNESS_REPORTS_DIR')).toThrow(
      'SSO_HARNESS_REPORTS_DIR names /etc/hostname, which is a file, not a directory',
    );
    expect(() => parseReportsDir(' ', 'SSO_HARNESS_REPORTS_DIR')).toThrow('is set but empty');
  });

  it('checks every variable present, and nothing when none is set', () => {
    expect(() => checkEnvSettings({})).not.toThrow();
    expect(
      () => checkEnvSettings({ SSO_HARNESS_WORKERS: '', SSO_HARNESS_REPORTS_DIR: '', SSO_HARNESS_CHROMIUM: '' }),
      'empty = unset, as the config reads them',
    ).not.toThrow();
    expect(() => checkEnvSettings({ SSO_HARNESS_WORKERS: '2', SSO_HARNESS_REPORTS_DIR: '/tmp' })).not.toThrow();
    expect(() => checkEnvSettings({ SSO_HARNESS_CHROMIUM: '/no/such/chromium' })).toThrow(
      'SSO_HARNESS_CHROMIUM names /no/such/chromium, which does not exist',
    );
    expect(() => checkEnvSettings({ SSO_HARNESS_HEADLESS_SHELL: '/no/such/shell' })).toThrow(
      'SSO_HARNESS_HEADLESS_SHELL names /no/such/shell',
    );
  });
});
