// The foreign portal's staff desk (its support console).
import { X509Certificate } from 'node:crypto';
import type { Account } from '../../../db/accounts.ts';
import type { SsoSettings } from '../../../sso/contract.ts';
import { html, type SafeHtml } from '../../../web/html.ts';
import { pathFor, type SearchRow, type SupportAccountModel } from '../../types.ts';
import { FOREIGN_FIELDS as F, FOREIGN_PATHS as P, FOREIGN_QUERY as Q } from '../paths.ts';
import { FOREIGN_NAMES as N, FOREIGN_REFUSALS, foreignProtocol, foreignVendorLabel } from '../words.ts';
import { button, done, form, heedList, input, problem, when } from './kit.ts';
import { activityTable } from './members.ts';
import { findingItems, providerValues } from './settings.ts';

export function staffLogin(m: { readonly csrf: SafeHtml; readonly email: string; readonly error?: string }): SafeHtml {
  return html`<div class="fx-card">
<h1 class="fx-title">Staff desk sign-in</h1>
<p>For Ooma staff only. Customers sign in on <a href="${P.login}">the workspace sign-in page</a>.</p>
${m.error && problem(m.error)}
${form(
  P.supportLogin,
  m.csrf,
  html`${input({ name: F.supportEmail, label: N.supportEmail, type: 'email', value: m.email, required: true, autocomplete: 'username' })}
${input({ name: F.supportPassword, label: N.supportPassword, type: 'password', value: '', required: true, autocomplete: 'current-password' })}
<div class="fx-actions">${button(N.supportLogIn)}</div>`,
)}
</div>`;
}

export function staffSearch(m: { readonly query: string; readonly rows: readonly SearchRow[] }): SafeHtml {
  return html`<h1 class="fx-title">Find an organisation</h1>
<form class="fx-form" action="${P.support}" method="get" role="search">
${input({ name: Q.search, label: 'Organisation, number or member email', value: m.query })}
<div class="fx-actions">${button('Look up', 'plain')}</div>
</form>
${
  m.rows.length === 0
    ? html`<p class="fx-meta" role="status">No organisation found.</p>`
    : html`<table class="fx-grid" aria-label="Organisations">
<thead><tr><th scope="col">Number</th><th scope="col">Organisation</th><th scope="col">Members</th><th scope="col">Single sign-on</th><th scope="col"><span class="fx-sr">Go</span></th></tr></thead>
<tbody>${m.rows.map(
        (
          row,
        ) => html`<tr><td>${row.account.id}</td><td>${row.account.name}</td><td>${row.seats}</td><td>${row.ssoEnabled ? 'required' : 'optional'}</td>
<td><a href="${pathFor(P.supportAccount, { accountId: row.account.id })}" aria-label="Go to ${row.account.name}">Go</a></td></tr>`,
      )}</tbody></table>`
}`;
}

