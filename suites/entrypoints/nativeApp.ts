// An OE native app signing a seat in through a browser tab (RFC 8252 §4.1): it opens the portal's
// authorization endpoint with PKCE and state, the person logs in there (email first, then the
// IdP), the app receives the redirect, checks the state, redeems the code and calls userinfo — at
// the endpoints and with the client id the provisioning API gives for the account.
// Desktop and mobile differ only in the tab they open and how the redirect comes back.
import type { BrowserContext, Page } from '@playwright/test';
import type { ProvisionedAccount } from '../../lib/index.ts';
import type { LoginFlow } from '../../mock-idps/index.ts';
import { watchRefusal } from '../driver/refusalReason.ts';
import type { PortalDriver } from '../driver/portalDriver.ts';
import type { SeatLogin } from '../fixtures.ts';
import { idpSignInPrompt, signInAtIdp, throughIdp } from '../idp/idpSignIn.ts';
import type { HarnessTarget } from '../target/harnessTarget.ts';
import type { AppRedirectReceiver } from './appRedirect.ts';
import {
  describeSymptom,
  expectOnPortal,
  symptomShown,
  type LoggedInSeat,
  type LoginFailure,
  type NativeEntryPointId,
  type Symptom,
} from './entryPoint.ts';
import {
  authorizationUrl,
  fetchMe,
  newPkce,
  newState,
  readAuthorizationRedirect,
  redeemCode,
  type AuthorizationRedirect,
  type AuthorizationRequest,
  type Pkce,
  type TokenResult,
} from './nativeClient.ts';

/** How long one browser step (a page to appear, the redirect to come back) may take; as the expect timeout. */
export const BROWSER_STEP_MS = 10_000;

/** Where a tab is, for messages: without the query, which may carry codes and state. */
function shownAt(tab: Page): string {
  const url = new URL(tab.url());
  return url.protocol === 'about:' ? url.href : `${url.origin}${url.pathname}`;
}

export interface StartLoginOptions {
  /** Rewrite the redirect URI the app sends (negative suites: another scheme, another host). */
  readonly redirectUri?: (own: string) => string;
  /** Rewrite the client id the app sends (negative suites: a near miss of its own). */
  readonly clientId?: (own: string) => string;
  /** 'S256' (what the apps do), 'plain' (challenge = verifier), 'none' (no challenge sent). */
  readonly pkce?: 'S256' | 'plain' | 'none';
}

export interface NativeAppSpec {
  readonly id: NativeEntryPointId;
  /** The app's OAuth client id, as the portal registers it (`nativeClients`). */
  readonly clientId: string;
  /** e.g. "OE desktop app". */
  readonly name: string;
  readonly target: HarnessTarget;
  /** The account whose seat signs in: its native endpoints and login pages. */
  readonly account: ProvisionedAccount;
  readonly loginFlow: LoginFlow;
  /** The browser the app signs in through: the system browser (desktop) or the device's in-app browser (mobile). */
  readonly browser: BrowserContext;
  /** Get ready to receive the redirect in `tab`, before the app opens its authorization request there. */
  receiveRedirect(tab: Page): Promise<AppRedirectReceiver>;
  /**
   * Mobile: the OS dismisses the in-app tab once it hands the redirect to the app, so the next
   * login opens a new one. (Chromium agrees: a tab whose navigation went on to a private-use
   * scheme after a form post may never submit a form again.) Desktop: the system browser's tab is reused.
   */
  readonly handOverEndsTab: boolean;
}

/** The portal's answer to the authorization request as the tab got it, or null when it went straight back to the app. */
export interface AuthorizeAnswer {
  readonly status: number;
  readonly url: string;
}

export class NativeLogin {
  readonly tab: Page;
  readonly portal: PortalDriver;
  readonly request: AuthorizationRequest;
  /** Secret of this login: never attached. */
  readonly pkce: Pkce;
  readonly authorizeUrl: string;
  readonly #app: NativeAppSpec;
  readonly #receiver: AppRedirectReceiver;
  #authorizeAnswer: AuthorizeAnswer | null = null;

  constructor(app: NativeAppSpec, tab: Page, receiver: AppRedirectReceiver, request: AuthorizationRequest, pkce: Pkce) {
    this.#app = app;
    this.tab = tab;
    this.portal = app.target.driver(tab, app.account);
    this.#receiver = receiver;
    this.request = request;
    this.pkce = pkce;
    this.authorizeUrl = authorizationUrl(app.account.urls.native.authorize, request);
  }

  get authorizeAnswer(): AuthorizeAnswer | null {
    return this.#authorizeAnswer;
  }

