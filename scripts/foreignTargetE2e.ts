// End-to-end proof that the harness certifies a portal it has never seen: the reference portal runs
// in its foreign skin (`sso-harness portal serve --foreign`: other paths, words, markup, cookies,
// refusal pages, native client ids, no reason header, reasons only in its own audit words) as a
// separate process — the "OE" — and a target file written from the README alone
// (portal/foreign/target.partial.json plus this run's URL and logins) points at it. Then
//   1. a target file with a wrong provisioning token stops `certify` before any test (exit 2),
//      naming "provisioning.token", with no secret in the output;
//   2. `sso-harness certify --target <file> --ci` runs the whole certification — lifecycle, entry
//      points, conformance and security matrices, native refusals, seats, fuzzing — through the
//      target, and certifies, with the same tests (and as many not-applicable ones) as the embedded run.
//
//   npx node scripts/foreignTargetE2e.ts        (npm test runs it after the suites)
//
// Its reports go to reports/foreign/ (the embedded run's stay in reports/). Exit 0 when both hold.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin', 'sso-harness.js');
const PLAYWRIGHT = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const PARTIAL = join(ROOT, 'portal', 'foreign', 'target.partial.json');
const REPORTS = join(ROOT, 'reports', 'foreign');
const EMBEDDED_RESULTS = join(ROOT, 'reports', 'playwright', 'results.json');

interface Login {
  readonly email: string;
  readonly password: string;
}

interface ForeignOe {
  readonly url: string;
  readonly admin: Login;
  readonly support: Login;
  readonly child: ChildProcess;
}

