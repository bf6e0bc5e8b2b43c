// Preflight checks 4 to 7 of a remote target, in one headless Chromium page driven through the
// PortalDriver's page objects with the target file's names, at the preflight account's URLs: the
// login page (also as plain HTML), the provisioned admin's password login and the session cookie,
// every control of IdP and SSO the suites use, the target file's own admin (when given), and the
// support console. Each failure names the setting to change and what the page shows instead.
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import type { ProvisionedAccount } from '../../lib/index.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, isLoopbackHost } from '../../lib/index.ts';
import { createPortalDriver, type DriverTarget } from '../driver/createPortalDriver.ts';
import { buttonOrLink } from '../driver/pages/loginPages.ts';
import type { PortalDriver } from '../driver/portalDriver.ts';
import { NAME_DOCS, REFERENCE_NAMES, VENDOR_OPTION, namesWith, type NameKey, type Names } from '../driver/reference/names.ts';
import { PreflightError } from './preflightError.ts';
import type { Credentials, RemoteTargetConfig } from './targetConfig.ts';

/** Per page action; a healthy portal answers in well under a second. */
export const PREFLIGHT_STEP_TIMEOUT_MS = 10_000;

/** What the browser checks need from the HTTP checks: the preflight account and its admin. */
export interface PreflightAccount {
  readonly account: ProvisionedAccount;
  readonly admin: Credentials;
}

/** `selectors.x = "…"` or `selectors.x (not set: the reference portal's "…")`, for a message. */
function describeSelector(config: RemoteTargetConfig, key: NameKey): string {
  const own = config.selectors[key];
  return own !== undefined
    ? `selectors.${key} = ${JSON.stringify(own)}`
    : `selectors.${key} (not set: the reference portal's ${JSON.stringify(REFERENCE_NAMES[key])})`;
}

/** Accessible names the page shows for these roles, from its accessibility tree (what getByLabel / getByRole see). */
async function shownNames(page: Page, roles: readonly string[]): Promise<string[]> {
  const snapshot = await page
    .locator('body')
    .ariaSnapshot()
    .catch(() => '');
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

const FIELD_ROLES = ['textbox', 'searchbox', 'combobox', 'spinbutton', 'checkbox', 'switch'];
const listed = (names: readonly string[]): string => (names.length ? names.map((name) => JSON.stringify(name)).join(', ') : '(none)');

function namesFor(config: RemoteTargetConfig): Names {
  try {
    return namesWith(config.selectors);
  } catch (error) {
    throw new PreflightError(config, {
      setting: 'selectors',
      seen: (error as Error).message,
      fix: 'use only the names listed (README "Accessible names", suites/driver/reference/names.ts), or remove the unknown ones.',
    });
  }
}

type ControlKind = 'field' | 'button' | 'radio' | 'heading' | 'switch' | 'option';

const ROLES_OF: Readonly<Record<ControlKind, readonly string[]>> = {
  field: FIELD_ROLES,
  button: ['button', 'link'],
  radio: ['radio'],
  heading: ['heading'],
  switch: ['switch', 'checkbox'],
  option: ['option'],
};
const NAME_OF: Readonly<Record<ControlKind, string>> = {
  field: 'label',
  button: 'button name',
  radio: 'option label',
  heading: 'heading',
  switch: 'switch name',
  option: 'option label',
};
const SHOWN_OF: Readonly<Record<ControlKind, string>> = {
  field: 'Field labels',
  button: 'Buttons and links',
  radio: 'Options',
  heading: 'Headings',
  switch: 'Switches and checkboxes',
  option: 'Options',
};

function locate(page: Page, kind: ControlKind, name: string): Locator {
  switch (kind) {
    case 'field':
      return page.getByLabel(name, { exact: true });
    case 'button':
      return page.getByRole('button', { name, exact: true });
    case 'radio':
      return page.getByRole('radio', { name, exact: true });
    case 'heading':
      return page.getByRole('heading', { name, exact: true });
    case 'switch':
      return page.getByRole('switch', { name, exact: true }).or(page.getByRole('checkbox', { name, exact: true }));
    case 'option':
      return page.getByRole('option', { name, exact: true });
  }
}

async function expectExactlyOne(
  config: RemoteTargetConfig,
  page: Page,
  key: NameKey,
  kind: ControlKind,
  where: string,
  names: Names,
): Promise<void> {
  const count = await locate(page, kind, names[key]).count();
  if (count === 1) return;
  const seen =
    count === 0
      ? `${where} (${page.url()}) has no ${kind} named like ${describeSelector(config, key)}. ${SHOWN_OF[kind]} it shows: ${listed(await shownNames(page, ROLES_OF[kind]))}.`
      : `${count} ${kind}s on ${where} (${page.url()}) match ${describeSelector(config, key)}; the suites need exactly one.`;
  throw new PreflightError(config, {
    setting: `selectors.${key}`,
    seen,
    fix: `set "selectors": { "${key}": "<the exact ${NAME_OF[kind]} shown on ${where}>" } in the target file (${NAME_DOCS[key].where}).`,
  });
}

/** Check 4: the login page's email field and continue button, in the browser. */
async function checkLoginPage(config: RemoteTargetConfig, page: Page, driver: PortalDriver, names: Names): Promise<void> {
  await driver.login.goto();
  await expectExactlyOne(config, page, 'emailLabel', 'field', 'the login page', names);
  await expectExactlyOne(config, page, 'continueButton', 'button', 'the login page', names);
}

/** Resolves when the main frame asks for a page outside the OE (its login sent the browser to an IdP). */
function leavesOrigin(page: Page, origin: string): Promise<string> {
  return new Promise((resolve) => {
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame() && new URL(request.url()).origin !== origin)
        resolve(new URL(request.url()).origin);
    });
  });
}

