import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { DEFECTS, DEFECT_IDS, RULES, type DefectId, type RuleId } from '../../portal/index.ts';
import {
  bypassedReasonGrep,
  byRule,
  failingTestsOf,
  focusGrep,
  matrixScenarioCount,
  protocolFirst,
  renderSelfCheck,
  ruleTag,
  runSelfCheck,
  suitesFor,
} from './certifySelfCheck.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('failingTestsOf (Playwright JSON report)', () => {
  it('lists the tests whose outcome was unexpected, with their full title path', () => {
    const report = {
      suites: [
        {
          title: 'conformance/catalogMatrix.spec.ts',
          specs: [],
          suites: [
            {
              title: 'okta-saml',
              specs: [
                { title: 'saml.audience-mismatch × okta-saml: Audience is another SP entity ID', tests: [{ status: 'unexpected' }] },
                { title: 'saml.cert-expired × okta-saml: ledgered', tests: [{ status: 'expected' }] },
                { title: 'saml.replay × okta-saml: not run after the first failure', tests: [{ status: 'skipped' }] },
              ],
            },
          ],
        },
      ],
    };
    expect(failingTestsOf(report)).toEqual([
      'conformance/catalogMatrix.spec.ts › okta-saml › saml.audience-mismatch × okta-saml: Audience is another SP entity ID',
    ]);
    expect(failingTestsOf({})).toEqual([]);
  });
});

