import { describe, expect, it } from 'vitest';
import { refusalBody } from './refusal.ts';
import { REASONS } from '../../lib/index.ts';

describe('the refusal page tells the person refused what they can do', () => {
  it("an SSO set-up failure (a lockout): ask the admin with the reason code, or Ooma support when no admin can log in; the admin's fix apart", () => {
    const page = String(refusalBody({ reason: 'saml-cert-untrusted', heading: 'SSO login failed' }));
    expect(page).toContain('<h2>What you can do</h2>');
    expect(page).toContain("Tell your account's admin the reason code <code>saml-cert-untrusted</code>");
    expect(page).toContain('ask Ooma support: they can turn SSO off for the account');
    expect(page).toContain(`<h2>For your account's admin</h2>\n<p>${REASONS['saml-cert-untrusted'].fix.replace(/'/g, '&#39;')}</p>`);
    expect(page).not.toContain('What to change');
  });

  it('a refusal the person can act on keeps "What to change"', () => {
    const page = String(refusalBody({ reason: 'sso-required', heading: 'Use SSO' }));
    expect(page).toContain('<h2>What to change</h2>');
    expect(page).not.toContain('What you can do');
  });
});

describe("the Test SSO result gives the fix in the vendor console's words", () => {
  it('Okta, certificate not trusted: the Okta console path; another vendor gets the generic fix', async () => {
    const { testResultBody } = await import('./ssoViews.ts');
    const okta = String(testResultBody({ version: 2, vendor: 'okta', failure: { reason: 'saml-cert-untrusted', detail: 'x' } }));
    expect(okta).toContain('Okta Admin Console → your app → Sign On → SAML Signing Certificates');
    const other = String(testResultBody({ version: 2, vendor: 'other', failure: { reason: 'saml-cert-untrusted', detail: 'x' } }));
    expect(other).toContain(REASONS['saml-cert-untrusted'].fix.replace(/'/g, '&#39;'));
  });
});
