// End-to-end proof that a sharded certification adds up to the unsharded one, so that sharding
// cannot silently break (issue 15): one persona (Auth0 OIDC, web entry point: the lifecycle story,
// the conformance scenarios, the login check) certified as
//   1. `sso-harness certify … --shard 1/2 --blob-dir DIR` and `--shard 2/2` (each shard runs part
//      of the tests, none runs them all);
//   2. `sso-harness certify --merge DIR` → certified, exit 0, with every test Playwright lists for
//      the selection exactly once in the merged reports (JSON, JUnit, certification report), and the
//      lifecycle story labelled in the Allure results; `--entry web` keeps the story to the web entry
//      point, and the report certifies web only;
//   3. a merge of shard 1 alone is refused (exit 2, naming shard 2/2), writing nothing.
//
//   npx node scripts/shardedCertifyE2e.ts        (npm test runs it)
//
// Reports go to reports/sharded/ (the embedded run's stay in reports/). Exit 0 when all hold.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runNodeScript, playwrightTestArgs, exitCodeOf, stopSignal, watchStopSignals } from '../cli/testing/index.ts';
import { parseShard, shardBaseName, type ShardManifest } from '../reporting/index.ts';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin', 'sso-harness.js');
const PLAYWRIGHT = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const REPORTS = join(ROOT, 'reports', 'sharded');
const BLOBS = join(REPORTS, 'blob');
const VENDOR = 'auth0';
const PROTOCOL = 'oidc';
const SELECTION = ['--vendors', VENDOR, '--protocols', PROTOCOL, '--entry', 'web'];
const ENV = { SSO_HARNESS_REPORTS_DIR: REPORTS };

