// The OIDC tests' and benches' browser, the way an RP test reads a login: navigate until an HTML
// page or the RP's redirect URI (recorded, not fetched), forms filled by label or input name as a
// person (or Playwright's getByLabel) would. Cookies, forms, loopback-only fresh connections and
// redirects are lib/http's, the one HTTP browser of the project; this adds only the RP's view.
import { HttpBrowser as LoopbackBrowser, type HttpPage, formWithButton, inputNameFor, parseForms } from '../../lib/index.ts';

export interface Hop {
  readonly url: URL;
  readonly status: number;
}

export interface Landing {
  /** Where the chain stopped: an HTML page, or the redirect URI (not fetched). */
  readonly url: URL;
  readonly status: number;
  readonly html: string;
  readonly reachedRedirectUri: boolean;
  /** The requests of this navigation, in order. */
  readonly hops: readonly Hop[];
}

export class HttpBrowser {
  readonly #browser = new LoopbackBrowser();

  /** Names of the cookies this browser holds (values stay in the jar). */
  cookieNames(): string[] {
    return this.#browser.cookies.names();
  }

  /** Follow redirects until an HTML page, or until a Location starts with `redirectUri`. */
  navigate(url: URL | string, redirectUri: string): Promise<Landing> {
    return this.#landing(() => this.#browser.open(String(url), stopAtRedirectUri(redirectUri)));
  }

  /** Submit the form that has `buttonText`, with fields filled by label (or name) → value. */
  submit(page: Landing, buttonText: string, values: Readonly<Record<string, string>>, redirectUri: string): Promise<Landing> {
    const forms = parseForms(page.html);
    const found = formWithButton(forms, buttonText);
    if (!found)
      throw new Error(
        `No form with a "${buttonText}" button on ${page.url.href}: ${forms.map((form) => form.buttons.map((button) => button.text).join('/')).join(', ') || 'no forms'}`,
      );
    const filled: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) {
      const name =
        inputNameFor(found.form, key) ?? (found.form.values.has(key) || [...found.form.labels.values()].includes(key) ? key : undefined);
      if (name === undefined) throw new Error(`No field labelled or named "${key}" in the form of ${page.url.href}`);
      filled[name] = value;
    }
    const current: HttpPage = { url: page.url.href, status: page.status, headers: {}, html: page.html };
    return this.#landing(() => this.#browser.submitForm(current, found.form, found.button, filled, stopAtRedirectUri(redirectUri)));
  }

  async #landing(go: () => Promise<HttpPage>): Promise<Landing> {
    const before = this.#browser.hops.length;
    const page = await go();
    const hops = this.#browser.hops.slice(before).map((hop) => ({ url: new URL(hop.url), status: hop.status }));
    if (page.notFollowed === 'off-site')
      throw new Error(`The login left loopback for ${page.url}: the harness never follows a redirect off this machine.`);
    const reachedRedirectUri = page.notFollowed === 'stopped';
    return {
      url: new URL(page.url),
      status: reachedRedirectUri ? (hops.at(-1)?.status ?? 0) : page.status,
      html: page.html,
      reachedRedirectUri,
      hops,
    };
  }
}

const stopAtRedirectUri = (redirectUri: string): { stopAt: (url: URL) => boolean } => ({
  stopAt: (url) => url.href.startsWith(redirectUri),
});