  /** Whether anything (code or error) has come back to the app. */
  get appReceivedRedirect(): boolean {
    return this.#receiver.received;
  }

  async open(): Promise<void> {
    const navigation = this.tab.goto(this.authorizeUrl).then(
      (response) => ({ response }),
      (error: unknown) => ({ error }),
    );
    // A redirect straight to the app's private-use scheme never finishes loading in the tab: the hand-over is the answer.
    const handedOver = this.#receiver
      .next(
        BROWSER_STEP_MS,
        () =>
          `The ${this.#app.name}'s authorization request did not load in its browser tab within ${BROWSER_STEP_MS / 1000} s (${shownAt(this.tab)}).`,
      )
      .then(() => 'app' as const);
    const first = await Promise.race([navigation, handedOver]);
    if (first === 'app') return;
    if ('error' in first) {
      if (this.#receiver.received) return;
      throw first.error;
    }
    this.#authorizeAnswer = first.response ? { status: first.response.status(), url: first.response.url() } : null;
  }

  /** The redirect that came (or comes, within one browser step) back to the app. */
  async redirect(): Promise<AuthorizationRedirect> {
    const url = await this.#receiver.next(
      BROWSER_STEP_MS,
      () =>
        `Nothing came back to the ${this.#app.name} at ${this.request.redirectUri} within ${BROWSER_STEP_MS / 1000} s; its browser tab shows ${shownAt(this.tab)}.`,
    );
    return readAuthorizationRedirect(url);
  }

