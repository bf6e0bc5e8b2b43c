import { describe, expect, it } from 'vitest';
import { emailDomain, isEmailAddress, isGuestUpn } from './emailAddress.ts';

describe('isEmailAddress', () => {
  it.each([
    ['alice@corp.example', true],
    ['alice.smith+tag@mail.corp.example', true],
    ["o'brien@corp.example", true],
    ['alice_contoso.com#EXT#@fabrikam.onmicrosoft.com', true],
    ['alice@corp', false],
    ['alice@@corp.example', false],
    ['@corp.example', false],
    ['alice@', false],
    ['.alice@corp.example', false],
    ['al..ice@corp.example', false],
    ['alice smith@corp.example', false],
    ['alice@-corp.example', false],
    ['alice@corp.123', false],
    ['auth0|64f0c0ffee', false],
    [`${'a'.repeat(65)}@corp.example`, false],
  ])('%s → %s', (value, expected) => {
    expect(isEmailAddress(value)).toBe(expected);
  });
});

describe('isGuestUpn / emailDomain', () => {
  it('recognises Entra guest UPNs in any case', () => {
    expect([isGuestUpn('a_b.com#EXT#@t.onmicrosoft.com'), isGuestUpn('a_b.com#ext#@t.onmicrosoft.com'), isGuestUpn('a@b.com')]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('lower-cases the domain after the last @', () => {
    expect([emailDomain('Alice@Corp.Example'), emailDomain('no-at')]).toEqual(['corp.example', '']);
  });
});
