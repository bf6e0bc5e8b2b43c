// The provisioning API opens every account of the test environment, so its Bearer token is
// compared in full: a read of an account with the token cut short, extended, in other letter case,
// empty or absent is refused (401 or 403) — only the token itself reads it. The token never
// leaves the target: the test says how to change it, the target sends the request.
import { expect, test } from '../fixtures.ts';
import { RULE } from '../login/ruleTags.ts';

const NEAR_MISSES: readonly (readonly [string, (token: string) => string | undefined])[] = [
  ['no Authorization header', () => undefined],
  ['an empty token', () => ''],
  ['the token without its last character', (token) => token.slice(0, -1)],
  ['the first half of the token', (token) => token.slice(0, Math.ceil(token.length / 2))],
  ['the first character of the token', (token) => token.slice(0, 1)],
  ['the token with one character more', (token) => `${token}x`],
  ['the token without its first character', (token) => token.slice(1)],
  ['the token in other letter case', (token) => (token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase())],
];

test(
  'the provisioning API takes its token in full: cut short, extended, other case, empty or absent is refused',
  { tag: RULE.harnessToken },
  async ({ target, account }) => {
    test.info().annotations.push(
      { type: 'caught-defect', description: 'harness-token-prefix' },
      {
        type: 'spec',
        description: 'RFC 6750 §3.1 (invalid_token → 401); OWASP ASVS 4.0.3 §2.10 (service authentication): a credential compared in full',
      },
    );
    expect(await target.provisioningStatusWithToken(account.id, (token) => token), 'the token itself reads the account').toBe(200);
    const accepted: string[] = [];
    for (const [what, alter] of NEAR_MISSES) {
      const status = await target.provisioningStatusWithToken(account.id, alter);
      if (status !== 401 && status !== 403) accepted.push(`${what} → ${status}`);
    }
    expect(accepted, 'near misses of the provisioning token that were not refused with 401 or 403').toEqual([]);
  },
);
