import { describe, expect, it } from 'vitest';
import { SupportInputError } from '../artefacts/errors.ts';
import { findColumn, readCsvTable } from './csv.ts';

describe('readCsvTable', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF, and an Excel BOM', () => {
    const table = readCsvTable(
      '\uFEFFName,Email\r\n"Root, Admin",root@contoso.com\r\n"Bob ""B""",bob@contoso.com\r\n"Multi\nline",carol@contoso.com\r\n\r\n',
      'seats.csv',
    );
    expect(table.header).toEqual(['Name', 'Email']);
    expect(table.rows).toEqual([
      { line: 2, cells: ['Root, Admin', 'root@contoso.com'] },
      { line: 3, cells: ['Bob "B"', 'bob@contoso.com'] },
      { line: 4, cells: ['Multi\nline', 'carol@contoso.com'] },
    ]);
    expect(findColumn(table, [/^e-?mail$/i])).toBe(1);
  });

  it.each([
    ['an empty file', '', 'seats.csv is empty: expected a header line (e.g. "name,email,role") and one line per seat.'],
    ['an unclosed quote', 'name,email\n"Bob,bob@x.com\n', 'seats.csv: a quoted field opened on line 2 is never closed.'],
  ])('refuses %s', (_what, text, message) => {
    expect(() => readCsvTable(text, 'seats.csv')).toThrow(new SupportInputError('customer-file-invalid', message));
  });
});
