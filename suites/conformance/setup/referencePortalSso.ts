// Fast path for the reference portal: configure and enable SSO as the account's admin over HTTP
// (the same forms the UI driver fills — password login, "Save SSO configuration", "Enable SSO" with
// its confirmation), in ~100 ms instead of seconds per account. The conformance matrix needs ~20
// accounts per worker; the UI path itself is certified by the lifecycle suite. Form field names are
// the reference portal's (they are its SSO library's input names); a real OE target would configure
// its matrix accounts through the PortalDriver instead.
import type { Credentials } from '../../target/targetConfig.ts';
import type { Vendor } from '../../../mock-idps/types.ts';
import { formWithButton, parseForms, submission, visibleText } from '../http/htmlForms.ts';
import type { HttpBrowser, HttpPage } from '../http/httpBrowser.ts';

export type SsoFastSetup =
  | {
      readonly protocol: 'saml';
      readonly vendor: Vendor;
      readonly metadataUrl: string;
      readonly requireSignedResponse: boolean;
      readonly requireSignedAssertion: boolean;
      readonly allowIdpInitiated: boolean;
    }
  | {
      readonly protocol: 'oidc';
      readonly vendor: Vendor;
      readonly issuer: string;
      readonly clientId: string;
      /** Secret: posted to the portal only, never logged or attached. */
      readonly clientSecret: string;
      /** Google: the Workspace domain the ID token's `hd` must name. */
      readonly hostedDomain?: string;
    };

const path = (page: HttpPage): string => new URL(page.url).pathname;

function problemsOn(page: HttpPage): string {
  const alerts = [...page.html.matchAll(/<[^>]+role="alert"[^>]*>([\s\S]*?)<\/(?:div|p|section)>/g)].map((m) => visibleText(m[1] ?? ''));
  return alerts.length > 0 ? alerts.join(' | ') : visibleText(page.html).slice(0, 300);
}

function expectLanded(page: HttpPage, wanted: string, doing: string): void {
  if (page.status !== 200 || path(page) !== wanted) {
    throw new Error(`Setting up a matrix account: ${doing} ended on ${page.url} (HTTP ${page.status}) instead of ${wanted}: ${problemsOn(page)}`);
  }
}

export async function logInWithPassword(browser: HttpBrowser, portalUrl: string, seat: Credentials): Promise<void> {
  const form = await browser.open(`${portalUrl}/login/password?email=${encodeURIComponent(seat.email)}`);
  const home = await browser.submit(form, 'Log in', { email: seat.email, password: seat.password });
  expectLanded(home, '/home', `the password login of ${seat.email}`);
}

export async function logOut(browser: HttpBrowser, portalUrl: string): Promise<void> {
  const home = await browser.open(`${portalUrl}/home`);
  if (path(home) !== '/home') return;
  const after = await browser.submit(home, 'Log out');
  expectLanded(after, '/login', 'logging out');
}

function ssoFields(setup: SsoFastSetup): Record<string, string> {
  if (setup.protocol === 'saml') {
    return {
      protocol: 'saml', vendor: setup.vendor, metadataSource: 'url', metadataUrl: setup.metadataUrl,
      ...(setup.requireSignedResponse ? { requireSignedResponse: 'on' } : {}),
      ...(setup.requireSignedAssertion ? { requireSignedAssertion: 'on' } : {}),
      ...(setup.allowIdpInitiated ? { allowIdpInitiated: 'on' } : {}),
    };
  }
  return { protocol: 'oidc', vendor: setup.vendor, issuer: setup.issuer, clientId: setup.clientId, clientSecret: setup.clientSecret, hostedDomain: setup.hostedDomain ?? '' };
}

const CHECKBOXES = ['requireSignedResponse', 'requireSignedAssertion', 'allowIdpInitiated'];

/** Log in as the admin, save the SSO configuration, enable it (confirming any warning), log out. */
export async function configureAndEnableSso(browser: HttpBrowser, portalUrl: string, admin: Credentials, setup: SsoFastSetup): Promise<void> {
  await logInWithPassword(browser, portalUrl, admin);
  const account = await browser.open(`${portalUrl}/account`);
  const save = formWithButton(parseForms(account.html), 'Save SSO configuration');
  if (!save) throw new Error(`Setting up a matrix account: ${account.url} shows no "Save SSO configuration" form.`);
  const fields = submission(save.form, save.button);
  for (const name of CHECKBOXES) delete fields[name];
  const saved = await browser.post(new URL(save.form.action, account.url).toString(), { ...fields, ...ssoFields(setup) });
  expectLanded(saved, '/account', 'saving the SSO configuration');
  const confirm = await browser.submit(saved, 'Enable SSO');
  const enabled = await browser.submit(confirm, /^(Yes, enable SSO|Enable SSO anyway)$/);
  expectLanded(enabled, '/account', 'enabling SSO');
  if (!/aria-checked="true"/.test(enabled.html)) throw new Error(`Setting up a matrix account: SSO is still off after enabling: ${problemsOn(enabled)}`);
  await logOut(browser, portalUrl);
}