  /** The person in the tab: email first at the portal, then the IdP (signing in if it asks), until the app has its redirect. */
  async continueAs(seat: SeatLogin): Promise<AuthorizationRedirect> {
    if ((await this.#nextOf('the portal login page', this.portal.login.email)) === 'page') {
      await this.portal.login.continueWithEmailOnThisPage(seat.email);
      if ((await this.#nextOf('the IdP sign-in page', idpSignInPrompt(this.tab, this.#app.loginFlow).first())) === 'page') {
        await signInAtIdp(this.tab, this.#app.loginFlow, seat.idpUser);
      }
    }
    return this.redirect();
  }

  /** The person tries; the tab ends on `symptom`, and nothing comes back to the app. */
  async failsAs(seat: SeatLogin, symptom: Symptom): Promise<LoginFailure> {
    if ((await this.#nextOf('the portal login page', this.portal.login.email)) === 'app') {
      throw new Error(
        `Expected the ${this.#app.name} login of ${seat.email} to fail (${describeSymptom(symptom)}), but the app got a ${(await this.redirect()).kind} back before any login: is a portal session still live in its browser?`,
      );
    }
    const watch = await watchRefusal(this.#app.target, this.#app.account.accountId, this.tab);
    await this.portal.login.continueWithEmailOnThisPage(seat.email);
    await throughIdp(this.tab, this.#app.loginFlow, seat.idpUser, symptomShown(this.portal, symptom));
    if (this.appReceivedRedirect)
      throw new Error(
        `The ${this.#app.name} received a redirect although the login of ${seat.email} failed (${describeSymptom(symptom)}).`,
      );
    if (symptom.at === 'portal') {
      await expectOnPortal(this.portal, `the ${this.#app.name} login of ${seat.email}`);
      await watch.judge([symptom.reason], `${this.#app.name} login of ${seat.email} refused (${describeSymptom(symptom)})`);
    }
    return { symptom, shown: (await this.tab.locator('body').innerText()).trim() };
  }

  /** The token request for `code` with this login's client id, verifier and redirect URI, unless overridden (null: leave it out). */
  redeem(
    code: string,
    overrides: { readonly codeVerifier?: string | null; readonly redirectUri?: string | null; readonly clientId?: string } = {},
  ): Promise<TokenResult> {
    const verifier = overrides.codeVerifier === undefined ? this.pkce.verifier : overrides.codeVerifier;
    const redirectUri = overrides.redirectUri === undefined ? this.request.redirectUri : overrides.redirectUri;
    return redeemCode(this.#app.account.urls.native.token, {
      clientId: overrides.clientId ?? this.request.clientId,
      code,
      ...(redirectUri === null ? {} : { redirectUri }),
      ...(verifier === null ? {} : { codeVerifier: verifier }),
    });
  }

  /** The app stops listening for this login's redirect (RFC 8252 §7.3: one listener per login). */
  async stopListening(): Promise<void> {
    await this.#receiver.close();
  }

  /** Which comes first: `page` showing in the tab, or the redirect reaching the app (e.g. a live portal session). */
  async #nextOf(what: string, page: { waitFor(options: { timeout: number }): Promise<void> }): Promise<'page' | 'app'> {
    try {
      return await Promise.any([
        page.waitFor({ timeout: BROWSER_STEP_MS }).then(() => 'page' as const),
        this.#receiver.next(BROWSER_STEP_MS, () => 'late').then(() => 'app' as const),
      ]);
    } catch {
      throw new Error(
        `The ${this.#app.name}'s browser tab showed neither ${what} nor went back to the app within ${BROWSER_STEP_MS / 1000} s; it shows ${shownAt(this.tab)}.`,
      );
    }
  }
}

export class NativeApp {
  readonly id: NativeEntryPointId;
  readonly name: string;
  readonly #spec: NativeAppSpec;
  #tab: Page | undefined;
  #lastLogin: NativeLogin | undefined;
  /** A login left a portal session in this device's browser (the web login the tab went through). */
  #portalSession = false;

  constructor(spec: NativeAppSpec) {
    this.#spec = spec;
    this.id = spec.id;
    this.name = spec.name;
  }

  /** Opens the browser tab at the portal's authorization endpoint, with a fresh state and PKCE pair. */
  async startLogin(options: StartLoginOptions = {}): Promise<NativeLogin> {
    const tab = await this.browserTab();
    const receiver = await this.#spec.receiveRedirect(tab);
    const pkce = newPkce();
    const method = options.pkce ?? 'S256';
    const request: AuthorizationRequest = {
      clientId: options.clientId ? options.clientId(this.#spec.clientId) : this.#spec.clientId,
      redirectUri: options.redirectUri ? options.redirectUri(receiver.redirectUri) : receiver.redirectUri,
      state: newState(),
      ...(method === 'none' ? {} : { codeChallenge: method === 'plain' ? pkce.verifier : pkce.challenge, codeChallengeMethod: method }),
    };
    const login = new NativeLogin(this.#spec, tab, receiver, request, pkce);
    this.#lastLogin = login;
    await login.open();
    return login;
  }

  /** The whole app login as the app does it; throws with what went wrong at which step. */
  async logIn(seat: SeatLogin): Promise<LoggedInSeat> {
    return (await this.signIn(seat)).seat;
  }

  /** The app login, keeping the access token the app holds afterwards (a secret: never attached). */
  async signIn(seat: SeatLogin): Promise<{ readonly seat: LoggedInSeat; readonly accessToken: string }> {
    const login = await this.startLogin();
    let redirect: AuthorizationRedirect;
    try {
      redirect = await login.continueAs(seat);
    } finally {
      await login.stopListening();
    }
    if (redirect.kind !== 'code')
      throw new Error(`The ${this.name} got "${redirect.error}" back instead of a code for ${seat.email}: ${redirect.description}`);
    // RFC 6749 §10.12: a response whose state is not this login's is not this login's.
    if (redirect.state !== login.request.state)
      throw new Error(`The ${this.name} got a code with another state than its request's: it refuses it (RFC 6749 §10.12).`);
    this.#portalSession = true;
    const token = await login.redeem(redirect.code);
    if (!token.ok)
      throw new Error(
        `The ${this.name}'s token request for ${seat.email} was refused: ${token.status} ${token.error}: ${token.description}`,
      );
    const me = await fetchMe(this.#spec.account.urls.native.userinfo, token.accessToken);
    if (!me.ok) throw new Error(`The ${this.name}'s userinfo call for ${seat.email} was refused: ${me.status} ${me.error}.`);
    return { seat: { ...me.me, seenOn: `the app's userinfo (${this.#spec.clientId})` }, accessToken: token.accessToken };
  }

  async expectFails(seat: SeatLogin, symptom: Symptom): Promise<LoginFailure> {
    const login = await this.startLogin();
    try {
      return await login.failsAs(seat, symptom);
    } finally {
      await login.stopListening();
    }
  }

  /**
   * Signing in through the browser also left a portal session there; signing out of the app ends
   * it, so that "nobody is logged in" holds for every entry point. The app's access token goes
   * with the app's state.
   */
  async logOut(): Promise<void> {
    if (!this.#portalSession) return;
    await this.#spec.target.driver(await this.browserTab(), this.#spec.account).home.goHomeAndLogOut();
    this.#portalSession = false;
  }

  /**
   * The app's browser tab, where its next login opens: the one open in the device's browser, or a new one (a tab costs a renderer process).
   */
  async browserTab(): Promise<Page> {
    if (this.#tab && this.#spec.handOverEndsTab && this.#lastLogin?.appReceivedRedirect) {
      await this.#tab.close();
      this.#tab = undefined;
      this.#lastLogin = undefined;
    }
    this.#tab ??= await this.#spec.browser.newPage();
    return this.#tab;
  }
}
