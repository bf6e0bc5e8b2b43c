// The verdicts printed next to each figure: a goal is "met" only when every figure it needs was
// measured and within the goal; "n/a" when a figure is missing.
import { describe, expect, it } from 'vitest';
import { coldStartRows, type ColdStartResults } from './idpColdStart.ts';
import { memoryRows, summarizeMemory } from './idpMemory.ts';
import type { MemoryCheckpoint } from './memory/child.ts';
import { oidcFlowRows } from './oidcFlowThroughput.ts';
import { samlMintRows, type SamlMintResults } from './samlMintThroughput.ts';
import type { Summary } from './stats.ts';

const summary = (median: number): Summary => ({ n: 5, median, p90: median * 1.2, min: median * 0.9, max: median * 1.3 });

function coldStart(ours: number, oauth2: number, samlify: number, warm = ours): ColdStartResults {
  const target = (median: number) => ({ description: 'd', readyUrls: 1, listeningMs: summary(median / 2), readyMs: summary(median) });
  return {
    runs: 5,
    targets: {
      'sso-harness': target(ours),
      'sso-harness-warm': target(warm),
      'oauth2-mock-server': target(oauth2),
      'plain-samlify': target(samlify),
    },
    ratioToPeer: { 'oauth2-mock-server': ours / oauth2, 'plain-samlify': ours / samlify },
    warmRatioToPeer: { 'oauth2-mock-server': warm / oauth2, 'plain-samlify': warm / samlify },
  };
}

describe('cold start verdict', () => {
  it.each([
    { ours: 300, oauth2: 400, samlify: 450, verdict: 'met' },
    { ours: 300, oauth2: 250, samlify: 450, verdict: 'not met' },
    { ours: 600, oauth2: 700, samlify: 800, verdict: 'not met' },
  ])('sso-harness $ours ms vs $oauth2 / $samlify ms: $verdict', ({ ours, oauth2, samlify, verdict }) => {
    const [first] = coldStartRows(coldStart(ours, oauth2, samlify));
    expect(first).toMatchObject({
      metric: 'sso-harness first-ever start ready, median (p90), n=5',
      goal: '< 500 ms, ahead of both',
      verdict,
    });
  });

  it('judges the first-ever and the warm start each on its own', () => {
    const [firstEver, warm] = coldStartRows(coldStart(600, 400, 450, 300));
    expect(firstEver).toMatchObject({ verdict: 'not met', ratio: '1.5× oauth2-mock-server; 1.33× plain samlify' });
    expect(warm).toMatchObject({
      metric: 'sso-harness warm start ready, median (p90), n=5',
      goal: '< 500 ms, ahead of both',
      verdict: 'met',
    });
  });

  it('prints both ratios against the peers', () => {
    expect(coldStartRows(coldStart(300, 400, 600))[0]?.ratio).toBe('0.75× oauth2-mock-server; 0.5× plain samlify');
  });
});

describe('SAML mint verdict', () => {
  const pair = (threads: number, saml: number, rsa: number) => ({
    threads,
    samlPerSecond: saml,
    rsaPerSecond: rsa,
    ratioToBound: saml / rsa,
    signatureRatioToBound: (saml * 1.25) / rsa,
  });
  it('judges each thread layout against its own bound', () => {
    const results: SamlMintResults = {
      personas: [],
      signaturesPerResponse: 1.25,
      seconds: 1,
      singleThread: pair(1, 600, 1000),
      twoThreads: pair(2, 800, 2000),
    };
    const judged = samlMintRows(results).filter((row) => row.verdict !== undefined);
    expect(judged.map((row) => [row.metric, row.ratio, row.verdict])).toEqual([
      ['signed responses/s, 1 thread', '0.6× RSA bound', 'met'],
      ['signed responses/s, 2 worker threads', '0.4× RSA bound', 'not met'],
    ]);
  });
});

describe('memory summary and verdict', () => {
  const checkpoint = (logins: number, heapMiB: number, rssMiB: number): MemoryCheckpoint => ({
    logins,
    heapUsedBytes: heapMiB * 1048576,
    rssBytes: rssMiB * 1048576,
    externalBytes: 0,
    tenantSessions: 0,
    elapsedMs: logins,
  });

  it('compares the 1k checkpoint with the last one', () => {
    const results = summarizeMemory({
      target: 10_000,
      concurrency: 4,
      stoppedBy: 'count',
      checkpoints: [checkpoint(1000, 40, 200), checkpoint(5000, 41, 205), checkpoint(10_000, 42, 230)],
    });
    expect(results.heapGrowthPercent).toBeCloseTo(5, 10);
    expect(results.rssGrowthPercent).toBeCloseTo(15, 10);
    expect(
      memoryRows(results)
        .filter((row) => row.verdict)
        .map((row) => [row.metric, row.value, row.verdict]),
    ).toEqual([
      ['RSS growth 1,000 → 10,000 logins', '+15%', 'not met'],
      ['heap growth 1,000 → 10,000 logins', '+5%', 'met'],
    ]);
  });

  it('gives no verdict when the time bound stopped the run before the target', () => {
    const results = summarizeMemory({
      target: 10_000,
      concurrency: 4,
      stoppedBy: 'time',
      checkpoints: [checkpoint(1000, 40, 200), checkpoint(6000, 40, 200)],
    });
    expect(
      memoryRows(results)
        .filter((row) => row.goal)
        .map((row) => row.verdict),
    ).toEqual(['n/a', 'n/a']);
  });

  it('says so when not even the baseline was reached', () => {
    const results = summarizeMemory({ target: 10_000, concurrency: 4, stoppedBy: 'time', checkpoints: [checkpoint(700, 40, 200)] });
    expect(results.heapGrowthPercent).toBeUndefined();
    expect(memoryRows(results)).toEqual([
      { bench: 'memory', metric: 'after 1000 logins', value: 'not reached (700 logins in the time bound)', verdict: 'n/a' },
    ]);
  });
});

describe('OIDC flows when the engine is missing', () => {
  it('prints "not available" instead of a figure', () => {
    expect(oidcFlowRows({ available: false, reason: 'no engine' })).toEqual([
      { bench: 'OIDC flows', metric: 'code + PKCE flows/s', value: 'not available' },
    ]);
  });
});
