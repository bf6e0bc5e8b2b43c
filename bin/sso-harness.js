#!/usr/bin/env node
// Entry point of the `sso-harness` command. The harness needs Node.js 22+ (it runs its
// TypeScript sources directly); when started by an older system Node, it re-runs itself
// with the Node 22 that the `node` devDependency installs under node_modules.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);

if (major < 22) {
  const node22 = join(root, 'node_modules', '.bin', 'node');
  if (!existsSync(node22)) {
    process.stderr.write(
      `sso-harness needs Node.js 22 or later (this is ${process.version}).\nRun \`npm install\` in ${root} (it installs Node 22 as a dev dependency), or install Node 22.\n`,
    );
    process.exit(2);
  }
  // node:sqlite (the portal) is still "experimental" in Node 22: the warning goes for the child
  // processes too (Playwright's runner and workers), through NODE_OPTIONS as npm scripts set it.
  const quiet = '--disable-warning=ExperimentalWarning';
  const env = { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, quiet].filter(Boolean).join(' ') };
  const child = spawn(node22, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit', env });
  // The PID a user, a CI runner or a process manager holds is this one: a signal to it goes to the
  // real process, and this one ends only when that one has (with its code, or 128 + the signal's number).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.once('error', (error) => {
    process.stderr.write(`sso-harness: could not start ${node22}: ${error.message}\n`);
    process.exit(2);
  });
  child.once('exit', (code, signal) => {
    process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1));
  });
} else {
  // `sso-harness faults | head`: a closed pipe ends the output, not the process with a stack trace.
  process.stdout.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const { main } = await import('../cli/index.ts');
  process.exitCode = await main(process.argv.slice(2));
}
