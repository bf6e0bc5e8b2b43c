// The reference portal's page shell: landmarks (banner, navigation, main), one h1 per page, the
// navigation of whoever is logged in, and the plain error page.
import type { SupportStaff } from '../../db/support.ts';
import { html, type SafeHtml } from '../../web/html.ts';
import type { PageShell } from '../types.ts';
import { REFERENCE_FIELDS, REFERENCE_PATHS as P } from './paths.ts';

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="${REFERENCE_FIELDS.csrf}" value="${token}">`;
}

export function seatNav(m: { readonly csrf: SafeHtml; readonly admin: boolean }): SafeHtml {
  return html`<nav aria-label="Portal"><ul>
    <li><a href="${P.home}">Home</a></li>
    ${m.admin && html`<li><a href="${P.settings}">Account parameters</a></li><li><a href="${P.seats}">Seats</a></li><li><a href="${P.auditLog}">Audit log</a></li>`}
    <li><form method="post" novalidate action="${P.logout}">${m.csrf}<button type="submit" class="link">Log out</button></form></li>
  </ul></nav>`;
}

export function supportNav(m: { readonly csrf: SafeHtml; readonly staff: SupportStaff }): SafeHtml {
  return html`<nav aria-label="Support"><ul>
    <li><a href="${P.support}">Search accounts</a></li>
    <li>Signed in as ${m.staff.name} (Ooma support)</li>
    <li><form method="post" novalidate action="${P.supportLogout}">${m.csrf}<button type="submit" class="link">Log out of support</button></form></li>
  </ul></nav>`;
}

export function renderDocument(page: PageShell): string {
  return `<!doctype html>\n${
    html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} — Ooma Enterprise</title>
<link rel="stylesheet" href="${P.stylesheet}">
</head>
<body>
<header class="top"><span>${page.product ?? 'Ooma Enterprise admin portal'}</span>${page.nav}</header>
<main>
${page.body}
</main>
</body>
</html>`.value
  }`;
}

export function errorBody(m: { readonly title: string; readonly message: string }): SafeHtml {
  return html`<h1>${m.title}</h1><p role="alert" class="error">${m.message}</p><p><a href="${P.root}">Back to the portal</a></p>`;
}
