import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback } from '../../lib/index.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'sso-harness.js');
const started: ChildProcessWithoutNullStreams[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function serve(args: string[]): Run {
  const env = { ...process.env };
  delete env['SSO_HARNESS_PORTAL_TOKEN'];
  const child = spawn(process.execPath, [BIN, 'portal', 'serve', ...args], { env });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Resolves once the portal printed its banner (or rejects if it exits first). */
function ready(run: Run): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (run.stdout().includes('Press Ctrl-C to stop.')) resolve(run.stdout());
    };
    run.child.stdout.on('data', check);
    void run.exited.then((code) => reject(new Error(`portal serve exited with ${String(code)}: ${run.stderr()}`)));
    check();
  });
}

describe('sso-harness portal serve', () => {
  it('prints the demo logins and URLs, serves the portal, and stops on Ctrl-C removing its temporary data', async () => {
    const run = serve(['--port', '0']);
    const banner = await ready(run);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] ?? '';
    const dataDir = /Data directory: (\S+) \(temporary/.exec(banner)?.[1] ?? '';
    expect(banner).toMatch(/ {2}admin {4}admin@demo\.example {5}password: [\w-]{16}\n/);
    expect(banner).toContain(`  ACS URL             ${url}/sso/1/saml/acs\n`);
    expect((await fetch(`${url}/login`)).status).toBe(200);
    expect(existsSync(dataDir)).toBe(true);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('--foreign serves the foreign skin and prints its own URLs, in the same line format', async () => {
    const run = serve(['--foreign']);
    const banner = await ready(run);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] ?? '';
    expect(banner).toMatch(/ {2}admin {4}admin@demo\.example {5}password: [\w-]{16}\n/);
    expect(banner).toMatch(/ {2}support {2}support@ooma\.example {3}password: [\w-]{16} {3}\(at \/staff\)\n/);
    expect(banner).toContain(`  Log in              ${url}/signin\n`);
    expect(banner).toContain(`  ACS URL             ${url}/saml2/1/consume\n`);
    expect(banner).toContain('Skin: foreign');
    expect(banner).not.toMatch(/\/login|\/sso\/|\/support\b/);
    expect((await fetch(`${url}/signin`)).status).toBe(200);
    expect((await fetch(`${url}/login`)).status).toBe(404);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('re-uses a --data-dir: same account, passwords reset', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'serve-test-'));
    dirs.push(dataDir);
    for (const expected of ['Demo account "Demo Company" (ID 1):', 'Demo account "Demo Company" (ID 1), re-used: passwords reset:']) {
      const run = serve(['--data-dir', dataDir]);
      expect(await ready(run)).toContain(expected);
      run.child.kill('SIGINT');
      expect(await run.exited).toBe(0);
    }
    expect(existsSync(join(dataDir, 'portal.sqlite'))).toBe(true);
  });

  it('exits 1 with the PortInUseError message when the port is taken', async () => {
    const blocker = createServer();
    const port = Number(new URL(await listenOnLoopback(blocker, 0, 'blocker')).port);
    try {
      const run = serve(['--port', String(port)]);
      expect(await run.exited).toBe(1);
      expect(run.stderr()).toBe(
        `The reference OE portal cannot listen on 127.0.0.1:${port}: the port is already in use. Stop the other process, pick another --port, or pass --port 0 for a free one.\n`,
      );
    } finally {
      await closeServer(blocker);
    }
  });

  it('refuses an unknown defect switch with the list of valid ones (exit 2)', async () => {
    const run = serve(['--defect', 'skip-all-checks']);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toMatch(
      /^sso-harness portal serve: Unknown defect switch: skip-all-checks\. .*valid ids are: saml-skip-audience, /,
    );
  });
});
