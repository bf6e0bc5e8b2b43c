// Seat list import / export as CSV. Import is all-or-nothing: every line is checked first, and
// any error refuses the whole file with one message per line; nothing changes.
import type { Seat, SeatRole } from '../db/accounts.ts';
import { emailKey } from '../db/accounts.ts';
import { parseCsv, toCsv, unguardCell } from '../../lib/index.ts';
import { isSeatEmail } from '../db/accounts.ts';

export const SEAT_CSV_COLUMNS = ['name', 'email', 'role', 'disabled'] as const;
const REQUIRED = ['name', 'email', 'role'] as const;

export interface SeatCsvRow {
  readonly line: number;
  readonly name: string;
  readonly email: string;
  readonly role: SeatRole;
  readonly disabled: boolean;
}

export interface CsvLineError {
  readonly line: number;
  readonly message: string;
}

export type SeatCsvParse =
  { readonly ok: true; readonly rows: readonly SeatCsvRow[] } | { readonly ok: false; readonly errors: readonly CsvLineError[] };

const TRUE = new Set(['true', 'yes', '1', 'disabled']);
const FALSE = new Set(['', 'false', 'no', '0', 'enabled']);

/** `duplicateKey`: how two lines' emails are told to be the same (without case; a defect switch passes one with case). */
export function parseSeatCsv(text: string, duplicateKey: (email: string) => string = emailKey): SeatCsvParse {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, errors: [{ line: parsed.line, message: `The file is not valid CSV: ${parsed.message}` }] };
  const [header, ...records] = parsed.records;
  if (!header)
    return {
      ok: false,
      errors: [
        {
          line: 1,
          message: `The file is empty: the first line must name the columns (${SEAT_CSV_COLUMNS.join(',')}), one seat per line after it.`,
        },
      ],
    };
  const columns = header.cells.map((cell) => cell.trim().toLowerCase());
  const errors: CsvLineError[] = [];
  const unknown = columns.filter((column) => !(SEAT_CSV_COLUMNS as readonly string[]).includes(column));
  const missing = REQUIRED.filter((column) => !columns.includes(column));
  if (unknown.length > 0 || missing.length > 0) {
    const problems = [
      missing.length > 0 && `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      unknown.length > 0 && `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')}`,
    ]
      .filter(Boolean)
      .join('; ');
    return {
      ok: false,
      errors: [
        {
          line: header.line,
          message: `The header line has ${problems}. The columns are ${SEAT_CSV_COLUMNS.join(', ')} (disabled is optional).`,
        },
      ],
    };
  }
  const index = (column: string): number => columns.indexOf(column);
  const rows: SeatCsvRow[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    const cell = (column: string): string => {
      const at = index(column);
      return at < 0 ? '' : unguardCell((record.cells[at] ?? '').trim());
    };
    if (record.cells.length > columns.length) {
      errors.push({
        line: record.line,
        message: `${record.cells.length} values for ${columns.length} columns: quote values that contain a comma.`,
      });
      continue;
    }
    const name = cell('name');
    const email = cell('email');
    const role = cell('role').toLowerCase();
    const disabled = cell('disabled').toLowerCase();
    const lineErrors: string[] = [];
    if (name === '') lineErrors.push('the name is empty');
    else if (name.length > 200) lineErrors.push('the name is longer than 200 characters');
    if (email === '') lineErrors.push('the email is empty');
    else if (!isSeatEmail(email)) lineErrors.push(`"${email}" is not an email address`);
    if (role !== 'admin' && role !== 'user') lineErrors.push(`the role "${cell('role')}" is not admin or user`);
    if (!TRUE.has(disabled) && !FALSE.has(disabled))
      lineErrors.push(`disabled is "${cell('disabled')}": write true or false (or leave it empty)`);
    const first = seen.get(duplicateKey(email));
    if (email !== '' && first !== undefined)
      lineErrors.push(`the email ${email} is already on line ${first} (emails are compared without case)`);
    if (email !== '' && first === undefined) seen.set(duplicateKey(email), record.line);
    if (lineErrors.length > 0) {
      errors.push({ line: record.line, message: `${lineErrors.join('; ')}.` });
      continue;
    }
    rows.push({ line: record.line, name, email, role: role as SeatRole, disabled: TRUE.has(disabled) });
  }
  if (errors.length > 0) return { ok: false, errors };
  if (rows.length === 0)
    return { ok: false, errors: [{ line: header.line + 1, message: 'The file has a header but no seats: add one line per seat.' }] };
  return { ok: true, rows };
}

export function seatsToCsv(seats: readonly Seat[]): string {
  return toCsv(
    SEAT_CSV_COLUMNS,
    seats.map((seat) => [seat.name, seat.email, seat.role, seat.disabled ? 'true' : 'false']),
  );
}
