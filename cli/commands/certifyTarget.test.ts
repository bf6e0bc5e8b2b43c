// `sso-harness certify --target FILE`: a remote target is checked before Playwright starts; a
// failing check is one message naming the setting, exit code 2, and no secret on any output.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeServer, listenOnLoopback } from '../../lib/index.ts';
import * as certify from './certify.ts';

const dir = mkdtempSync(join(tmpdir(), 'certify-target-'));
const SECRETS = { admin: 'admin-pw-SECRET-1', support: 'support-pw-SECRET-2', token: 'token-SECRET-0123456789' };

function targetFile(baseUrl: string): string {
  const path = join(dir, `target-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      name: 'oe-test',
      baseUrl,
      admin: { email: 'qa-admin@customer.example', password: SECRETS.admin },
      support: { email: 'qa-support@ooma.example', password: SECRETS.support },
      provisioning: { token: SECRETS.token },
    }),
  );
  return path;
}

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  const url = await listenOnLoopback(server, 0, 'free port probe');
  await closeServer(server);
  return url;
}

let out = '';
let err = '';
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});
function capture(): void {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
}

describe('sso-harness certify --target FILE: preflight before any test', () => {
  it('stops with exit 2 and the setting to fix when the OE does not answer', async () => {
    const url = await closedPortUrl();
    const path = targetFile(url);
    capture();
    expect(await certify.run(['--target', path])).toBe(2);
    expect(out).toBe(`sso-harness certify: checking the target file ${path} ("oe-test")…\n`);
    expect(err).toContain(
      `sso-harness certify --target: The target file ${path} ("oe-test") did not pass the preflight; no test ran.\n  Setting: baseUrl\n  Seen:    GET ${url}/: connection refused, nothing listens on ${new URL(url).host}.`,
    );
    expect(err).toContain('The mock IdPs listen on 127.0.0.1 only, so the OE build under test must run on this machine.');
    for (const secret of Object.values(SECRETS)) expect(out + err).not.toContain(secret);
  });

  it('refuses defect switches with a remote target (exit 2)', async () => {
    vi.stubEnv('SSO_HARNESS_PORTAL_DEFECTS', 'saml-skip-audience');
    const path = targetFile('http://127.0.0.1:9');
    capture();
    expect(await certify.run(['--target', path])).toBe(2);
    expect(err).toContain('SSO_HARNESS_PORTAL_DEFECTS is set (saml-skip-audience) but the target is the remote OE environment of');
    expect(out).toBe('');
  });
});
