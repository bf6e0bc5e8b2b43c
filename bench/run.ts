// `node bench/run.ts`: every benchmark in turn, one table, reports/bench/results.json. Figures,
// not assertions: missed goals do not change the exit code; a benchmark that could not run does.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { measureColdStart } from './idpColdStart.ts';
import { measureIdpMemory } from './idpMemory.ts';
import { parseRunOptions, type RunOptions } from './options.ts';
import { measureOidcFlowThroughput } from './oidcFlowThroughput.ts';
import { renderOutcomes, type BenchOutcome } from './report.ts';
import { measureSamlMintThroughput } from './samlMintThroughput.ts';

const RESULTS_PATH = new URL('../reports/bench/results.json', import.meta.url);

type Failure = { readonly name: string; readonly error: string };

async function attempt<T>(name: string, body: () => Promise<BenchOutcome<T>>): Promise<BenchOutcome<T> | Failure> {
  process.stderr.write(`bench: ${name}…\n`);
  try {
    return await body();
  } catch (error) {
    return { name, error: error instanceof Error ? error.message : String(error) };
  }
}

export async function runAll(options: RunOptions): Promise<{ outcomes: BenchOutcome<unknown>[]; failures: Failure[] }> {
  const attempts: Array<BenchOutcome<unknown> | Failure> = [
    await attempt('cold start', () => measureColdStart({ runs: options.runs })),
    await attempt('SAML mint', () => measureSamlMintThroughput({ seconds: options.seconds })),
    await attempt('OIDC flows', () => measureOidcFlowThroughput({ seconds: options.seconds, concurrency: options.concurrency })),
    await attempt('memory', () =>
      measureIdpMemory({ logins: options.logins, maxSeconds: options.memorySeconds, concurrency: options.concurrency }),
    ),
  ];
  return {
    outcomes: attempts.filter((a): a is BenchOutcome<unknown> => !('error' in a)),
    failures: attempts.filter((a): a is Failure => 'error' in a),
  };
}

async function main(): Promise<number> {
  let options: RunOptions;
  try {
    options = parseRunOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const startedAt = new Date();
  const machine = {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    loadAverageAtStart: loadavg(),
  };
  const { outcomes, failures } = await runAll(options);
  const failureOutcomes: BenchOutcome<unknown>[] = failures.map((f) => ({
    name: f.name,
    results: { error: f.error },
    rows: [{ bench: f.name, metric: '(benchmark)', value: 'failed to run' }],
    notes: [`failed to run: ${f.error}`],
  }));
  console.log(renderOutcomes([...outcomes, ...failureOutcomes]));
  console.log(
    `\nMachine: ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, load average at start ${machine.loadAverageAtStart.map((l) => l.toFixed(2)).join(' / ')} (shared machine: compare ratios, not absolute figures).`,
  );
  await mkdir(new URL('.', RESULTS_PATH), { recursive: true });
  await writeFile(
    RESULTS_PATH,
    `${JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        command: `node bench/run.ts ${process.argv.slice(2).join(' ')}`.trim(),
        options,
        machine,
        benchmarks: Object.fromEntries([...outcomes, ...failureOutcomes].map((o) => [o.name, o.results])),
        rows: [...outcomes, ...failureOutcomes].flatMap((o) => o.rows),
        notes: [...outcomes, ...failureOutcomes].flatMap((o) => o.notes.map((note) => `${o.name}: ${note}`)),
      },
      null,
      2,
    )}\n`,
  );
  console.log(`Results written to reports/bench/results.json.`);
  if (failures.length > 0) {
    process.stderr.write(
      `${failures.length} benchmark(s) could not run: ${failures.map((f) => f.name).join(', ')} (see the notes above).\n`,
    );
    return 1;
  }
  return 0;
}

if (import.meta.main) process.exitCode = await main();
