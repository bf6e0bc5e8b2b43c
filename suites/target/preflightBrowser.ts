// Preflight checks 3 to 5 of a remote target, in one headless Chromium page driven through the
// reference driver's page objects (with the target file's selectors): the login page shows the
// email field and the continue button; the admin logs in with a password (then out); the support
// console accepts the support login. Each failure names the setting to change.
import { chromium, type Browser, type Locator, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config.ts';
import { HomePage, LoginPage, RefusalPage } from '../driver/reference/loginPages.ts';
import { REFERENCE_NAMES, namesWith, type Names } from '../driver/reference/names.ts';
import { SupportConsole } from '../driver/reference/supportConsole.ts';
import { isLoopbackAddress } from './preflightHttp.ts';
import { PreflightError } from './preflightError.ts';
import type { RemoteTargetConfig } from './targetConfig.ts';

/** Per page action; a healthy portal answers in well under a second. */
export const PREFLIGHT_STEP_TIMEOUT_MS = 10_000;

type NameKey = keyof typeof REFERENCE_NAMES;

/** `selectors.x = "…"` or `selectors.x (not set: the reference portal's "…")`, for a message. */
function describeSelector(config: RemoteTargetConfig, key: NameKey): string {
  const own = config.selectors[key];
  return own !== undefined ? `selectors.${key} = ${JSON.stringify(own)}` : `selectors.${key} (not set: the reference portal's ${JSON.stringify(String(REFERENCE_NAMES[key]))})`;
}

/** Accessible names the page shows for these roles, from its accessibility tree (what getByLabel / getByRole see). */
async function shownNames(page: Page, roles: readonly string[]): Promise<string[]> {
  const snapshot = await page.locator('body').ariaSnapshot().catch(() => '');
  const names: string[] = [];
  for (const line of snapshot.split('\n')) {
    const match = /^\s*- (\w+) ("(?:[^"\\]|\\.)*")/.exec(line);
    if (!match?.[1] || !match[2] || !roles.includes(match[1])) continue;
    try {
      names.push(JSON.parse(match[2]) as string);
    } catch {
      names.push(match[2]);
    }
  }
  return [...new Set(names)];
}

const FIELD_ROLES = ['textbox', 'searchbox', 'combobox', 'spinbutton', 'checkbox'];
const listed = (names: readonly string[]): string => (names.length ? names.map((name) => JSON.stringify(name)).join(', ') : '(none)');

function namesFor(config: RemoteTargetConfig): Names {
  try {
    return namesWith(config.selectors);
  } catch (error) {
    throw new PreflightError(config, { setting: 'selectors', seen: (error as Error).message, fix: 'use only the names listed (suites/driver/reference/names.ts), or remove the unknown ones.' });
  }
}

/** Resolves with the label of the first promise to settle successfully; undefined when none does. */
async function firstOf<K extends string>(racers: Readonly<Record<K, Promise<unknown>>>): Promise<K | undefined> {
  const entries = Object.entries(racers) as [K, Promise<unknown>][];
  const wins = entries.map(([key, promise]) => promise.then(() => key));
  return Promise.any(wins).catch(() => undefined);
}

type ControlKind = 'field' | 'button' | 'radio' | 'heading';

const ROLES_OF: Readonly<Record<ControlKind, readonly string[]>> = { field: FIELD_ROLES, button: ['button'], radio: ['radio'], heading: ['heading'] };
const NAME_OF: Readonly<Record<ControlKind, string>> = { field: 'label', button: 'button name', radio: 'option label', heading: 'heading' };
const SHOWN_OF: Readonly<Record<ControlKind, string>> = { field: 'Field labels', button: 'Button names', radio: 'Options', heading: 'Headings' };

async function expectExactlyOne(config: RemoteTargetConfig, page: Page, locator: Locator, key: NameKey, what: ControlKind, where: string): Promise<void> {
  const count = await locator.count();
  if (count === 1) return;
  const seen = count === 0
    ? `${where} (${page.url()}) has no ${what} named like ${describeSelector(config, key)}. ${SHOWN_OF[what]} it shows: ${listed(await shownNames(page, ROLES_OF[what]))}.`
    : `${count} ${what}s on ${where} (${page.url()}) match ${describeSelector(config, key)}; the suites need exactly one.`;
  throw new PreflightError(config, { setting: `selectors.${key}`, seen, fix: `set "selectors": { "${key}": "<the exact ${NAME_OF[what]} shown on ${where}>" } in the target file.` });
}

