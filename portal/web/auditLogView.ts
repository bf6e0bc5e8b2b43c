// The account audit log as customer admins and support read it (reference markup): when, who,
// what, why; and its JSON shape, in the skin's words.
import type { Account } from '../db/accounts.ts';
import type { Actor, AuditEvent } from '../db/audit.ts';
import { REFERENCE_PATHS as P } from '../skin/reference/paths.ts';
import { pathFor, type SkinVocabulary } from '../skin/types.ts';
import { formatTime } from './format.ts';
import { html, type SafeHtml } from './html.ts';

export function auditTable(events: readonly AuditEvent[], label = 'Audit log'): SafeHtml {
  if (events.length === 0) return html`<p>No events yet.</p>`;
  return html`<div class="table-scroll"><table aria-label="${label}">
<thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Reason</th><th scope="col">Details</th></tr></thead>
<tbody>
${events.map((event) => html`<tr><td>${formatTime(event.at)}</td><td>${event.actor.label}</td><td><code>${event.action}</code></td><td>${event.reason && html`<code>${event.reason}</code>`}</td><td>${event.detail}</td></tr>`)}
</tbody>
</table></div>`;
}

export function auditLogPageBody(m: {
  readonly account: Account;
  readonly viewer: Actor;
  readonly events: readonly AuditEvent[];
}): SafeHtml {
  return html`<h1>Audit log</h1>
<p>Everything that happened to account "${m.account.name}": logins and refusals, configuration changes, and every action of Ooma support (with who did it and the ticket). Newest first. Viewing as ${m.viewer.label}.</p>
<p><a href="${pathFor(P.apiAuditLog, { accountId: m.account.id })}">Audit log as JSON</a></p>
${auditTable(m.events)}`;
}

/** JSON shape of an audit event (the API and the harness read it): action and reason in the skin's words. */
export function auditEventJson(event: AuditEvent, words: SkinVocabulary) {
  return {
    id: event.id,
    at: new Date(event.at).toISOString(),
    actor: event.actor,
    action: words.action(event.action),
    reason: event.reason ? words.reason(event.reason) : null,
    detail: event.detail,
  };
}
