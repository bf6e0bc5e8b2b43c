// Account parameters page: the "Account" section and the "IdP and SSO" section (configuration
// form, links to configure on the IdP side, Test SSO, seat email audit and, at the bottom, the
// Enable SSO toggle), in the order of OE's own support article.
import { REASONS } from '../../lib/index.ts';
import type { SsoStatus } from '../db/ssoConfigs.ts';
import { REFERENCE_FIELDS as F, REFERENCE_PATHS as P } from '../skin/reference/paths.ts';
import { pathFor, type AccountPageModel } from '../skin/types.ts';
import { idpSideLinks } from '../sso/spEndpoints.ts';
import { checkboxInput, errorSummary, radioGroup, selectInput, textArea, textInput } from './controls.ts';
import { formatTime, protocolName } from './format.ts';
import { attributes, html, type SafeHtml } from './html.ts';
import { VENDOR_OPTIONS } from './ssoForm.ts';

export type { AccountPageModel } from '../skin/types.ts';

const SSO_FIELDS = new Set([
  'protocol',
  'vendor',
  'allowedClockSkewSeconds',
  'metadataSource',
  'metadataUrl',
  'metadataXml',
  'idpEntityId',
  'idpSsoUrl',
  'idpCertificate',
  'requireSignedResponse',
  'requireSignedAssertion',
  'allowIdpInitiated',
  'emailAttribute',
  'issuer',
  'clientId',
  'clientSecret',
  'scopes',
  'emailClaim',
  'hostedDomain',
]);

export function accountPageBody(m: AccountPageModel): SafeHtml {
  return html`<h1>Account parameters</h1>
${m.notice && html`<p role="status" class="notice">${m.notice}</p>`}
<nav aria-label="Sections"><a href="#account">Account</a> · <a href="#idp-and-sso">IdP and SSO</a></nav>
${accountSection(m)}
<section aria-labelledby="idp-and-sso">
<h2 id="idp-and-sso">IdP and SSO</h2>
${ssoStatusLine(m.status, m.configWarnings)}
${configurationForm(m)}
${linksSection(m)}
${testSection(m)}
${seatAuditSection(m)}
${enableSection(m)}
</section>`;
}

function accountSection(m: AccountPageModel): SafeHtml {
  return html`<section aria-labelledby="account">
<h2 id="account">Account</h2>
<p>Account ID: <code>${m.account.id}</code></p>
${m.accountError && html`<p role="alert" class="error">${m.accountError}</p>`}
<form method="post" novalidate action="${P.settingsProfile}">${m.csrf}
${textInput({ name: F.accountName, label: 'Account name', value: m.account.name, required: true })}
${textInput({ name: F.ssoDomains, label: 'SSO email domains', value: m.account.ssoDomains.join(', '), hint: 'The email domains your IdP vouches for, separated by commas (e.g. corp.example, corp-eu.example). The seat email audit checks every seat against them.' })}
<button type="submit">Save account</button>
</form>
</section>`;
}

/**
 * Whether the saved version passed Test SSO — and, when it passed once but its last test failed, both facts, never one beside a
 * contradicting line.
 */
export function testStatus(status: SsoStatus): string {
  const last = status.lastTest;
  const lastOfThisVersionFailed = last !== undefined && !last.ok && last.version === status.current?.version;
  if (status.currentVersionPassed && lastOfThisVersionFailed)
    return 'It passed Test SSO once, but its last Test SSO failed (see Test SSO below): run it again before enabling.';
  return status.currentVersionPassed ? 'It has passed Test SSO.' : 'It has not passed Test SSO yet.';
}

function ssoStatusLine(status: SsoStatus, warnings: readonly string[]): SafeHtml {
  const current = status.current;
  if (!current) return html`<p id="sso-status">SSO is not configured. Enter your IdP's values below and save.</p>`;
  return html`<p id="sso-status">SSO is <strong>${status.enabled ? 'enabled' : 'disabled'}</strong>.
Configuration version ${current.version} (${protocolName(current.settings.protocol)}, ${vendorLabel(current.settings.vendor)}) saved by ${current.savedBy} on ${formatTime(current.savedAt)}.
${testStatus(status)}</p>
${warnings.length > 0 && html`<div class="warning" role="note"><p>Warnings about the saved configuration:</p><ul>${warnings.map((w) => html`<li>${w}</li>`)}</ul></div>`}`;
}

function vendorLabel(vendor: string): string {
  return VENDOR_OPTIONS.find((option) => option.value === vendor)?.label ?? vendor;
}

