// Organisation settings (the foreign portal's account parameters): the profile, and the single
// sign-on panel — connection settings, the values to register with the provider (plain text),
// the connection test, the member address check and, last, the enforcement switch.
import type { SsoStatus } from '../../../db/ssoConfigs.ts';
import type { SeatAuditFinding, SpEndpoints } from '../../../sso/contract.ts';
import { attributes, html, type SafeHtml } from '../../../web/html.ts';
import { pathFor, type AccountPageModel } from '../../types.ts';
import { FOREIGN_ANCHORS as A, FOREIGN_FIELDS as F, FOREIGN_PATHS as P } from '../paths.ts';
import {
  FOREIGN_NAMES as N,
  FOREIGN_REFUSALS,
  FOREIGN_SEAT_AUDIT_KINDS,
  FOREIGN_VENDOR_OPTIONS,
  foreignProtocol,
  foreignSeatAuditMessage,
  foreignVendorLabel,
} from '../words.ts';
import { button, choice, done, dropdown, form, heedList, input, problem, problemList, textarea, tick, when } from './kit.ts';

export function settingsPage(m: AccountPageModel): SafeHtml {
  return html`<h1 class="fx-title">Organisation settings</h1>
${m.notice && done(m.notice)}
<p class="fx-tabs"><a href="#profile">Profile</a> | <a href="#${A.idpAndSso}">Single sign-on</a> | <a href="${P.seats}">Members</a></p>
${profilePanel(m)}
<article class="fx-panel" id="${A.idpAndSso}">
<header><h2 class="fx-panel__title">${N.ssoHeading}</h2>${stateLine(m.status)}</header>
${m.configWarnings.length > 0 && heedList('Heads-up about these settings:', m.configWarnings)}
${connectionForm(m)}
${m.status.current ? providerValues(m.status, m.sp) : html``}
${testPanel(m)}
${addressCheck(m)}
${enforcement(m)}
</article>`;
}

function profilePanel(m: AccountPageModel): SafeHtml {
  return html`<article class="fx-panel" id="profile">
<header><h2 class="fx-panel__title">Organisation profile</h2><p class="fx-meta">Organisation number ${m.account.id}</p></header>
${m.accountError && problem(m.accountError)}
${form(
  P.settingsProfile,
  m.csrf,
  html`${input({ name: F.accountName, label: 'Organisation name', value: m.account.name, required: true })}
${input({ name: F.ssoDomains, label: 'Verified email domains', value: m.account.ssoDomains.join(', '), help: 'Mail domains your identity provider speaks for, comma separated (yourcompany.example, yourcompany-eu.example). Member addresses are checked against them.' })}
<div class="fx-actions">${button('Update profile', 'plain')}</div>`,
)}
</article>`;
}

function stateLine(status: SsoStatus): SafeHtml {
  const current = status.current;
  if (!current) return html`<p class="fx-meta" id="fx-sso-state">No connection yet: fill in your identity provider below and store it.</p>`;
  return html`<p class="fx-meta" id="fx-sso-state">Single sign-on is <b>${status.enabled ? 'required' : 'optional'}</b> · revision ${current.version} (${foreignProtocol(current.settings.protocol)}, ${foreignVendorLabel(current.settings.vendor)}) stored by ${current.savedBy}, ${when(current.savedAt)} · ${status.currentVersionPassed ? 'a connection test succeeded for this revision' : 'no connection test has succeeded for this revision yet'}</p>`;
}

