// The login flows a scenario drives, at the HTTP level: start at the portal (or at the IdP), sign
// in at the IdP, post the SAML response the IdP's auto-POST form carries, follow the OIDC
// redirect, and — for the native app — redeem the code at the portal's token endpoint.
import { createHash, randomBytes } from 'node:crypto';
import { PERSONAS } from '../../../mock-idps/personas/index.ts';
import type { SamlPersonaId } from '../../../mock-idps/control/client.ts';
import { parseForms, formWithButton } from '../http/htmlForms.ts';
import type { HttpBrowser, HttpPage } from '../http/httpBrowser.ts';
import { signInOverHttp, type IdpLogin } from '../http/idpSignInOverHttp.ts';
import type { MatrixAccount } from '../setup/matrixAccounts.ts';

/** The HTTP-POST binding (SAML bindings §3.5.4): what the browser's script does with the auto-POST form. */
export async function postSamlResponse(browser: HttpBrowser, page: HttpPage): Promise<HttpPage> {
  const form = parseForms(page.html).find((candidate) => candidate.values.has('SAMLResponse'));
  if (!form) return page;
  return browser.submitForm(page, form, undefined);
}

/** Through the IdP (sign in if it asks), then back to the SP with whatever the IdP sends. */
export async function throughIdp(browser: HttpBrowser, account: MatrixAccount, atIdp: HttpPage, login: IdpLogin): Promise<HttpPage> {
  const signedIn = await signInOverHttp(browser, atIdp, PERSONAS[account.persona].loginFlow, login);
  return postSamlResponse(browser, signedIn);
}

/** SP-initiated: the portal's sign-on URL (optionally with a return URL), the IdP, back. */
export async function spInitiatedLogin(browser: HttpBrowser, account: MatrixAccount, login: IdpLogin, returnTo?: string): Promise<HttpPage> {
  const start = new URL(account.sp.signOnUrl);
  if (returnTo !== undefined) start.searchParams.set('return_to', returnTo);
  return throughIdp(browser, account, await browser.open(start.toString()), login);
}

/** IdP-initiated (SAML): the user clicks the app tile at the IdP. */
export async function idpInitiatedLogin(browser: HttpBrowser, account: MatrixAccount, login: IdpLogin): Promise<HttpPage> {
  const tile = account.idp.samlUrls(account.persona as SamlPersonaId).idpInitiatedUrl;
  return throughIdp(browser, account, await browser.open(tile), login);
}

/** Test SSO as the admin (who must be logged in in this browser): the result page. */
export async function testSso(browser: HttpBrowser, account: MatrixAccount, portalUrl: string): Promise<HttpPage> {
  const page = await browser.open(`${portalUrl}/account`);
  const test = formWithButton(parseForms(page.html), 'Test SSO');
  if (!test) throw new Error(`The account page ${page.url} shows no "Test SSO" button (HTTP ${page.status}).`);
  return throughIdp(browser, account, await browser.submitForm(page, test.form, test.button), account.admin);
}

/** The admin (logged in) presses "Save SSO configuration" on the form as the portal shows it. */
export async function saveConfigurationUnchanged(browser: HttpBrowser, portalUrl: string): Promise<HttpPage> {
  const page = await browser.open(`${portalUrl}/account`);
  return browser.submit(page, 'Save SSO configuration');
}

// --- the OE desktop app (RFC 8252 §7.3 loopback redirect, RFC 7636 PKCE) --------------------------

export const DESKTOP_CLIENT_ID = 'oe-desktop';
/** Never listened on and never requested: the browser stops at it (HttpBrowser `stopAt`). */
export const DESKTOP_REDIRECT_URI = 'http://127.0.0.1:47613/oauth2/callback';

export interface NativeAuthorization {
  readonly page: HttpPage;
  readonly code?: string;
  readonly verifier: string;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function isDesktopRedirect(url: URL): boolean {
  return url.href.startsWith(DESKTOP_REDIRECT_URI);
}

export function authorizeUrl(portalUrl: string, redirectUri: string, challenge: string, state: string): string {
  const url = new URL('/oauth/authorize', portalUrl);
  url.search = new URLSearchParams({ client_id: DESKTOP_CLIENT_ID, redirect_uri: redirectUri, response_type: 'code', code_challenge: challenge, code_challenge_method: 'S256', state }).toString();
  return url.toString();
}

/** The app opens the system browser at /oauth/authorize; the seat logs in (email first, then SSO). */
export async function nativeAuthorize(browser: HttpBrowser, account: MatrixAccount, portalUrl: string, login: IdpLogin): Promise<NativeAuthorization> {
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(12).toString('base64url');
  const emailStep = await browser.open(authorizeUrl(portalUrl, DESKTOP_REDIRECT_URI, challenge, state));
  const atIdp = emailStep.status === 200 && new URL(emailStep.url).pathname === '/login' ? await browser.submit(emailStep, 'Continue', { email: login.email }) : emailStep;
  const page = await throughIdp(browser, account, atIdp, login);
  const back = page.notFollowed === 'stopped' ? new URL(page.url) : undefined;
  const code = back && back.searchParams.get('state') === state ? back.searchParams.get('code') ?? undefined : undefined;
  return { page, verifier, ...(code === undefined ? {} : { code }) };
}
