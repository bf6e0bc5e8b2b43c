import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFECT_IDS } from '../../portal/defects.ts';
import { bypassedReasonGrep, failingTestsOf, matrixScenarioCount, protocolFirst, renderSelfCheck, runSelfCheck } from './certifySelfCheck.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('failingTestsOf (Playwright JSON report)', () => {
  it('lists the tests whose outcome was unexpected, with their full title path', () => {
    const report = {
      suites: [{
        title: 'conformance/catalogMatrix.spec.ts',
        specs: [],
        suites: [{
          title: 'okta-saml',
          specs: [
            { title: 'saml.audience-mismatch × okta-saml: Audience is another SP entity ID', tests: [{ status: 'unexpected' }] },
            { title: 'saml.cert-expired × okta-saml: ledgered', tests: [{ status: 'expected' }] },
            { title: 'saml.replay × okta-saml: not run after the first failure', tests: [{ status: 'skipped' }] },
          ],
        }],
      }],
    };
    expect(failingTestsOf(report)).toEqual(['conformance/catalogMatrix.spec.ts › okta-saml › saml.audience-mismatch × okta-saml: Audience is another SP entity ID']);
    expect(failingTestsOf({})).toEqual([]);
  });
});

describe('self-check planning and output', () => {
  it('runs each defect\'s protocol first (order only)', () => {
    expect(protocolFirst('saml-skip-audience')).toBe('saml');
    expect(protocolFirst('oidc-skip-nonce')).toBe('oidc');
    expect(protocolFirst('native-skip-pkce')).toBe('oidc');
    expect(protocolFirst('relaystate-allow-offsite')).toBe('saml');
    expect(DEFECT_IDS.length).toBeGreaterThanOrEqual(10);
  });

  it('starts a defect\'s run with the scenarios tagged with the refusal it bypasses', () => {
    const grep = new RegExp(bypassedReasonGrep('saml-skip-audience') ?? 'none');
    expect(grep.test('saml.audience-mismatch × okta-saml @saml @okta @misconfig @saml-audience-mismatch')).toBe(true);
    expect(grep.test('@saml-audience-mismatch-other')).toBe(false);
    expect(bypassedReasonGrep('relaystate-allow-offsite')).toBeUndefined();
  });

  it('counts the whole matrix (catalog × personas, signature matrix, security checks)', () => {
    expect(matrixScenarioCount()).toBeGreaterThanOrEqual(200);
  });

  it('says which defects were caught, by which test, and names the missed ones', () => {
    const text = renderSelfCheck({
      scenarios: 574,
      defects: [
        { id: 'saml-skip-audience', caught: true, failingTests: ['a › saml.audience-mismatch × entra-saml', 'b'] },
        { id: 'oidc-skip-nonce', caught: false, failingTests: [] },
      ],
    }, 41_000, new Map([['saml-skip-audience', 9_000], ['oidc-skip-nonce', 58_000]]));
    expect(text).toBe([
      'Self-check of the conformance matrix (574 scenarios) against the reference portal.',
      'Baseline without defects: green (41.0 s).',
      '  caught      saml-skip-audience    9.0 s  a › saml.audience-mismatch × entra-saml (+1)',
      '  NOT CAUGHT  oidc-skip-nonce      58.0 s  (no test failed: add a scenario that exercises this check)',
      '1 of 2 defect switches were NOT caught: oidc-skip-nonce.',
      '',
    ].join('\n'));
  });

  it.each([
    [['--defects', 'saml-skip-nope'], /unknown defect id\(s\) saml-skip-nope\. Valid ids: saml-skip-audience,/],
    [['--defects', ','], /--defects is empty\. Valid ids:/],
    [['--workers', '0'], /--workers must be a whole number from 1 to 16, not "0"\./],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('refuses %j with exit code 2 and a clear message', async (args, message) => {
    let err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { err += String(chunk); return true; });
    expect(await runSelfCheck(args)).toBe(2);
    expect(err).toMatch(message);
  });
});
