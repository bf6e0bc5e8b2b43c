import { describe, expect, it } from 'vitest';
import { csvCell, csvField, parseCsv, toCsv, unguardCell } from './csv.ts';

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, CRLF, a BOM and blank lines (white space only counts as blank)', () => {
    const parsed = parseCsv('\uFEFFa,"b, c","say ""hi"""\r\n\r\n"multi\nline",x,\n , \n');
    expect(parsed).toEqual({
      ok: true,
      records: [
        { line: 1, cells: ['a', 'b, c', 'say "hi"'] },
        { line: 3, cells: ['multi\nline', 'x', ''] },
      ],
    });
  });

  it.each([
    ['a,"open', 'quote-never-closed', 1, 'a quoted value is never closed: add the missing closing quote (").'],
    ['ok\nx,\n"opened on 3\nstill open', 'quote-never-closed', 3, 'a quoted value is never closed: add the missing closing quote (").'],
    [
      'ok\n"x"y,z',
      'text-after-quote',
      2,
      'text after a closing quote: a quoted value must end at a comma or the end of the line (write "" for a quote inside quotes).',
    ],
  ])('reports %j with the line to look at', (text, problem, line, message) => {
    expect(parseCsv(text)).toEqual({ ok: false, problem, line, message });
  });
});

describe('writing', () => {
  it('quotes only what needs it, and guards formulas in spreadsheet cells', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('-1,2')).toBe('"\'-1,2"');
    expect(unguardCell(csvCell('@x'))).toBe('@x');
    expect(toCsv(['a', 'b'], [['1', '+2']])).toBe("a,b\r\n1,'+2\r\n");
  });

  it('reads back what it writes', () => {
    const rows = [
      ['Ada, Lovelace', 'say "hi"'],
      ['multi\nline', '=1+1'],
    ];
    const parsed = parseCsv(toCsv(['name', 'note'], rows));
    expect(parsed.ok && parsed.records.map((record) => record.cells.map(unguardCell))).toEqual([['name', 'note'], ...rows]);
  });
});
