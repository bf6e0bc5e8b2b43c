// Drives one SSO login attempt in Chromium (playwright-core, Debian's Chromium with the harness's
// offline flags) the way the customer's user does it, and records what they end up seeing plus
// the artefacts that crossed the browser: the SAMLResponse posted to the ACS, or the OIDC
// redirect back to the portal. Each attempt gets a fresh browser context (no IdP session left over).
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { isLoopbackHost, CHROMIUM_ARGS, chromiumExecutable } from '../../lib/index.ts';
import { loginForm } from '../../mock-idps/index.ts';
import type { LoginFlow, Persona } from '../../mock-idps/index.ts';
import { displayAvailable, NoDisplayError } from './display.ts';
import type { ReproStage, SeatLogin } from './stage.ts';

/** How long one step (a page to appear) may take before the attempt is called stuck. */
export const STEP_TIMEOUT_MS = 15_000;

export type LoginOutcome =
  | { readonly kind: 'signed-in'; readonly text: string }
  | { readonly kind: 'portal-refusal'; readonly reason: string; readonly text: string }
  | { readonly kind: 'idp-error'; readonly code: string; readonly text: string }
  | { readonly kind: 'stuck'; readonly text: string }
  /** The browser was sent to an address off this machine (a stale ACS or redirect URI): blocked, never fetched. */
  | { readonly kind: 'sent-off-machine'; readonly url: string; readonly text: string };

export interface LoginAttempt {
  readonly outcome: LoginOutcome;
  readonly screenshot: Buffer;
  /** Where the browser ended. */
  readonly finalUrl: string;
  readonly samlResponse?: { readonly value: string; readonly relayState?: string; readonly at: Date };
  /** The OIDC redirect back to the portal (carries a code or an error; scrub before writing). */
  readonly callbackUrl?: string;
  /** The login request the portal sent the browser to the IdP with (SAML AuthnRequest or OIDC authorization request URL). */
  readonly idpRequestUrl?: string;
  /** Top-level navigations in order: method and URL. */
  readonly navigations: readonly string[];
}

export async function launchBrowser(options: { readonly headed?: boolean } = {}): Promise<Browser> {
  if (options.headed && !displayAvailable()) {
    throw new NoDisplayError(
      '--headed needs a display, and this machine has none (neither DISPLAY nor WAYLAND_DISPLAY is set): run without --headed (the screenshots are in the evidence folder), or run on a desktop session / with X forwarding.',
    );
  }
  // Headed runs are watched by a person: slow each action down enough to follow it.
  return chromium.launch({
    executablePath: chromiumExecutable(!options.headed),
    args: CHROMIUM_ARGS,
    headless: !options.headed,
    slowMo: options.headed ? 250 : 0,
  });
}

/** Only the harness's own servers: anything else (a misconfigured ACS, an external image) is blocked, never fetched. */
export function mayLoad(url: URL): boolean {
  return url.protocol === 'data:' || url.protocol === 'about:' || isLoopbackHost(url.hostname);
}

