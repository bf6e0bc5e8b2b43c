// The reference support console pages: login, account search, ticket-gated access, and the
// read-only account view with the one write action support has: turning SSO off.
import { X509Certificate } from 'node:crypto';
import type { Account } from '../db/accounts.ts';
import { REFERENCE_FIELDS as F, REFERENCE_PATHS as P, REFERENCE_QUERY as Q } from '../skin/reference/paths.ts';
import { pathFor, type SearchRow, type SupportAccountModel } from '../skin/types.ts';
import type { SsoSettings } from '../sso/contract.ts';
import { idpSideLinks } from '../sso/spEndpoints.ts';
import { auditTable } from '../web/auditLogView.ts';
import { textInput } from '../web/controls.ts';
import { formatTime, protocolName } from '../web/format.ts';
import { html, type SafeHtml } from '../web/html.ts';

export type { SearchRow, SupportAccountModel } from '../skin/types.ts';

export function supportLoginBody(m: { readonly csrf: SafeHtml; readonly email: string; readonly error?: string }): SafeHtml {
  return html`<h1>Ooma support console</h1>
<p>For Ooma support staff. Customers log in at <a href="${P.login}">the portal login page</a>.</p>
${m.error && html`<p role="alert" class="error">${m.error}</p>`}
<form method="post" novalidate action="${P.supportLogin}">${m.csrf}
${textInput({ name: F.supportEmail, label: 'Support email', type: 'email', value: m.email, required: true, autocomplete: 'username' })}
${textInput({ name: F.supportPassword, label: 'Support password', type: 'password', value: '', required: true, autocomplete: 'current-password' })}
<button type="submit">Log in to support</button>
</form>`;
}

export function supportSearchBody(m: { readonly query: string; readonly rows: readonly SearchRow[] }): SafeHtml {
  const { rows } = m;
  return html`<h1>Ooma support console</h1>
<h2>Search accounts</h2>
<form method="get" action="${P.support}" role="search">
${textInput({ name: Q.search, label: 'Account name, ID or seat email', value: m.query })}
<button type="submit">Search</button>
</form>
${
  rows.length === 0
    ? html`<p role="status">No account matches.</p>`
    : html`<table aria-label="Accounts">
<thead><tr><th scope="col">ID</th><th scope="col">Name</th><th scope="col">Seats</th><th scope="col">SSO</th><th scope="col">Open</th></tr></thead>
<tbody>${rows.map(
        (
          row,
        ) => html`<tr><td>${row.account.id}</td><td>${row.account.name}</td><td>${row.seats}</td><td>${row.ssoEnabled ? 'enabled' : 'disabled'}</td>
<td><a href="${pathFor(P.supportAccount, { accountId: row.account.id })}" aria-label="Open ${row.account.name}">Open</a></td></tr>`,
      )}</tbody></table>`
}`;
}

export function supportAccessBody(m: {
  readonly csrf: SafeHtml;
  readonly account: Account;
  readonly values: { readonly ticket: string; readonly reason: string };
  readonly error?: string;
}): SafeHtml {
  const { account, values } = m;
  return html`<h1>Access account "${account.name}"</h1>
<p>Access is time-limited and recorded in the customer's audit log, where the customer's admins see it with your name, the ticket and the reason.</p>
${m.error && html`<p role="alert" class="error">${m.error}</p>`}
<form method="post" novalidate action="${pathFor(P.supportAccess, { accountId: account.id })}">${m.csrf}
${textInput({ name: F.ticket, label: 'Ticket reference', value: values.ticket, required: true, hint: 'The support ticket this access is for, e.g. OE-12345.' })}
${textInput({ name: F.reason, label: 'Reason', value: values.reason, required: true, hint: 'Why you need access, in a sentence the customer will read.' })}
<button type="submit">Access account</button>
</form>`;
}

