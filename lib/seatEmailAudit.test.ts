import { describe, expect, it } from 'vitest';
import { parseIdpUserExport } from './idpUserExport.ts';
import { auditSeatEmails, type SeatForAudit } from './seatEmailAudit.ts';

const seat = (id: number, email: string, extra: Partial<SeatForAudit> = {}): SeatForAudit => ({
  id,
  name: `User ${id}`,
  email,
  role: 'user',
  disabled: false,
  ...extra,
});
const DOMAINS = ['corp.example'];

describe('auditSeatEmails', () => {
  it('finds nothing when every seat is unique, valid, in an SSO domain and known to the IdP', () => {
    const seats = [seat(1, 'admin@corp.example', { role: 'admin' }), seat(2, 'bob@corp.example')];
    expect(auditSeatEmails(seats, { ssoDomains: ['Corp.Example'], idpUsers: ['Admin@corp.example', 'bob@corp.example'] })).toEqual([]);
  });

  it.each<[string, SeatForAudit[], { kind: string; seatId?: number; email: string; message: string; blocking: boolean }[]]>([
    [
      'an invalid address',
      [seat(2, 'bob@corp')],
      [
        {
          kind: 'invalid-email',
          seatId: 2,
          email: 'bob@corp',
          message: 'Seat #2 (User 2) has "bob@corp", which is not a valid email address: correct it in Account parameters → Seats.',
          blocking: true,
        },
      ],
    ],
    [
      'an empty email',
      [seat(2, ' ')],
      [
        {
          kind: 'invalid-email',
          seatId: 2,
          email: ' ',
          message: "Seat #2 (User 2) has no email: set the user's SSO email in Account parameters → Seats.",
          blocking: true,
        },
      ],
    ],
    [
      'an Entra guest UPN',
      [seat(3, 'alice_contoso.com#EXT#@fabrikam.onmicrosoft.com')],
      [
        {
          kind: 'guest-upn',
          seatId: 3,
          email: 'alice_contoso.com#EXT#@fabrikam.onmicrosoft.com',
          message:
            "Seat #3 (User 3) has the Entra guest UPN alice_contoso.com#EXT#@fabrikam.onmicrosoft.com as its email; the IdP sends the guest's real email instead. Replace it with the user's email address in Account parameters → Seats.",
          blocking: true,
        },
      ],
    ],
    [
      'a domain that is not an SSO domain',
      [seat(4, 'carol@gmail.com')],
      [
        {
          kind: 'domain-not-sso',
          seatId: 4,
          email: 'carol@gmail.com',
          message:
            "Seat #4 (User 4) uses carol@gmail.com, whose domain gmail.com is not one of the account's SSO domains (corp.example): change the seat email in Account parameters → Seats, or add gmail.com to the SSO domains.",
          blocking: true,
        },
      ],
    ],
    [
      'emails differing only in case',
      [seat(5, 'Dan@corp.example'), seat(6, 'dan@corp.example')],
      [
        {
          kind: 'duplicate-email',
          seatId: 5,
          email: 'Dan@corp.example',
          message:
            'Seat #5 (User 5) shares the email Dan@corp.example with seat #6 (User 6) (the addresses differ only in upper/lower case, which email treats as the same address). Each seat needs its own email: change or remove the duplicate in Account parameters → Seats.',
          blocking: true,
        },
        {
          kind: 'duplicate-email',
          seatId: 6,
          email: 'dan@corp.example',
          message:
            'Seat #6 (User 6) shares the email dan@corp.example with seat #5 (User 5) (the addresses differ only in upper/lower case, which email treats as the same address). Each seat needs its own email: change or remove the duplicate in Account parameters → Seats.',
          blocking: true,
        },
      ],
    ],
  ])('reports %s', (_name, seats, expected) => {
    expect(auditSeatEmails(seats, { ssoDomains: DOMAINS })).toEqual(expected);
  });

  it('reports exact duplicates, including with a disabled seat', () => {
    const findings = auditSeatEmails([seat(1, 'eve@corp.example'), seat(2, 'eve@corp.example', { disabled: true })], {
      ssoDomains: DOMAINS,
    });
    expect(findings.map((f) => [f.kind, f.seatId, f.message.includes('differ only')])).toEqual([
      ['duplicate-email', 1, false],
      ['duplicate-email', 2, false],
    ]);
  });

  it('compares with the IdP user export both ways', () => {
    const findings = auditSeatEmails([seat(1, 'frank@corp.example'), seat(2, 'gina@corp.example', { disabled: true })], {
      ssoDomains: DOMAINS,
      idpUsers: ['Henry@corp.example'],
    });
    expect(findings).toEqual([
      {
        kind: 'missing-from-idp',
        seatId: 1,
        email: 'frank@corp.example',
        message:
          'Seat #1 (User 1) uses frank@corp.example, which is not in the IdP user export: that user cannot log in with SSO. Fix the seat email in Account parameters → Seats to the address the IdP has, or add (and assign) the user at the IdP.',
        blocking: true,
      },
      {
        kind: 'idp-user-without-seat',
        email: 'Henry@corp.example',
        message:
          'Henry@corp.example exists in the IdP user export but has no seat: create a seat with this email in Account parameters → Seats if the user needs Ooma, or unassign the user from the application at the IdP.',
        blocking: false,
      },
    ]);
  });

  it('skips the domain check when the account has no SSO domains yet', () => {
    expect(auditSeatEmails([seat(1, 'x@anything.example')], { ssoDomains: [] })).toEqual([]);
  });

  it('flags an admin who would be locked out, and says when no admin is left', () => {
    const findings = auditSeatEmails([seat(1, 'boss@gmail.com', { role: 'admin' }), seat(2, 'ok@corp.example')], { ssoDomains: DOMAINS });
    expect(findings.map((f) => f.kind)).toEqual(['domain-not-sso', 'admin-not-covered']);
    expect(findings[1]).toEqual({
      kind: 'admin-not-covered',
      seatId: 1,
      email: 'boss@gmail.com',
      message:
        "Admin seat #1 (User 1) (boss@gmail.com) would not be able to log in once SSO is enabled (domain-not-sso). No admin of this account would be able to log in: the account would be locked out until Ooma support turns SSO off. Fix this admin's email in Account parameters → Seats before enabling SSO.",
      blocking: true,
    });
  });

  it('does not call it a lockout while another admin is covered', () => {
    const findings = auditSeatEmails([seat(1, 'boss@gmail.com', { role: 'admin' }), seat(2, 'deputy@corp.example', { role: 'admin' })], {
      ssoDomains: DOMAINS,
    });
    expect(findings.find((f) => f.kind === 'admin-not-covered')?.message).toBe(
      "Admin seat #1 (User 1) (boss@gmail.com) would not be able to log in once SSO is enabled (domain-not-sso). Fix this admin's email in Account parameters → Seats before enabling SSO.",
    );
  });

  it('ignores disabled admins for coverage', () => {
    expect(
      auditSeatEmails([seat(1, 'old@gmail.com', { role: 'admin', disabled: true }), seat(2, 'new@corp.example', { role: 'admin' })], {
        ssoDomains: DOMAINS,
      }),
    ).toEqual([]);
  });
});

