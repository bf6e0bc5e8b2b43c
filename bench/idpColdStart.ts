// Cold start to ready: a fresh Node process starts the server, and the server is ready when it
// listens *and* has answered each persona's metadata / discovery document once (lazy key
// generation and lazy engine loading are part of the figure). Measured from spawn, in the parent,
// for the mock IdPs and for the peers started the same way, interleaved in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

export interface PeerRatios {
  readonly 'oauth2-mock-server': number | undefined;
  readonly 'plain-samlify': number | undefined;
}

export interface ColdStartResults {
  readonly runs: number;
  readonly targets: Record<
    ColdStartTarget,
    { readonly description: string; readonly readyUrls: number; readonly listeningMs: Summary; readonly readyMs: Summary }
  >;
  /** sso-harness first-ever median ready time ÷ the peer's (below 1 = sso-harness is faster). */
  readonly ratioToPeer: PeerRatios;
  /** The same for the warm start. */
  readonly warmRatioToPeer: PeerRatios;
}

/** The machine-cache directory each start of a target uses (`SSO_HARNESS_CACHE_DIR`). */
interface CacheDirectories {
  /** Shared by every warm start: the unrecorded first start fills it. */
  readonly warm: string;
  /** Parent of the fresh, empty directory each first-ever start gets. */
  readonly firstEver: string;
}

export const SAML_IDP_UNAVAILABLE =
  'the saml-idp npm package is not measured: it cannot be installed here (its dependencies are GitHub-only); the plain samlify IdP in bench/peers/plainSamlifyIdp.ts stands in for it.';

function cacheEnvironment(target: ColdStartTarget, caches: CacheDirectories): { env: Record<string, string>; cleanUp: () => void } {
  switch (target) {
    case 'sso-harness': {
      const fresh = mkdtempSync(join(caches.firstEver, 'start-'));
      return { env: { SSO_HARNESS_CACHE_DIR: fresh }, cleanUp: () => rmSync(fresh, { recursive: true, force: true }) };
    }
    case 'sso-harness-warm':
      return { env: { SSO_HARNESS_CACHE_DIR: caches.warm }, cleanUp: () => undefined };
    default:
      return { env: {}, cleanUp: () => undefined };
  }
}

async function measureOnce(target: ColdStartTarget, caches: CacheDirectories): Promise<ColdStartSample & { readyUrls: number }> {
  const { env, cleanUp } = cacheEnvironment(target, caches);
  const child = startBenchChild<{ readyUrls: string[] }>(CHILD_URL, [target], { messageTimeoutMs: MESSAGE_TIMEOUT_MS, env });
  try {
    const { value, receivedAt } = await child.message;
    await Promise.all(
      value.readyUrls.map(async (url) => {
        const response = await fetch(url);
        const body = await response.text();
        if (response.status !== 200 || body.length === 0)
          throw new Error(`${target} is not ready: ${url} answered ${response.status} (${body.slice(0, 200)})`);
      }),
    );
    const readyAt = performance.now();
    return { listeningMs: receivedAt - child.spawnedAt, readyMs: readyAt - child.spawnedAt, readyUrls: value.readyUrls.length };
  } finally {
    await child.stop();
    cleanUp();
  }
}

