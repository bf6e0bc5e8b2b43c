// The login pages: email first (so SSO accounts can be sent to their IdP), then the password.
import type { Account } from '../db/accounts.ts';
import { textInput } from './controls.ts';
import { html, type SafeHtml } from './html.ts';

export interface LoginHidden {
  readonly returnTo?: string;
  readonly accountId?: number;
}

function hiddenFields(hidden: LoginHidden): SafeHtml {
  return html`${hidden.returnTo && html`<input type="hidden" name="return_to" value="${hidden.returnTo}">`}${hidden.accountId !== undefined && html`<input type="hidden" name="account" value="${hidden.accountId}">`}`;
}

export function emailStepBody(csrf: SafeHtml, email: string, hidden: LoginHidden, error?: string): SafeHtml {
  return html`<h1>Log in to Ooma Enterprise</h1>
${error && html`<p role="alert" class="error">${error}</p>`}
<form method="post" novalidate action="/login">${csrf}${hiddenFields(hidden)}
${textInput({ name: 'email', label: 'Email', type: 'email', value: email, required: true, autocomplete: 'username', hint: 'Accounts that use single sign-on continue at their identity provider.' })}
<button type="submit">Continue</button>
</form>
<p><a href="/support">Ooma support staff: support console</a></p>`;
}

export function accountChoiceBody(csrf: SafeHtml, email: string, accounts: readonly Account[], returnTo?: string): SafeHtml {
  return html`<h1>Choose your account</h1>
<p>The email ${email} has a seat in several accounts. Which one do you want to log in to?</p>
<ul>
${accounts.map((account) => html`<li><form method="post" novalidate action="/login">${csrf}${hiddenFields({ ...(returnTo ? { returnTo } : {}), accountId: account.id })}<input type="hidden" name="email" value="${email}"><button type="submit">${account.name}</button></form></li>`)}
</ul>`;
}

export function passwordStepBody(csrf: SafeHtml, email: string, hidden: LoginHidden, error?: string): SafeHtml {
  return html`<h1>Log in to Ooma Enterprise</h1>
${error && html`<p role="alert" class="error">${error}</p>`}
<form method="post" novalidate action="/login/password">${csrf}${hiddenFields(hidden)}
${textInput({ name: 'email', label: 'Email', type: 'email', value: email, required: true, autocomplete: 'username' })}
${textInput({ name: 'password', label: 'Password', type: 'password', value: '', required: true, autocomplete: 'current-password' })}
<button type="submit">Log in</button>
</form>
<p><a href="/login">Use another email</a></p>`;
}
