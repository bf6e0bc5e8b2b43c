// The HTTP-level driver of a target: what the matrix and the native checks do with a portal
// without a rendering engine — at the URLs the provisioning API gave, with the target's accessible
// names. It reads only what any server-rendered portal has: a <form> whose field has a <label>, a
// button by its name, an error shown to the person (a 4xx answer or an element with role="alert").
import type { ProvisionedAccount, HttpBrowser, HttpPage } from '../../../lib/index.ts';
import type { SaveOutcome, TestSsoResult } from '../../driver/portalDriver.ts';
import type { Names } from '../../driver/reference/names.ts';
import {
  attributesOf,
  decodeEntities,
  formWithButton,
  formWithLabel,
  inputNameFor,
  parseForms,
  submission,
  visibleText,
} from '../../../lib/index.ts';

/** Whether the page shows the person an error: a 4xx answer, or an element with role="alert". */
export function errorShown(page: HttpPage): boolean {
  if (page.status >= 400 && page.status < 500) return true;
  return withRole(page.html, 'alert').length > 0;
}

/** The visible text of every element with this ARIA role (role="alert", role="note"…), in page order. */
export function withRole(html: string, role: string): string[] {
  const texts: string[] = [];
  for (const match of html.matchAll(/<([a-z][a-z0-9-]*)\b([^>]*)>/gi)) {
    if (
      attributesOf(match[2] ?? '')
        .get('role')
        ?.toLowerCase() !== role
    )
      continue;
    const tag = match[1] ?? 'div';
    const start = (match.index ?? 0) + match[0].length;
    // The element's content up to its closing tag, counting nested elements of the same name.
    const pattern = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
    pattern.lastIndex = start;
    let depth = 1;
    let end = html.length;
    for (let tagMatch = pattern.exec(html); tagMatch; tagMatch = pattern.exec(html)) {
      depth += tagMatch[1] === '/' ? -1 : 1;
      if (depth === 0) {
        end = tagMatch.index;
        break;
      }
    }
    texts.push(visibleText(html.slice(start, end)));
  }
  return texts;
}

/** The labels of the fields a page marks aria-invalid="true" (the fields to fix). */
export function invalidFieldLabels(html: string): string[] {
  const labels = new Map<string, string>();
  for (const label of html.matchAll(/<label\b([^>]*)>([\s\S]*?)<\/label>/gi)) {
    const target = attributesOf(label[1] ?? '').get('for');
    if (target) labels.set(target, visibleText(label[2] ?? ''));
  }
  const invalid: string[] = [];
  for (const field of html.matchAll(/<(?:input|select|textarea)\b([^>]*)>/gi)) {
    const attributes = attributesOf(field[1] ?? '');
    if (attributes.get('aria-invalid') !== 'true') continue;
    const id = attributes.get('id');
    invalid.push((id && labels.get(id)) ?? decodeEntities(attributes.get('name') ?? id ?? ''));
  }
  return invalid;
}

export class PortalOverHttp {
  readonly #names: Names;
  readonly #account: ProvisionedAccount;
  readonly origin: string;

  constructor(names: Names, account: ProvisionedAccount) {
    this.#names = names;
    this.#account = account;
    this.origin = new URL(account.urls.login).origin;
  }

  /** A page the portal served (not an IdP's, not a redirect left unfollowed). */
  onPortal(page: HttpPage): boolean {
    return page.notFollowed === undefined && new URL(page.url).origin === this.origin;
  }

  /** The login page's email step, when `page` shows it: the form with the email field and the continue button. */
  emailStep(page: HttpPage): ReturnType<typeof formWithButton> {
    const forms = parseForms(page.html);
    const withField = formWithLabel(forms, this.#names.emailLabel);
    if (!withField) return undefined;
    return formWithButton([withField], this.#names.continueButton);
  }

  /** Email first on the login page `page` shows (e.g. where a native authorization request sent the browser). */
  async continueWithEmail(browser: HttpBrowser, page: HttpPage, email: string): Promise<HttpPage> {
    const step = this.emailStep(page);
    if (!step)
      throw new Error(
        `The page ${page.url} (HTTP ${page.status}) is not the login page's email step: no <form> with a field labelled "${this.#names.emailLabel}" and a "${this.#names.continueButton}" button (selectors emailLabel / continueButton).`,
      );
    const field = inputNameFor(step.form, this.#names.emailLabel) ?? 'email';
    return browser.submitForm(page, step.form, step.button, { [field]: email });
  }

  /**
   * The admin (logged in in `browser`) presses Test SSO in IdP and SSO; `throughIdp` goes through the
   * IdP. The result page, read by role; undefined when the section is no server-rendered form with
   * the testSso button (the caller then uses the browser driver).
   */
  async testSso(browser: HttpBrowser, throughIdp: (atIdp: HttpPage) => Promise<HttpPage>): Promise<TestSsoResult | undefined> {
    const section = await browser.open(this.#account.urls.accountParameters);
    const button = this.onPortal(section) ? formWithButton(parseForms(section.html), this.#names.testSso) : undefined;
    if (!button) return undefined;
    const result = await throughIdp(await browser.submitForm(section, button.form, button.button));
    const alerts = withRole(result.html, 'alert');
    return {
      passed: this.onPortal(result) && !errorShown(result) && visibleText(result.html).includes(this.#names.testSsoPassed),
      warnings: withRole(result.html, 'note'),
      alert: alerts.join(' | '),
    };
  }

  /**
   * The admin (logged in in `browser`) saves the configuration IdP and SSO shows, unchanged (the
   * client secret, never shown back, typed in again). Undefined when the section is no
   * server-rendered form with the saveSso button (the caller then uses the browser driver).
   */
  async saveAgain(browser: HttpBrowser, clientSecret: string | undefined): Promise<SaveOutcome | undefined> {
    const section = await browser.open(this.#account.urls.accountParameters);
    const save = this.onPortal(section) ? formWithButton(parseForms(section.html), this.#names.saveSso) : undefined;
    if (!save) return undefined;
    const secretField = clientSecret === undefined ? undefined : inputNameFor(save.form, this.#names.clientSecret);
    const fields = submission(save.form, save.button, secretField && clientSecret !== undefined ? { [secretField]: clientSecret } : {});
    const after = await browser.post(new URL(save.form.action || section.url, section.url).toString(), fields);
    if (this.onPortal(after) && !errorShown(after) && visibleText(after.html).includes(this.#names.ssoSaved)) return { saved: true };
    return { saved: false, alert: withRole(after.html, 'alert').join(' | '), invalidFields: invalidFieldLabels(after.html) };
  }

  /** Log this browser out (best effort: a browser that is not logged in has nothing to log out). */
  async logOut(browser: HttpBrowser): Promise<void> {
    const home = await browser.open(this.#account.urls.portal);
    if (!this.onPortal(home)) return;
    const control = formWithButton(parseForms(home.html), this.#names.logOutButton);
    if (control) {
      await browser.submitForm(home, control.form, control.button);
      return;
    }
    const link = [...home.html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/gi)].find(
      (anchor) =>
        anchor[2]
          ?.replace(/<[^>]*>/g, '')
          .replace(/\s+/g, ' ')
          .trim() === this.#names.logOutButton,
    );
    const href = link ? attributesOf(link[1] ?? '').get('href') : undefined;
    if (href) await browser.open(new URL(href, home.url).toString());
  }
}
