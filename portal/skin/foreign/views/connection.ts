// The connection test result, the "require single sign-on?" confirmation and the refusal page of
// the foreign portal. A refusal says what went wrong and how to fix it in the portal's own words,
// with its own error reference; reason codes are never shown.
import type { SsoIdentity } from '../../../sso/contract.ts';
import { html, type SafeHtml } from '../../../web/html.ts';
import type { EnableConfirmModel, RefusalModel, TestResultModel } from '../../types.ts';
import { FOREIGN_ANCHORS as A, FOREIGN_FIELDS as F, FOREIGN_PATHS as P } from '../paths.ts';
import { FOREIGN_NAMES as N, FOREIGN_REFUSALS, FOREIGN_SEAT_AUDIT_KINDS } from '../words.ts';
import { button, done, form, heedList, hidden, problem } from './kit.ts';

function technical(detail: string | undefined): SafeHtml {
  return html`${detail && html`<details class="fx-tech"><summary>Technical information</summary><p>${detail}</p></details>`}`;
}

export function testResult(m: TestResultModel): SafeHtml {
  const failure = m.failure;
  const words = failure?.reason ? FOREIGN_REFUSALS[failure.reason] : undefined;
  return html`<h1 class="fx-title">${N.testSsoResult}</h1>
${
  failure
    ? html`${problem(html`<p><b>${N.testSsoFailed}</b> (revision ${m.version}).</p>${words && html`<p>${words.message}</p><p class="fx-ref">Error ${words.ref}</p>`}`)}
${words && html`<h2>How to fix it</h2><p>${words.fix}</p>`}
${technical(failure.detail)}`
    : done(
        `${N.testSsoPassed} (revision ${m.version})${m.seat ? ` — the provider identity is the member ${m.seat.name}` : ''}. A test never switches single sign-on on.`,
      )
}
${m.identity && identityPanel(m.identity)}
<p><a href="${P.settings}#${A.idpAndSso}">Return to single sign-on settings</a></p>`;
}

function identityPanel(identity: SsoIdentity): SafeHtml {
  const claims = Object.entries(identity.attributes);
  return html`<h2>What the provider sent</h2>
${identity.warnings.length > 0 && heedList('Worth knowing:', identity.warnings)}
<dl class="fx-pairs">
<dt>Address</dt><dd>${identity.email}</dd>
<dt>Address found in</dt><dd>${identity.emailSource}</dd>
<dt>Subject</dt><dd><code>${identity.subject}</code></dd>
<dt>Issued by</dt><dd><code>${identity.issuer}</code></dd>
</dl>
${
  claims.length > 0 &&
  html`<details class="fx-tech" open><summary>Attributes and claims received</summary><dl class="fx-pairs">
${claims.map(([name, value]) => html`<dt><code>${name}</code></dt><dd>${typeof value === 'string' ? value : value.join(', ')}</dd>`)}
</dl></details>`
}`;
}

export function enableConfirm(m: EnableConfirmModel): SafeHtml {
  const warned = m.neverPassedTest || m.blockingFindings.length > 0;
  return html`<h1 class="fx-title">Require single sign-on?</h1>
<p>Once it is required, every member — owners too — signs in through the identity provider, and passwords stop working.</p>
${
  warned &&
  html`<div class="fx-banner fx-banner--heed" role="alert"><h2>${N.enableWarnings}</h2><ul>
${m.neverPassedTest && html`<li>Revision ${m.version} has never passed a connection test. If it is wrong, nobody gets in until Ooma staff suspend single sign-on. Run a connection test first.</li>`}
${m.blockingFindings.map((f) => html`<li>${FOREIGN_SEAT_AUDIT_KINDS[f.kind]}: ${f.email}</li>`)}
</ul></div>`
}
${form(P.ssoEnable, m.csrf, html`${hidden(F.confirm, 'yes')}${button(warned ? N.enableAnyway : N.enableConfirm, warned ? 'danger' : 'main')}`)}
<p><a href="${P.settings}#${A.enableSso}">Go back without changing anything</a></p>`;
}

export function refusal(m: RefusalModel): SafeHtml {
  const words = FOREIGN_REFUSALS[m.reason];
  return html`<div class="fx-card">
<h1 class="fx-title">${m.heading}</h1>
${problem(html`<p>${words.message}</p><p class="fx-ref">Error ${words.ref}</p>`)}
<h2>How to fix it</h2>
<p>${words.fix}</p>
${technical(m.detail)}
${m.next && html`<p><a class="fx-btn fx-btn--main" href="${m.next.href}">${m.next.label}</a></p>`}
<p class="fx-aside"><a href="${P.login}">Return to sign-in</a></p>
</div>`;
}
