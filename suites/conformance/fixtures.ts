// Fixtures of the conformance and security matrices. Per worker: the matrix accounts (one per
// persona × SP profile, configured once, reused by every scenario of that worker). Per test: the
// HTTP browsers (own cookie jars) the scenario opens, logged out by the scenario's clean-up.
import { expect, test as base } from '../fixtures.ts';
import { ledgerDir, recordSecret } from '../reporting/secrets/ledger.ts';
import { HttpBrowser } from './http/httpBrowser.ts';
import { isDesktopRedirect } from './run/flows.ts';
import { MatrixAccounts } from './setup/matrixAccounts.ts';

/** Fresh cookie jars for one scenario. */
export class ScenarioBrowsers {
  readonly browsers: HttpBrowser[] = [];

  open(): HttpBrowser {
    // The desktop app's loopback redirect URI is where the app takes over: never requested.
    const browser = new HttpBrowser({ stopAt: isDesktopRedirect });
    this.browsers.push(browser);
    return browser;
  }
}

interface MatrixWorkerFixtures {
  matrix: MatrixAccounts;
}

interface MatrixTestFixtures {
  browsers: ScenarioBrowsers;
}

export const test = base.extend<MatrixTestFixtures, MatrixWorkerFixtures>({
  matrix: [
    async ({ target }, use, workerInfo) => {
      // Admin passwords and OIDC client secrets go to the run's secrets ledger (reports are scanned for them).
      const ledger = ledgerDir(workerInfo.project.outputDir);
      const matrix = new MatrixAccounts(target, (kind, value) => recordSecret(ledger, kind, value));
      await use(matrix);
      await matrix.close();
    },
    { scope: 'worker' },
  ],

  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured object.
  browsers: async ({}, use) => {
    await use(new ScenarioBrowsers());
  },
});

export { expect };