/** Resolves with the label of the first promise to settle successfully; undefined when none does. */
async function firstOf<K extends string>(racers: Readonly<Record<K, Promise<unknown>>>): Promise<K | undefined> {
  const entries = Object.entries(racers) as [K, Promise<unknown>][];
  const wins = entries.map(([key, promise]) => promise.then(() => key));
  return Promise.any(wins).catch(() => undefined);
}

/**
 * A password login through the driver's login page: email, continue, password, log in, then the
 * log-out control. `who` names the credentials' setting ("admin" for the target file's, or the
 * preflight account's admin) in messages.
 */
async function passwordLogin(
  config: RemoteTargetConfig,
  page: Page,
  driver: PortalDriver,
  names: Names,
  login: Credentials,
  who: { readonly setting: string; readonly fix: string; readonly secrets: readonly string[] },
): Promise<void> {
  const leaving = leavesOrigin(page, new URL(driver.account.urls.login).origin);
  await driver.login.continueWith(login.email);
  const alert = page.getByRole('alert');
  const step = await firstOf({ password: driver.login.password.waitFor(), sso: leaving, refused: alert.first().waitFor() });
  if (step === 'refused') {
    const said = (await alert.first().innerText()).replace(/\s+/g, ' ').trim();
    throw new PreflightError(config, {
      setting: `${who.setting}.email`,
      seen: `the login page refused the email "${login.email}": "${said}"`,
      fix: who.fix,
      secrets: who.secrets,
    });
  }
  if (step === 'sso') {
    throw new PreflightError(config, {
      setting: `${who.setting}.email`,
      seen: `after "${names.continueButton}" with ${login.email} the OE sent the browser to ${await leaving} (single sign-on), not to the password step.`,
      fix: `${who.fix} Its account must have SSO turned off.`,
      secrets: who.secrets,
    });
  }
  if (step === undefined) {
    throw new PreflightError(config, {
      setting: 'selectors.passwordLabel',
      seen: `after "${names.continueButton}" with ${login.email} the page ${page.url()} shows no field named like ${describeSelector(config, 'passwordLabel')} and did not go to an IdP. Field labels it shows: ${listed(await shownNames(page, FIELD_ROLES))}.`,
      fix: 'set "selectors": { "passwordLabel": "<the label of the password field>" } in the target file.',
      secrets: who.secrets,
    });
  }
  if ((await driver.login.logInButton.count()) !== 1)
    await expectExactlyOne(config, page, 'logInButton', 'button', 'the password step', names);
  await driver.login.password.fill(login.password);
  await driver.login.logInButton.click();
  const loggedIn = await firstOf({ in: driver.home.logOutControl.waitFor(), refused: alert.first().waitFor() });
  if (loggedIn === 'in') return;
  if (loggedIn === 'refused') {
    const said = (await alert.first().innerText()).replace(/\s+/g, ' ').trim();
    throw new PreflightError(config, {
      setting: `${who.setting}.password`,
      seen: `the OE refused the password login of ${login.email}: "${said}"`,
      fix: who.fix,
      secrets: who.secrets,
    });
  }
  throw new PreflightError(config, {
    setting: 'selectors.logOutButton',
    seen: `after the password login of ${login.email} the page ${page.url()} shows no alert and no button or link named like ${describeSelector(config, 'logOutButton')} (the harness reads "logged in" from it). Buttons and links it shows: ${listed(await shownNames(page, ROLES_OF.button))}.`,
    fix: 'set "selectors": { "logOutButton": "<the name of the log-out button or link>" } in the target file.',
    secrets: who.secrets,
  });
}

