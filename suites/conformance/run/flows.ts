// The login flows a scenario drives, at the HTTP level and at the URLs the provisioning API gave:
// start at the account's sign-on URL (or at the IdP), sign in at the IdP, post the SAML response the
// IdP's auto-POST form carries, follow the OIDC redirect, and — for the native app — redeem the
// code at the portal's token endpoint.
import { createHash, randomBytes } from 'node:crypto';
import { PERSONAS } from '../../../mock-idps/index.ts';
import type { SamlPersonaId } from '../../../mock-idps/index.ts';
import { parseForms } from '../../../lib/index.ts';
import type { HttpBrowser, HttpPage } from '../../../lib/index.ts';
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

/** SP-initiated: the account's sign-on URL (optionally with the page to land on, in the target's return parameter), the IdP, back. */
export async function spInitiatedLogin(
  browser: HttpBrowser,
  account: MatrixAccount,
  login: IdpLogin,
  returnTo?: string,
): Promise<HttpPage> {
  const start = new URL(account.sp.signOnUrl);
  if (returnTo !== undefined) {
    const parameter = account.provisioned.returnTo?.parameter;
    if (parameter === undefined)
      throw new Error('The target names no return parameter (returnTo in the provisioning answer): a return path cannot be given.');
    start.searchParams.set(parameter, returnTo);
  }
  return throughIdp(browser, account, await browser.open(start.toString()), login);
}

/** IdP-initiated (SAML): the user clicks the app tile at the IdP. */
export async function idpInitiatedLogin(browser: HttpBrowser, account: MatrixAccount, login: IdpLogin): Promise<HttpPage> {
  const tile = account.idp.samlUrls(account.persona as SamlPersonaId).idpInitiatedUrl;
  return throughIdp(browser, account, await browser.open(tile), login);
}

// --- the OE desktop app (RFC 8252 §7.3 loopback redirect, RFC 7636 PKCE) --------------------------

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

/** The desktop app's authorization request at the account's authorization endpoint. */
export function authorizeUrl(account: MatrixAccount, redirectUri: string, challenge: string, state: string): string {
  const url = new URL(account.provisioned.urls.native.authorize);
  for (const [name, value] of Object.entries({
    client_id: account.provisioned.nativeClients.desktop.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
  })) {
    url.searchParams.set(name, value);
  }
  return url.toString();
}

/** The app opens the system browser at the authorization endpoint; the seat logs in (email first, then SSO). */
export async function nativeAuthorize(browser: HttpBrowser, account: MatrixAccount, login: IdpLogin): Promise<NativeAuthorization> {
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(12).toString('base64url');
  const first = await browser.open(authorizeUrl(account, DESKTOP_REDIRECT_URI, challenge, state));
  const atIdp =
    account.http.onPortal(first) && account.http.emailStep(first)
      ? await account.http.continueWithEmail(browser, first, login.email)
      : first;
  const page = await throughIdp(browser, account, atIdp, login);
  const back = page.notFollowed === 'stopped' ? new URL(page.url) : undefined;
  const code = back && back.searchParams.get('state') === state ? (back.searchParams.get('code') ?? undefined) : undefined;
  return { page, verifier, ...(code === undefined ? {} : { code }) };
}

/** The desktop app's token request at the account's token endpoint. */
export function redeemNativeCode(
  browser: HttpBrowser,
  account: MatrixAccount,
  code: string,
  verifier: string | undefined,
): Promise<HttpPage> {
  return browser.post(account.provisioned.urls.native.token, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: DESKTOP_REDIRECT_URI,
    client_id: account.provisioned.nativeClients.desktop.clientId,
    ...(verifier === undefined ? {} : { code_verifier: verifier }),
  });
}
