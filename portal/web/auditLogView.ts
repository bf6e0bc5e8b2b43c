// The account audit log as customer admins and support read it: when, who, what, why.
import type { AuditEvent } from '../db/audit.ts';
import { formatTime } from './format.ts';
import { html, type SafeHtml } from './html.ts';

export function auditTable(events: readonly AuditEvent[], label = 'Audit log'): SafeHtml {
  if (events.length === 0) return html`<p>No events yet.</p>`;
  return html`<table aria-label="${label}">
<thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Reason</th><th scope="col">Details</th></tr></thead>
<tbody>
${events.map((event) => html`<tr><td>${formatTime(event.at)}</td><td>${event.actor.label}</td><td><code>${event.action}</code></td><td>${event.reason && html`<code>${event.reason}</code>`}</td><td>${event.detail}</td></tr>`)}
</tbody>
</table>`;
}

/** JSON shape of an audit event (the API and the harness read it). */
export function auditEventJson(event: AuditEvent) {
  return { id: event.id, at: new Date(event.at).toISOString(), actor: event.actor, action: event.action, reason: event.reason ?? null, detail: event.detail };
}
