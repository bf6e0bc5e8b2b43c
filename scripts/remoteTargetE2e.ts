// End-to-end proof of the remote target: `sso-harness portal serve --harness-token …` runs as a
// child process (the "remote OE"), a target file points at it, and
//   1. a target file with a wrong provisioning token stops the Playwright run in globalSetup, before
//      any test, with the message naming "provisioning.token" (and no secret in the output);
//   2. the Auth0 (OIDC) lifecycle, web entry point, passes against it, provisioned over HTTP only.
//
//   npx node scripts/remoteTargetE2e.ts        (35–45 s on 2 cores; `npm test` runs it last)
//
// Exit code 0 when both hold, 1 otherwise. Everything listens on 127.0.0.1 and stops at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SELECTION_ENV } from '../suites/reporting/selection.ts';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin', 'sso-harness.js');
const PLAYWRIGHT = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');

interface RemoteOe {
  readonly url: string;
  readonly admin: { readonly email: string; readonly password: string };
  readonly support: { readonly email: string; readonly password: string };
  readonly child: ChildProcess;
}

/** Start the portal and read its URL and demo logins from what it prints. */
function startRemoteOe(token: string): Promise<RemoteOe> {
  const child = spawn(process.execPath, [CLI, 'portal', 'serve', '--harness-token', token], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let text = '';
    child.once('exit', (code) => reject(new Error(`sso-harness portal serve exited ${code} before it was ready.`)));
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (!text.includes('Press Ctrl-C to stop.')) return;
      const url = /listening on (\S+)/.exec(text)?.[1];
      const login = (role: string): { email: string; password: string } | undefined => {
        const match = new RegExp(`^\\s+${role}\\s+(\\S+)\\s+password: (\\S+)`, 'm').exec(text);
        return match?.[1] && match[2] ? { email: match[1], password: match[2] } : undefined;
      };
      const admin = login('admin');
      const support = login('support');
      if (!url || !admin || !support) reject(new Error(`Could not read the portal's URL and demo logins from:\n${text}`));
      else resolve({ url, admin, support, child });
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * Run Playwright with this target file; the output is shown and also returned. Its artefacts go to
 * `outputDir`: the default test-results/ may hold the traces of a run before this one (npm test).
 */
function playwright(args: readonly string[], env: NodeJS.ProcessEnv, outputDir: string): Promise<{ code: number; output: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [PLAYWRIGHT, 'test', ...args, `--output=${outputDir}`], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const show = (chunk: Buffer): void => {
    output += chunk.toString();
    process.stdout.write(chunk);
  };
  child.stdout.on('data', show);
  child.stderr.on('data', show);
  return new Promise((resolve) => child.once('close', (code) => resolve({ code: code ?? 1, output, ms: Date.now() - started })));
}

async function main(): Promise<number> {
  const started = Date.now();
  const token = `e2e-${randomBytes(18).toString('base64url')}`;
  const dir = mkdtempSync(join(tmpdir(), 'remote-target-e2e-'));
  const oe = await startRemoteOe(token);
  const problems: string[] = [];
  try {
    const targetFile = (name: string, provisioningToken: string): string => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify({ name: 'portal serve as a remote OE', baseUrl: oe.url, admin: oe.admin, support: oe.support, provisioning: { token: provisioningToken } }, null, 2));
      return path;
    };
    const base = { SSO_HARNESS_PORTAL_DEFECTS: '', SSO_HARNESS_PREFLIGHT_PASSED: '' };

    process.stdout.write(`\n▶ 1. wrong provisioning token: the run must stop before any test\n`);
    const wrongToken = `wrong-${randomBytes(12).toString('base64url')}`;
    const refused = await playwright(['suites/lifecycle', '--workers=1', '--reporter=list'], { ...base, SSO_HARNESS_TARGET: targetFile('wrong-token.json', wrongToken) }, join(dir, 'test-results'));
    if (refused.code === 0) problems.push('1. the run with a wrong provisioning token passed');
    if (!refused.output.includes('Setting: provisioning.token')) problems.push('1. the output does not name "provisioning.token"');
    if (/\d+ passed|\d+ failed/.test(refused.output)) problems.push('1. tests ran although the preflight failed');
    for (const secret of [wrongToken, token, oe.admin.password, oe.support.password]) if (refused.output.includes(secret)) problems.push('1. a secret appears in the output');

    process.stdout.write(`\n▶ 2. Auth0 (OIDC) lifecycle on the web entry point against ${oe.url}\n`);
    const lifecycle = await playwright(['suites/lifecycle', '--workers=1', '--reporter=list', '--grep', 'Auth0 \\(OIDC\\)'], {
      ...base, SSO_HARNESS_TARGET: targetFile('target.json', token), [SELECTION_ENV.entryPoints]: 'web',
    }, join(dir, 'test-results'));
    if (lifecycle.code !== 0 || !/1 passed/.test(lifecycle.output)) problems.push(`2. the lifecycle did not pass (Playwright exited ${lifecycle.code})`);

    process.stdout.write(`\nremote target e2e: wrong-token stop ${(refused.ms / 1000).toFixed(1)} s, lifecycle ${(lifecycle.ms / 1000).toFixed(1)} s, total ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    await stop(oe.child);
    rmSync(dir, { recursive: true, force: true });
  }
  for (const problem of problems) process.stdout.write(`FAILED: ${problem}\n`);
  process.stdout.write(problems.length === 0 ? 'remote target e2e: passed\n' : '');
  return problems.length === 0 ? 0 : 1;
}

process.exitCode = await main();