function configurationForm(m: AccountPageModel): SafeHtml {
  const f = m.form;
  const err = (name: string): string | undefined => {
    const messages = m.fieldErrors.filter((e) => e.field === name).map((e) => e.message);
    return messages.length > 0 ? messages.join(' ') : undefined;
  };
  const secretSaved = m.status.current?.settings.protocol === 'oidc';
  return html`<h3>IdP configuration</h3>
${errorSummary('The configuration was not saved (the saved configuration is unchanged):', m.fieldErrors, SSO_FIELDS)}
<form method="post" novalidate action="${P.ssoSave}" enctype="multipart/form-data">${m.csrf}
${radioGroup({
  name: 'protocol',
  label: 'Protocol',
  value: f.protocol,
  error: err('protocol'),
  options: [
    { value: 'saml', label: 'SAML 2.0' },
    { value: 'oidc', label: 'OpenID Connect (OIDC)' },
  ],
})}
${selectInput({ name: 'vendor', label: 'Vendor preset', value: f.vendor, error: err('vendor'), options: VENDOR_OPTIONS })}
${textInput({ name: 'allowedClockSkewSeconds', label: 'Allowed clock skew (seconds)', type: 'number', value: f.allowedClockSkewSeconds, error: err('allowedClockSkewSeconds'), hint: 'Tolerance for the IdP clock, 0 to 600 seconds.' })}
<fieldset class="saml-only"><legend>SAML 2.0</legend>
${radioGroup({
  name: 'metadataSource',
  label: 'IdP metadata',
  value: f.metadataSource,
  error: err('metadataSource'),
  options: [
    { value: 'url', label: 'Fetch the metadata from a URL' },
    { value: 'upload', label: 'Upload a metadata file' },
    { value: 'manual', label: 'Enter the IdP values manually' },
  ],
})}
${textInput({ name: 'metadataUrl', label: 'IdP metadata URL', type: 'url', value: f.metadataUrl, error: err('metadataUrl') })}
${textInput({ name: 'metadataFile', label: 'IdP metadata file', type: 'file', value: '', accept: '.xml,application/xml,application/samlmetadata+xml', error: err('metadataXml') })}
${textArea({ name: 'metadataXml', label: 'Or paste the IdP metadata XML', value: f.metadataXml, rows: 4 })}
${textInput({ name: 'idpEntityId', label: 'IdP entity ID', value: f.idpEntityId, error: err('idpEntityId') })}
${textInput({ name: 'idpSsoUrl', label: 'IdP SSO URL', type: 'url', value: f.idpSsoUrl, error: err('idpSsoUrl') })}
${textArea({ name: 'idpCertificate', label: 'IdP signing certificate', value: f.idpCertificate, error: err('idpCertificate'), hint: 'PEM (-----BEGIN CERTIFICATE-----) or the base64 body from the metadata.' })}
<fieldset><legend>Signed parts</legend>
${checkboxInput({ name: 'requireSignedResponse', label: 'Require a signed SAML response', checked: f.requireSignedResponse, error: err('requireSignedResponse') })}
${checkboxInput({ name: 'requireSignedAssertion', label: 'Require a signed assertion', checked: f.requireSignedAssertion, error: err('requireSignedAssertion') })}
</fieldset>
${checkboxInput({ name: 'allowIdpInitiated', label: 'Allow IdP-initiated login', checked: f.allowIdpInitiated, error: err('allowIdpInitiated') })}
${textInput({ name: 'emailAttribute', label: 'Email attribute (optional)', value: f.emailAttribute, error: err('emailAttribute'), hint: 'Empty: the NameID when it is an email, then the attributes the vendor preset usually sends.' })}
</fieldset>
<fieldset class="oidc-only"><legend>OpenID Connect</legend>
${textInput({ name: 'issuer', label: 'Issuer URL', type: 'url', value: f.issuer, error: err('issuer') })}
${textInput({ name: 'clientId', label: 'Client ID', value: f.clientId, error: err('clientId') })}
${textInput({ name: 'clientSecret', label: 'Client secret', type: m.secretShownBack === undefined ? 'password' : 'text', value: m.secretShownBack ?? '', autocomplete: 'new-password', error: err('clientSecret'), ...(secretSaved ? { hint: 'saved — enter a new one to replace it' } : {}) })}
${textInput({ name: 'scopes', label: 'Scopes', value: f.scopes, error: err('scopes') })}
${textInput({ name: 'emailClaim', label: 'Email claim', value: f.emailClaim, error: err('emailClaim'), hint: "The ID token claim that carries the email; empty = the vendor preset's usual claim." })}
${textInput({ name: 'hostedDomain', label: 'Google Workspace domain (hd, optional)', value: f.hostedDomain, error: err('hostedDomain') })}
</fieldset>
<button type="submit">Save SSO configuration</button>
</form>`;
}