export function staffUnlock(m: {
  readonly csrf: SafeHtml;
  readonly account: Account;
  readonly values: { readonly ticket: string; readonly reason: string };
  readonly error?: string;
}): SafeHtml {
  return html`<h1 class="fx-title">Unlock "${m.account.name}"</h1>
<p>Access lasts a limited time and shows up in the organisation's activity history with your name, the case and your justification.</p>
${m.error && problem(m.error)}
${form(
  pathFor(P.supportAccess, { accountId: m.account.id }),
  m.csrf,
  html`${input({ name: F.ticket, label: N.ticket, value: m.values.ticket, required: true, help: 'The support case this is for, such as CASE-2041.' })}
${input({ name: F.reason, label: N.reason, value: m.values.reason, required: true, help: 'One sentence the customer will read.' })}
<div class="fx-actions">${button(N.accessAccount)}</div>`,
)}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function certificateLine(pem: string): string {
  try {
    const cert = new X509Certificate(pem);
    return `${cert.subject.replace(/\n/g, ', ')} — from ${cert.validFrom} until ${cert.validTo} — SHA-256 ${cert.fingerprint256}`;
  } catch {
    return 'unreadable certificate';
  }
}

function settingsList(settings: SsoSettings): SafeHtml {
  const rows: [string, string][] =
    settings.protocol === 'saml'
      ? [
          ['Connection type', foreignProtocol('saml')],
          [N.vendorSelect, foreignVendorLabel(settings.vendor)],
          ...(settings.metadataUrl ? [[N.metadataUrl, settings.metadataUrl] as [string, string]] : []),
          [N.idpEntityId, settings.idpEntityId],
          [N.idpSsoUrl, settings.idpSsoUrl],
          ...settings.idpCertificates.map((pem, i): [string, string] => [`Token-signing certificate #${i + 1}`, certificateLine(pem)]),
          [
            'Signatures verified on',
            [settings.requireSignedResponse && 'the whole message', settings.requireSignedAssertion && 'the assertion']
              .filter(Boolean)
              .join(' and '),
          ],
          ['Clock tolerance', `${settings.allowedClockSkewSeconds} seconds`],
          ['Provider-started logins', settings.allowIdpInitiated ? 'accepted' : 'turned down'],
          ['Email taken from', settings.emailAttribute ?? 'the NameID, then the template attributes'],
        ]
      : [
          ['Connection type', foreignProtocol('oidc')],
          [N.vendorSelect, foreignVendorLabel(settings.vendor)],
          [N.issuer, settings.issuer],
          [N.clientId, settings.clientId],
          [N.clientSecret, 'stored, never displayed'],
          ['Requested scopes', settings.scopes],
          [N.emailClaim, settings.emailClaim],
          ['Clock tolerance', `${settings.allowedClockSkewSeconds} seconds`],
          ...(settings.hostedDomain ? [['Workspace domain', settings.hostedDomain] as [string, string]] : []),
        ];
  return html`<dl class="fx-pairs">${rows.map(([name, value]) => html`<dt>${name}</dt><dd>${value}</dd>`)}</dl>`;
}

export function staffOrganisation(m: SupportAccountModel): SafeHtml {
  const settings = m.status.current?.settings;
  const last = m.status.lastTest;
  return html`<h1 class="fx-title">${m.account.name} — organisation ${m.account.id}</h1>
${m.notice && done(m.notice)}
<p class="fx-meta">Unlocked for case <b>${m.grant.ticket}</b> until ${when(m.grant.expiresAt)}. You can look, and suspend single sign-on; nothing else.</p>
<article class="fx-panel"><header><h2 class="fx-panel__title">${N.ssoHeading}</h2>
<p class="fx-meta">Single sign-on is <b>${m.status.enabled ? 'required' : 'optional'}</b>.${m.status.current ? ` Revision ${m.status.current.version}, stored by ${m.status.current.savedBy}, ${when(m.status.current.savedAt)}; ${m.status.currentVersionPassed ? 'a connection test succeeded' : 'no connection test has succeeded'}.` : ' Nothing stored.'}</p></header>
${settings ? settingsList(settings) : html``}
${m.configWarnings.length > 0 && heedList('Heads-up about these settings:', m.configWarnings)}
${settings ? providerValues(m.status, m.sp) : html``}
${last && html`<p>Latest connection test: ${last.ok ? 'succeeded' : `did not succeed (error ${last.reason ? FOREIGN_REFUSALS[last.reason].ref : 'unknown'})`}, revision ${last.version}, ${when(last.testedAt)}.</p>`}
${
  m.status.enabled &&
  form(
    pathFor(P.supportSsoDisable, { accountId: m.account.id }),
    m.csrf,
    html`<p>Suspending lets the organisation's members use their passwords again. Every setting is kept, so an owner can correct it and require it again.</p>
${button(N.turnSsoOff, 'danger')}`,
  )
}
</article>
<article class="fx-panel"><header><h2 class="fx-panel__title">Member address check</h2></header>
<p>${count(m.seats.length, 'member')}, ${count(m.seats.filter((s) => s.role === 'admin').length, 'owner')}. Verified domains: ${m.account.ssoDomains.join(', ') || 'none'}.</p>
${m.findings.length === 0 ? html`<p class="fx-meta" role="status">All member addresses look fine.</p>` : findingItems(m.findings)}
</article>
<article class="fx-panel"><header><h2 class="fx-panel__title">Activity</h2></header>
${activityTable(m.events)}
</article>`;
}
