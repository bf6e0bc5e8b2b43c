// Fixtures of the conformance and security matrices. Per worker (suites/workerFixtures.ts): the
// matrix accounts (one per persona × SP profile, configured once, reused by every scenario of that
// worker). Per test: the HTTP browsers (own cookie jars) the scenario opens, logged out by the
// scenario's clean-up.
import { expect, test as base } from '../fixtures.ts';
import { HttpBrowser } from '../../lib/index.ts';
import { isDesktopRedirect } from './run/flows.ts';

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

interface MatrixTestFixtures {
  browsers: ScenarioBrowsers;
}

export const test = base.extend<MatrixTestFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured object.
  browsers: async ({}, use) => {
    await use(new ScenarioBrowsers());
  },
});

export { expect };