/**
 * The IdP and SSO section's controls the set-up flows use: those shown whichever protocol is
 * picked, then those of each protocol (a portal may show only the picked protocol's fields, as the
 * reference does; the flows pick the protocol first). Counted, never changed.
 */
const SSO_SECTION_CONTROLS: readonly (readonly [NameKey, ControlKind])[] = [
  ['ssoHeading', 'heading'],
  ['protocolSaml', 'radio'],
  ['protocolOidc', 'radio'],
  ['vendorSelect', 'field'],
  ['clockSkew', 'field'],
  ['saveSso', 'button'],
  ['testSso', 'button'],
  ['enableSwitch', 'switch'],
  ['idpUserExportFile', 'field'],
  ['uploadIdpUserExport', 'button'],
];
const SAML_CONTROLS: readonly (readonly [NameKey, ControlKind])[] = [
  ['metadataFromUrl', 'radio'],
  ['metadataUrl', 'field'],
  ['metadataManual', 'radio'],
  ['idpEntityId', 'field'],
  ['idpSsoUrl', 'field'],
  ['idpCertificate', 'field'],
  ['requireSignedResponse', 'field'],
  ['requireSignedAssertion', 'field'],
  ['allowIdpInitiated', 'field'],
];
const OIDC_CONTROLS: readonly (readonly [NameKey, ControlKind])[] = [
  ['issuer', 'field'],
  ['clientId', 'field'],
  ['clientSecret', 'field'],
  ['emailClaim', 'field'],
  ['hostedDomain', 'field'],
];

/** Check 5b, as the preflight account's admin: IdP and SSO shows every control the suites use. Nothing is saved. */
async function checkSsoSection(config: RemoteTargetConfig, page: Page, account: ProvisionedAccount, names: Names): Promise<void> {
  await page.goto(account.urls.accountParameters);
  const where = 'Account parameters → IdP and SSO';
  for (const [key, kind] of SSO_SECTION_CONTROLS) await expectExactlyOne(config, page, key, kind, where, names);
  await locate(page, 'radio', names.protocolSaml).check();
  for (const [key, kind] of SAML_CONTROLS)
    await expectExactlyOne(config, page, key, kind, `${where} (${names.protocolSaml} picked)`, names);
  await locate(page, 'radio', names.protocolOidc).check();
  for (const [key, kind] of OIDC_CONTROLS)
    await expectExactlyOne(config, page, key, kind, `${where} (${names.protocolOidc} picked)`, names);
  const vendors = page.getByLabel(names.vendorSelect, { exact: true });
  const options = (await vendors.locator('option').allInnerTexts()).map((text) => text.trim());
  for (const key of Object.values(VENDOR_OPTION)) {
    if (!options.includes(names[key])) {
      throw new PreflightError(config, {
        setting: `selectors.${key}`,
        seen: `the select "${names.vendorSelect}" of ${where} has no option named like ${describeSelector(config, key)}. Options it shows: ${listed(options)}.`,
        fix: `set "selectors": { "${key}": "<the option label>" } in the target file.`,
      });
    }
  }
}

/** Check 5c: the target's session cookie name, when declared, is the cookie a seat's login sets. */
async function checkSessionCookie(config: RemoteTargetConfig, context: BrowserContext): Promise<void> {
  const name = config.capabilities.sessionCookie;
  if (name === undefined) return;
  const cookies = (await context.cookies()).map((cookie) => cookie.name);
  if (!cookies.includes(name)) {
    throw new PreflightError(config, {
      setting: 'sessionCookie',
      seen: `after a seat's password login the browser holds no cookie named "${name}"; it holds: ${listed(cookies)}.`,
      fix: 'set "sessionCookie" to the name of the OE\'s seat session cookie, or remove it (the suites then do not check that refused logins set none).',
    });
  }
}

