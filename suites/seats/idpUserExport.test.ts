import { describe, expect, it } from 'vitest';
import type { PublicUser } from '../../mock-idps/index.ts';
import { csvField } from '../../lib/index.ts';
import { entraUserExport } from './idpUserExport.ts';

const user = (patch: Partial<PublicUser>): PublicUser => ({
  id: 'u-1',
  role: 'ordinary',
  email: 'bob.user@contoso.example',
  upn: 'bob.user@contoso.example',
  givenName: 'Bob',
  familyName: 'User',
  displayName: 'Bob User',
  emailVerified: true,
  assigned: true,
  disabled: false,
  groups: ['Everyone'],
  vendorIds: { entra: 'e', okta: 'o', google: 'g', auth0: 'a' },
  ...patch,
});

describe('the IdP user export CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['User, Bob', '"User, Bob"'],
    ['Bob "The Builder"', '"Bob ""The Builder"""'],
    ['two\nlines', '"two\nlines"'],
  ])('quotes %j as %j (RFC 4180)', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('lists assigned, enabled users with the guest UPN and the real mail, like Entra\'s "Download users"', () => {
    const file = entraUserExport([
      user({}),
      user({
        id: 'u-2',
        role: 'guest-ext',
        email: 'dave.guest@partner.example.net',
        upn: 'dave.guest_partner.example.net#EXT#@contoso.onmicrosoft.com',
        displayName: 'Guest, Dave',
      }),
      user({ id: 'u-3', role: 'not-assigned', email: 'erin@contoso.example', assigned: false }),
      user({ id: 'u-4', role: 'disabled', email: 'frank@contoso.example', disabled: true }),
    ]);
    expect(file).toEqual({
      fileName: 'exportUsers.csv',
      csv:
        'userPrincipalName,displayName,mail\r\nbob.user@contoso.example,Bob User,bob.user@contoso.example\r\n' +
        'dave.guest_partner.example.net#EXT#@contoso.onmicrosoft.com,"Guest, Dave",dave.guest@partner.example.net\r\n',
    });
  });
});
