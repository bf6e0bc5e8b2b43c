// sso-harness repro: the list, the usage errors, and the by-hand mode (banner, Enter applies the
// fix, Ctrl-C stops and closes everything). The --run path is covered by support/repro/run.e2e.test.ts.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureOutput, type CapturedOutput } from '../../lib/testing/index.ts';
import { LOCKOUT_CAUSES } from '../../mock-idps/index.ts';
import { REPRO_SCENARIOS } from '../../support/index.ts';
import { tempFolder } from '../../support/testing/index.ts';
import { run } from './repro.ts';

let io: CapturedOutput = { out: '', err: '' };
function capture(): void {
  io = captureOutput();
}
afterEach(() => {
  vi.restoreAllMocks();
});

describe('sso-harness repro --list', () => {
  it('lists the lockout causes first, then the vendor misconfigurations, with their fault ids', async () => {
    capture();
    expect(await run(['--list'])).toBe(0);
    const lockoutsAt = io.out.indexOf('Lockouts');
    const vendorsAt = io.out.indexOf('Misconfigurations support meets most');
    expect(lockoutsAt).toBeGreaterThanOrEqual(0);
    expect(vendorsAt).toBeGreaterThan(lockoutsAt);
    for (const id of Object.keys(LOCKOUT_CAUSES)) expect(io.out.slice(lockoutsAt, vendorsAt)).toContain(id);
    expect(io.out).toMatch(/okta-oidc-org-vs-custom-issuer +okta-oidc +oidc\.issuer-okta-org-server +Okta: /);
  });

  it('prints every scenario as JSON with its personas, expected symptom and fix', async () => {
    capture();
    expect(await run(['--list', '--json'])).toBe(0);
    const list = JSON.parse(io.out) as { id: string; personas: string[]; expected?: { at: string }; fix: string }[];
    expect(list.map((entry) => entry.id)).toEqual(REPRO_SCENARIOS.map((scenario) => scenario.id));
    const entry = list.find((candidate) => candidate.id === 'entra-saml-user-not-assigned');
    expect(entry).toMatchObject({ personas: ['entra-saml'], expected: { at: 'idp', code: 'AADSTS50105' } });
    expect(entry?.fix).toContain('Entra admin center');
  });
});

describe('sso-harness repro usage errors (exit 2, nothing started)', () => {
  it.each([
    [[], 'name one scenario (see `sso-harness repro --list`) or give --from <customer file>'],
    [['no-such-case'], 'There is no repro scenario "no-such-case".'],
    [['a', 'b'], 'not 2 names'],
    [['acs-url-changed', '--persona', 'ping-saml'], '--persona must be a persona id such as entra-saml or okta-oidc, not "ping-saml"'],
    [
      ['acs-url-changed', '--persona', 'okta-oidc'],
      'cannot run with persona "okta-oidc": its faults (saml.acs-not-registered) apply to entra-saml, okta-saml, google-saml, auth0-saml',
    ],
    [['acs-url-changed', '--headed'], '--headed only applies to --run'],
    [['acs-url-changed', '--json'], '--json applies to --list and --run'],
    [['acs-url-changed', '--from', 'x.json'], 'give either a scenario name or --from <customer file>, not both'],
    [['--from', '/nonexistent/customer.json'], 'sso-harness repro --from: The customer file /nonexistent/customer.json does not exist.'],
    [['--list', 'acs-url-changed'], '--list takes no scenario and no --from'],
    [['--bogus'], 'Known options: --list, --json, --persona, --from, --run, --headed, --out'],
  ])('%j', async (args, message) => {
    capture();
    expect(await run(args)).toBe(2);
    expect(io.err).toContain(message);
    expect(io.out).toBe('');
  });

  it('says --headed needs a display when there is none', async () => {
    vi.stubEnv('DISPLAY', '');
    vi.stubEnv('WAYLAND_DISPLAY', '');
    capture();
    try {
      expect(await run(['acs-url-changed', '--run', '--headed'])).toBe(process.platform === 'linux' ? 2 : 0);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(io.err).toContain('--headed needs a display, and this machine has none');
  });
});

describe('sso-harness repro <scenario> (by hand)', () => {
  it('prints the URLs and test logins, applies the fix on Enter, and closes everything on Ctrl-C', async () => {
    const folder = tempFolder('sso-harness-repro-cli-');
    const child = spawn(process.execPath, [
      join(import.meta.dirname, '..', '..', 'bin', 'sso-harness.js'),
      'repro',
      'entra-saml-user-not-assigned',
      '--out',
      folder.dir,
    ]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const printed = (text: string): Promise<void> =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (stdout.includes(text)) resolve();
        };
        child.stdout.on('data', check);
        void exited.then((code) => reject(new Error(`repro exited with ${String(code)} before printing "${text}": ${stderr}`)));
        check();
      });
    try {
      await printed('Ctrl-C stops and removes everything.');
      expect(stdout).toContain('Scenario entra-saml-user-not-assigned: Entra: the user is not assigned');
      expect(stdout).toContain('Expected here: the IdP shows its own error page (AADSTS50105)');
      expect(stdout).toMatch(
        / {2}user {5}bob\.user@contoso\.example +portal password: oe-[\w-]+-TEST {3}IdP: bob\.user@contoso\.example \/ \S+/,
      );
      const portalUrl = /Reference portal (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1] ?? '';
      const idpUrl = /and mock IdP (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1] ?? '';
      expect((await fetch(`${portalUrl}/login`)).status).toBe(200);
      child.stdin.write('\n');
      await printed('Fix applied: try the login again');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(stderr).toContain('repro: Stopping the portal and the mock IdP…');
      for (const url of [portalUrl, idpUrl])
        expect(
          await fetch(url).then(
            () => 'open',
            () => 'closed',
          ),
        ).toBe('closed');
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
      folder.remove();
    }
  }, 60_000);
});
