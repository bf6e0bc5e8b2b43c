// The SAML engine tests' browser: lib/http's HTTP browser (cookies, redirects, forms, loopback
// only), the persona's login forms submitted by button text as a person would, and the auto-POST
// form read. No HTML engine, so it stays fast and deterministic.
import type { SamlPersona } from '../../types.ts';
import { decodeEntities, formWithButton, parseForms, HttpBrowser, type HttpPage } from '../../../lib/index.ts';

export interface Page {
  readonly url: string;
  readonly status: number;
  readonly html: string;
}

export interface PostedResponse {
  readonly acs: string;
  readonly samlResponse: string;
  readonly relayState: string | undefined;
}

/** lib/http's browser (cookies, redirects, forms, loopback only) with the pages the engine tests read. */
export class TestBrowser {
  readonly #browser = new HttpBrowser();

  /** GET (or POST `form`) and follow the redirects to the page they end on. */
  async request(url: string, init: { form?: Record<string, string> } = {}): Promise<Page> {
    return pageOf(init.form ? await this.#browser.post(url, init.form) : await this.#browser.open(url));
  }

  /** Submit the form that contains the button named `button`, with `fields` filled in (by input name). */
  async submit(page: Page, button: string, fields: Record<string, string> = {}): Promise<Page> {
    const found = formWithButton(parseForms(page.html), button);
    if (!found) throw new Error(`no form with a "${button}" button on ${page.url}:\n${page.html}`);
    return pageOf(await this.#browser.submitForm({ ...page, headers: {} }, found.form, found.button, fields));
  }
}

function pageOf(page: HttpPage): Page {
  if (page.notFollowed === 'off-site')
    throw new Error(`The login left loopback for ${page.url}: the harness never follows a redirect off this machine.`);
  return { url: page.url, status: page.status, html: page.html };
}

/** What the auto-POST form would send to the ACS, or undefined when the page is something else. */
export function postedResponse(page: Page): PostedResponse | undefined {
  const action = /<form method="post" action="([^"]*)" id="saml-post">/.exec(page.html)?.[1];
  const samlResponse = /name="SAMLResponse" value="([^"]*)"/.exec(page.html)?.[1];
  if (!action || !samlResponse) return undefined;
  const relayState = /name="RelayState" value="([^"]*)"/.exec(page.html)?.[1];
  return { acs: decodeEntities(action), samlResponse, relayState: relayState === undefined ? undefined : decodeEntities(relayState) };
}

/** Go through the persona's login steps as a person would. */
export async function signIn(browser: TestBrowser, persona: SamlPersona, page: Page, login: string, password: string): Promise<Page> {
  switch (persona.loginFlow) {
    case 'email-then-password': {
      const passwordPage = await browser.submit(page, 'Next', { login });
      return browser.submit(passwordPage, 'Sign in', { password });
    }
    case 'username-and-password':
      return browser.submit(page, 'Sign In', { login, password });
    case 'account-chooser': {
      // "Email or phone" on a fresh browser; the chooser only lists accounts signed in here.
      const onChooser = page.html.includes('<h1>Choose an account</h1>');
      const chooser = !onChooser || page.html.includes(`${login}</button>`) ? page : await browser.submit(page, 'Use another account');
      const passwordPage = chooser.html.includes(`${login}</button>`)
        ? await browser.submit(
            chooser,
            [...chooser.html.matchAll(/<button type="submit">([^<]*)<\/button>/g)].map((m) => m[1]!).find((b) => b.endsWith(login))!,
          )
        : await browser.submit(chooser, 'Next', { login });
      return browser.submit(passwordPage, 'Next', { password });
    }
    case 'universal-login':
      return browser.submit(page, 'Continue', { login, password });
  }
}
