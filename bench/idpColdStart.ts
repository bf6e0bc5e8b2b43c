// Cold start to ready: a fresh Node process starts the server, and the server is ready when it
// listens *and* has answered each persona's metadata / discovery document once (lazy key
// generation and lazy engine loading are part of the figure). Measured from spawn, in the parent,
// for the mock IdPs and for the peers started the same way, interleaved in the same run.
import { startBenchChild } from './childProcess.ts';
import { COLD_START_TARGETS, TARGET_DESCRIPTIONS, type ColdStartTarget } from './coldStart/targets.ts';
import { benchMain } from './options.ts';
import { formatMs, formatRatio, verdict, type BenchOutcome, type FigureRow } from './report.ts';
import { ratio, summarize, type Summary } from './stats.ts';

export const COLD_START_GOAL_MS = 500;
const CHILD_URL = new URL('./coldStart/child.ts', import.meta.url);
const MESSAGE_TIMEOUT_MS = 30_000;

export interface ColdStartSample {
  /** Spawn → the child says it listens (Node start-up + module loading + listen). */
  readonly listeningMs: number;
  /** Spawn → every ready URL answered 200. */
  readonly readyMs: number;
}

export interface ColdStartResults {
  readonly runs: number;
  readonly targets: Record<ColdStartTarget, { readonly description: string; readonly readyUrls: number; readonly listeningMs: Summary; readonly readyMs: Summary }>;
  /** sso-harness median ready time ÷ the peer's (below 1 = sso-harness is faster). */
  readonly ratioToPeer: { readonly 'oauth2-mock-server': number | undefined; readonly 'plain-samlify': number | undefined };
}

export const SAML_IDP_UNAVAILABLE = 'the saml-idp npm package is not measured: it cannot be installed here (its dependencies are GitHub-only); the plain samlify IdP in bench/peers/plainSamlifyIdp.ts stands in for it.';

async function measureOnce(target: ColdStartTarget): Promise<ColdStartSample & { readyUrls: number }> {
  const child = startBenchChild<{ readyUrls: string[] }>(CHILD_URL, [target], { messageTimeoutMs: MESSAGE_TIMEOUT_MS });
  try {
    const { value, receivedAt } = await child.message;
    await Promise.all(value.readyUrls.map(async (url) => {
      const response = await fetch(url);
      const body = await response.text();
      if (response.status !== 200 || body.length === 0) throw new Error(`${target} is not ready: ${url} answered ${response.status} (${body.slice(0, 200)})`);
    }));
    const readyAt = performance.now();
    return { listeningMs: receivedAt - child.spawnedAt, readyMs: readyAt - child.spawnedAt, readyUrls: value.readyUrls.length };
  } finally {
    await child.stop();
  }
}

export async function measureColdStart(options: { runs: number }): Promise<BenchOutcome<ColdStartResults>> {
  if (!(Number.isInteger(options.runs) && options.runs > 0)) throw new RangeError(`runs must be a positive whole number, not ${options.runs}.`);
  // One unrecorded start per target first: the OS file cache and the parent's HTTP client warm up.
  for (const target of COLD_START_TARGETS) await measureOnce(target);
  const samples = new Map<ColdStartTarget, ColdStartSample[]>(COLD_START_TARGETS.map((t) => [t, []]));
  const urlCounts = new Map<ColdStartTarget, number>();
  for (let run = 0; run < options.runs; run++) {
    // Rotate the order each round: no target always runs right after another's shutdown.
    const order = COLD_START_TARGETS.map((_, i) => COLD_START_TARGETS[(i + run) % COLD_START_TARGETS.length]!);
    for (const target of order) {
      const sample = await measureOnce(target);
      samples.get(target)!.push(sample);
      urlCounts.set(target, sample.readyUrls);
    }
  }
  const targets = Object.fromEntries(COLD_START_TARGETS.map((target) => {
    const list = samples.get(target)!;
    return [target, {
      description: TARGET_DESCRIPTIONS[target],
      readyUrls: urlCounts.get(target) ?? 0,
      listeningMs: summarize(list.map((s) => s.listeningMs)),
      readyMs: summarize(list.map((s) => s.readyMs)),
    }];
  })) as ColdStartResults['targets'];
  const ours = targets['sso-harness'].readyMs.median;
  const results: ColdStartResults = {
    runs: options.runs,
    targets,
    ratioToPeer: {
      'oauth2-mock-server': ratio(ours, targets['oauth2-mock-server'].readyMs.median),
      'plain-samlify': ratio(ours, targets['plain-samlify'].readyMs.median),
    },
  };
  return { name: 'cold start', results, rows: coldStartRows(results), notes: coldStartNotes(results) };
}

export function coldStartRows(results: ColdStartResults): FigureRow[] {
  const ours = results.targets['sso-harness'];
  const aheadOfBoth = Object.values(results.ratioToPeer).every((r) => r !== undefined && r < 1);
  const row = (target: ColdStartTarget): FigureRow => ({
    bench: 'cold start',
    metric: `${target} ready, median (p90), n=${results.runs}`,
    value: `${formatMs(results.targets[target].readyMs.median)} (${formatMs(results.targets[target].readyMs.p90)})`,
  });
  return [
    {
      ...row('sso-harness'),
      ratio: `${formatRatio(results.ratioToPeer['oauth2-mock-server'], 'oauth2-mock-server')}; ${formatRatio(results.ratioToPeer['plain-samlify'], 'plain samlify')}`,
      goal: `< ${COLD_START_GOAL_MS} ms, ahead of both`,
      verdict: verdict(ours.readyMs.median < COLD_START_GOAL_MS && aheadOfBoth),
    },
    { bench: 'cold start', metric: 'sso-harness listening, median (p90)', value: `${formatMs(ours.listeningMs.median)} (${formatMs(ours.listeningMs.p90)})` },
    row('oauth2-mock-server'),
    row('plain-samlify'),
  ];
}

function coldStartNotes(results: ColdStartResults): string[] {
  return [
    `each run is a fresh child process, timed from spawn until every ready URL answered 200: ${Object.values(results.targets).map((t) => `${t.description} (${t.readyUrls} URL${t.readyUrls === 1 ? '' : 's'})`).join('; ')}.`,
    'the peers serve one IdP each; sso-harness serves eight personas (and generates four SAML signing keys) in the same time budget.',
    SAML_IDP_UNAVAILABLE,
  ];
}

if (import.meta.main) await benchMain((o) => measureColdStart({ runs: o.runs }));
