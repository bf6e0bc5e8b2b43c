// The reference seats page: the list, add one, import / export CSV; and the page editing one seat.
import type { Seat } from '../db/accounts.ts';
import { REFERENCE_FIELDS as F, REFERENCE_PATHS as P } from '../skin/reference/paths.ts';
import { pathFor, type SeatsPageModel } from '../skin/types.ts';
import { checkboxInput, selectInput, textArea, textInput } from './controls.ts';
import { html, type SafeHtml } from './html.ts';

export type { SeatsPageModel } from '../skin/types.ts';

const ROLE_OPTIONS = [
  { value: 'user', label: 'User' },
  { value: 'admin', label: 'Admin' },
];

export function seatsPageBody(m: SeatsPageModel): SafeHtml {
  return html`<h1>Seats</h1>
${m.notice && html`<p role="status" class="notice">${m.notice}</p>`}
<table aria-label="Seats">
<thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Password</th><th scope="col">Actions</th></tr></thead>
<tbody>
${m.seats.map(
  (
    seat,
  ) => html`<tr><td>${seat.name}</td><td>${seat.email}</td><td>${seat.role}</td><td>${seat.disabled ? 'disabled' : 'active'}</td><td>${seat.hasPassword ? 'set' : 'none'}</td>
<td><a href="${pathFor(P.seat, { seatId: seat.id })}" aria-label="Edit ${seat.email}">Edit</a></td></tr>`,
)}
</tbody>
</table>
<section aria-labelledby="add-seat">
<h2 id="add-seat">Add a seat</h2>
${m.addError && html`<p role="alert" class="error">${m.addError}</p>`}
<form method="post" novalidate action="${P.seats}">${m.csrf}
${textInput({ name: F.seatName, label: 'Name', value: m.addValues?.name ?? '', required: true })}
${textInput({ name: F.seatEmail, label: 'Email', type: 'email', value: m.addValues?.email ?? '', required: true })}
${selectInput({ name: F.seatRole, label: 'Role', value: m.addValues?.role ?? 'user', options: ROLE_OPTIONS })}
${textInput({ name: F.seatPassword, label: 'Initial password (optional)', type: 'password', value: '', autocomplete: 'new-password', hint: 'At least 8 characters. Leave empty for a seat that logs in through SSO only.' })}
<button type="submit">Add seat</button>
</form>
</section>
<section aria-labelledby="import-seats">
<h2 id="import-seats">Import and export</h2>
<p>CSV columns: <code>name,email,role,disabled</code>. Known emails update their seat, new emails add a seat; nothing is deleted. A file with any error changes nothing.</p>
${
  m.importErrors &&
  m.importErrors.length > 0 &&
  html`<div role="alert" class="error"><h3>The seat list was not imported (nothing changed):</h3><ul>
${m.importErrors.map((error) => html`<li>Line ${error.line}: ${error.message}</li>`)}</ul></div>`
}
<form method="post" novalidate action="${P.seatsImport}" enctype="multipart/form-data">${m.csrf}
${textInput({ name: F.seatsFile, label: 'Seat list CSV file', type: 'file', value: '', accept: '.csv,text/csv' })}
${textArea({ name: F.seatsCsv, label: 'Or paste the seat list CSV', value: '', rows: 4 })}
<button type="submit">Import seats</button>
</form>
<p><a href="${P.seatsCsv}" download>Export seats as CSV</a></p>
</section>`;
}

export function seatEditBody(m: { readonly csrf: SafeHtml; readonly seat: Seat; readonly error?: string }): SafeHtml {
  const { seat } = m;
  return html`<h1>Edit seat</h1>
${m.error && html`<p role="alert" class="error">${m.error}</p>`}
<form method="post" novalidate action="${pathFor(P.seat, { seatId: seat.id })}">${m.csrf}
${textInput({ name: F.seatName, label: 'Name', value: seat.name, required: true })}
${textInput({ name: F.seatEmail, label: 'Email', type: 'email', value: seat.email, required: true })}
${selectInput({ name: F.seatRole, label: 'Role', value: seat.role, options: ROLE_OPTIONS })}
${checkboxInput({ name: F.seatDisabled, label: 'Seat disabled', checked: seat.disabled, hint: 'A disabled seat cannot log in, with a password or through SSO.' })}
${textInput({ name: F.seatNewPassword, label: 'New password (optional)', type: 'password', value: '', autocomplete: 'new-password', hint: seat.hasPassword ? 'A password is set. Leave empty to keep it.' : 'No password is set. At least 8 characters.' })}
<button type="submit">Save seat</button>
</form>
<p><a href="${P.seats}">Back to seats</a></p>`;
}
