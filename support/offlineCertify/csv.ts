// A small RFC 4180 CSV reader for seat lists and IdP user exports (quoted fields, doubled quotes,
// CRLF, a UTF-8 BOM from Excel). Columns are found by header name, never by position.
import { SupportInputError } from '../artefacts/errors.ts';

export interface CsvTable {
  readonly header: readonly string[];
  /** Data rows with their 1-based line number in the file (header = line 1). */
  readonly rows: ReadonlyArray<{ readonly line: number; readonly cells: readonly string[] }>;
}

export function parseCsv(text: string, what: string): CsvTable {
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const input = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < input.length; i += 1) {
    const char = input[i]!;
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n') line += 1;
        cell += char;
      }
    } else if (char === '"' && cell === '') {
      quoted = true;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') i += 1;
      cells.push(cell);
      records.push({ line: recordLine, cells });
      cells = [];
      cell = '';
      line += 1;
      recordLine = line;
    } else {
      cell += char;
    }
  }
  if (quoted) throw new SupportInputError('customer-file-invalid', `${what}: a quoted field opened on line ${recordLine} is never closed.`);
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    records.push({ line: recordLine, cells });
  }
  const nonEmpty = records.filter((record) => record.cells.some((value) => value.trim() !== ''));
  const [head, ...rows] = nonEmpty;
  if (!head) throw new SupportInputError('customer-file-invalid', `${what} is empty: expected a header line (e.g. "name,email,role") and one line per seat.`);
  return { header: head.cells.map((name) => name.trim()), rows };
}

/** Index of the first header matching one of the patterns, in pattern order. */
export function findColumn(table: CsvTable, patterns: readonly RegExp[]): number | undefined {
  for (const pattern of patterns) {
    const index = table.header.findIndex((name) => pattern.test(name));
    if (index >= 0) return index;
  }
  return undefined;
}
