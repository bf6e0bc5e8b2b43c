// Complete OIDC code + PKCE flows per second against the running IdP server (its own process)
// over loopback: authorize → code → token → userinfo, spread over the four OIDC personas, with an
// existing IdP session cookie (the steady state of a test suite) and with a fresh login each time.
// Each as a ratio of raw RSA-2048 signatures per second in one thread (the server has one).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OidcHttpBrowser as HttpBrowser } from '../mock-idps/testing/index.ts';
import { runBounded, type Bounds } from './bounded.ts';
import { startBenchChild } from './childProcess.ts';
import { OIDC_PERSONA_IDS, oidcFlow, prepareLoginTenant } from './flows/logins.ts';
import type { IdpServerChildMessage } from './idpServerChild.ts';
import { benchMain } from './options.ts';
import { formatNumber, formatRatio, type BenchOutcome, type FigureRow } from './report.ts';
import { perSecond, ratio } from './stats.ts';
import { prepareWork } from './workers/signingWork.ts';

const OIDC_ENGINE = new URL('../mock-idps/oidc/engine.ts', import.meta.url);
const SERVER_CHILD = new URL('./idpServerChild.ts', import.meta.url);

export interface OidcFlowRate {
  readonly flows: number;
  readonly elapsedMs: number;
  readonly perSecond: number;
  readonly ratioToBound: number | undefined;
}

export type OidcFlowResults =
  | { readonly available: false; readonly reason: string }
  | {
      readonly available: true;
      readonly concurrency: number;
      readonly seconds: number;
      readonly rsaPerSecond: number;
      readonly withSession: OidcFlowRate;
      readonly freshLogin: OidcFlowRate;
    };

function notAvailable(reason: string): BenchOutcome<OidcFlowResults> {
  return {
    name: 'OIDC flows',
    results: { available: false, reason },
    rows: [{ bench: 'OIDC flows', metric: 'code + PKCE flows/s', value: 'not available' }],
    notes: [reason],
  };
}

export async function measureOidcFlowThroughput(options: { seconds: number; concurrency: number }): Promise<BenchOutcome<OidcFlowResults>> {
  if (!existsSync(OIDC_ENGINE)) {
    return notAvailable(
      `not measured: the OIDC engine (${fileURLToPath(OIDC_ENGINE)}) does not exist in this build, so the OIDC personas answer 501.`,
    );
  }
  const bounds: Bounds = { maxCount: 1_000_000, maxMs: options.seconds * 1000 };
  const rsa = await (await prepareWork('rsa-sign')).run(bounds);
  const rsaPerSecond = perSecond(rsa.count, rsa.elapsedMs);

  const server = startBenchChild<IdpServerChildMessage>(SERVER_CHILD, [], { messageTimeoutMs: 30_000 });
  try {
    const {
      value: { controlUrl },
    } = await server.message;
    const tenant = await prepareLoginTenant(controlUrl, { saml: false, oidc: true });
    const personaOf = (index: number) => OIDC_PERSONA_IDS[index % OIDC_PERSONA_IDS.length]!;
    // One browser per lane, signed in to every persona once (also warms the server up).
    const browsers = Array.from({ length: options.concurrency }, () => new HttpBrowser());
    for (const browser of browsers) for (const persona of OIDC_PERSONA_IDS) await oidcFlow(tenant, persona, browser);

    const rate = (run: { count: number; elapsedMs: number }): OidcFlowRate => {
      const flowsPerSecond = perSecond(run.count, run.elapsedMs);
      return { flows: run.count, elapsedMs: run.elapsedMs, perSecond: flowsPerSecond, ratioToBound: ratio(flowsPerSecond, rsaPerSecond) };
    };
    const withSession = rate(
      await runBounded(bounds, options.concurrency, (i, lane) => {
        const browser = browsers[lane];
        if (!browser) throw new Error(`no browser for lane ${lane}`);
        return oidcFlow(tenant, personaOf(i), browser);
      }),
    );
    const freshLogin = rate(await runBounded(bounds, options.concurrency, (i) => oidcFlow(tenant, personaOf(i))));
    await tenant.idp.delete();
    const results: OidcFlowResults = {
      available: true,
      concurrency: options.concurrency,
      seconds: options.seconds,
      rsaPerSecond,
      withSession,
      freshLogin,
    };
    return { name: 'OIDC flows', results, rows: oidcFlowRows(results), notes: oidcFlowNotes(results) };
  } finally {
    await server.stop();
  }
}

export function oidcFlowRows(results: OidcFlowResults): FigureRow[] {
  if (!results.available) return [{ bench: 'OIDC flows', metric: 'code + PKCE flows/s', value: 'not available' }];
  return [
    {
      bench: 'OIDC flows',
      metric: 'code+PKCE flows/s, IdP session cookie',
      value: `${formatNumber(results.withSession.perSecond)}/s`,
      ratio: formatRatio(results.withSession.ratioToBound, 'RSA bound (1 thread)'),
    },
    {
      bench: 'OIDC flows',
      metric: 'code+PKCE flows/s, fresh login each',
      value: `${formatNumber(results.freshLogin.perSecond)}/s`,
      ratio: formatRatio(results.freshLogin.ratioToBound, 'RSA bound (1 thread)'),
    },
    { bench: 'OIDC flows', metric: 'RSA-2048 SHA-256 signatures/s, 1 thread', value: `${formatNumber(results.rsaPerSecond)}/s` },
  ];
}

function oidcFlowNotes(results: OidcFlowResults): string[] {
  if (!results.available) return [results.reason];
  return [
    `a flow is authorize → code → token (client_secret_basic, PKCE S256) → userinfo over loopback HTTP, cycling ${OIDC_PERSONA_IDS.join(', ')}; ${results.concurrency} flows in flight, ${results.seconds} s each; the server runs in its own process, the client in the benchmark process (both on the same 2 cores). A fresh login adds the vendor login pages and a new IdP session.`,
    'no goal is set for OIDC flows. Each flow signs one RS256 ID token, so a ratio of 1 would mean flows as fast as their one signature allows.',
  ];
}

if (import.meta.main) await benchMain((o) => measureOidcFlowThroughput({ seconds: o.seconds, concurrency: o.concurrency }));
