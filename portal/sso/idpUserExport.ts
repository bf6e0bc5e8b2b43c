// Reading the user export an admin downloads from the IdP console (CSV), to compare the IdP's user
// base with the portal's seats. The email column is found by its header, per vendor.
import type { Validated } from './contract.ts';
import { isEmailAddress, isGuestUpn } from './emailAddress.ts';

export const MAX_EXPORT_BYTES = 5_000_000;
const FIELD = 'idpUserExport';

// Preferred first. Entra "Download users": mail (userPrincipalName only as a fallback, it is not
// always an email); Okta people export: "Primary email"; Google Admin "Download users":
// "Email Address [Required]"; then generic names.
const EMAIL_HEADERS = ['email address [required]', 'primary email', 'mail', 'email', 'e-mail', 'email address', 'user email', 'emailaddress'];
const FALLBACK_HEADERS = ['userprincipalname', 'username', 'login'];

type Rows = { readonly ok: true; readonly rows: string[][] } | { readonly ok: false; readonly message: string };

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends. */
export function parseCsv(text: string): Rows {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === '\n') line += 1;
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      line += 1;
    } else {
      field += ch;
    }
  }
  if (quoted) return { ok: false, message: `The file has a quote opened on line ${quoteLine} that is never closed: it is not a valid CSV export.` };
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return { ok: true, rows: rows.filter((r) => r.some((cell) => cell.trim() !== '')) };
}

export function parseIdpUserExport(csv: string): Validated<string[]> {
  if (Buffer.byteLength(csv, 'utf8') > MAX_EXPORT_BYTES) return { ok: false, errors: [{ field: FIELD, message: `The user export is larger than ${MAX_EXPORT_BYTES / 1_000_000} MB: export only the users assigned to the application.` }] };
  const parsed = parseCsv(csv.replace(/^\uFEFF/, ''));
  if (!parsed.ok) return { ok: false, errors: [{ field: FIELD, message: parsed.message }] };
  const [header, ...rows] = parsed.rows;
  if (!header) return { ok: false, errors: [{ field: FIELD, message: 'The user export is empty: download the users list from the IdP console as CSV (with its header row) and upload it.' }] };
  const names = header.map((h) => h.trim().toLowerCase());
  const primary = EMAIL_HEADERS.map((h) => names.indexOf(h)).find((i) => i >= 0);
  const fallback = FALLBACK_HEADERS.map((h) => names.indexOf(h)).find((i) => i >= 0);
  if (primary === undefined && fallback === undefined) {
    return {
      ok: false,
      errors: [{
        field: FIELD,
        message: `No email column in the user export: its header row has ${header.map((h) => `"${h.trim().slice(0, 40)}"`).join(', ')}. Expected one of "Email Address [Required]" (Google), "Primary email" (Okta), "mail" or "userPrincipalName" (Entra), or "email". Upload the CSV exactly as the IdP console downloads it.`,
      }],
    };
  }
  const seen = new Map<string, string>();
  for (const row of rows) {
    const candidates = [primary, fallback].filter((i): i is number => i !== undefined).map((i) => row[i]?.trim() ?? '');
    const email = candidates.find((value) => value !== '' && isEmailAddress(value) && !isGuestUpn(value));
    if (email && !seen.has(email.toLowerCase())) seen.set(email.toLowerCase(), email);
  }
  return { ok: true, value: [...seen.values()] };
}
