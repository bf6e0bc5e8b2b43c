import { describe, expect, it } from 'vitest';
import { entryPointsNamedIn, entryPointsOf, observedFrom, readSubject } from './annotations.ts';

describe('readSubject', () => {
  it('fills vendor and protocol from the persona, keeps every entry point once', () => {
    expect(
      readSubject([
        { type: 'persona', description: 'entra-oidc' },
        { type: 'entry-point', description: 'web' },
        { type: 'entry-point', description: 'web' },
        { type: 'entry-point', description: 'desktop' },
      ]),
    ).toEqual({
      vendor: 'entra',
      protocol: 'oidc',
      persona: 'entra-oidc',
      entryPoints: ['web', 'desktop'],
      reasonChecks: [],
      notVerifiable: [],
    });
  });

  it('reads a conformance scenario, a security check and a ledgered deviation', () => {
    expect(
      readSubject([
        { type: 'fault', description: 'saml.xsw1' },
        { type: 'expected', description: 'reject' },
        { type: 'observed', description: 'logged in: Ada' },
        { type: 'known-deviation', description: 'OE-1' },
      ]),
    ).toEqual({
      entryPoints: [],
      fault: 'saml.xsw1',
      expected: 'reject',
      observed: 'accepted',
      knownDeviation: 'OE-1',
      reasonChecks: [],
      notVerifiable: [],
    });
    expect(readSubject([{ type: 'security-check', description: 'native.code-replay' }]).fault).toBe('native.code-replay');
  });

  it('ignores values it does not know rather than guessing', () => {
    expect(
      readSubject([
        { type: 'protocol', description: 'wsfed' },
        { type: 'expected', description: 'maybe' },
        { type: 'persona', description: 'ping-saml' },
      ]),
    ).toEqual({ persona: 'ping-saml', entryPoints: [], reasonChecks: [], notVerifiable: [] });
  });

  it('reads what a scenario could not decide: the reason checks, a set-up that failed, a fault that does not apply, what is not verifiable', () => {
    expect(
      readSubject([
        { type: 'reason-check', description: 'verified: saml-replay (the X-OE-Reason header)' },
        { type: 'reason-check', description: 'other reason: saml-expired (the audit event), expected saml-replay' },
        { type: 'could-not-run', description: 'Could not run: provisioning the account failed: 500' },
        { type: 'not-applicable', description: 'the SP never called userinfo' },
        { type: 'not-verifiable', description: 'audit trail: no audit vocabulary' },
      ]),
    ).toMatchObject({
      reasonChecks: [
        'verified: saml-replay (the X-OE-Reason header)',
        'other reason: saml-expired (the audit event), expected saml-replay',
      ],
      couldNotRun: 'Could not run: provisioning the account failed: 500',
      notApplicable: 'the SP never called userinfo',
      notVerifiable: ['audit trail: no audit vocabulary'],
    });
  });
});

describe('observedFrom', () => {
  it.each([
    ['rejected', 'rejected'],
    ['refused by the portal (saml-audience-mismatch)', 'rejected'],
    ['app token refused (HTTP 400, native-code-invalid)', 'rejected'],
    ['logged in: Ada Admin; Test SSO shows a warning', 'accepted-with-warning'],
    ['logged in: Ada Admin; Test SSO shows no warning', 'accepted'],
    ['app token issued', 'accepted'],
    ['redirected off-site to https://evil.example', 'accepted'],
    ['portal page /login (HTTP 200): …', undefined],
  ])('%s → %s', (text, observed) => {
    expect(observedFrom(text)).toBe(observed);
  });
});

describe('entry points', () => {
  it('defaults to web, and finds the entry point a stage title names', () => {
    expect(entryPointsOf(readSubject([]))).toEqual(['web']);
    const all = ['web', 'desktop', 'mobile-ios', 'mobile-android'];
    expect(entryPointsNamedIn('everyone logs in with SSO again on the mobile app (iPhone)', all)).toEqual(['mobile-ios']);
    expect(entryPointsNamedIn('the user and the admin are locked out of the desktop app (IdP error x)', all)).toEqual(['desktop']);
    expect(entryPointsNamedIn('admin enables SSO (after confirming)', all)).toEqual([]);
  });
});
