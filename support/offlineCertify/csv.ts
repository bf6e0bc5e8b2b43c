// Seat lists and IdP user exports as tables (the CSV itself is read by lib/csv.ts). Columns are
// found by header name, never by position.
import { parseCsv as parseRecords } from '../../lib/index.ts';
import { SupportInputError } from '../artefacts/errors.ts';

export interface CsvTable {
  readonly header: readonly string[];
  /** Data rows with their 1-based line number in the file (header = line 1). */
  readonly rows: ReadonlyArray<{ readonly line: number; readonly cells: readonly string[] }>;
}

export function readCsvTable(text: string, what: string): CsvTable {
  const parsed = parseRecords(text);
  if (!parsed.ok) {
    throw new SupportInputError(
      'customer-file-invalid',
      parsed.problem === 'quote-never-closed'
        ? `${what}: a quoted field opened on line ${parsed.line} is never closed.`
        : `${what}, line ${parsed.line}: ${parsed.message}`,
    );
  }
  const [head, ...rows] = parsed.records;
  if (!head)
    throw new SupportInputError(
      'customer-file-invalid',
      `${what} is empty: expected a header line (e.g. "name,email,role") and one line per seat.`,
    );
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
