// A page the target may not have: one of the optional URLs of the provisioning answer (the audit
// log, the seats). Suites ask `available` first; `goto` on a missing page says which URL is missing.
import type { Page } from '@playwright/test';

export abstract class OptionalPage {
  readonly available: boolean;
  protected readonly page: Page;
  readonly #url: string | undefined;
  readonly #missing: string;

  /** `missing`: what to say when a suite opens the page although the target has none. */
  protected constructor(page: Page, url: string | undefined, missing: string) {
    this.page = page;
    this.#url = url;
    this.#missing = missing;
    this.available = url !== undefined;
  }

  async goto(): Promise<void> {
    if (this.#url === undefined) throw new Error(this.#missing);
    await this.page.goto(this.#url);
  }
}