describe('parseIdpUserExport', () => {
  it.each<[string, string, string[]]>([
    [
      'Google Admin "Download users"',
      'First Name [Required],Last Name [Required],Email Address [Required],Status [READ ONLY]\nAlice,Smith,alice@corp.example,Active\nBob,Jones,bob@corp.example,Suspended\n',
      ['alice@corp.example', 'bob@corp.example'],
    ],
    [
      'Okta people export',
      'Username,First name,Last name,Primary email,Status\r\nalice@corp.example,Alice,Smith,alice@corp.example,ACTIVE\r\nbob.login,Bob,Jones,bob@corp.example,ACTIVE\r\n',
      ['alice@corp.example', 'bob@corp.example'],
    ],
    [
      'Entra "Download users", mail preferred, UPN as fallback, guests skipped',
      '\uFEFFuserPrincipalName,displayName,mail,userType\nalice@corp.onmicrosoft.com,Alice,alice@corp.example,Member\nbob@corp.example,Bob,,Member\nzoe_other.com#EXT#@corp.onmicrosoft.com,Zoe,,Guest\n',
      ['alice@corp.example', 'bob@corp.example'],
    ],
    [
      'a generic file with quotes and duplicates',
      'name,email\n"Smith, Alice",alice@corp.example\n"O""Brien",ALICE@corp.example\nnobody,\n',
      ['alice@corp.example'],
    ],
  ])('reads %s', (_name, csv, emails) => {
    expect(parseIdpUserExport(csv)).toEqual({ ok: true, value: emails });
  });

  it.each<[string, string, string]>([
    [
      'an empty file',
      '',
      'The user export is empty: download the users list from the IdP console as CSV (with its header row) and upload it.',
    ],
    [
      'a file without an email column',
      'id,name\n1,Alice\n',
      'No email column in the user export: its header row has "id", "name". Expected one of "Email Address [Required]" (Google), "Primary email" (Okta), "mail" or "userPrincipalName" (Entra), or "email". Upload the CSV exactly as the IdP console downloads it.',
    ],
    [
      'an unterminated quote',
      'email\n"alice@corp.example\n',
      'The file is not a valid CSV export (line 2): a quoted value is never closed: add the missing closing quote (").',
    ],
  ])('refuses %s', (_name, csv, message) => {
    expect(parseIdpUserExport(csv)).toEqual({ ok: false, errors: [{ field: 'idpUserExport', message }] });
  });
});
