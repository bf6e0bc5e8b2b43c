// Fixtures of the conformance and security matrices. Per worker: the matrix accounts (one per
// persona × SP profile, configured once, reused by every scenario of that worker). Per test: the
// HTTP browsers (own cookie jars) the scenario opens, logged out by the scenario's clean-up.
import type { Browser } from '@playwright/test';
import { expect, test as base } from '../fixtures.ts';
import { ledgerDir, recordSecret } from '../../reporting/index.ts';
import { HttpBrowser } from '../../lib/index.ts';
import { isDesktopRedirect } from './run/flows.ts';
import { MatrixAccounts } from './setup/matrixAccounts.ts';

/** Fresh cookie jars for one scenario. */
export class ScenarioBrowsers {
  readonly browsers: HttpBrowser[] = [];
  readonly #stopAt: (url: URL) => boolean;

  /** `stopAt`: where an app takes over (the desktop app's loopback redirect): recorded, never requested. */
  constructor(stopAt: (url: URL) => boolean = isDesktopRedirect) {
    this.#stopAt = stopAt;
  }

  open(): HttpBrowser {
    const browser = new HttpBrowser({ stopAt: this.#stopAt });
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
    async ({ target, playwright, launchOptions, headless }, use, workerInfo) => {
      // Admin passwords and OIDC client secrets go to the run's secrets ledger (reports are scanned for them).
      const ledger = ledgerDir(workerInfo.project.outputDir);
      // A browser only when a step needs the portal's own pages (a target configured through its
      // admin UI, a portal that is no server-rendered form): most matrix workers never launch one.
      let launched: Promise<Browser> | undefined;
      const browser = (): Promise<Browser> => (launched ??= playwright.chromium.launch({ ...launchOptions, headless }));
      const matrix = new MatrixAccounts(target, browser, (kind, value) => recordSecret(ledger, kind, value));
      await use(matrix);
      await matrix.close();
      if (launched) await (await launched).close();
    },
    { scope: 'worker' },
  ],

  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured object.
  browsers: async ({}, use) => {
    await use(new ScenarioBrowsers());
  },
});

export { expect };
