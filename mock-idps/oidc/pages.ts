// Vendor-shaped HTML the OIDC personas show: login steps (Entra: email then password; Okta:
// username and password; Google: email first, its account chooser for accounts signed in here;
// Auth0: universal login), the consent screen (prompt=consent) and error pages with the vendor's codes. Labels are persona data
// (facts.signIn) so suites fill forms by label, not CSS.
import { escapeHtml } from '../../lib/index.ts';
import type { LoginFlow, Vendor, VendorError } from '../types.ts';

import { loginForm, VENDOR_PERSONAS, vendorFacts } from '../personas/index.ts';
import { passwordNote } from '../testPageNote.ts';

/** Fill `{name}` placeholders of a vendor message. */
export function fillMessage(message: string, values: Readonly<Record<string, string>>): string {
  return message.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}

function vendorPage(vendor: Vendor, title: string, body: string): string {
  const brand = vendorFacts(vendor).brand;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;background:#f4f4f4;margin:0}main{max-width:26rem;margin:4rem auto;background:#fff;padding:2rem;box-shadow:0 2px 6px rgba(0,0,0,.2)}
label{display:block;margin:1rem 0 .25rem}input{width:100%;padding:.5rem;box-sizing:border-box}button{margin-top:1rem;padding:.5rem 1.5rem;background:${brand.colour};color:#fff;border:0}
.alert{color:#a80000}.brand{font-weight:bold;color:${brand.colour}}.account{display:block;width:100%;text-align:left;background:#fff;color:#202124;border:1px solid #dadce0}
.harness{margin-top:2rem;font-size:.8rem;color:#555}</style></head>
<body><main><p class="brand">${escapeHtml(brand.name)} <small>(sso-harness mock IdP)</small></p>${body}</main></body></html>`;
}

export interface LoginPageInput {
  readonly vendor: Vendor;
  readonly flow: LoginFlow;
  readonly action: string;
  readonly appName: string;
  readonly step: 'identifier' | 'password' | 'chooser' | 'consent';
  /** Identifier already given (password step of two-step flows). */
  readonly login?: string;
  /** Accounts remembered in this browser (Google account chooser). */
  readonly rememberedAccounts?: readonly string[];
  readonly error?: string;
  /** The test users' password, shown on the page (`sso-harness demo` only). */
  readonly passwordHint?: string;
}

function alert(error: string | undefined): string {
  return error ? `<p role="alert" class="alert">${escapeHtml(error)}</p>` : '';
}

export function renderLoginPage(input: LoginPageInput): string {
  const form = loginForm(input.flow);
  const page = (vendor: Vendor, title: string, content: string): string =>
    vendorPage(vendor, title, content + passwordNote(input.passwordHint));
  const action = escapeHtml(input.action);
  const identifierInput = `<label for="identifier">${escapeHtml(form.identifierLabel)}</label>
<input id="identifier" name="${escapeHtml(form.identifierField)}" type="text" autocomplete="username" required value="${escapeHtml(input.login ?? '')}">`;
  const passwordInput = `<label for="password">${escapeHtml(form.passwordLabel)}</label>
<input id="password" name="${escapeHtml(form.passwordField)}" type="password" autocomplete="current-password" required>`;
  const intro = `<p>to continue to ${escapeHtml(input.appName)}</p>`;
  if (input.step === 'consent') {
    const heading = fillMessage(form.consent.heading, { app: input.appName });
    return page(
      input.vendor,
      heading,
      `<h1>${escapeHtml(heading)}</h1><p>${escapeHtml(input.login ?? '')}</p>${alert(input.error)}
<form method="post" action="${action}"><button type="submit" name="consent" value="accept">${escapeHtml(form.consent.accept)}</button>
<button type="submit" name="consent" value="deny">${escapeHtml(form.consent.deny)}</button></form>`,
    );
  }
  if (input.step === 'chooser') {
    const accounts = (input.rememberedAccounts ?? [])
      .map(
        (email) =>
          `<button class="account" type="submit" name="${escapeHtml(form.identifierField)}" value="${escapeHtml(email)}">${escapeHtml(email)}</button>`,
      )
      .join('\n');
    return page(
      input.vendor,
      'Sign in - Google Accounts',
      `<h1>Choose an account</h1>${intro}${alert(input.error)}
<form method="post" action="${action}">${accounts}</form>
<form method="post" action="${action}"><button type="submit" name="use_another" value="1">Use another account</button></form>`,
    );
  }
  if (input.step === 'password') {
    return page(
      input.vendor,
      form.passwordHeading,
      `<h1>${escapeHtml(form.passwordHeading)}</h1><p>${escapeHtml(input.login ?? '')}</p>${alert(input.error)}
<form method="post" action="${action}"><input type="hidden" name="${escapeHtml(form.identifierField)}" value="${escapeHtml(input.login ?? '')}">
${passwordInput}<button type="submit">${escapeHtml(form.submitButton)}</button></form>`,
    );
  }
  const fields = form.steps === 1 ? `${identifierInput}${passwordInput}` : identifierInput;
  const button = form.steps === 1 ? form.submitButton : form.nextButton;
  return page(
    input.vendor,
    form.heading,
    `<h1>${escapeHtml(form.heading)}</h1>${intro}${alert(input.error)}
<form method="post" action="${action}">${fields}<button type="submit">${escapeHtml(button)}</button></form>`,
  );
}

export interface ErrorPageInput {
  readonly vendor: Vendor;
  readonly error: VendorError;
  readonly values: Readonly<Record<string, string>>;
  /** For the person testing with the harness: what to change. */
  readonly hint: string;
}

export function renderErrorPage(input: ErrorPageInput): string {
  const title = fillMessage(input.error.title, input.values);
  const message = fillMessage(input.error.message, input.values);
  const code = input.error.code;
  // Entra writes "AADSTS…: message"; the other vendors show the code beside the message.
  const text = message.includes(code) || !VENDOR_PERSONAS[input.vendor].oidc.errorStyle.codeInPageMessage ? message : `${code}: ${message}`;
  const codeLine = text.includes(code) ? '' : `<p>Error code: <code>${escapeHtml(code)}</code></p>`;
  return vendorPage(
    input.vendor,
    title,
    `<h1>${escapeHtml(title)}</h1>
<p role="alert" class="alert">${escapeHtml(text)}</p>${codeLine}
<p class="harness">Mock ${escapeHtml(vendorFacts(input.vendor).brand.name)} persona (sso-harness): ${escapeHtml(input.hint)}</p>`,
  );
}
