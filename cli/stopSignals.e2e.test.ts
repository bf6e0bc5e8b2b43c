// A stop signal to the PID a user, a CI runner or a process manager holds — the `sso-harness`
// command, started by the system Node and so re-running itself on Node 22 (bin/sso-harness.js) —
// stops everything the command started within 5 s, and an interrupted certification never leaves a
// verdict but "interrupted".
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { processTable } from '../lib/testing/index.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'sso-harness.js');

/** The system Node when it is older than 22 (the wrapper's re-run is then part of what is tested), else this one. */
function nodeForCommand(): string {
  const system = '/usr/bin/node';
  if (!existsSync(system)) return process.execPath;
  const version = spawnSync(system, ['--version'], { encoding: 'utf8' }).stdout.trim();
  return /^v(\d+)\./.exec(version)?.[1] !== undefined && Number(/^v(\d+)\./.exec(version)![1]) < 22 ? system : process.execPath;
}

/** Every process under `pid` (children, grandchildren…), from /proc. */
function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const { pid: child, ppid } of processTable()) parents.set(ppid, [...(parents.get(ppid) ?? []), child]);
  const out: number[] = [];
  const walk = (parent: number): void => {
    for (const child of parents.get(parent) ?? []) {
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

const alive = (pids: readonly number[]): number[] =>
  pids.filter((pid) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '));

function listening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

interface Started {
  readonly child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

function start(args: readonly string[], env: NodeJS.ProcessEnv = {}): Started {
  const child = spawn(nodeForCommand(), [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => text, exited };
}

const running: ChildProcess[] = [];
const scratch: string[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Wait (event-driven on the output) until `pattern` shows, or fail with what was printed. */
async function waitForOutput(started: Started, pattern: RegExp, timeout: number): Promise<RegExpMatchArray> {
  await vi.waitFor(() => expect(started.output()).toMatch(pattern), { timeout, interval: 100 });
  return pattern.exec(started.output())!;
}

/** Send `signal` to the command's PID; within 5 s its exit code is known and no process it started is left. */
async function stopAndCheck(started: Started, signal: NodeJS.Signals, ports: readonly number[]): Promise<number | null> {
  const pid = started.child.pid!;
  const tree = descendantsOf(pid);
  expect(tree.length, 'the command runs its Node 22 process (and its servers)').toBeGreaterThan(0);
  const sent = Date.now();
  started.child.kill(signal);
  const code = await started.exited;
  await vi.waitFor(() => expect(alive(tree), 'processes left running').toEqual([]), {
    timeout: Math.max(1, 5_000 - (Date.now() - sent)),
    interval: 100,
  });
  expect(Date.now() - sent, 'milliseconds from the signal until everything had stopped').toBeLessThan(5_000);
  for (const port of ports) expect(await listening(port), `port ${port} still listening`).toBe(false);
  return code;
}

describe('a stop signal to the sso-harness PID', () => {
  it('idp serve: SIGTERM stops the mock IdPs, frees the port and exits 0', async () => {
    const started = start(['idp', 'serve', '--port', '0']);
    running.push(started.child);
    const port = Number((await waitForOutput(started, /listening on http:\/\/127\.0\.0\.1:(\d+)[\s\S]*Press Ctrl-C/, 30_000))[1]);
    expect(await stopAndCheck(started, 'SIGTERM', [port])).toBe(0);
    expect(started.output()).toContain('Mock IdPs stopped.');
  }, 40_000);

  it('portal serve: SIGINT stops the portal, frees the port and exits 0', async () => {
    const started = start(['portal', 'serve']);
    running.push(started.child);
    const port = Number((await waitForOutput(started, /listening on http:\/\/127\.0\.0\.1:(\d+)[\s\S]*Press Ctrl-C/, 30_000))[1]);
    expect(await stopAndCheck(started, 'SIGINT', [port])).toBe(0);
  }, 40_000);

  it('demo: SIGTERM stops the portal and the mock IdPs, frees both ports and exits 0', async () => {
    const started = start(['demo']);
    running.push(started.child);
    const match = await waitForOutput(
      started,
      /Reference portal http:\/\/127\.0\.0\.1:(\d+) and mock IdPs http:\/\/127\.0\.0\.1:(\d+)[\s\S]*Ctrl-C stops/,
      60_000,
    );
    const ports = [Number(match[1]), Number(match[2])];
    for (const port of ports) expect(await listening(port), `port ${port} serves the demo`).toBe(true);
    expect(started.output()).toMatch(/admin\s+alice\.admin@\S+\s+portal password: \S+/);
    expect(await stopAndCheck(started, 'SIGTERM', ports)).toBe(0);
    expect(started.output()).toContain('Demo stopped.');
  }, 80_000);

  it('certify: SIGTERM while tests run stops Playwright, its workers, servers and browsers; exit 143 and the report says "interrupted"', async () => {
    const reports = mkdtempSync(join(tmpdir(), 'sso-interrupted-'));
    scratch.push(reports);
    const started = start(['certify', '--vendors', 'okta', '--protocols', 'saml', '--entry', 'web'], {
      SSO_HARNESS_REPORTS_DIR: reports,
      CI: '',
    });
    running.push(started.child);
    // Several tests done: workers, portals, mock IdPs and browsers are all up.
    await waitForOutput(started, /\[\s*4\/\d+\] /, 120_000);
    expect(await stopAndCheck(started, 'SIGTERM', [])).toBe(143);
    expect(started.output()).toMatch(/INTERRUPTED \(SIGTERM\): the certification was stopped before it finished — no verdict/);
    expect(started.output()).not.toMatch(/^CERTIFIED/m);
    const report = JSON.parse(readFileSync(join(reports, 'certification.json'), 'utf8')) as { verdict: string };
    expect(report.verdict).toBe('interrupted');
    expect(existsSync(join(reports, 'allure-report'))).toBe(false);
  }, 180_000);
});
