// Every worker-scoped fixture of the suites, in one place. Playwright gives a test a worker only of
// its "worker hash": the worker fixtures registered in its `test` object's chain (and worker options
// such as `trace` changed by `test.use`). A spec whose `test` registers a worker fixture of its own
// gets workers of its own: each starts the target, the browser and the mock IdPs again, and the
// run's two cores idle while one file's tests wait for a fresh worker. Registered here, in the chain
// every spec's `test` extends, all specs share workers; a fixture that no test of a worker uses
// costs nothing (its body, imported on first use, never runs). suites/workerHash.test.ts keeps
// worker fixtures and worker options out of every other file of suites/.
import type { Browser, Fixtures, PlaywrightWorkerArgs, PlaywrightWorkerOptions, WorkerInfo } from '@playwright/test';
import type { PersonaId } from '../mock-idps/index.ts';
import { ledgerDir, recordSecret } from '../reporting/index.ts';
import type { MatrixAccounts } from './conformance/setup/matrixAccounts.ts';
import type { SecretRecorder } from './evidenceFixtures.ts';
import type { SsoReadyAccount } from './login/ssoReadyAccounts.ts';
import type { HarnessTarget } from './target/harnessTarget.ts';
import { startHarnessTarget } from './target/startHarnessTarget.ts';

export interface WorkerFixtures {
  /** The portal under test and the mock IdP server on loopback (suites/target/). */
  target: HarnessTarget;
  /** The conformance and security matrices' accounts, one per persona × SP profile, set up on first use (suites/conformance/). */
  matrix: MatrixAccounts;
  /** An account with SSO set up and enabled for a persona, once per worker on first use (suites/login/ssoReadyAccounts.ts). */
  ssoReadyAccount: (personaId: PersonaId) => Promise<SsoReadyAccount>;
}

type WorkerArgs = PlaywrightWorkerArgs & PlaywrightWorkerOptions & WorkerFixtures;

/** The run's secrets ledger, for the worker's own accounts: admin passwords and OIDC client secrets (reports are scanned for them). */
function ledgerOf(workerInfo: WorkerInfo): SecretRecorder {
  const ledger = ledgerDir(workerInfo.project.outputDir);
  return { record: (kind, value) => recordSecret(ledger, kind, value) };
}

export const workerFixtures: Fixtures<object, WorkerFixtures, object, PlaywrightWorkerArgs & PlaywrightWorkerOptions> = {
  target: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured object.
    async ({}, use) => {
      const target = await startHarnessTarget();
      await use(target);
      await target.close();
    },
    { scope: 'worker' },
  ],

  matrix: [
    async ({ target, playwright, launchOptions, headless }: WorkerArgs, use: (matrix: MatrixAccounts) => Promise<void>, workerInfo) => {
      const { MatrixAccounts } = await import('./conformance/setup/matrixAccounts.ts');
      // A browser only when a step needs the portal's own pages (a target configured through its
      // admin UI, a portal that is no server-rendered form): most matrix workers never launch one.
      let launched: Promise<Browser> | undefined;
      const browser = (): Promise<Browser> => (launched ??= playwright.chromium.launch({ ...launchOptions, headless }));
      const matrix = new MatrixAccounts(target, browser, ledgerOf(workerInfo));
      await use(matrix);
      await matrix.close();
      if (launched) await (await launched).close();
    },
    { scope: 'worker' },
  ],

  ssoReadyAccount: [
    async (
      { browser, target }: WorkerArgs,
      use: (get: (personaId: PersonaId) => Promise<SsoReadyAccount>) => Promise<void>,
      workerInfo,
    ) => {
      const { SsoReadyAccounts } = await import('./login/ssoReadyAccounts.ts');
      const accounts = new SsoReadyAccounts(browser, target, ledgerOf(workerInfo));
      await use((personaId) => accounts.get(personaId));
      await accounts.close();
    },
    { scope: 'worker' },
  ],
};