/** One login of `seat`, from the portal's sign-on URL (or the IdP's app tile when the scenario starts there). */
export async function attemptLogin(
  browser: Browser,
  stage: ReproStage,
  seat: SeatLogin,
  options: { readonly stepTimeoutMs?: number } = {},
): Promise<LoginAttempt> {
  const stepTimeoutMs = options.stepTimeoutMs ?? STEP_TIMEOUT_MS;
  const context = await browser.newContext();
  let sentAway: (url: string) => void = () => undefined;
  const offMachine = new Promise<string>((resolve) => {
    sentAway = resolve;
  });
  await context.route(
    (url) => !mayLoad(url),
    async (route) => {
      if (route.request().isNavigationRequest()) sentAway(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(stepTimeoutMs);
    const sp = stage.account.urls.sp;
    let samlResponse: LoginAttempt['samlResponse'];
    let callbackUrl: string | undefined;
    let idpRequestUrl: string | undefined;
    const navigations: string[] = [];
    page.on('request', (request) => {
      if (!request.isNavigationRequest() || request.frame() !== page.mainFrame()) return;
      navigations.push(`${request.method()} ${request.url()}`);
      if (request.method() === 'POST' && request.url() === sp.acsUrl) {
        const form = new URLSearchParams(request.postData() ?? '');
        const value = form.get('SAMLResponse');
        const relayState = form.get('RelayState');
        if (value) samlResponse = { value, ...(relayState ? { relayState } : {}), at: new Date() };
      }
      if (request.url().startsWith(sp.oidcRedirectUri)) callbackUrl = request.url();
      if (idpRequestUrl === undefined && request.url().startsWith(`${stage.idpUrl}/`) && /[?&](SAMLRequest|client_id)=/.test(request.url()))
        idpRequestUrl = request.url();
    });
    const start =
      stage.scenario.entry === 'idp-initiated' && stage.idpUrls.protocol === 'saml' ? stage.idpUrls.idpInitiatedUrl : sp.signOnUrl;
    const outcome = await Promise.race([
      throughToLanding(page, stage, seat, start, stepTimeoutMs),
      offMachine.then((url): LoginOutcome => ({
        kind: 'sent-off-machine',
        url,
        text: `The browser was sent off this machine, to ${url.split('?')[0]} (blocked: repro never leaves 127.0.0.1). The IdP or the portal has an address configured that is not this account's.`,
      })),
    ]);
    const screenshot = await page.screenshot({ fullPage: true });
    return {
      outcome,
      screenshot,
      finalUrl: page.url(),
      ...(samlResponse ? { samlResponse } : {}),
      ...(callbackUrl ? { callbackUrl } : {}),
      ...(idpRequestUrl ? { idpRequestUrl } : {}),
      navigations,
    };
  } finally {
    await context.close();
  }
}

async function throughToLanding(
  page: Page,
  stage: ReproStage,
  seat: SeatLogin,
  start: string,
  stepTimeoutMs: number,
): Promise<LoginOutcome> {
  const flow = stage.persona.loginFlow;
  const signedIn = page.getByRole('status').filter({ hasText: 'Signed in as' });
  const landed = signedIn.or(page.getByRole('alert'));
  try {
    await page.goto(start);
    const prompt = signInPrompt(page, flow);
    await prompt.or(landed).first().waitFor();
    if (!(await landed.first().isVisible())) await signInAtIdp(page, flow, seat.idpLogin, stage.idpPassword);
    await landed.first().waitFor();
  } catch (error) {
    if ((error as Error).name !== 'TimeoutError') throw error;
    return {
      kind: 'stuck',
      text: `Nothing the user could act on appeared within ${stepTimeoutMs / 1000} s (last page: ${page.url().split('?')[0]}).`,
    };
  }
  return classify(page, stage, signedIn);
}

async function classify(page: Page, stage: ReproStage, signedIn: Locator): Promise<LoginOutcome> {
  const alertText = async (): Promise<string> => (await page.getByRole('alert').allInnerTexts()).join(' ').replace(/\s+/g, ' ').trim();
  if (new URL(page.url()).origin === stage.portalUrl) {
    if (await signedIn.isVisible()) return { kind: 'signed-in', text: (await signedIn.innerText()).replace(/\s+/g, ' ').trim() };
    const code = page.getByRole('alert').getByRole('code');
    const reason = (await code.count()) > 0 ? (await code.first().innerText()).trim() : 'unknown';
    return { kind: 'portal-refusal', reason, text: await alertText() };
  }
  const text = await alertText();
  const pageText = await page
    .locator('main')
    .innerText()
    .catch(() => text);
  return { kind: 'idp-error', code: idpErrorCode(stage.persona, pageText) ?? 'unknown', text };
}

/** Which of the persona's vendor errors the page shows (the most specific code first). */
function idpErrorCode(persona: Persona, pageText: string): string | undefined {
  const codes = Object.values(persona.errors as Readonly<Record<string, { code: string }>>).map((error) => error.code);
  return codes.sort((a, b) => b.length - a.length).find((code) => pageText.includes(code));
}

/** Whatever the IdP shows first when it wants the user to sign in (labels from the persona's login form). */
function signInPrompt(page: Page, flow: LoginFlow): Locator {
  const form = loginForm(flow);
  const prompt = page.getByLabel(form.identifierLabel, { exact: true }).or(page.getByLabel(form.passwordLabel, { exact: true }));
  return flow === 'account-chooser' ? prompt.or(page.getByRole('list', { name: 'Accounts' })) : prompt;
}

async function signInAtIdp(page: Page, flow: LoginFlow, login: string, password: string): Promise<void> {
  const form = loginForm(flow);
  const identifierField = page.getByLabel(form.identifierLabel, { exact: true });
  const passwordField = page.getByLabel(form.passwordLabel, { exact: true });
  // Whole name, any case: vendors differ in capitalisation ("Sign in" / "Sign In").
  const button = (name: string): Locator =>
    page.getByRole('button', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i') });
  if (flow === 'account-chooser') {
    const chooser = page.getByRole('list', { name: 'Accounts' });
    if (await chooser.isVisible()) {
      const known = chooser.getByRole('button', { name: login });
      await ((await known.count()) > 0 ? known.first() : chooser.getByRole('button', { name: 'Use another account' })).click();
      await identifierField.or(passwordField).first().waitFor();
    }
  }
  if (await identifierField.isVisible()) {
    await identifierField.fill(login);
    if (form.steps === 2) await button(form.nextButton).click();
  }
  await passwordField.fill(password);
  await button(form.submitButton).click();
}
