// The reference login pages: email first (so SSO accounts can be sent to their IdP), then the
// password; and the home page a seat lands on.
import type { Account, Seat } from '../db/accounts.ts';
import { REFERENCE_FIELDS as F, REFERENCE_PATHS as P, REFERENCE_QUERY as Q } from '../skin/reference/paths.ts';
import type { LoginHidden } from '../skin/types.ts';
import { textInput } from './controls.ts';
import { html, type SafeHtml } from './html.ts';

export type { LoginHidden } from '../skin/types.ts';

function hiddenFields(hidden: LoginHidden): SafeHtml {
  return html`${hidden.returnTo && html`<input type="hidden" name="${Q.returnTo}" value="${hidden.returnTo}">`}${hidden.accountId !== undefined && html`<input type="hidden" name="${Q.account}" value="${hidden.accountId}">`}`;
}

export function emailStepBody(m: {
  readonly csrf: SafeHtml;
  readonly email: string;
  readonly hidden: LoginHidden;
  readonly error?: string;
}): SafeHtml {
  return html`<h1>Log in to Ooma Enterprise</h1>
${m.error && html`<p role="alert" class="error">${m.error}</p>`}
<form method="post" novalidate action="${P.login}">${m.csrf}${hiddenFields(m.hidden)}
${textInput({ name: F.email, label: 'Email', type: 'email', value: m.email, required: true, autocomplete: 'username', hint: 'Accounts that use single sign-on continue at their identity provider.' })}
<button type="submit">Continue</button>
</form>
<p><a href="${P.support}">Ooma support staff: support console</a></p>`;
}

export function accountChoiceBody(m: {
  readonly csrf: SafeHtml;
  readonly email: string;
  readonly accounts: readonly Account[];
  readonly returnTo?: string;
}): SafeHtml {
  return html`<h1>Choose your account</h1>
<p>The email ${m.email} has a seat in several accounts. Which one do you want to log in to?</p>
<ul>
${m.accounts.map((account) => html`<li><form method="post" novalidate action="${P.login}">${m.csrf}${hiddenFields({ ...(m.returnTo ? { returnTo: m.returnTo } : {}), accountId: account.id })}<input type="hidden" name="${F.email}" value="${m.email}"><button type="submit">${account.name}</button></form></li>`)}
</ul>`;
}

export function passwordStepBody(m: {
  readonly csrf: SafeHtml;
  readonly email: string;
  readonly hidden: LoginHidden;
  readonly error?: string;
}): SafeHtml {
  return html`<h1>Log in to Ooma Enterprise</h1>
${m.error && html`<p role="alert" class="error">${m.error}</p>`}
<form method="post" novalidate action="${P.passwordLogin}">${m.csrf}${hiddenFields(m.hidden)}
${textInput({ name: F.email, label: 'Email', type: 'email', value: m.email, required: true, autocomplete: 'username' })}
${textInput({ name: F.password, label: 'Password', type: 'password', value: '', required: true, autocomplete: 'current-password' })}
<button type="submit">Log in</button>
</form>
<p><a href="${P.login}">Use another email</a></p>`;
}

export function homeBody(m: { readonly seat: Seat; readonly account: Account; readonly method: 'sso' | 'password' }): SafeHtml {
  const { seat, account } = m;
  return html`<h1>Welcome, ${seat.name}</h1>
<p role="status" id="signed-in-as">Signed in as ${seat.email} (${seat.role}) in account "${account.name}", with ${m.method === 'sso' ? 'single sign-on' : 'a password'}.</p>
${seat.role === 'admin' && html`<p><a href="${P.settings}">Account parameters</a> · <a href="${P.seats}">Seats</a> · <a href="${P.auditLog}">Audit log</a></p>`}`;
}