/** Check 3: the email field and the continue button of the login page each match exactly one element. */
async function checkLoginSelectors(config: RemoteTargetConfig, page: Page, login: LoginPage): Promise<void> {
  await login.goto();
  await expectExactlyOne(config, page, login.email, 'emailLabel', 'field', 'the login page');
  await expectExactlyOne(config, page, login.continueButton, 'continueButton', 'button', 'the login page');
}

/** The IdP and SSO section's controls the set-up flows use, whichever protocol is picked (counted, never changed). */
const SSO_SECTION_CONTROLS: readonly (readonly [NameKey, ControlKind])[] = [
  ['ssoHeading', 'heading'], ['protocolSaml', 'radio'], ['protocolOidc', 'radio'], ['vendorSelect', 'field'],
  ['metadataFromUrl', 'radio'], ['metadataUrl', 'field'], ['requireSignedResponse', 'field'], ['requireSignedAssertion', 'field'],
  ['allowIdpInitiated', 'field'], ['clockSkew', 'field'], ['issuer', 'field'], ['clientId', 'field'], ['clientSecret', 'field'],
  ['emailClaim', 'field'], ['saveSso', 'button'],
];

/**
 * Check 4b, as the admin: Account parameters → IdP and SSO shows every control the set-up flows
 * fill, so that a selector override matching nothing there stops the run here, not in every
 * lifecycle test. Nothing is saved.
 */
async function checkSsoSectionSelectors(config: RemoteTargetConfig, page: Page, names: Names): Promise<void> {
  await page.goto('/account');
  const where = 'Account parameters → IdP and SSO';
  for (const [key, kind] of SSO_SECTION_CONTROLS) {
    const name = names[key];
    const locator = kind === 'field' ? page.getByLabel(name, { exact: true }) : page.getByRole(kind, { name, exact: true });
    await expectExactlyOne(config, page, locator, key, kind, where);
  }
}

/** Resolves when the main frame asks for a page outside the OE (its login sent the browser to an IdP). */
function leavesOrigin(page: Page, origin: string): Promise<string> {
  return new Promise((resolve) => {
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame() && new URL(request.url()).origin !== origin) resolve(new URL(request.url()).origin);
    });
  });
}

/** Check 4: the admin logs in with the password (email first, then password), then logs out. */
async function checkAdminLogin(config: RemoteTargetConfig, page: Page, names: Names): Promise<void> {
  const login = new LoginPage(page, names);
  const home = new HomePage(page, names);
  const refusal = new RefusalPage(page, names);
  const { email } = config.admin;
  const passwordFix = 'set "admin.email" and "admin.password" to an admin seat of the OE test environment that logs in with a password (its account does not use SSO).';
  const ssoFix = `use an admin whose account has SSO turned off: "admin.email" (${email}) belongs to an account that requires single sign-on, so its password cannot be checked. Set "admin.email" and "admin.password" to such an admin.`;
  const leaving = leavesOrigin(page, new URL(config.baseUrl).origin);

  await login.continueWith(email);
  const alert = page.getByRole('alert');
  const step = await firstOf({ password: login.password.waitFor(), sso: leaving, refused: alert.waitFor() });
  if (step === 'refused') {
    const said = (await alert.first().innerText()).replace(/\s+/g, ' ').trim();
    throw new PreflightError(config, { setting: 'admin.email', seen: `the login page refused the email "${email}": "${said}"`, fix: passwordFix });
  }
  if (step === 'sso') throw new PreflightError(config, { setting: 'admin.email', seen: `after "Continue" with ${email} the OE sent the browser to ${await leaving} (single sign-on), not to the password step.`, fix: ssoFix });
  if (step === undefined) {
    throw new PreflightError(config, {
      setting: `selectors.passwordLabel`,
      seen: `after "Continue" with ${email} the page ${page.url()} shows no field named like ${describeSelector(config, 'passwordLabel')} and did not go to an IdP. Field labels it shows: ${listed(await shownNames(page, FIELD_ROLES))}.`,
      fix: 'set "selectors": { "passwordLabel": "<the label of the password field>" } in the target file, or check "admin.email".',
    });
  }
  await login.password.fill(config.admin.password);
  await login.logInButton.click();
  await home.signedInAs.or(alert).first().waitFor().catch(() => undefined);
  if (await home.signedInAs.isVisible()) {
    await checkSsoSectionSelectors(config, page, names);
    await home.goHomeAndLogOut();
    return;
  }
  const reason = (await refusal.reasonCode.count()) > 0 ? (await refusal.reasonCode.first().innerText()).trim() : undefined;
  const said = (await alert.count()) > 0 ? (await alert.first().innerText()).replace(/\s+/g, ' ').trim() : `no "Signed in as" line and no error on ${page.url()}`;
  if (reason === 'sso-required') throw new PreflightError(config, { setting: 'admin.email', seen: `the OE refused the password login of ${email} with sso-required: "${said}"`, fix: ssoFix });
  throw new PreflightError(config, {
    setting: reason ? 'admin.email' : 'admin.password',
    seen: `the OE refused the password login of ${email}${reason ? ` with ${reason}` : ''}: "${said}"`,
    fix: passwordFix,
  });
}

