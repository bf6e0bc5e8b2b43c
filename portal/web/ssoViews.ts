// Pages of the SSO lifecycle that are not the account page: the Test SSO result and the
// confirmation shown before SSO is enabled.
import { REASONS } from '../../lib/index.ts';
import { vendorFixFor } from '../sso/vendorFixes.ts';
import { REFERENCE_ANCHORS as A, REFERENCE_FIELDS as F, REFERENCE_PATHS as P } from '../skin/reference/paths.ts';
import type { EnableConfirmModel, TestResultModel } from '../skin/types.ts';
import type { SsoIdentity } from '../sso/contract.ts';
import { html, type SafeHtml } from './html.ts';

export type { EnableConfirmModel, TestResultModel } from '../skin/types.ts';

export function testResultBody(m: TestResultModel): SafeHtml {
  const failure = m.failure;
  return html`<h1>Test SSO result</h1>
${
  failure
    ? html`<div role="alert" class="error"><p>Test SSO failed for configuration version ${m.version}.</p>
${failure.reason && html`<p>Reason code: <code data-reason="${failure.reason}">${failure.reason}</code></p><p>${REASONS[failure.reason].message}</p>`}</div>
<h2>Details</h2><p>${failure.detail}</p>
${failure.reason && html`<h2>What to change</h2><p>${vendorFixFor(failure.reason, m.vendor) ?? REASONS[failure.reason].fix}</p>`}`
    : html`<p role="status" class="notice">Test SSO passed for configuration version ${m.version}${m.seat ? html`: the IdP identity matches the seat of ${m.seat.name}` : ''}. SSO is not enabled by a test.</p>`
}
${m.identity && identityTable(m.identity)}
<p><a href="${P.settings}#${A.idpAndSso}">Back to IdP and SSO</a></p>`;
}

function identityTable(identity: SsoIdentity): SafeHtml {
  const attributes = Object.entries(identity.attributes);
  return html`<h2>Identity received</h2>
<table aria-label="Identity received">
<tbody>
<tr><th scope="row">Email</th><td>${identity.email}</td></tr>
<tr><th scope="row">Email taken from</th><td>${identity.emailSource}</td></tr>
<tr><th scope="row">Subject</th><td><code>${identity.subject}</code></td></tr>
<tr><th scope="row">Issuer</th><td><code>${identity.issuer}</code></td></tr>
</tbody>
</table>
${identity.warnings.length > 0 && html`<div class="warning" role="note"><ul>${identity.warnings.map((w) => html`<li>${w}</li>`)}</ul></div>`}
${
  attributes.length > 0 &&
  html`<h3>Attributes / claims</h3><table aria-label="Attributes and claims"><thead><tr><th scope="col">Name</th><th scope="col">Value</th></tr></thead><tbody>
${attributes.map(([name, value]) => html`<tr><td><code>${name}</code></td><td>${typeof value === 'string' ? value : value.join(', ')}</td></tr>`)}
</tbody></table>`
}`;
}

export function enableConfirmBody(m: EnableConfirmModel): SafeHtml {
  const warned = m.neverPassedTest || m.blockingFindings.length > 0;
  return html`<h1>Enable SSO?</h1>
<p>After enabling, every seat of this account — admins included — logs in through the IdP, and password login is refused.</p>
${
  warned &&
  html`<div role="alert" class="warning"><h2>Before you enable</h2><ul>
${m.neverPassedTest && html`<li>Configuration version ${m.version} has never passed Test SSO. If it does not work, everyone is locked out until Ooma support turns SSO off. Run Test SSO first.</li>`}
${m.blockingFindings.map((f) => html`<li>Seat email audit: ${f.email}: ${f.message}</li>`)}
</ul></div>`
}
<form method="post" novalidate action="${P.ssoEnable}">${m.csrf}
<input type="hidden" name="${F.confirm}" value="yes">
<button type="submit">${warned ? 'Enable SSO anyway' : 'Yes, enable SSO'}</button>
</form>
<p><a href="${P.settings}#${A.enableSso}">Cancel</a></p>`;
}
