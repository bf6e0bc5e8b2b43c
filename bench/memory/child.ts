// Child process of the memory benchmark (started with --expose-gc): the IdP server and the login
// driver share this process; after 1k and then every 1k logins up to 10k, garbage is collected and
// process memory is read. What the client allocated per login is garbage by then, so growth
// between checkpoints is what the server keeps.
import { startIdpServer } from '../../mock-idps/index.ts';
import { runBounded } from '../bounded.ts';
import { childMain, sendToParent } from '../childProcess.ts';
import { OIDC_PERSONA_IDS, oidcFlow, prepareLoginTenant, SAML_PERSONA_IDS, samlLogin, type LoginTenant } from '../flows/logins.ts';

export interface MemoryCheckpoint {
  readonly logins: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly externalBytes: number;
  /** IdP browser sessions the tenant holds (SAML personas keep theirs on the tenant). */
  readonly tenantSessions: number;
  readonly elapsedMs: number;
}

export interface MemoryChildResult {
  readonly target: number;
  readonly concurrency: number;
  readonly checkpoints: readonly MemoryCheckpoint[];
  readonly stoppedBy: 'count' | 'time';
}

const CHECKPOINT_EVERY = 1000;

/** Even logins are SAML, odd ones OIDC, each cycling through the four personas of its protocol. */
function login(tenant: LoginTenant, index: number): Promise<void> {
  const slot = Math.floor(index / 2);
  return index % 2 === 0
    ? samlLogin(tenant, SAML_PERSONA_IDS[slot % SAML_PERSONA_IDS.length]!)
    : oidcFlow(tenant, OIDC_PERSONA_IDS[slot % OIDC_PERSONA_IDS.length]!);
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run this child with --expose-gc (bench/idpMemory.ts does)');
  // Twice: the first pass can leave objects whose finalizers free more on the second.
  gc();
  gc();
}

childMain(async () => {
  const target = Number(process.argv[2] ?? 10_000);
  const maxMs = Number(process.argv[3] ?? 300_000);
  const concurrency = Number(process.argv[4] ?? 4);
  collectGarbage();
  const server = await startIdpServer();
  try {
    const tenant = await prepareLoginTenant(server.controlUrl, { saml: true, oidc: true });
    const state = server.tenants.get(tenant.idp.key);
    const start = performance.now();
    const checkpoints: MemoryCheckpoint[] = [];
    let done = 0;
    let stoppedBy: 'count' | 'time' = 'count';
    while (done < target) {
      const remainingMs = maxMs - (performance.now() - start);
      if (remainingMs <= 0) {
        stoppedBy = 'time';
        break;
      }
      const offset = done;
      const segment = await runBounded({ maxCount: Math.min(CHECKPOINT_EVERY, target - done), maxMs: remainingMs }, concurrency, (i) =>
        login(tenant, offset + i),
      );
      done += segment.count;
      collectGarbage();
      const usage = process.memoryUsage();
      checkpoints.push({
        logins: done,
        rssBytes: usage.rss,
        heapUsedBytes: usage.heapUsed,
        externalBytes: usage.external,
        tenantSessions: state?.sessions.size ?? -1,
        elapsedMs: performance.now() - start,
      });
      if (segment.stoppedBy === 'time') {
        stoppedBy = 'time';
        break;
      }
    }
    const result: MemoryChildResult = { target, concurrency, checkpoints, stoppedBy };
    sendToParent(result);
  } finally {
    await server.close();
  }
});
