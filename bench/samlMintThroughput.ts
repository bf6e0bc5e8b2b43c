// Signed SAML responses per second (the personas' own pipeline: template, xml-crypto enveloped
// signature, base64), in this thread and in 2 worker threads, each as a ratio of raw RSA-2048
// SHA-256 signatures per second with node:crypto measured the same way in the same run.
import type { Bounds } from './bounded.ts';
import { benchMain } from './options.ts';
import { formatNumber, formatRatio, verdict, type BenchOutcome, type FigureRow } from './report.ts';
import { perSecond, ratio } from './stats.ts';
import { runInWorkers } from './workers/parallel.ts';
import { prepareWork, SAML_MINT_PERSONAS, signaturesPerResponse, type SigningWork } from './workers/signingWork.ts';

export const SAML_MINT_GOAL = 0.5;

export interface ThroughputPair {
  readonly threads: number;
  readonly samlPerSecond: number;
  readonly rsaPerSecond: number;
  /** samlPerSecond ÷ rsaPerSecond. */
  readonly ratioToBound: number | undefined;
  /** The same, counting the signatures in each response (Okta signs twice): share of the bound spent on signing. */
  readonly signatureRatioToBound: number | undefined;
}

export interface SamlMintResults {
  readonly personas: readonly string[];
  readonly signaturesPerResponse: number;
  readonly seconds: number;
  readonly singleThread: ThroughputPair;
  readonly twoThreads: ThroughputPair;
}

async function inThisThread(work: SigningWork, bounds: Bounds): Promise<number> {
  const prepared = await prepareWork(work);
  const run = await prepared.run(bounds);
  return perSecond(run.count, run.elapsedMs);
}

function pair(threads: number, samlPerSecond: number, rsaPerSecond: number): ThroughputPair {
  return {
    threads,
    samlPerSecond,
    rsaPerSecond,
    ratioToBound: ratio(samlPerSecond, rsaPerSecond),
    signatureRatioToBound: ratio(samlPerSecond * signaturesPerResponse(), rsaPerSecond),
  };
}

export async function measureSamlMintThroughput(options: { seconds: number }): Promise<BenchOutcome<SamlMintResults>> {
  const bounds: Bounds = { maxCount: 1_000_000, maxMs: options.seconds * 1000 };
  const rsa1 = await inThisThread('rsa-sign', bounds);
  const saml1 = await inThisThread('saml-mint', bounds);
  const rsa2 = await runInWorkers('rsa-sign', 2, bounds);
  const saml2 = await runInWorkers('saml-mint', 2, bounds);
  const results: SamlMintResults = {
    personas: SAML_MINT_PERSONAS.map((p) => p.id),
    signaturesPerResponse: signaturesPerResponse(),
    seconds: options.seconds,
    singleThread: pair(1, saml1, rsa1),
    twoThreads: pair(2, saml2.perSecond, rsa2.perSecond),
  };
  return { name: 'SAML mint', results, rows: samlMintRows(results), notes: samlMintNotes(results) };
}

export function samlMintRows(results: SamlMintResults): FigureRow[] {
  const row = (p: ThroughputPair, label: string): FigureRow[] => [
    {
      bench: 'SAML mint',
      metric: `signed responses/s, ${label}`,
      value: `${formatNumber(p.samlPerSecond)}/s`,
      ratio: formatRatio(p.ratioToBound, 'RSA bound'),
      goal: `≥ ${SAML_MINT_GOAL}× RSA bound`,
      verdict: verdict(p.ratioToBound === undefined ? undefined : p.ratioToBound >= SAML_MINT_GOAL),
    },
    { bench: 'SAML mint', metric: `RSA-2048 SHA-256 signatures/s, ${label}`, value: `${formatNumber(p.rsaPerSecond)}/s` },
  ];
  return [...row(results.singleThread, '1 thread'), ...row(results.twoThreads, '2 worker threads')];
}

function samlMintNotes(results: SamlMintResults): string[] {
  const single = results.singleThread.signatureRatioToBound;
  const two = results.twoThreads.signatureRatioToBound;
  return [
    `responses cycle through ${results.personas.join(', ')} with one tenant's keys; ${formatNumber(results.signaturesPerResponse)} RSA signatures per response on average (okta-saml signs Response and Assertion). Counting those signatures, signing work is ${single === undefined ? 'n/a' : formatNumber(single)} (1 thread) and ${two === undefined ? 'n/a' : formatNumber(two)} (2 threads) of the bound; the rest is XML templating, canonicalisation and digests.`,
    `each loop ran for ${results.seconds} s after a warm-up; the RSA bound is node:crypto sign() with a parsed KeyObject over 600 bytes, in the same thread layout.`,
  ];
}

if (import.meta.main) await benchMain((o) => measureSamlMintThroughput({ seconds: o.seconds }));
