// A browser without a rendering engine, for SSO scenarios where a real browser adds nothing: its
// own cookie jar, redirects followed by hand so that every hop is recorded and nothing ever leaves
// loopback — a redirect to an external site or an app scheme is recorded and *not* followed (the
// harness never sends traffic off the machine).
//
// It speaks HTTP with Node's fetch rather than a Playwright request context: Playwright reports
// every API call as a test step (stack trace captured, source-mapped, sent to the runner and kept
// in every report), which at ~10 requests per scenario cost ~30% of the matrix's CPU (profile of
// the okta groups) and would put thousands of steps into the reports.
import { CookieJar } from './cookieJar.ts';
import { formWithButton, parseForms, submission, type FormButton, type HtmlForm } from './htmlForms.ts';
import { freshConnectionFetch } from '../freshConnectionFetch.ts';
import { isLoopbackHttpUrl } from '../net.ts';

export interface Hop {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly status: number;
  readonly location?: string;
}

export interface HttpPage {
  /** Where the browser ended: the last URL requested, or the redirect target it refused to follow. */
  readonly url: string;
  /** 0 when `url` was not requested (see `notFollowed`). */
  readonly status: number;
  /** Response headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly html: string;
  /** Set when the last redirect pointed off loopback (an external site, an app scheme), or at `stopAt`: not followed. */
  readonly notFollowed?: 'off-site' | 'stopped';
}

export interface NavigationOptions {
  /** Do not request redirect targets for which this returns true (e.g. a native app's or an RP's redirect URI). */
  readonly stopAt?: (url: URL) => boolean;
}

export interface HttpBrowserOptions extends NavigationOptions {
  readonly timeoutMs?: number;
}

const MAX_HOPS = 20;
export class HttpBrowser {
  readonly hops: Hop[] = [];
  /** Every Set-Cookie the browser received, with the URL that sent it. */
  readonly cookiesSet: { readonly url: string; readonly cookie: string }[] = [];
  /** Redirect targets off loopback that were refused (never requested). */
  readonly offSite: string[] = [];
  /** Every SAMLResponse this browser posted (base64, as sent), for a failure's evidence. */
  readonly samlResponsesPosted: string[] = [];
  /** The last page a navigation ended on, for a failure's evidence. */
  lastPage: HttpPage | undefined;
  readonly cookies = new CookieJar();
  readonly #options: HttpBrowserOptions;

  constructor(options: HttpBrowserOptions = {}) {
    this.#options = options;
  }

  /** GET a URL and follow its redirects. */
  open(url: string, options: NavigationOptions = {}): Promise<HttpPage> {
    return this.#navigate('GET', url, undefined, options);
  }

  /** POST form fields (urlencoded, as an HTML form) and follow the redirects. */
  post(url: string, fields: Readonly<Record<string, string>>, options: NavigationOptions = {}): Promise<HttpPage> {
    return this.#navigate('POST', url, fields, options);
  }

  /** Press the button named `button` of a form on `page`, with `filled` typed in (by input name). */
  async submit(
    page: HttpPage,
    button: string | RegExp,
    filled: Readonly<Record<string, string>> = {},
    options: NavigationOptions = {},
  ): Promise<HttpPage> {
    const found = formWithButton(parseForms(page.html), button);
    if (!found) throw new Error(`The page at ${page.url} has no form with a "${String(button)}" button (status ${page.status}).`);
    return this.submitForm(page, found.form, found.button, filled, options);
  }

  submitForm(
    page: HttpPage,
    form: HtmlForm,
    button: FormButton | undefined,
    filled: Readonly<Record<string, string>> = {},
    options: NavigationOptions = {},
  ): Promise<HttpPage> {
    const action = new URL(form.action || page.url, page.url).toString();
    const fields = submission(form, button, filled);
    if (form.method === 'post') return this.post(action, fields, options);
    const url = new URL(action);
    for (const [name, value] of Object.entries(fields)) url.searchParams.set(name, value);
    return this.open(url.toString(), options);
  }

  async #navigate(
    method: 'GET' | 'POST',
    start: string,
    fields: Readonly<Record<string, string>> | undefined,
    options: NavigationOptions,
  ): Promise<HttpPage> {
    let url = new URL(start);
    let currentMethod = method;
    let body = fields;
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      if (!isLoopbackHttpUrl(url)) return this.#refuse(url, 'off-site');
      const response = await this.#send(currentMethod, url, body);
      const setCookies = response.headers.getSetCookie();
      this.cookies.store(setCookies, url);
      for (const cookie of setCookies) this.cookiesSet.push({ url: url.toString(), cookie });
      const location = response.headers.get('location') ?? undefined;
      const status = response.status;
      this.hops.push({ method: currentMethod, url: url.toString(), status, ...(location === undefined ? {} : { location }) });
      if (status >= 300 && status < 400 && location !== undefined) {
        await response.body?.cancel();
        const next = new URL(location, url);
        if (this.#options.stopAt?.(next) || options.stopAt?.(next)) return this.#refuse(next, 'stopped');
        url = next;
        // 307/308 keep the method and body (RFC 9110 §15.4); the others become a GET.
        if (status !== 307 && status !== 308) {
          currentMethod = 'GET';
          body = undefined;
        }
        continue;
      }
      this.lastPage = { url: url.toString(), status, headers: Object.fromEntries(response.headers), html: await response.text() };
      return this.lastPage;
    }
    throw new Error(
      `More than ${MAX_HOPS} redirects starting at ${start}: ${this.hops
        .slice(-4)
        .map((h) => h.url)
        .join(' → ')}`,
    );
  }

  #refuse(url: URL, why: 'off-site' | 'stopped'): HttpPage {
    if (why === 'off-site') this.offSite.push(url.toString());
    return { url: url.toString(), status: 0, headers: {}, html: '', notFollowed: why };
  }

  #send(method: 'GET' | 'POST', url: URL, fields: Readonly<Record<string, string>> | undefined): Promise<Response> {
    if (fields?.SAMLResponse !== undefined) this.samlResponsesPosted.push(fields.SAMLResponse);
    const cookie = this.cookies.header(url);
    const headers: Record<string, string> = { accept: 'text/html,application/json', ...(cookie ? { cookie } : {}) };
    const signal = AbortSignal.timeout(this.#options.timeoutMs ?? 20_000);
    if (method === 'GET') return freshConnectionFetch(url, { redirect: 'manual', headers, signal });
    return freshConnectionFetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields }).toString(),
      signal,
    });
  }
}