function connectionForm(m: AccountPageModel): SafeHtml {
  const v = m.form;
  const C = F.sso;
  const problemOf = (key: keyof typeof C): string | undefined => {
    const messages = m.fieldErrors.filter((e) => e.field === key).map((e) => e.message);
    return messages.length > 0 ? messages.join(' ') : undefined;
  };
  const known = new Set<string>(Object.keys(C));
  const secretStored = m.status.current?.settings.protocol === 'oidc';
  return html`<section class="fx-sub"><h3>Connection settings</h3>
${problemList(
  'Nothing was stored; the previous settings still apply:',
  m.fieldErrors.map((e) => ({ message: e.message, ...(known.has(e.field) ? { name: C[e.field as keyof typeof C] } : {}) })),
)}
${form(
  P.ssoSave,
  m.csrf,
  html`
${choice({
  name: C.protocol,
  label: 'Connection type',
  value: v.protocol,
  error: problemOf('protocol'),
  options: [
    { value: 'saml', label: N.protocolSaml },
    { value: 'oidc', label: N.protocolOidc },
  ],
})}
${dropdown({ name: C.vendor, label: N.vendorSelect, value: v.vendor, error: problemOf('vendor'), options: FOREIGN_VENDOR_OPTIONS })}
${input({ name: C.allowedClockSkewSeconds, label: N.clockSkew, type: 'number', value: v.allowedClockSkewSeconds, error: problemOf('allowedClockSkewSeconds'), help: 'How far the provider clock may drift from ours: 0 to 600.' })}
<fieldset class="fx-group"><legend>SAML details</legend>
${choice({
  name: C.metadataSource,
  label: 'Where the provider values come from',
  value: v.metadataSource,
  error: problemOf('metadataSource'),
  options: [
    { value: 'url', label: N.metadataFromUrl },
    { value: 'upload', label: 'Upload a metadata document' },
    { value: 'manual', label: N.metadataManual },
  ],
})}
${input({ name: C.metadataUrl, label: N.metadataUrl, type: 'url', value: v.metadataUrl, error: problemOf('metadataUrl') })}
${input({ name: C.metadataFile, label: 'Metadata document', type: 'file', value: '', accept: '.xml,application/xml,application/samlmetadata+xml', error: problemOf('metadataXml') })}
${textarea({ name: C.metadataXml, label: 'Paste the metadata XML instead', value: v.metadataXml, rows: 3 })}
${input({ name: C.idpEntityId, label: N.idpEntityId, value: v.idpEntityId, error: problemOf('idpEntityId') })}
${input({ name: C.idpSsoUrl, label: N.idpSsoUrl, type: 'url', value: v.idpSsoUrl, error: problemOf('idpSsoUrl') })}
${textarea({ name: C.idpCertificate, label: N.idpCertificate, value: v.idpCertificate, error: problemOf('idpCertificate'), help: 'The whole -----BEGIN CERTIFICATE----- block, or just its base64 body.' })}
${tick({ name: C.requireSignedResponse, label: N.requireSignedResponse, checked: v.requireSignedResponse, error: problemOf('requireSignedResponse') })}
${tick({ name: C.requireSignedAssertion, label: N.requireSignedAssertion, checked: v.requireSignedAssertion, error: problemOf('requireSignedAssertion') })}
${tick({ name: C.allowIdpInitiated, label: N.allowIdpInitiated, checked: v.allowIdpInitiated, error: problemOf('allowIdpInitiated') })}
${input({ name: C.emailAttribute, label: 'Attribute holding the email (optional)', value: v.emailAttribute, error: problemOf('emailAttribute'), help: 'Leave blank to use the subject NameID when it is an address, then the attributes the template expects.' })}
</fieldset>
<fieldset class="fx-group"><legend>OIDC details</legend>
${input({ name: C.issuer, label: N.issuer, type: 'url', value: v.issuer, error: problemOf('issuer') })}
${input({ name: C.clientId, label: N.clientId, value: v.clientId, error: problemOf('clientId') })}
${input({ name: C.clientSecret, label: N.clientSecret, type: 'password', value: '', autocomplete: 'new-password', error: problemOf('clientSecret'), ...(secretStored ? { help: 'A secret is stored; type a new one only to replace it.' } : {}) })}
${input({ name: C.scopes, label: 'Requested scopes', value: v.scopes, error: problemOf('scopes') })}
${input({ name: C.emailClaim, label: N.emailClaim, value: v.emailClaim, error: problemOf('emailClaim'), help: 'Blank: the claim the template expects.' })}
${input({ name: C.hostedDomain, label: N.hostedDomain, value: v.hostedDomain, error: problemOf('hostedDomain') })}
</fieldset>
<div class="fx-actions">${button(N.saveSso)}</div>`,
  { multipart: true },
)}
</section>`;
}

/** The values to register with the provider, as plain text. */
export function providerValues(status: SsoStatus, sp: SpEndpoints): SafeHtml {
  const protocol = status.current?.settings.protocol;
  const rows: [string, string][] =
    protocol === 'oidc'
      ? [
          ['Return address (redirect URI)', sp.oidcRedirectUri],
          ['Start address (initiate login)', sp.signOnUrl],
        ]
      : [
          ['Our entity identifier (audience)', sp.entityId],
          ['Assertion consumer address (reply URL)', sp.acsUrl],
          ['Start address (initiate login)', sp.signOnUrl],
          ['Our SAML metadata', sp.metadataUrl],
        ];
  return html`<section class="fx-sub" id="${A.idpLinks}"><h3>Values for your identity provider</h3>
<p>Register these with the app at your provider, exactly as written.</p>
<dl class="fx-pairs">${rows.map(([name, value]) => html`<dt>${name}</dt><dd><code>${value}</code></dd>`)}</dl>
</section>`;
}