export async function measureColdStart(options: { runs: number }): Promise<BenchOutcome<ColdStartResults>> {
  if (!(Number.isInteger(options.runs) && options.runs > 0))
    throw new RangeError(`runs must be a positive whole number, not ${options.runs}.`);
  const root = mkdtempSync(join(tmpdir(), 'sso-harness-bench-cache-'));
  const caches: CacheDirectories = { warm: join(root, 'warm'), firstEver: mkdtempSync(join(root, 'first-ever-')) };
  const samples = new Map<ColdStartTarget, ColdStartSample[]>(COLD_START_TARGETS.map((t) => [t, []]));
  const urlCounts = new Map<ColdStartTarget, number>();
  try {
    // One unrecorded start per target first: the OS file cache and the parent's HTTP client warm
    // up, and the warm target's machine cache is filled.
    for (const target of COLD_START_TARGETS) await measureOnce(target, caches);
    for (let run = 0; run < options.runs; run++) {
      // Rotate the order each round: no target always runs right after another's shutdown.
      const order = COLD_START_TARGETS.map((_, i) => COLD_START_TARGETS[(i + run) % COLD_START_TARGETS.length]!);
      for (const target of order) {
        const sample = await measureOnce(target, caches);
        samples.get(target)!.push(sample);
        urlCounts.set(target, sample.readyUrls);
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const targets = Object.fromEntries(
    COLD_START_TARGETS.map((target) => {
      const list = samples.get(target)!;
      return [
        target,
        {
          description: TARGET_DESCRIPTIONS[target],
          readyUrls: urlCounts.get(target) ?? 0,
          listeningMs: summarize(list.map((s) => s.listeningMs)),
          readyMs: summarize(list.map((s) => s.readyMs)),
        },
      ];
    }),
  ) as ColdStartResults['targets'];
  const ratios = (ours: number): PeerRatios => ({
    'oauth2-mock-server': ratio(ours, targets['oauth2-mock-server'].readyMs.median),
    'plain-samlify': ratio(ours, targets['plain-samlify'].readyMs.median),
  });
  const results: ColdStartResults = {
    runs: options.runs,
    targets,
    ratioToPeer: ratios(targets['sso-harness'].readyMs.median),
    warmRatioToPeer: ratios(targets['sso-harness-warm'].readyMs.median),
  };
  return { name: 'cold start', results, rows: coldStartRows(results), notes: coldStartNotes(results) };
}

export function coldStartRows(results: ColdStartResults): FigureRow[] {
  const row = (target: ColdStartTarget, label: string = target): FigureRow => ({
    bench: 'cold start',
    metric: `${label} ready, median (p90), n=${results.runs}`,
    value: `${formatMs(results.targets[target].readyMs.median)} (${formatMs(results.targets[target].readyMs.p90)})`,
  });
  const judged = (target: 'sso-harness' | 'sso-harness-warm', label: string, ratios: PeerRatios): FigureRow => {
    const aheadOfBoth = Object.values(ratios).every((r) => r !== undefined && r < 1);
    return {
      ...row(target, label),
      ratio: `${formatRatio(ratios['oauth2-mock-server'], 'oauth2-mock-server')}; ${formatRatio(ratios['plain-samlify'], 'plain samlify')}`,
      goal: `< ${COLD_START_GOAL_MS} ms, ahead of both`,
      verdict: verdict(results.targets[target].readyMs.median < COLD_START_GOAL_MS && aheadOfBoth),
    };
  };
  const firstEver = results.targets['sso-harness'];
  return [
    judged('sso-harness', 'sso-harness first-ever start', results.ratioToPeer),
    judged('sso-harness-warm', 'sso-harness warm start', results.warmRatioToPeer),
    {
      bench: 'cold start',
      metric: 'sso-harness first-ever listening, median (p90)',
      value: `${formatMs(firstEver.listeningMs.median)} (${formatMs(firstEver.listeningMs.p90)})`,
    },
    row('oauth2-mock-server'),
    row('plain-samlify'),
  ];
}

function coldStartNotes(results: ColdStartResults): string[] {
  return [
    `each run is a fresh child process, timed from spawn until every ready URL answered 200: ${Object.values(results.targets)
      .map((t) => `${t.description} (${t.readyUrls} URL${t.readyUrls === 1 ? '' : 's'})`)
      .join('; ')}.`,
    'the peers serve one IdP each; sso-harness serves eight personas (and needs four SAML signing keys) in the same time budget.',
    "first-ever start: a fresh, empty SSO_HARNESS_CACHE_DIR per run, so the four SAML keys are generated and every module is compiled (and both are written to the cache); warm start: the cache an earlier start left (the demo tenant's TEST-ONLY keys are reused with new certificates, modules come from Node's compile cache).",
    SAML_IDP_UNAVAILABLE,
  ];
}

if (import.meta.main) await benchMain((o) => measureColdStart({ runs: o.runs }));
