// The foreign portal's page frame, navigation, plain error page and sign-in pages.
import type { Account, Seat } from '../../../db/accounts.ts';
import type { SupportStaff } from '../../../db/support.ts';
import { html, type SafeHtml } from '../../../web/html.ts';
import type { LoginHidden, PageShell } from '../../types.ts';
import { FOREIGN_FIELDS as F, FOREIGN_PATHS as P, FOREIGN_QUERY as Q } from '../paths.ts';
import { FOREIGN_NAMES as N, foreignRole } from '../words.ts';
import { button, form, hidden, input, problem } from './kit.ts';

const PRODUCT = 'Ooma Workplace Hub';

export function documentOf(page: PageShell): string {
  return `<!DOCTYPE html>\n${
    html`<html lang="en-GB" class="fx">
<head>
<meta charset="utf-8">
<title>${page.title} | ${PRODUCT}</title>
<meta name="viewport" content="width=device-width">
<link href="${P.stylesheet}" rel="stylesheet">
</head>
<body class="fx-body">
<div class="fx-frame">
<aside class="fx-rail"><div class="fx-brand">${page.product ?? PRODUCT}</div>${page.nav}</aside>
<main class="fx-page" id="page">
${page.body}
</main>
</div>
<footer class="fx-foot"><small>${PRODUCT} · Need a hand? Contact your workspace owner.</small></footer>
</body>
</html>`.value
  }`;
}

export function csrfField(token: string): SafeHtml {
  return hidden(F.csrf, token);
}

export function seatNav(m: { readonly csrf: SafeHtml; readonly admin: boolean }): SafeHtml {
  return html`<nav class="fx-menu" aria-label="Workspace">
<a href="${P.home}">Dashboard</a>
${m.admin && html`<a href="${P.settings}">Organisation settings</a> <a href="${P.seats}">Members</a> <a href="${P.auditLog}">Activity</a>`}
${form(P.logout, m.csrf, button(N.logOutButton, 'plain'), { inline: true })}
</nav>`;
}

export function supportNav(m: { readonly csrf: SafeHtml; readonly staff: SupportStaff }): SafeHtml {
  return html`<nav class="fx-menu" aria-label="Staff">
<a href="${P.support}">Find an organisation</a>
<span class="fx-duty">On duty: ${m.staff.name}</span>
${form(P.supportLogout, m.csrf, button(N.supportLogOut, 'plain'), { inline: true })}
</nav>`;
}

export function errorBody(m: { readonly title: string; readonly message: string }): SafeHtml {
  return html`<h1 class="fx-title">${m.title}</h1>${problem(html`<p>${m.message}</p>`)}<p><a href="${P.home}">Go to your dashboard</a></p>`;
}

function carried(h: LoginHidden): SafeHtml {
  return html`${hidden(Q.returnTo, h.returnTo)}${hidden(Q.account, h.accountId)}`;
}

export function emailStep(m: {
  readonly csrf: SafeHtml;
  readonly email: string;
  readonly hidden: LoginHidden;
  readonly error?: string;
}): SafeHtml {
  return html`<div class="fx-card">
<h1 class="fx-title">Sign in to your workspace</h1>
${m.error && problem(m.error)}
${form(
  P.login,
  m.csrf,
  html`${carried(m.hidden)}
${input({ name: F.email, label: N.emailLabel, type: 'email', value: m.email, required: true, autocomplete: 'username', help: 'If your organisation uses single sign-on, we will pass you on to its identity provider.' })}
<div class="fx-actions">${button(N.continueButton)}</div>`,
)}
<p class="fx-aside">Work at Ooma? <a href="${P.support}">Open the staff desk</a></p>
</div>`;
}

export function accountChoice(m: {
  readonly csrf: SafeHtml;
  readonly email: string;
  readonly accounts: readonly Account[];
  readonly returnTo?: string;
}): SafeHtml {
  return html`<div class="fx-card">
<h1 class="fx-title">Pick an organisation</h1>
<p>${m.email} belongs to more than one organisation. Where would you like to go?</p>
<div class="fx-stack">
${m.accounts.map((account) => form(P.login, m.csrf, html`${carried({ ...(m.returnTo ? { returnTo: m.returnTo } : {}), accountId: account.id })}${hidden(F.email, m.email)}${button(account.name, 'plain')}`))}
</div>
</div>`;
}

export function passwordStep(m: {
  readonly csrf: SafeHtml;
  readonly email: string;
  readonly hidden: LoginHidden;
  readonly error?: string;
}): SafeHtml {
  return html`<div class="fx-card">
<h1 class="fx-title">Enter your password</h1>
${m.error && problem(m.error)}
${form(
  P.passwordLogin,
  m.csrf,
  html`${carried(m.hidden)}
${input({ name: F.email, label: N.emailLabel, type: 'email', value: m.email, required: true, autocomplete: 'username' })}
${input({ name: F.password, label: N.passwordLabel, type: 'password', value: '', required: true, autocomplete: 'current-password' })}
<div class="fx-actions">${button(N.logInButton)}</div>`,
)}
<p class="fx-aside"><a href="${P.login}">Not you? Start over</a></p>
</div>`;
}

export function home(m: { readonly seat: Seat; readonly account: Account; readonly method: 'sso' | 'password' }): SafeHtml {
  const { seat, account } = m;
  return html`<h1 class="fx-title">Dashboard</h1>
<p class="fx-whoami" role="status">You are using the workspace as ${seat.email}, ${foreignRole(seat.role)} of "${account.name}" — signed in ${m.method === 'sso' ? 'through your identity provider (single sign-on)' : 'with your password'}.</p>
${seat.role === 'admin' && html`<ul class="fx-tiles"><li><a href="${P.settings}">Organisation settings</a></li><li><a href="${P.seats}">Members</a></li><li><a href="${P.auditLog}">Activity</a></li></ul>`}`;
}
