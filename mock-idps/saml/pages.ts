// The HTML a SAML persona shows: the vendor's login flow, its error pages (with the vendor's
// codes), and the auto-POST form back to the ACS. Accessible by construction: every input has
// a <label>, every step a heading, errors use role="alert" — the Playwright suites find them
// with getByLabel / getByRole, as a person would.
import { escapeHtml } from '../../lib/index.ts';
import type { DirectoryUser, SamlPersona, Vendor, VendorError } from '../types.ts';
import { vendorFacts } from '../personas/index.ts';
import { passwordNote } from '../testPageNote.ts';

function vendorLayout(vendor: Vendor, title: string, body: string): string {
  const brand = vendorFacts(vendor).brand;
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    `<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}header{color:${brand.colour};font-weight:bold}` +
    `label{display:block;margin-top:1rem}input{width:100%;padding:.4rem}button{margin-top:1rem;padding:.5rem 1rem}[role=alert]{color:#a80000}</style></head>` +
    `<body><header>${escapeHtml(brand.name)} <small>(sso-harness mock IdP)</small></header><main>${body}</main></body></html>`
  );
}

/** Hidden fields that carry the pending login through the vendor's steps. */
function hidden(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
}

const alert = (message?: string): string => (message ? `<p role="alert">${escapeHtml(message)}</p>` : '');

export interface LoginPageInput {
  readonly persona: SamlPersona;
  readonly action: string;
  readonly pending: string;
  readonly appName: string;
  /** Account chooser (Google): the accounts signed in with in this browser, never the whole directory. */
  readonly users: readonly DirectoryUser[];
  /** For two-step flows: the sign-in name already given. */
  readonly login?: string;
  readonly step?: 'identifier' | 'password' | 'chooser';
  readonly error?: string;
  /** The test users' password, shown on the page (`sso-harness demo` only). */
  readonly passwordHint?: string;
}

/** The vendor's sign-in page for the current step. */
export function loginPage(input: LoginPageInput): string {
  const { persona, action, pending } = input;
  // The page wears the persona's brand; the steps below follow its login flow.
  const layout = (title: string, content: string): string =>
    vendorLayout(persona.vendor, title, content + passwordNote(input.passwordHint));
  const form = (fields: string, button: string, extra: Record<string, string> = {}): string =>
    `<form method="post" action="${escapeHtml(action)}">${hidden({ p: pending, ...extra })}${fields}<button type="submit">${escapeHtml(button)}</button></form>`;
  const password = (label: string): string =>
    `<label for="password">${escapeHtml(label)}</label><input id="password" name="password" type="password" autocomplete="current-password" required>`;
  switch (persona.loginFlow) {
    case 'email-then-password':
      if (input.step === 'password' && input.login) {
        return layout(
          'Sign in to your account',
          `<h1>Enter password</h1><p>${escapeHtml(input.login)}</p>${alert(input.error)}` +
            form(password('Password'), 'Sign in', { login: input.login, step: 'password' }),
        );
      }
      return layout(
        'Sign in to your account',
        `<h1>Sign in</h1><p>to continue to ${escapeHtml(input.appName)}</p>${alert(input.error)}` +
          form(
            '<label for="login">Email, phone, or Skype</label><input id="login" name="login" type="email" autocomplete="username" required>',
            'Next',
            { step: 'identifier' },
          ),
      );
    case 'username-and-password':
      return layout(
        `${input.appName} - Sign In`,
        `<h1>Sign In</h1>${alert(input.error)}` +
          form(
            '<label for="login">Username</label><input id="login" name="login" autocomplete="username" required>' + password('Password'),
            'Sign In',
            { step: 'password' },
          ),
      );
    case 'account-chooser':
      if (input.step === 'password' && input.login) {
        return layout(
          'Sign in - Google Accounts',
          `<h1>Welcome</h1><p>${escapeHtml(input.login)}</p>${alert(input.error)}` +
            form(password('Enter your password'), 'Next', { login: input.login, step: 'password' }),
        );
      }
      if (input.step === 'identifier') {
        return layout(
          'Sign in - Google Accounts',
          `<h1>Sign in</h1><p>to continue to ${escapeHtml(input.appName)}</p>${alert(input.error)}` +
            form(
              '<label for="login">Email or phone</label><input id="login" name="login" type="email" autocomplete="username" required>',
              'Next',
              { step: 'identifier' },
            ),
        );
      }
      return layout(
        'Sign in - Google Accounts',
        `<h1>Choose an account</h1><p>to continue to ${escapeHtml(input.appName)}</p>${alert(input.error)}` +
          `<ul aria-label="Accounts">${input.users.map((u) => `<li><form method="post" action="${escapeHtml(action)}">${hidden({ p: pending, step: 'chooser', login: u.email })}<button type="submit">${escapeHtml(u.displayName)} ${escapeHtml(u.email)}</button></form></li>`).join('')}` +
          `<li><form method="post" action="${escapeHtml(action)}">${hidden({ p: pending, step: 'use-another' })}<button type="submit">Use another account</button></form></li></ul>`,
      );
    case 'universal-login':
      return layout(
        `Log in | ${input.appName}`,
        `<h1>Welcome</h1><p>Log in to continue to ${escapeHtml(input.appName)}.</p>${alert(input.error)}` +
          form(
            '<label for="login">Email address</label><input id="login" name="login" type="email" autocomplete="username" required>' +
              password('Password'),
            'Continue',
            { step: 'password' },
          ),
      );
  }
}

/** Wrong password / unknown user, in the vendor's words. */
export function badCredentialsMessage(persona: SamlPersona, unknownUser: boolean): string {
  return unknownUser ? persona.signInErrors.unknownUser : persona.signInErrors.wrongPassword;
}

/** Fill `{acs}`, `{spEntityId}`, … in a vendor error message. */
export function fillMessage(message: string, values: Readonly<Record<string, string>>): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The vendor's error page: its code, its words, plus one line on what to change. */
export function errorPage(persona: SamlPersona, error: VendorError, values: Readonly<Record<string, string>>, hint: string): string {
  const message = fillMessage(error.message, values);
  return vendorLayout(
    persona.vendor,
    error.title,
    `<h1>${escapeHtml(error.title)}</h1><div role="alert"><p><strong>${escapeHtml(error.code)}</strong>: ${escapeHtml(message)}</p></div>` +
      `<p>What to change: ${escapeHtml(hint)}</p>`,
  );
}

export function simplePage(persona: SamlPersona, title: string, message: string): string {
  return vendorLayout(persona.vendor, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}

/** HTTP-POST binding (SAML Bindings §3.5.4): the browser posts the response to the ACS. */
export function autoPostForm(persona: SamlPersona, acs: string, samlResponse: string, relayState: string | undefined): string {
  return vendorLayout(
    persona.vendor,
    'Working...',
    `<h1>Signing you in</h1><form method="post" action="${escapeHtml(acs)}" id="saml-post">` +
      hidden({ SAMLResponse: samlResponse, ...(relayState !== undefined ? { RelayState: relayState } : {}) }) +
      `<noscript><p>Script is disabled. Select Continue to finish signing in.</p></noscript><button type="submit">Continue</button></form>` +
      '<script>document.getElementById("saml-post").submit()</script>',
  );
}