describe('self-check planning and output', () => {
  it("runs each defect's protocol first (order only)", () => {
    expect(protocolFirst('saml-skip-audience')).toBe('saml');
    expect(protocolFirst('oidc-skip-nonce')).toBe('oidc');
    expect(protocolFirst('native-skip-pkce')).toBe('oidc');
    expect(protocolFirst('relaystate-allow-offsite')).toBe('saml');
    expect(DEFECT_IDS.length).toBeGreaterThanOrEqual(10);
  });

  it("starts a defect's run with the scenarios tagged with the refusal it bypasses", () => {
    const grep = new RegExp(bypassedReasonGrep('saml-skip-audience') ?? 'none');
    expect(grep.test('saml.audience-mismatch × okta-saml @saml @okta @misconfig @saml-audience-mismatch')).toBe(true);
    expect(grep.test('@saml-audience-mismatch-other')).toBe(false);
    expect(bypassedReasonGrep('relaystate-allow-offsite')).toBeUndefined();
  });

  it("focuses a switch on its bypassed reason's scenarios and its rule's tagged tests", () => {
    const grep = new RegExp(focusGrep('native-redirect-uri-prefix'));
    expect(grep.test('a redirect URI … is refused in place @rule:native.redirect-uri')).toBe(true);
    expect(grep.test('saml.x × y @native-redirect-uri-invalid')).toBe(true);
    expect(grep.test('@rule:native.redirect-uri-other')).toBe(false);
    expect(new RegExp(focusGrep('native-client-id-case-insensitive')).test('… @rule:native.client-id')).toBe(true);
    expect(suitesFor('native-client-id-case-insensitive')).toContain('suites/login/nativeNearMiss.spec.ts');
    expect(suitesFor('saml-audience-prefix')).toEqual(['suites/conformance', 'suites/security']);
    expect(suitesFor('logout-keeps-sso-sessions')).toEqual(['suites/session']);
    expect(suitesFor('session-kind-unchecked-seat')).toEqual(['suites/session']);
    expect(suitesFor('test-result-for-current-version')).toEqual(['suites/enable']);
    expect(suitesFor('api-account-unchecked')).toEqual(['suites/authorization']);
  });

  it('gives every rule an off switch or a partial one, and every partial switch a rule that also has scenarios to catch it', () => {
    const rules = new Set(DEFECT_IDS.map((id) => DEFECTS[id].rule));
    expect([...rules].sort()).toEqual((Object.keys(RULES) as RuleId[]).sort());
    expect(DEFECT_IDS.filter((id) => DEFECTS[id].kind === 'partial').length).toBeGreaterThanOrEqual(20);
  });

  it('the login suites have a tag for every rule whose switches run them', () => {
    const sources = readFileSync('suites/login/ruleTags.ts', 'utf8');
    const beyondMatrix = DEFECT_IDS.filter((id) => suitesFor(id).join() !== 'suites/conformance,suites/security');
    expect(beyondMatrix).toContain('session-fixation');
    for (const rule of new Set(beyondMatrix.map((id) => DEFECTS[id].rule))) expect(sources).toContain(ruleTag(rule));
  });

  it('groups results by rule; a switch no scenario catches is a finding and its rule is not guarded', () => {
    const result = (id: DefectId, caught: boolean) => ({
      id,
      rule: DEFECTS[id].rule,
      kind: DEFECTS[id].kind,
      caught,
      failingTests: caught ? ['t'] : [],
    });
    const { rules, findings } = byRule([
      result('saml-skip-audience', true),
      result('saml-audience-prefix', false),
      result('oidc-skip-nonce', true),
    ]);
    expect(rules.map((rule) => [rule.id, rule.guarded, rule.switches.map((d) => d.id)])).toEqual([
      ['saml.audience', false, ['saml-skip-audience', 'saml-audience-prefix']],
      ['oidc.nonce', true, ['oidc-skip-nonce']],
    ]);
    expect(findings).toEqual([
      `Rule saml.audience ("${RULES['saml.audience']}") is not guarded against a partial bug: with saml-audience-prefix (${DEFECTS['saml-audience-prefix'].description}) no scenario failed. Add a scenario that this bug lets through.`,
    ]);
  });

  it('counts the whole matrix (catalog × personas, signature matrix, security checks)', () => {
    expect(matrixScenarioCount()).toBeGreaterThanOrEqual(200);
  });

  it('says per rule which switches were caught, by which test, and names the missed ones', () => {
    const defects = [
      {
        id: 'saml-skip-audience',
        rule: 'saml.audience' as const,
        kind: 'off' as const,
        caught: true,
        failingTests: ['a › saml.audience-mismatch × entra-saml', 'b'],
      },
      { id: 'oidc-nonce-when-present', rule: 'oidc.nonce' as const, kind: 'partial' as const, caught: false, failingTests: [] },
    ];
    const text = renderSelfCheck(
      { scenarios: 574, ...byRule(defects), defects },
      41_000,
      new Map([
        ['saml-skip-audience', 9_000],
        ['oidc-nonce-when-present', 58_000],
      ]),
    );
    expect(text.split('\n').slice(0, 7)).toEqual([
      'Self-check of the conformance matrix (574 scenarios) against the reference portal.',
      'Baseline without defects: green (41.0 s).',
      `saml.audience: ${RULES['saml.audience']}`,
      '  caught      off      saml-skip-audience         9.0 s  a › saml.audience-mismatch × entra-saml (+1)',
      `oidc.nonce: ${RULES['oidc.nonce']}  — NOT GUARDED`,
      '  NOT CAUGHT  partial  oidc-nonce-when-present   58.0 s  (no test failed: add a scenario that exercises this check)',
      '1 of 2 defect switches were NOT caught: oidc-nonce-when-present. Rules not guarded: oidc.nonce.',
    ]);
    expect(text).toContain('  finding: Rule oidc.nonce');
  });

  it.each([
    [['--defects', 'saml-skip-nope'], /unknown defect id\(s\) saml-skip-nope\. Valid ids: saml-skip-audience,/],
    [['--defects', ','], /--defects is empty\. Valid ids:/],
    [['--workers', '0'], /--workers must be a whole number from 1 to 16, not "0"\./],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('refuses %j with exit code 2 and a clear message', async (args, message) => {
    let err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      err += String(chunk);
      return true;
    });
    expect(await runSelfCheck(args)).toBe(2);
    expect(err).toMatch(message);
  });
});
