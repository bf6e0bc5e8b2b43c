// Reading the user export an admin downloads from the IdP console (CSV), to compare the IdP's user
// base with the seats. The email column is found by its header, per vendor. A rule of the file
// format and the vendors' consoles, shared by the reference portal and support's offline check.
import { parseCsv } from './csv.ts';
import { isEmailAddress, isGuestUpn } from './emailAddress.ts';

/** The export's emails, or what is wrong with the file (in the upload form's field). */
export type IdpUserExportParse =
  | { readonly ok: true; readonly value: string[] }
  | { readonly ok: false; readonly errors: readonly { readonly field: string; readonly message: string }[] };

export const MAX_EXPORT_BYTES = 5_000_000;
const FIELD = 'idpUserExport';

// Preferred first. Entra "Download users": mail (userPrincipalName only as a fallback, it is not
// always an email); Okta people export: "Primary email"; Google Admin "Download users":
// "Email Address [Required]"; then generic names.
const EMAIL_HEADERS = [
  'email address [required]',
  'primary email',
  'mail',
  'email',
  'e-mail',
  'email address',
  'user email',
  'emailaddress',
];
const FALLBACK_HEADERS = ['userprincipalname', 'username', 'login'];

export function parseIdpUserExport(csv: string): IdpUserExportParse {
  if (Buffer.byteLength(csv, 'utf8') > MAX_EXPORT_BYTES)
    return {
      ok: false,
      errors: [
        {
          field: FIELD,
          message: `The user export is larger than ${MAX_EXPORT_BYTES / 1_000_000} MB: export only the users assigned to the application.`,
        },
      ],
    };
  const parsed = parseCsv(csv);
  if (!parsed.ok)
    return {
      ok: false,
      errors: [{ field: FIELD, message: `The file is not a valid CSV export (line ${parsed.line}): ${parsed.message}` }],
    };
  const [header, ...rows] = parsed.records.map((record) => record.cells);
  if (!header)
    return {
      ok: false,
      errors: [
        {
          field: FIELD,
          message: 'The user export is empty: download the users list from the IdP console as CSV (with its header row) and upload it.',
        },
      ],
    };
  const names = header.map((h) => h.trim().toLowerCase());
  const primary = EMAIL_HEADERS.map((h) => names.indexOf(h)).find((i) => i >= 0);
  const fallback = FALLBACK_HEADERS.map((h) => names.indexOf(h)).find((i) => i >= 0);
  if (primary === undefined && fallback === undefined) {
    return {
      ok: false,
      errors: [
        {
          field: FIELD,
          message: `No email column in the user export: its header row has ${header.map((h) => `"${h.trim().slice(0, 40)}"`).join(', ')}. Expected one of "Email Address [Required]" (Google), "Primary email" (Okta), "mail" or "userPrincipalName" (Entra), or "email". Upload the CSV exactly as the IdP console downloads it.`,
        },
      ],
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
