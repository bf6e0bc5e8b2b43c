// `sso-harness certify` checks every setting before any work, whether it comes as a flag or as an
// environment variable: the same message (naming the flag or the variable) and exit 2, and no
// certification report written.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const reports = mkdtempSync(join(tmpdir(), 'sso-settings-'));
afterAll(() => rmSync(reports, { recursive: true, force: true }));

function certify(args: readonly string[], env: NodeJS.ProcessEnv): { code: number | null; stderr: string; stdout: string } {
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'sso-harness.js'), 'certify', '--vendors', 'okta', '--protocols', 'saml', ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, SSO_HARNESS_REPORTS_DIR: reports, ...env },
      timeout: 60_000,
    },
  );
  return { code: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe('certify: environment variables are checked like their flags', () => {
  it.each([
    ['SSO_HARNESS_WORKERS', '0', ['--workers', '0'], 'must be a whole number from 1 to 16, not "0".'],
    ['SSO_HARNESS_WORKERS', 'abc', ['--workers', 'abc'], 'must be a whole number from 1 to 16, not "abc".'],
    [
      'SSO_HARNESS_TARGET',
      '/no/such/target.json',
      ['--target', '/no/such/target.json'],
      'names /no/such/target.json, which does not exist.',
    ],
  ])("%s=%s: the flag's message with the variable named, exit 2", (name, value, flag, message) => {
    const byEnv = certify([], { [name]: value });
    const byFlag = certify(flag, {});
    expect(byFlag.stderr).toContain(`${flag[0]} ${message}`);
    expect(byEnv.stderr).toContain(`${name} ${message}`);
    expect([byEnv.code, byFlag.code]).toEqual([2, 2]);
  });

  it.each([
    ['SSO_HARNESS_PORTAL_DEFECTS', 'no-such-switch', 'Unknown defect switch: no-such-switch.'],
    ['SSO_HARNESS_CHROMIUM', '/no/such/chromium', 'SSO_HARNESS_CHROMIUM names /no/such/chromium, which does not exist'],
  ])('%s=%s: exit 2 before any test', (name, value, message) => {
    const result = certify([], { [name]: value });
    expect(result.stderr).toContain(message);
    expect(result.code).toBe(2);
    expect(existsSync(join(reports, 'certification.json'))).toBe(false);
  });

  it('--version prints the harness version and the Node it runs on', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'sso-harness.js'), '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stdout).toMatch(/^sso-harness \d+\.\d+\.\d+ \(Node\.js v2\d\.\d+\.\d+\)\n$/);
    expect(result.status).toBe(0);
  });
});