export function supportAccountBody(m: SupportAccountModel): SafeHtml {
  const settings = m.status.current?.settings;
  return html`<h1>Account "${m.account.name}" (ID ${m.account.id})</h1>
${m.notice && html`<p role="status" class="notice">${m.notice}</p>`}
<p>Access for ticket <strong>${m.grant.ticket}</strong> until ${formatTime(m.grant.expiresAt)}. Read-only, except turning SSO off.</p>
<section aria-labelledby="support-sso">
<h2 id="support-sso">IdP and SSO</h2>
<p id="support-sso-status">SSO is <strong>${m.status.enabled ? 'enabled' : 'disabled'}</strong>.${m.status.current ? ` Configuration version ${m.status.current.version} saved by ${m.status.current.savedBy} on ${formatTime(m.status.current.savedAt)}; ${m.status.currentVersionPassed ? 'it has passed Test SSO' : 'it has never passed Test SSO'}.` : ' No configuration saved.'}</p>
${settings ? settingsTable(settings, m.configWarnings, m.secretShownBack) : html``}
${
  settings
    ? html`<h3>Links configured on the IdP side</h3><table aria-label="Links to configure on the IdP side"><tbody>
${idpSideLinks(settings.vendor, settings.protocol, m.sp).map((link) => html`<tr><th scope="row">${link.label}</th><td><code>${link.value}</code></td></tr>`)}</tbody></table>`
    : html``
}
${m.status.lastTest && html`<p>Last Test SSO: ${m.status.lastTest.ok ? 'passed' : html`failed (<code>${m.status.lastTest.reason}</code>)`} for version ${m.status.lastTest.version} on ${formatTime(m.status.lastTest.testedAt)}.</p>`}
${
  m.status.enabled &&
  html`<form method="post" novalidate action="${pathFor(P.supportSsoDisable, { accountId: m.account.id })}">${m.csrf}
<p>Turning SSO off lets the customer's seats log in with their passwords again. The configuration is kept, so the admin can fix it and re-enable.</p>
<button type="submit">Turn SSO off</button></form>`
}
</section>
<section aria-labelledby="support-seat-audit">
<h2 id="support-seat-audit">Seat email audit</h2>
<p>${m.seats.length} seats, ${m.seats.filter((s) => s.role === 'admin').length} admins. SSO email domains: ${m.account.ssoDomains.join(', ') || '(none)'}.</p>
${m.findings.length === 0 ? html`<p role="status">No problems found.</p>` : html`<ul aria-label="Seat email audit findings">${m.findings.map((f) => html`<li>${f.blocking ? html`<strong>Blocking:</strong> ` : ''}<code>${f.kind}</code> ${f.email}: ${f.message}</li>`)}</ul>`}
</section>
<section aria-labelledby="support-audit-log">
<h2 id="support-audit-log">Audit log</h2>
${auditTable(m.events)}
</section>`;
}

function certificateSummary(pem: string): string {
  try {
    const cert = new X509Certificate(pem);
    return `${cert.subject.replace(/\n/g, ', ')}; valid ${cert.validFrom} to ${cert.validTo}; SHA-256 ${cert.fingerprint256}`;
  } catch {
    return 'a certificate that does not parse';
  }
}

function settingsTable(settings: SsoSettings, warnings: readonly string[], secretShownBack: string | undefined): SafeHtml {
  const rows: [string, string][] =
    settings.protocol === 'saml'
      ? [
          ['Protocol', protocolName('saml')],
          ['Vendor preset', settings.vendor],
          ...(settings.metadataUrl ? [['IdP metadata URL', settings.metadataUrl] as [string, string]] : []),
          ['IdP entity ID', settings.idpEntityId],
          ['IdP SSO URL', settings.idpSsoUrl],
          ...settings.idpCertificates.map((pem, i): [string, string] => [`Signing certificate ${i + 1}`, certificateSummary(pem)]),
          [
            'Signed parts',
            [settings.requireSignedResponse && 'response', settings.requireSignedAssertion && 'assertion'].filter(Boolean).join(' and '),
          ],
          ['Allowed clock skew', `${settings.allowedClockSkewSeconds} s`],
          ['IdP-initiated login', settings.allowIdpInitiated ? 'allowed' : 'not allowed'],
          ['Email attribute', settings.emailAttribute ?? "(NameID, then the vendor preset's attributes)"],
        ]
      : [
          ['Protocol', protocolName('oidc')],
          ['Vendor preset', settings.vendor],
          ['Issuer', settings.issuer],
          ['Client ID', settings.clientId],
          ['Client secret', secretShownBack ?? 'set (never shown)'],
          ['Scopes', settings.scopes],
          ['Email claim', settings.emailClaim],
          ['Allowed clock skew', `${settings.allowedClockSkewSeconds} s`],
          ...(settings.hostedDomain ? [['Google Workspace domain', settings.hostedDomain] as [string, string]] : []),
        ];
  return html`<table aria-label="SSO configuration"><tbody>${rows.map(([name, value]) => html`<tr><th scope="row">${name}</th><td>${value}</td></tr>`)}</tbody></table>
${warnings.length > 0 && html`<div class="warning" role="note"><ul>${warnings.map((w) => html`<li>${w}</li>`)}</ul></div>`}`;
}
