// A tiny cookie-keeping "browser" for engine tests: follows redirects, submits the persona's
// login forms the way a person would (by label / button text), and reads the auto-POST form.
// Loopback only; no HTML engine, so it stays fast and deterministic.
import type { SamlPersona } from '../../types.ts';
import { freshConnectionFetch } from '../../../lib/freshConnectionFetch.ts';

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

const decode = (value: string): string => value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export class TestBrowser {
  readonly #cookies = new Map<string, string>();

  #remember(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const index = pair?.indexOf('=') ?? -1;
      if (pair && index > 0) this.#cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
  }

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Page> {
    let current = url;
    let method = init.method ?? (init.form ? 'POST' : 'GET');
    let body: string | undefined = init.form ? new URLSearchParams(init.form).toString() : undefined;
    for (let hops = 0; hops < 10; hops++) {
      const cookie = [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const response = await freshConnectionFetch(current, {
        method,
        redirect: 'manual',
        headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(body !== undefined ? { body } : {}),
      });
      this.#remember(response);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        current = new URL(location, current).toString();
        method = 'GET';
        body = undefined;
        continue;
      }
      return { url: current, status: response.status, html: await response.text() };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /** Submit the form that contains the button named `button`, with `fields` filled in. */
  async submit(page: Page, button: string, fields: Record<string, string> = {}): Promise<Page> {
    const forms = [...page.html.matchAll(/<form method="post" action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)];
    const form = forms.find((f) => (f[2] ?? '').includes(`>${button}</button>`));
    if (!form) throw new Error(`no form with a "${button}" button on ${page.url}:\n${page.html}`);
    const hidden = Object.fromEntries([...(form[2] ?? '').matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, decode(m[2]!)]));
    return this.request(new URL(decode(form[1]!), page.url).toString(), { form: { ...hidden, ...fields } });
  }
}

/** What the auto-POST form would send to the ACS, or undefined when the page is something else. */
export function postedResponse(page: Page): PostedResponse | undefined {
  const action = /<form method="post" action="([^"]*)" id="saml-post">/.exec(page.html)?.[1];
  const samlResponse = /name="SAMLResponse" value="([^"]*)"/.exec(page.html)?.[1];
  if (!action || !samlResponse) return undefined;
  const relayState = /name="RelayState" value="([^"]*)"/.exec(page.html)?.[1];
  return { acs: decode(action), samlResponse, relayState: relayState === undefined ? undefined : decode(relayState) };
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
        ? await browser.submit(chooser, [...chooser.html.matchAll(/<button type="submit">([^<]*)<\/button>/g)].map((m) => m[1]!).find((b) => b.endsWith(login))!)
        : await browser.submit(chooser, 'Next', { login });
      return browser.submit(passwordPage, 'Next', { password });
    }
    case 'universal-login':
      return browser.submit(page, 'Continue', { login, password });
  }
}
