// Signing in at a mock IdP over HTTP, as a person would: the persona's login flow (labels and
// buttons from the persona data, facts.signIn), the Google account chooser, two-step flows. Stops
// as soon as the page is not a sign-in step any more (the auto-POST back to the SP, a redirect
// back to the portal, or an IdP error page).
import { TEST_USER_PASSWORD, loginForm } from '../../../mock-idps/index.ts';
import type { LoginFlow } from '../../../mock-idps/index.ts';
import { formWithButton, formWithLabel, inputNameFor, parseForms } from '../../../lib/index.ts';
import type { HttpBrowser, HttpPage } from '../../../lib/index.ts';

export interface IdpLogin {
  readonly email: string;
  /** Entra signs in with the UPN. */
  readonly upn?: string;
  readonly password?: string;
}

const MAX_STEPS = 4;

export async function signInOverHttp(browser: HttpBrowser, page: HttpPage, flow: LoginFlow, user: IdpLogin): Promise<HttpPage> {
  const form = loginForm(flow);
  const identifier = form.signInName === 'upn' ? (user.upn ?? user.email) : user.email;
  let current = page;
  for (let step = 0; step < MAX_STEPS && current.status === 200; step++) {
    const forms = parseForms(current.html);
    if (flow === 'account-chooser') {
      const account = formWithButton(forms, new RegExp(`(^|\\s)${escapeRegExp(user.email)}$`, 'i'));
      const another = formWithButton(forms, 'Use another account');
      if (account || another) {
        const chosen = account ?? another;
        if (chosen) current = await browser.submitForm(current, chosen.form, chosen.button);
        continue;
      }
    }
    const identifierForm = formWithLabel(forms, form.identifierLabel);
    const passwordForm = formWithLabel(forms, form.passwordLabel);
    const signInStep = identifierForm ?? passwordForm;
    if (!signInStep) return current;
    const filled: Record<string, string> = {};
    const identifierName = inputNameFor(signInStep, form.identifierLabel);
    const passwordName = inputNameFor(signInStep, form.passwordLabel);
    if (identifierName) filled[identifierName] = identifier;
    if (passwordName) filled[passwordName] = user.password ?? TEST_USER_PASSWORD;
    current = await browser.submitForm(current, signInStep, signInStep.buttons[0], filled);
  }
  return current;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