/** Start the foreign portal and read its URL and demo logins from what it prints. */
function startForeignOe(token: string): Promise<ForeignOe> {
  const child = spawn(process.execPath, [CLI, 'portal', 'serve', '--foreign', '--harness-token', token], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let text = '';
    child.once('exit', (code) => reject(new Error(`sso-harness portal serve --foreign exited ${code} before it was ready.`)));
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (!text.includes('Press Ctrl-C to stop.')) return;
      const url = /listening on (\S+)/.exec(text)?.[1];
      const login = (role: string): Login | undefined => {
        const match = new RegExp(`^\\s+${role}\\s+(\\S+)\\s+password: (\\S+)`, 'm').exec(text);
        return match?.[1] && match[2] ? { email: match[1], password: match[2] } : undefined;
      };
      const admin = login('admin');
      const support = login('support');
      if (!url || !admin || !support) reject(new Error(`Could not read the foreign portal's URL and demo logins from:\n${text}`));
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

/** Run a node script; its output is returned, and shown unless `quiet`. */
function run(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  quiet = false,
): Promise<{ code: number; output: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const show = (chunk: Buffer): void => {
    output += chunk.toString();
    if (!quiet) process.stdout.write(chunk);
  };
  child.stdout.on('data', show);
  child.stderr.on('data', show);
  return new Promise((resolve) => child.once('close', (code) => resolve({ code: code ?? 1, output, ms: Date.now() - started })));
}

interface Tally {
  readonly tests: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly titles: ReadonlySet<string>;
}

interface JsonSuite {
  title: string;
  specs?: { title: string }[];
  suites?: JsonSuite[];
}

/** Test titles (file › describe › title) of a Playwright JSON report. */
function titlesOf(suites: readonly JsonSuite[] | undefined): Set<string> {
  const titles = new Set<string>();
  const walk = (suite: JsonSuite, trail: readonly string[]): void => {
    for (const spec of suite.specs ?? []) titles.add([...trail, suite.title, spec.title].join(' › '));
    for (const child of suite.suites ?? []) walk(child, [...trail, suite.title]);
  };
  for (const suite of suites ?? []) walk(suite, []);
  return titles;
}

/** Test titles and outcomes of a Playwright JSON report file. */
function tally(path: string): Tally | undefined {
  if (!existsSync(path)) return undefined;
  const json = JSON.parse(readFileSync(path, 'utf8')) as {
    stats?: { expected: number; unexpected: number; skipped: number; flaky: number };
    suites?: JsonSuite[];
  };
  const stats = json.stats ?? { expected: 0, unexpected: 0, skipped: 0, flaky: 0 };
  return {
    tests: stats.expected + stats.unexpected + stats.skipped + stats.flaky,
    passed: stats.expected,
    failed: stats.unexpected + stats.flaky,
    skipped: stats.skipped,
    titles: titlesOf(json.suites),
  };
}

async function main(): Promise<number> {
  const started = Date.now();
  const token = `e2e-${randomBytes(18).toString('base64url')}`;
  const dir = mkdtempSync(join(tmpdir(), 'foreign-target-e2e-'));
  const oe = await startForeignOe(token);
  const problems: string[] = [];
  try {
    const partial = JSON.parse(readFileSync(PARTIAL, 'utf8')) as Record<string, unknown>;
    const targetFile = (name: string, provisioningToken: string): string => {
      const path = join(dir, name);
      writeFileSync(
        path,
        JSON.stringify(
          {
            name: 'foreign portal (portal serve --foreign)',
            baseUrl: oe.url,
            admin: oe.admin,
            support: oe.support,
            provisioning: { token: provisioningToken },
            ...partial,
          },
          null,
          2,
        ),
      );
      return path;
    };
    const base = {
      SSO_HARNESS_PORTAL_DEFECTS: '',
      SSO_HARNESS_PREFLIGHT_PASSED: '',
      SSO_HARNESS_TARGET: '',
      SSO_HARNESS_REPORTS_DIR: REPORTS,
    };

    process.stdout.write('\n▶ 1. wrong provisioning token: certify must stop before any test (exit 2)\n');
    const wrongToken = `wrong-${randomBytes(12).toString('base64url')}`;
    const refused = await run(CLI, ['certify', '--target', targetFile('wrong-token.json', wrongToken), '--ci'], base);
    if (refused.code !== 2) problems.push(`1. certify with a wrong provisioning token exited ${refused.code}, not 2`);
    if (!refused.output.includes('Setting: provisioning.token')) problems.push('1. the output does not name "provisioning.token"');
    if (/Playwright /.test(refused.output)) problems.push('1. Playwright started although the preflight failed');
    for (const secret of [wrongToken, token, oe.admin.password, oe.support.password])
      if (refused.output.includes(secret)) problems.push('1. a secret appears in the output');

    process.stdout.write(`\n▶ 2. the whole certification of the foreign portal at ${oe.url}, through its target file\n`);
    rmSync(REPORTS, { recursive: true, force: true });
    const certified = await run(CLI, ['certify', '--target', targetFile('target.json', token), '--ci'], base);
    if (certified.code !== 0)
      problems.push(`2. certify --target exited ${certified.code}: the foreign portal was not certified (reports in ${REPORTS})`);
    const foreign = tally(join(REPORTS, 'playwright', 'results.json'));
    if (!foreign) problems.push('2. the foreign run wrote no Playwright results');
    const listed = await run(PLAYWRIGHT, ['test', '--list', '--reporter=json'], { ...base, SSO_HARNESS_REPORTS_DIR: '' }, true);
    const all = listed.code === 0 ? (JSON.parse(listed.output.slice(listed.output.indexOf('{'))) as { suites?: JsonSuite[] }) : undefined;
    if (!all) problems.push(`2. playwright test --list exited ${listed.code}`);
    if (foreign && all) {
      const titles = titlesOf(all.suites);
      const missing = [...titles].filter((title) => !foreign.titles.has(title));
      if (missing.length > 0 || foreign.tests !== titles.size)
        problems.push(
          `2. the foreign run ran ${foreign.tests} tests, the suites hold ${titles.size}; not run: ${missing.slice(0, 5).join('; ')}`,
        );
    }
    const embedded = tally(EMBEDDED_RESULTS);
    if (foreign && embedded && (embedded.tests !== foreign.tests || embedded.skipped !== foreign.skipped)) {
      problems.push(
        `2. counts differ from the embedded run: embedded ${embedded.tests} tests (${embedded.skipped} skipped), foreign ${foreign.tests} (${foreign.skipped} skipped)`,
      );
    }
    process.stdout.write(
      `\nforeign target e2e: wrong-token stop ${(refused.ms / 1000).toFixed(1)} s, certification ${(certified.ms / 1000).toFixed(1)} s${foreign ? ` (${foreign.passed} passed, ${foreign.failed} failed, ${foreign.skipped} skipped)` : ''}${embedded ? `; embedded run: ${embedded.tests} tests, ${embedded.skipped} skipped` : ''}; total ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await stop(oe.child);
    rmSync(dir, { recursive: true, force: true });
  }
  for (const problem of problems) process.stdout.write(`FAILED: ${problem}\n`);
  process.stdout.write(problems.length === 0 ? 'foreign target e2e: passed\n' : '');
  return problems.length === 0 ? 0 : 1;
}

process.exitCode = await main();
