// RFC 4180 CSV, once for everyone who reads or writes it: the reference portal's seat lists and
// IdP user exports, support's offline check of a customer's files, and the suites' IdP exports.
// Quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM (Excel); records with 1-based line numbers
// for error messages. Neither the portal's nor the harness's rule: the file format's.

export interface CsvRecord {
  /** 1-based line number where the record starts, as a spreadsheet shows it. */
  readonly line: number;
  readonly cells: readonly string[];
}

export type CsvParse =
  | { readonly ok: true; readonly records: readonly CsvRecord[] }
  | { readonly ok: false; readonly problem: CsvProblem; readonly line: number; readonly message: string };

/** What is wrong with a file that is not CSV: callers word it for their reader. */
export type CsvProblem = 'quote-never-closed' | 'text-after-quote';

const MESSAGES: Readonly<Record<CsvProblem, string>> = {
  'quote-never-closed': 'a quoted value is never closed: add the missing closing quote (").',
  'text-after-quote':
    'text after a closing quote: a quoted value must end at a comma or the end of the line (write "" for a quote inside quotes).',
};

/**
 * The file's records, blank lines (every cell empty or white space) left out. A quote never
 * closed is reported at the line it opened on; text after a closing quote (`"a"b`) is refused
 * rather than guessed at.
 */
export function parseCsv(text: string): CsvParse {
  const input = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  let quoted = false;
  let afterQuote = false;
  const refuse = (problem: CsvProblem, at: number): CsvParse => ({ ok: false, problem, line: at, message: MESSAGES[problem] });
  const endRecord = (): void => {
    cells.push(cell);
    if (cells.some((value) => value.trim() !== '')) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    afterQuote = false;
  };
  for (let i = 0; i < input.length; i += 1) {
    const char = input[i] ?? '';
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
        afterQuote = true;
      } else {
        if (char === '\n') line += 1;
        cell += char;
      }
      continue;
    }
    if (char === '"' && cell === '' && !afterQuote) {
      quoted = true;
      quoteLine = line;
      continue;
    }
    if (char === ',') {
      cells.push(cell);
      cell = '';
      afterQuote = false;
      continue;
    }
    if (char === '\r' && input[i + 1] === '\n') continue;
    if (char === '\n' || char === '\r') {
      endRecord();
      line += 1;
      recordLine = line;
      continue;
    }
    if (afterQuote) return refuse('text-after-quote', line);
    cell += char;
  }
  if (quoted) return refuse('quote-never-closed', quoteLine);
  endRecord();
  return { ok: true, records };
}

/** RFC 4180: quote a field when it holds a comma, a quote or a line break; double inner quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A cell for a file people open in a spreadsheet, which runs cells starting with = + - @ as formulas (CSV injection): quoted with '. */
export function csvCell(value: string): string {
  return csvField(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
}

/** Undo csvCell's formula guard on import. */
export function unguardCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/** A spreadsheet-safe file: header, rows, CRLF line ends. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
