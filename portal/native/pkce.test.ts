import { describe, expect, it } from 'vitest';
import { isValidCodeChallenge, isValidCodeVerifier, s256, verifyPkce } from './pkce.ts';

// RFC 7636 Appendix B.
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE S256', () => {
  it('matches the RFC 7636 Appendix B example', () => {
    expect(s256(VERIFIER)).toBe(CHALLENGE);
    expect(verifyPkce(VERIFIER, CHALLENGE)).toBe(true);
  });

  it.each([
    ['another verifier', `${VERIFIER.slice(0, -1)}A`, CHALLENGE],
    ['the challenge sent as verifier ("plain" method)', CHALLENGE, CHALLENGE],
    ['a verifier shorter than 43 characters', 'short', s256('short')],
    ['a verifier with characters outside the unreserved set', `${VERIFIER}+/`, s256(`${VERIFIER}+/`)],
  ])('refuses %s', (_case, verifier, challenge) => {
    expect(verifyPkce(verifier, challenge)).toBe(false);
  });

  it('checks challenge and verifier syntax', () => {
    expect(isValidCodeChallenge(CHALLENGE)).toBe(true);
    expect(isValidCodeChallenge(`${CHALLENGE}=`)).toBe(false);
    expect(isValidCodeVerifier('a'.repeat(128))).toBe(true);
    expect(isValidCodeVerifier('a'.repeat(129))).toBe(false);
  });
});
