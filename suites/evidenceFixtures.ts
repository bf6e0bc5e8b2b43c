// Fixtures that make every test leave evidence and declare its secrets, layered over the harness
// fixtures (suites/fixtures.ts) without changing them: `evidence` is automatic; `browser`,
// `context`, `target`, `idp` and `account` are the harness's own, wrapped to route new browser
// contexts to the running test's evidence and to write every secret they hand out to the ledger.
// The contexts a test opens on the worker's browser are closed when it ends (`openedContextsClosed`).
import type {
  Browser,
  BrowserContext,
  Fixtures,
  PlaywrightTestArgs,
  PlaywrightTestOptions,
  PlaywrightWorkerArgs,
  PlaywrightWorkerOptions,
} from '@playwright/test';
import { TEST_USER_PASSWORD, type IdpControlClient } from '../mock-idps/index.ts';
import type { HarnessTarget } from './target/harnessTarget.ts';
import { ledgerDir, recordSecret, TestEvidence } from '../reporting/index.ts';

/** The part of the harness's test account the ledger needs. */
export interface AccountSecrets {
  readonly admin: { readonly password: string };
  readonly user: { readonly password: string };
}

/** What the harness fixtures provide that the evidence layer wraps. */
export interface HarnessFixtures<A extends AccountSecrets> {
  idp: IdpControlClient;
  account: A;
}

export interface HarnessWorkerFixtures {
  target: HarnessTarget;
}

export interface EvidenceFixtures {
  /** Automatic: every browser context the test opened on the worker's browser (another person's, a phone) is closed when it ends. */
  openedContextsClosed: void;
  /** The running test's evidence; `evidence.record(kind, value)` declares a secret a spec made itself. */
  evidence: TestEvidence;
}

// Tests of a worker run one at a time: the browser's new contexts belong to the running test.
let running: TestEvidence | undefined;
let openedInTest: Set<BrowserContext> | undefined;

/** An IdP control client that writes the OIDC client secrets it registers to the ledger. */
export function recordingClientSecrets(idp: IdpControlClient, record: (secret: string | undefined) => void): IdpControlClient {
  return new Proxy(idp, {
    get(target, property) {
      if (property === 'registerOidcApp') {
        return async (...args: Parameters<IdpControlClient['registerOidcApp']>) => {
          record(args[1].clientSecret);
          const registered = await target.registerOidcApp(...args);
          record(registered.clientSecret);
          return registered;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Where a secret made inside a test goes (the running test's `evidence`). */
export type SecretRecorder = Pick<TestEvidence, 'record'>;

// A second customer a test makes itself (tenant isolation, support and admin scope) gets the same
// as the `idp` and `account` fixtures give the test's own customer: without it, a failed test's
// trace (a password typed into B's login form) would keep B's secrets unredacted.

/** The IdP tenant, recording the OIDC client secrets it registers. */
export function tenantRecordingSecrets(evidence: SecretRecorder, idp: IdpControlClient): IdpControlClient {
  return recordingClientSecrets(idp, (secret) => evidence.record('client-secret', secret));
}

/** The account, its seats' passwords recorded. */
export function withSeatPasswordsRecorded<A extends AccountSecrets>(evidence: SecretRecorder, account: A): A {
  evidence.record('password', account.admin.password);
  evidence.record('password', account.user.password);
  return account;
}

type Args<A extends AccountSecrets> = PlaywrightTestArgs & PlaywrightTestOptions & HarnessFixtures<A>;
type WorkerArgs = PlaywrightWorkerArgs & PlaywrightWorkerOptions & HarnessWorkerFixtures;

/** For `harnessTest.extend<EvidenceFixtures>(evidenceFixtures<TestAccount>())`. */
export const evidenceFixtures = <A extends AccountSecrets>(): Fixtures<EvidenceFixtures, object, Args<A>, WorkerArgs> => ({
  browser: [
    async ({ browser }: { browser: Browser }, use: (browser: Browser) => Promise<void>) => {
      const onContext = (context: BrowserContext): void => {
        running?.track(context);
        const opened = openedInTest;
        if (!opened) return;
        opened.add(context);
        context.once('close', () => opened.delete(context));
      };
      browser.on('context', onContext);
      await use(browser);
      browser.off('context', onContext);
    },
    { scope: 'worker' },
  ],

  target: [
    async ({ target }, use, workerInfo) => {
      const ledger = ledgerDir(workerInfo.project.outputDir);
      recordSecret(ledger, 'password', target.supportStaff.password);
      recordSecret(ledger, 'password', TEST_USER_PASSWORD);
      for (const secret of target.secrets) recordSecret(ledger, 'other', secret);
      await use(target);
    },
    { scope: 'worker' },
  ],

  // A context a test leaves open would live on in the worker: its renderer running, and Playwright
  // tracing it again in every later test. No dependency on `browser`: a test that opens none
  // (the HTTP-level matrices) launches no browser for this. Set up before `evidence`, torn down after it.
  openedContextsClosed: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured object.
    async ({}, use) => {
      const opened = new Set<BrowserContext>();
      openedInTest = opened;
      try {
        await use();
      } finally {
        openedInTest = undefined;
        await Promise.all([...opened].map((context) => context.close()));
      }
    },
    { auto: true },
  ],

  evidence: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured object.
    async ({}, use, testInfo) => {
      const evidence = new TestEvidence(ledgerDir(testInfo.project.outputDir));
      running = evidence;
      try {
        await use(evidence);
      } finally {
        running = undefined;
        await evidence.finish(testInfo);
      }
    },
    { auto: true },
  ],

  context: async ({ context, evidence }, use, testInfo) => {
    evidence.track(context);
    await use(context);
    await evidence.beforeContextCloses(context, testInfo);
  },

  idp: async ({ idp, evidence }, use) => {
    await use(tenantRecordingSecrets(evidence, idp));
  },

  account: async ({ account, evidence }, use) => {
    await use(withSeatPasswordsRecorded(evidence, account));
  },
});