const failures: string[] = [];
const check = (ok: boolean, what: string): void => {
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${what}\n`);
  if (!ok) failures.push(what);
};
const readJson = <T>(path: string): T | undefined => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined);

interface AllureResult {
  readonly labels?: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  readonly parameters?: ReadonlyArray<{ readonly name: string; readonly value: string }>;
}
const allureResults = (dir: string): AllureResult[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((file) => file.endsWith('-result.json'))
        .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as AllureResult)
    : [];
const labelOf = (result: AllureResult | undefined, name: string): string | undefined =>
  result?.labels?.find((label) => label.name === name)?.value;

async function listedTests(): Promise<number> {
  const args = playwrightTestArgs({
    target: 'embedded',
    selection: { vendors: [VENDOR], protocols: [PROTOCOL], entryPoints: ['web'] },
    ci: true,
    commandLine: '',
  });
  const listing = await runNodeScript(PLAYWRIGHT, [...args, '--list', '--reporter=list'], { cwd: ROOT, env: ENV, output: 'capture' });
  return Number(/Total: (\d+) tests?/.exec(listing.stdout ?? '')?.[1] ?? NaN);
}

watchStopSignals();
rmSync(REPORTS, { recursive: true, force: true });
const expected = await listedTests();
check(expected > 2, `Playwright lists ${expected} test(s) for ${SELECTION.join(' ')}`);

const counts: ShardManifest['counts'][] = [];
for (const shard of ['1/2', '2/2']) {
  if (stopSignal()) break;
  process.stdout.write(`\n▶ sso-harness certify ${SELECTION.join(' ')} --ci --shard ${shard} --blob-dir ${BLOBS}\n`);
  const run = await runNodeScript(CLI, ['certify', ...SELECTION, '--ci', '--shard', shard, '--blob-dir', BLOBS], { cwd: ROOT, env: ENV });
  const manifest = readJson<ShardManifest>(join(BLOBS, `${shardBaseName(parseShard(shard))}.json`));
  check(run.code === 0 && manifest !== undefined, `shard ${shard} exits 0 and writes its manifest (exit ${run.code})`);
  if (manifest) counts.push(manifest.counts);
  check(
    (manifest?.counts.passed ?? 0) > 0 && (manifest?.counts.passed ?? expected) < expected,
    `shard ${shard} ran part of the tests (${manifest?.counts.passed ?? 0} of ${expected})`,
  );
}

if (!stopSignal()) {
  // Shard 1 alone: refused, and nothing is written.
  const alone = join(REPORTS, 'shard-1-only');
  mkdirSync(alone, { recursive: true });
  for (const file of ['shard-1-of-2.json', 'shard-1-of-2.zip'])
    if (existsSync(join(BLOBS, file))) copyFileSync(join(BLOBS, file), join(alone, file));
  const refused = await runNodeScript(CLI, ['certify', '--merge', alone], { cwd: ROOT, env: ENV, output: 'capture' });
  check(
    refused.code === 2 && /Shard 2\/2 is missing/.test(refused.stderr ?? '') && !existsSync(join(REPORTS, 'certification.json')),
    `a merge without shard 2/2 is refused (exit ${refused.code}) and writes no report`,
  );
  rmSync(alone, { recursive: true, force: true });
}

if (!stopSignal()) {
  process.stdout.write(`\n▶ sso-harness certify --merge ${BLOBS}\n`);
  const merged = await runNodeScript(CLI, ['certify', '--merge', BLOBS], { cwd: ROOT, env: ENV });
  const report = readJson<{ verdict: string; matrix: ReadonlyArray<{ readonly entryPoint: string }> }>(join(REPORTS, 'certification.json'));
  const results = readJson<{ stats: { expected: number; unexpected: number; skipped: number; flaky: number } }>(
    join(REPORTS, 'playwright', 'results.json'),
  );
  const junit = existsSync(join(REPORTS, 'junit', 'playwright.xml')) ? readFileSync(join(REPORTS, 'junit', 'playwright.xml'), 'utf8') : '';
  const shardTotal = counts.reduce((sum, count) => sum + count.passed + count.failed + count.skipped, 0);
  check(
    merged.code === 0 && report?.verdict === 'certified',
    `the merge certifies (exit ${merged.code}, verdict ${report?.verdict ?? 'none'})`,
  );
  check(shardTotal === expected, `the shards ran ${shardTotal} test(s) together, as many as Playwright lists (${expected})`);
  const mergedTotal = results ? results.stats.expected + results.stats.unexpected + results.stats.skipped + results.stats.flaky : NaN;
  check(mergedTotal === expected, `the merged JSON report holds ${mergedTotal} test(s) (${expected} listed)`);
  check(
    Number(/<testsuites[^>]*\btests="(\d+)"/.exec(junit)?.[1]) === expected,
    `the merged JUnit report holds ${/<testsuites[^>]*\btests="(\d+)"/.exec(junit)?.[1] ?? 'no'} test(s)`,
  );
  // `--entry web` reaches the suites: the lifecycle story logs in on the web entry point only, and the report certifies only that.
  const entryPointsCertified = [...new Set(report?.matrix.map((cell) => cell.entryPoint))];
  check(
    entryPointsCertified.join(',') === 'web',
    `the merged report certifies the selected entry point only (${entryPointsCertified.join(', ') || 'none'})`,
  );
  // Labels and parameters reach Allure through one runtime message per test (reporting/allureMetadata.ts), also across the merge.
  const story = allureResults(join(REPORTS, 'allure-results')).find((result) => labelOf(result, 'epic') === 'lifecycle');
  check(
    labelOf(story, 'vendor') === VENDOR &&
      labelOf(story, 'persona') === `${VENDOR}-${PROTOCOL}` &&
      labelOf(story, 'entry point') === 'web' &&
      story?.parameters?.some((parameter) => parameter.name === 'protocol' && parameter.value === PROTOCOL) === true,
    `the merged Allure results label the lifecycle story (vendor ${labelOf(story, 'vendor') ?? 'none'}, persona ${labelOf(story, 'persona') ?? 'none'})`,
  );
}

const signal = stopSignal();
if (signal) process.stdout.write(`\nINTERRUPTED (${signal}): the sharded certification check was stopped, so it proves nothing.\n`);
else
  process.stdout.write(
    `\n${failures.length === 0 ? 'Sharded certification: every check holds.' : `Sharded certification: ${failures.length} check(s) failed.`}\n`,
  );
process.exitCode = signal ? exitCodeOf(signal) : failures.length === 0 ? 0 : 1;