function testPanel(m: AccountPageModel): SafeHtml {
  const last = m.status.lastTest;
  const line = !last
    ? 'No connection test has run yet.'
    : last.ok
      ? `Latest connection test (revision ${last.version}, ${when(last.testedAt)}): succeeded, matched ${last.email ?? ''}.`
      : `Latest connection test (revision ${last.version}, ${when(last.testedAt)}): did not succeed — ${last.reason ? `${FOREIGN_REFUSALS[last.reason].message} Error ${FOREIGN_REFUSALS[last.reason].ref}.` : last.detail}`;
  return html`<section class="fx-sub"><h3>Connection test</h3>
<p>Signs in once with the stored settings, without requiring them. Sign in at the provider as someone who is a member here.</p>
<p class="fx-meta" role="status">${line}</p>
${form(P.ssoTest, m.csrf, button(N.testSso, 'plain', { disabled: !m.status.current }), { inline: true })}
</section>`;
}

export function findingItems(findings: readonly SeatAuditFinding[]): SafeHtml {
  return html`<ul class="fx-findings" aria-label="${N.seatAuditFindings}">${findings.map((f) => html`<li>${f.blocking ? html`<span class="fx-tag fx-tag--stop">${N.seatAuditBlocking}</span> ` : html`<span class="fx-tag">Worth a look</span> `}<span class="fx-kind">${FOREIGN_SEAT_AUDIT_KINDS[f.kind]}</span> ${foreignSeatAuditMessage(f)}</li>`)}</ul>`;
}

function addressCheck(m: AccountPageModel): SafeHtml {
  const stopping = m.findings.filter((f) => f.blocking).length;
  return html`<section class="fx-sub" id="${A.seatAudit}"><h3>Member address check</h3>
<p>Every member needs a working address of their own in a verified domain${m.idpExport ? ' that the directory export also lists' : ''}. ${m.idpExport ? `Directory export: ${m.idpExport.emails.length} people, sent by ${m.idpExport.uploadedBy}, ${when(m.idpExport.uploadedAt)}.` : 'No directory export received yet.'}</p>
${
  m.findings.length === 0
    ? html`<p class="fx-meta" role="status">All member addresses look fine.</p>`
    : html`<p class="fx-meta" role="status">${m.findings.length} thing${m.findings.length === 1 ? '' : 's'} to look at, ${stopping} of which must be fixed before requiring single sign-on.</p>
${findingItems(m.findings)}`
}
<p><a href="${pathFor(P.apiSeatAudit, { accountId: m.account.id })}">Address check (JSON)</a></p>
${problemList(
  'The directory export was not taken:',
  (m.idpExportErrors ?? []).map((e) => ({ message: e.message })),
)}
${form(
  P.idpUsers,
  m.csrf,
  html`${input({ name: F.idpUsersFile, label: N.idpUserExportFile, type: 'file', value: '', accept: '.csv,text/csv', help: 'The list of people assigned to the app, exported from your identity provider.' })}
<div class="fx-actions">${button(N.uploadIdpUserExport, 'plain')}</div>`,
  { multipart: true },
)}
</section>`;
}

function enforcement(m: AccountPageModel): SafeHtml {
  const stored = m.status.current !== undefined;
  const on = m.status.enabled;
  return html`<section class="fx-sub" id="${A.enableSso}"><h3>Enforcement</h3>
<p>${
    on
      ? 'Everyone signs in through the identity provider; passwords are refused. Making it optional again keeps every setting.'
      : stored
        ? 'Members sign in with passwords for now. You will be asked to confirm before it is required.'
        : 'Store connection settings first.'
  }</p>
${form(on ? P.ssoDisable : P.ssoEnable, m.csrf, html`<button class="fx-switch"${attributes({ type: 'submit', role: 'switch', 'aria-checked': on ? 'true' : 'false', disabled: !stored && !on })}>${N.enableSwitch}</button>`, { inline: true })}
</section>`;
}