/** Check 5: the support console accepts the support login. */
async function checkSupportLogin(config: RemoteTargetConfig, page: Page, names: Names): Promise<void> {
  const fix = 'set "support.email" and "support.password" to an Ooma support super-admin login of the OE test environment.';
  const loggingIn = new SupportConsole(page, names, config.support).logIn();
  loggingIn.catch(() => undefined);
  const alert = page.getByRole('alert');
  const outcome = await firstOf({ ok: loggingIn, refused: alert.waitFor() });
  if (outcome === 'ok') return;
  if (outcome === 'refused') {
    const said = (await alert.first().innerText()).replace(/\s+/g, ' ').trim();
    throw new PreflightError(config, { setting: 'support.password', seen: `the support console ${page.url()} refused the login of ${config.support.email}: "${said}"`, fix });
  }
  for (const [key, locator] of [
    ['supportEmail', page.getByLabel(names.supportEmail, { exact: true })],
    ['supportPassword', page.getByLabel(names.supportPassword, { exact: true })],
    ['supportLogIn', page.getByRole('button', { name: names.supportLogIn, exact: true })],
  ] as const) {
    if ((await locator.count()) === 0) {
      const roles = key === 'supportLogIn' ? ['button'] : FIELD_ROLES;
      throw new PreflightError(config, {
        setting: `selectors.${key}`,
        seen: `the support console ${page.url()} has nothing named like ${describeSelector(config, key)}. It shows: ${listed(await shownNames(page, roles))}.`,
        fix: `set "selectors": { "${key}": "<the name shown>" } in the target file.`,
      });
    }
  }
  throw new PreflightError(config, { setting: 'support.email', seen: `the support login of ${config.support.email} did not reach the support console's account search (now at ${page.url()}).`, fix });
}

/** A page action that failed in a way no check foresaw (a navigation error, a timeout) still names the setting in play. */
async function asPreflight(config: RemoteTargetConfig, setting: string, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    if (error instanceof PreflightError) throw error;
    const first = ((error as Error).message ?? String(error)).split('\n')[0] ?? '';
    throw new PreflightError(config, { setting, seen: `the browser step failed: ${first}`, fix: `check "${setting}" in the target file and that the OE test environment serves its pages at ${config.baseUrl}.` });
  }
}

/** Only the OE (and other loopback addresses) may be asked for anything by the preflight page. */
function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || isLoopbackAddress(host);
}

export async function checkInBrowser(config: RemoteTargetConfig): Promise<void> {
  const names = namesFor(config);
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    throw new PreflightError(config, { setting: 'SSO_HARNESS_CHROMIUM (environment)', seen: `Chromium at ${CHROMIUM_PATH} did not start: ${(error as Error).message.split('\n')[0] ?? ''}`, fix: 'install Chromium (scripts/setup.sh) or set SSO_HARNESS_CHROMIUM to its path.' });
  }
  try {
    const context = await browser.newContext({ baseURL: config.baseUrl });
    context.setDefaultTimeout(PREFLIGHT_STEP_TIMEOUT_MS);
    const baseHost = new URL(config.baseUrl).hostname;
    await context.route((url) => url.hostname !== baseHost && !isLoopbackUrl(url), (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    await asPreflight(config, 'baseUrl', () => checkLoginSelectors(config, page, new LoginPage(page, names)));
    await asPreflight(config, 'admin', () => checkAdminLogin(config, page, names));
    await asPreflight(config, 'support', () => checkSupportLogin(config, page, names));
  } finally {
    await browser.close();
  }
}
