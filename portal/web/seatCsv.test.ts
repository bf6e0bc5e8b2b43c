import { describe, expect, it } from 'vitest';
import { isSeatEmail, type Seat } from '../db/accounts.ts';
import { parseSeatCsv, seatsToCsv } from './seatCsv.ts';
import { planSeatImport } from './seatImport.ts';

describe('parseSeatCsv', () => {
  it('reads seats with any column order and optional disabled', () => {
    const parsed = parseSeatCsv('email,name,role\nada@corp.example,Ada,ADMIN\nbo@corp.example,Bo,user\n');
    expect(parsed).toEqual({
      ok: true,
      rows: [
        { line: 2, name: 'Ada', email: 'ada@corp.example', role: 'admin', disabled: false },
        { line: 3, name: 'Bo', email: 'bo@corp.example', role: 'user', disabled: false },
      ],
    });
  });

  it('reports every bad line with its number and what to fix', () => {
    const csv = [
      'name,email,role,disabled',
      'Ada,ada@corp.example,admin,',
      ',not-an-email,boss,maybe',
      'Ada 2,ADA@corp.example,user,false',
      'Bo,bo@corp.example,user,true,extra',
    ].join('\n');
    expect(parseSeatCsv(csv)).toEqual({
      ok: false,
      errors: [
        {
          line: 3,
          message:
            'the name is empty; "not-an-email" is not an email address; the role "boss" is not admin or user; disabled is "maybe": write true or false (or leave it empty).',
        },
        { line: 4, message: 'the email ADA@corp.example is already on line 2 (emails are compared without case).' },
        { line: 5, message: '5 values for 4 columns: quote values that contain a comma.' },
      ],
    });
  });

  it.each([
    ['', 1, 'The file is empty: the first line must name the columns (name,email,role,disabled), one seat per line after it.'],
    [
      'name,mail,role,team',
      1,
      'The header line has missing column email; unknown columns "mail", "team". The columns are name, email, role, disabled (disabled is optional).',
    ],
    ['name,email,role\n', 2, 'The file has a header but no seats: add one line per seat.'],
  ])('refuses the file %j', (csv, line, message) => {
    expect(parseSeatCsv(csv)).toEqual({ ok: false, errors: [{ line, message }] });
  });

  it('round-trips an export, neutralising spreadsheet formulas', () => {
    const seats: Seat[] = [
      { id: 1, accountId: 1, name: '=HYPERLINK("x")', email: 'ada@corp.example', role: 'admin', disabled: false, hasPassword: true },
      { id: 2, accountId: 1, name: 'Bo, Jr.', email: 'bo@corp.example', role: 'user', disabled: true, hasPassword: false },
    ];
    const csv = seatsToCsv(seats);
    expect(csv).toBe(
      'name,email,role,disabled\r\n"\'=HYPERLINK(""x"")",ada@corp.example,admin,false\r\n"Bo, Jr.",bo@corp.example,user,true\r\n',
    );
    const parsed = parseSeatCsv(csv);
    expect(parsed.ok && parsed.rows.map((row) => [row.name, row.disabled])).toEqual([
      ['=HYPERLINK("x")', false],
      ['Bo, Jr.', true],
    ]);
  });
});

describe('planSeatImport', () => {
  const seat = (id: number, email: string, role: 'admin' | 'user' = 'user'): Seat => ({
    id,
    accountId: 1,
    name: `Seat ${id}`,
    email,
    role,
    disabled: false,
    hasPassword: false,
  });
  const row = (line: number, email: string, role: 'admin' | 'user' = 'user', disabled = false) => ({
    line,
    name: `Seat ${line}`,
    email,
    role,
    disabled,
  });

  it('adds new emails and updates known ones (without case), leaving others alone', () => {
    const existing = [seat(1, 'Ada@corp.example', 'admin'), seat(2, 'bo@corp.example')];
    const check = planSeatImport(existing, [row(2, 'ada@corp.example', 'admin'), row(3, 'cy@corp.example')]);
    expect(check.ok && { adds: check.plan.adds.map((r) => r.email), updates: check.plan.updates.map((u) => u.seat.id) }).toEqual({
      adds: ['cy@corp.example'],
      updates: [1],
    });
  });

  it('refuses a line matching duplicate seats, and an import leaving no enabled admin', () => {
    expect(
      planSeatImport([seat(1, 'a@x.example', 'admin'), seat(2, 'dup@x.example'), seat(3, 'DUP@x.example')], [row(2, 'dup@x.example')]),
    ).toEqual({
      ok: false,
      errors: [
        {
          line: 2,
          message:
            '2 seats already have the email dup@x.example, so this line cannot tell which one to update. Give those seats distinct emails first (see the seat email audit).',
        },
      ],
    });
    expect(planSeatImport([seat(1, 'a@x.example', 'admin')], [row(2, 'a@x.example', 'admin', true)])).toEqual({
      ok: false,
      errors: [
        {
          line: 1,
          message:
            'After this import the account would have no enabled admin, and nobody could manage it. Keep at least one admin seat enabled.',
        },
      ],
    });
  });
});

describe('seat emails need a domain with a dot', () => {
  it('isSeatEmail: a dotted domain, no spaces, one @', () => {
    expect(['tim@demo.example', 'a.b+c@sub.example.co.uk'].map(isSeatEmail)).toEqual([true, true]);
    expect(
      ['tim@demo', 'tim@', '@demo.example', 'tim@demo.', 'tim@.example', 'ti m@demo.example', 'a@b@c.example'].map(isSeatEmail),
    ).toEqual([false, false, false, false, false, false, false]);
  });

  it('refuses tim@demo on import, naming the form', () => {
    const parsed = parseSeatCsv('name,email,role\nTim,tim@demo,user\n');
    expect(parsed.ok).toBe(false);
    expect(JSON.stringify(parsed)).toContain('\\"tim@demo\\" is not an email address');
  });
});
