// Minimal RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM. Enough for seat
// lists and IdP exports, with line numbers for error messages.

export interface CsvRecord {
  /** 1-based line number where the record starts, as a spreadsheet shows it. */
  readonly line: number;
  readonly cells: readonly string[];
}

export type CsvParse = { readonly ok: true; readonly records: readonly CsvRecord[] } | { readonly ok: false; readonly line: number; readonly message: string };

export function parseCsv(text: string): CsvParse {
  const input = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let afterQuote = false;
  for (let i = 0; i < input.length; i += 1) {
    const char = input[i] ?? '';
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') { cell += '"'; i += 1; }
      else if (char === '"') { quoted = false; afterQuote = true; }
      else { if (char === '\n') line += 1; cell += char; }
      continue;
    }
    if (char === '"' && cell === '' && !afterQuote) { quoted = true; continue; }
    if (char === ',') { cells.push(cell); cell = ''; afterQuote = false; continue; }
    if (char === '\r' && input[i + 1] === '\n') continue;
    if (char === '\n' || char === '\r') {
      cells.push(cell);
      if (cells.some((value) => value !== '')) records.push({ line: recordLine, cells });
      cells = []; cell = ''; afterQuote = false; line += 1; recordLine = line;
      continue;
    }
    if (afterQuote) return { ok: false, line, message: 'text after a closing quote: a quoted value must end at a comma or the end of the line (write "" for a quote inside quotes).' };
    cell += char;
  }
  if (quoted) return { ok: false, line: recordLine, message: 'a quoted value is never closed: add the missing closing quote (").' };
  cells.push(cell);
  if (cells.some((value) => value !== '')) records.push({ line: recordLine, cells });
  return { ok: true, records };
}

/** Spreadsheets run cells starting with = + - @ as formulas (CSV injection): quote them with '. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Undo csvCell's formula guard on import. */
export function unguardCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
