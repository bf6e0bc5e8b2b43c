// Members (the foreign portal's seats) and the activity history (its audit log).
import type { Account, Seat } from '../../../db/accounts.ts';
import type { Actor, AuditEvent } from '../../../db/audit.ts';
import { html, type SafeHtml } from '../../../web/html.ts';
import { pathFor, type SeatsPageModel } from '../../types.ts';
import { FOREIGN_FIELDS as F, FOREIGN_PATHS as P } from '../paths.ts';
import { FOREIGN_ACTIONS, FOREIGN_NAMES as N, FOREIGN_REFUSALS, foreignRole } from '../words.ts';
import { button, done, dropdown, form, input, problem, problemList, textarea, tick, when } from './kit.ts';

const ACCESS = [
  { value: 'user', label: 'Member' },
  { value: 'admin', label: 'Owner' },
];

export function membersPage(m: SeatsPageModel): SafeHtml {
  return html`<h1 class="fx-title">Members</h1>
${m.notice && done(m.notice)}
<table class="fx-grid" aria-label="Members">
<thead><tr><th scope="col">Full name</th><th scope="col">${N.emailLabel}</th><th scope="col">Access level</th><th scope="col">State</th><th scope="col">Password set</th><th scope="col"><span class="fx-sr">Change</span></th></tr></thead>
<tbody>
${m.seats.map(
  (
    seat,
  ) => html`<tr><td>${seat.name}</td><td>${seat.email}</td><td>${foreignRole(seat.role)}</td><td>${seat.disabled ? 'suspended' : 'active'}</td><td>${seat.hasPassword ? 'yes' : 'no'}</td>
<td><a href="${pathFor(P.seat, { seatId: seat.id })}" aria-label="${N.editSeat.replace('{email}', seat.email)}">Change</a></td></tr>`,
)}
</tbody>
</table>
<article class="fx-panel"><header><h2 class="fx-panel__title">Create a member</h2></header>
${m.addError && problem(m.addError)}
${form(
  P.seats,
  m.csrf,
  html`${input({ name: F.seatName, label: N.seatNameLabel, value: m.addValues?.name ?? '', required: true })}
${input({ name: F.seatEmail, label: N.seatEmailLabel, type: 'email', value: m.addValues?.email ?? '', required: true })}
${dropdown({ name: F.seatRole, label: 'Access level', value: m.addValues?.role ?? 'user', options: ACCESS })}
${input({ name: F.seatPassword, label: 'Starting password (optional)', type: 'password', value: '', autocomplete: 'new-password', help: 'Eight characters or more. Leave blank for someone who only signs in through the identity provider.' })}
<div class="fx-actions">${button(N.addSeat)}</div>`,
)}
</article>
<article class="fx-panel"><header><h2 class="fx-panel__title">Roster</h2></header>
<p>A roster is a CSV file with the columns <code>name,email,role,disabled</code>. Known addresses update their member, new ones create a member, nobody is removed; a roster with any mistake changes nothing.</p>
${problemList(
  'The roster was not loaded; nothing changed:',
  (m.importErrors ?? []).map((e) => ({ message: `Row ${e.line}: ${e.message}` })),
)}
${form(
  P.seatsImport,
  m.csrf,
  html`${input({ name: F.seatsFile, label: 'Roster file (CSV)', type: 'file', value: '', accept: '.csv,text/csv' })}
${textarea({ name: F.seatsCsv, label: N.seatsCsv, value: '', rows: 3 })}
<div class="fx-actions">${button(N.importSeats, 'plain')}</div>`,
  { multipart: true },
)}
<p><a href="${P.seatsCsv}" download>Download the roster (CSV)</a></p>
</article>`;
}

export function memberPage(m: { readonly csrf: SafeHtml; readonly seat: Seat; readonly error?: string }): SafeHtml {
  const { seat } = m;
  return html`<h1 class="fx-title">Member details</h1>
${m.error && problem(m.error)}
${form(
  pathFor(P.seat, { seatId: seat.id }),
  m.csrf,
  html`${input({ name: F.seatName, label: N.seatNameLabel, value: seat.name, required: true })}
${input({ name: F.seatEmail, label: N.seatEmailLabel, type: 'email', value: seat.email, required: true })}
${dropdown({ name: F.seatRole, label: 'Access level', value: seat.role, options: ACCESS })}
${tick({ name: F.seatDisabled, label: N.seatDisabled, checked: seat.disabled, help: 'A suspended member cannot sign in at all, with a password or through the identity provider.' })}
${input({ name: F.seatNewPassword, label: 'Set a new password (optional)', type: 'password', value: '', autocomplete: 'new-password', help: seat.hasPassword ? 'A password exists; leave blank to keep it.' : 'No password yet. Eight characters or more.' })}
<div class="fx-actions">${button(N.saveSeat)}</div>`,
)}
<p><a href="${P.seats}">All members</a></p>`;
}

/** The activity history table: the portal's own words for what happened and why. */
export function activityTable(events: readonly AuditEvent[]): SafeHtml {
  if (events.length === 0) return html`<p class="fx-meta">Nothing has happened yet.</p>`;
  return html`<table class="fx-grid" aria-label="${N.auditLogTable}">
<thead><tr><th scope="col">${N.auditWhat}</th><th scope="col">${N.auditWho}</th><th scope="col">Time</th><th scope="col">Cause</th><th scope="col">Notes</th></tr></thead>
<tbody>
${events.map((event) => html`<tr><td><span class="fx-kind">${FOREIGN_ACTIONS[event.action]}</span></td><td>${event.actor.label}</td><td>${when(event.at)}</td><td>${event.reason && html`<span class="fx-kind">${FOREIGN_REFUSALS[event.reason].word}</span>`}</td><td>${event.detail}</td></tr>`)}
</tbody>
</table>`;
}

export function activityPage(m: { readonly account: Account; readonly viewer: Actor; readonly events: readonly AuditEvent[] }): SafeHtml {
  return html`<h1 class="fx-title">Activity</h1>
<p>All that happened in "${m.account.name}" — sign-ins and turned-down sign-ins, settings changes, and everything Ooma staff did (who, and for which case). Latest on top. You are ${m.viewer.label}.</p>
<p><a href="${pathFor(P.apiAuditLog, { accountId: m.account.id })}">Activity (JSON)</a></p>
${activityTable(m.events)}`;
}