/** Check 7: the support console accepts the support login, and shows this account's access form. */
async function checkSupport(config: RemoteTargetConfig, page: Page, account: ProvisionedAccount, names: Names): Promise<void> {
  const fix = 'set "support.email" and "support.password" to an Ooma support super-admin login of the OE test environment.';
  await page.goto(account.urls.support);
  for (const key of ['supportEmail', 'supportPassword'] as const)
    await expectExactlyOne(config, page, key, 'field', 'the support console login', names);
  await expectExactlyOne(config, page, 'supportLogIn', 'button', 'the support console login', names);
  await page.getByLabel(names.supportEmail, { exact: true }).fill(config.support.email);
  await page.getByLabel(names.supportPassword, { exact: true }).fill(config.support.password);
  await page.getByRole('button', { name: names.supportLogIn, exact: true }).click();
  const alert = page.getByRole('alert');
  const outcome = await firstOf({ ok: buttonOrLink(page, names.supportLogOut).waitFor(), refused: alert.first().waitFor() });
  if (outcome === 'refused') {
    const said = (await alert.first().innerText()).replace(/\s+/g, ' ').trim();
    throw new PreflightError(config, {
      setting: 'support.password',
      seen: `the support console ${page.url()} refused the login of ${config.support.email}: "${said}"`,
      fix,
    });
  }
  if (outcome === undefined) {
    throw new PreflightError(config, {
      setting: 'selectors.supportLogOut',
      seen: `after the support login of ${config.support.email} the page ${page.url()} shows no alert and no button or link named like ${describeSelector(config, 'supportLogOut')}. Buttons and links it shows: ${listed(await shownNames(page, ROLES_OF.button))}.`,
      fix: 'set "selectors": { "supportLogOut": "<the name of the support console\'s log-out control>" } in the target file, or check "support".',
    });
  }
  await page.goto(account.urls.supportAccount);
  const where = "the support console's account page (urls.supportAccount)";
  for (const key of ['ticket', 'reason'] as const) await expectExactlyOne(config, page, key, 'field', where, names);
  await expectExactlyOne(config, page, 'accessAccount', 'button', where, names);
}

/** A page action that failed in a way no check foresaw (a navigation error, a timeout) still names the setting in play. */
async function asPreflight(
  config: RemoteTargetConfig,
  setting: string,
  check: () => Promise<void>,
  secrets: readonly string[] = [],
): Promise<void> {
  try {
    await check();
  } catch (error) {
    if (error instanceof PreflightError) throw error;
    const first = ((error as Error).message ?? String(error)).split('\n')[0] ?? '';
    throw new PreflightError(config, {
      setting,
      seen: `the browser step failed: ${first}`,
      fix: `check "${setting}" in the target file and that the OE test environment serves its pages at the URLs its provisioning API gives.`,
      secrets,
    });
  }
}

/** The browser checks, at the preflight account's URLs. */
export async function checkInBrowser(config: RemoteTargetConfig, preflight: PreflightAccount): Promise<void> {
  const names = namesFor(config);
  const { account } = preflight;
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    throw new PreflightError(config, {
      setting: 'SSO_HARNESS_CHROMIUM (environment)',
      seen: `Chromium at ${CHROMIUM_PATH} did not start: ${(error as Error).message.split('\n')[0] ?? ''}`,
      fix: 'install Chromium (scripts/setup.sh) or set SSO_HARNESS_CHROMIUM to its path.',
    });
  }
  try {
    // Only the OE (on loopback) may be asked for anything by the preflight page.
    const fresh = async (): Promise<{ context: BrowserContext; page: Page; driver: PortalDriver }> => {
      const context = await browser.newContext();
      context.setDefaultTimeout(PREFLIGHT_STEP_TIMEOUT_MS);
      await context.route(
        (url) => !isLoopbackHost(url.hostname),
        (route) => route.abort('blockedbyclient'),
      );
      const page = await context.newPage();
      const target: DriverTarget = {
        names,
        capabilities: config.capabilities,
        supportStaff: config.support,
        accountState: () => Promise.reject(new Error('The preflight reads no account state.')),
      };
      return { context, page, driver: createPortalDriver(page, target, account) };
    };
    const first = await fresh();
    const preflightSecrets = [preflight.admin.password];
    await asPreflight(config, 'selectors', () => checkLoginPage(config, first.page, first.driver, names));
    await asPreflight(
      config,
      "provisioning (the preflight account's admin)",
      async () => {
        await passwordLogin(config, first.page, first.driver, names, preflight.admin, {
          setting: "provisioning (the preflight account's admin)",
          fix: "the OE's provisioning API must create seats that log in with the password given in POST /_harness/accounts while SSO is off.",
          secrets: preflightSecrets,
        });
        await checkSessionCookie(config, first.context);
        await checkSsoSection(config, first.page, account, names);
      },
      preflightSecrets,
    );
    await first.context.close();
    if (config.admin) {
      const admin = config.admin;
      const second = await fresh();
      await asPreflight(config, 'admin', () =>
        passwordLogin(config, second.page, second.driver, names, admin, {
          setting: 'admin',
          fix: 'set "admin.email" and "admin.password" to an admin seat of the OE test environment that logs in with a password (its account does not use SSO), or remove "admin".',
          secrets: [],
        }),
      );
      await second.context.close();
    }
    const third = await fresh();
    await asPreflight(config, 'support', () => checkSupport(config, third.page, account, names));
  } finally {
    await browser.close();
  }
}
