// The mock login pages say they are test pages; the test users' password is on them only when a
// tenant asks (`sso-harness demo`), never in certification runs (their reports must not carry it).
import { describe, expect, it } from 'vitest';
import { renderLoginPage } from './oidc/pages.ts';
import { loginPage } from './saml/pages.ts';
import { PERSONAS } from './personas/index.ts';
import type { SamlPersona } from './types.ts';

const HINT = 'Harness-Test-Passw0rd!';

describe('mock login pages', () => {
  it('OIDC: names the mock IdP; shows the test password only when given', () => {
    const plain = renderLoginPage({ vendor: 'okta', flow: 'username-and-password', action: '/login', appName: 'OE', step: 'identifier' });
    expect(plain).toContain('(sso-harness mock IdP)');
    expect(plain).not.toContain(HINT);
    const demo = renderLoginPage({
      vendor: 'okta',
      flow: 'username-and-password',
      action: '/login',
      appName: 'OE',
      step: 'identifier',
      passwordHint: HINT,
    });
    expect(demo).toContain(
      `<p class="harness" role="note">Test page of the sso-harness mock IdP: every test user's password is <code>${HINT}</code>.</p>`,
    );
  });

  it('SAML: names the mock IdP; shows the test password only when given, on every step', () => {
    const persona = PERSONAS['entra-saml'] as SamlPersona;
    const input = { persona, action: '/login', pending: 'p1', appName: 'OE', users: [] };
    expect(loginPage(input)).toContain('(sso-harness mock IdP)');
    expect(loginPage(input)).not.toContain(HINT);
    expect(loginPage({ ...input, passwordHint: HINT })).toContain(`every test user's password is <code>${HINT}</code>`);
    expect(loginPage({ ...input, passwordHint: HINT, step: 'password', login: 'a@b.example' })).toContain(`<code>${HINT}</code>`);
  });
});