function linksSection(m: AccountPageModel): SafeHtml {
  const settings = m.status.current?.settings;
  if (!settings) {
    // Before the first save the vendor is not known yet: the values every IdP needs, in generic words.
    const values = [...idpSideLinks('other', 'saml', m.sp), ...idpSideLinks('other', 'oidc', m.sp)].filter(
      (link, index, all) => all.findIndex((other) => other.value === link.value) === index,
    );
    return html`<section aria-labelledby="idp-links">
<h3 id="idp-links">Values to register at your IdP</h3>
<p>Register these at the IdP (SAML: entity ID and ACS URL; OIDC: redirect URI). Once you save, they are shown with your vendor console's own field names.</p>
${values.map((link, index) => textInput({ id: `idp-link-${index}`, name: `idp-link-${index}`, label: link.label, value: link.value, readonly: true, hint: link.help }))}
<p><a href="${m.sp.metadataUrl}">Download the SP metadata</a></p>
</section>`;
  }
  const links = idpSideLinks(settings.vendor, settings.protocol, m.sp);
  return html`<section aria-labelledby="idp-links">
<h3 id="idp-links">Links to configure on the IdP side</h3>
<p>Copy each value into the field of the same name in the ${vendorLabel(settings.vendor)} console.</p>
${links.map((link, index) => textInput({ id: `idp-link-${index}`, name: `idp-link-${index}`, label: link.label, value: link.value, readonly: true, hint: link.help }))}
<p><a href="${m.sp.metadataUrl}">Download the SP metadata</a></p>
</section>`;
}

function testSection(m: AccountPageModel): SafeHtml {
  const last = m.status.lastTest;
  const lastLine = !last
    ? html`<p role="status" id="test-sso-result">Test SSO has not been run yet.</p>`
    : last.ok
      ? html`<p role="status" id="test-sso-result">Last Test SSO passed (configuration version ${last.version}, ${formatTime(last.testedAt)}): logged in as ${last.email}.</p>`
      : html`<p role="status" id="test-sso-result">Last Test SSO failed (configuration version ${last.version}, ${formatTime(last.testedAt)}): <code>${last.reason}</code> — ${last.reason ? REASONS[last.reason].message : last.detail}</p>`;
  return html`<section aria-labelledby="test-sso">
<h3 id="test-sso">Test SSO</h3>
<p>Runs a login with the saved configuration without enabling it. Log in at the IdP as a user who has a seat here.</p>
${lastLine}
<form method="post" novalidate action="${P.ssoTest}">${m.csrf}<button${attributes({ type: 'submit', disabled: !m.status.current })}>Test SSO</button></form>
</section>`;
}

function seatAuditSection(m: AccountPageModel): SafeHtml {
  const blocking = m.findings.filter((f) => f.blocking).length;
  return html`<section aria-labelledby="seat-audit">
<h3 id="seat-audit">Seat email audit</h3>
<p>Every seat needs a unique, valid email in one of the SSO email domains${m.idpExport ? ', present in the IdP user export' : ''}.
${m.idpExport ? html`IdP user export: ${m.idpExport.emails.length} users, uploaded by ${m.idpExport.uploadedBy} on ${formatTime(m.idpExport.uploadedAt)}.` : html`No IdP user export uploaded yet.`}</p>
${
  m.findings.length === 0
    ? html`<p role="status" id="seat-audit-summary">No problems found.</p>`
    : html`<p role="status" id="seat-audit-summary">${m.findings.length} problem${m.findings.length === 1 ? '' : 's'} found, ${blocking} blocking.</p>
<ul aria-label="Seat email audit findings">${m.findings.map((f) => html`<li>${f.blocking ? html`<strong>Blocking:</strong> ` : ''}<code>${f.kind}</code> ${f.email}: ${f.message}</li>`)}</ul>`
}
<p><a href="${pathFor(P.apiSeatAudit, { accountId: m.account.id })}">Seat email audit as JSON</a></p>
${errorSummary('The IdP user export was not read:', m.idpExportErrors ?? [], new Set())}
<form method="post" novalidate action="${P.idpUsers}" enctype="multipart/form-data">${m.csrf}
${textInput({ name: F.idpUsersFile, label: 'IdP user export (CSV)', type: 'file', value: '', accept: '.csv,text/csv', hint: 'The user list exported from the IdP (Entra "Download users", Okta "People → Export", Google "Download users").' })}
<button type="submit">Upload IdP user export</button>
</form>
</section>`;
}

function enableSection(m: AccountPageModel): SafeHtml {
  const configured = m.status.current !== undefined;
  const enabled = m.status.enabled;
  return html`<section aria-labelledby="enable-sso">
<h3 id="enable-sso">Enable SSO</h3>
<p>${
    enabled
      ? 'SSO is on: seats log in through the IdP and password login is refused. Turning it off keeps the whole configuration.'
      : configured
        ? 'SSO is off: seats log in with their password. Enabling asks for confirmation first.'
        : 'Save an IdP configuration before enabling SSO.'
  }</p>
<form method="post" novalidate action="${enabled ? P.ssoDisable : P.ssoEnable}">${m.csrf}
<button${attributes({ type: 'submit', role: 'switch', 'aria-checked': enabled ? 'true' : 'false', disabled: !configured && !enabled })}>Enable SSO</button>
</form>
</section>`;
}
