// One scenario as one Playwright test: annotations for the reports (fault, persona, vendor,
// protocol, expected, observed, reason check; Allure epic = suite and category), the ledger (a
// known deviation runs as an expected failure), the run, the verdict, and the clean-up that keeps
// the worker's accounts ready for the next scenario (faults off, every browser logged out). A
// scenario whose set-up failed is "could not run"; one whose fault the SP never looks at is "not applicable".
import { test, type TestInfo } from '@playwright/test';
import { decodeSamlResponse, ANNOTATION } from '../../../reporting/index.ts';
import { CouldNotRunError, reportCouldNotRun } from '../../target/couldNotRun.ts';
import { REASON_CHECK_ANNOTATION, describeReasonVerdict } from '../../target/reasonCheck.ts';
import type { ScenarioBrowsers } from '../fixtures.ts';
import { knownDeviation, loadLedger } from '../ledger/ledger.ts';
import { expectationSummary, type Scenario } from '../scenario.ts';
import type { MatrixAccount, MatrixAccounts } from '../setup/matrixAccounts.ts';
import { cleanUp, runScenario, type Observation } from './runScenario.ts';
import { judgeScenario } from './verdict.ts';

const LEDGER = loadLedger();

/** The annotation type of a scenario that does not apply to this target (reported as such, not as a pass). */
export const NOT_APPLICABLE_ANNOTATION = ANNOTATION.notApplicable;

export function scenarioTitle(scenario: Scenario): string {
  return scenario.source === 'combination' ? `${scenario.id}` : `${scenario.fault} × ${scenario.persona}: ${scenario.title}`;
}

/** Reason codes a correct SP gives for this scenario (empty when it must accept). */
export function expectedReasons(scenario: Scenario): readonly string[] {
  const expectation = scenario.expectation;
  if (expectation.kind === 'portal-refusal') return expectation.reasons;
  if (expectation.kind === 'app-refusal') return [expectation.reason];
  return [];
}

/** Tags for `--grep`: protocol, vendor, category, and every reason code the scenario expects (`@saml-replay`). */
export function scenarioTags(scenario: Scenario): string[] {
  return [
    `@${scenario.protocol}`,
    `@${scenario.vendor}`,
    `@${scenario.category}`,
    ...expectedReasons(scenario).map((reason) => `@${reason}`),
  ];
}

/** A set-up step of the scenario itself failed: could not run, naming the step. */
const reportCouldNotRunAs =
  (step: string) =>
  (error: unknown): never =>
    reportCouldNotRun(error instanceof CouldNotRunError ? error : new CouldNotRunError(step, error));

/** Whether the SP made the call the scenario's fault needs to show (`onlyIf`). */
async function applies(scenario: Scenario, observation: Observation): Promise<boolean> {
  if (scenario.onlyIf === undefined) return true;
  const needed = ONLY_IF[scenario.onlyIf].kind;
  const after = await observation.account.idp.requests({ after: observation.mark });
  return after.some((entry) => entry.kind === needed);
}

/** The IdP request that shows the SP made the call a scenario's fault needs, and what to say when it did not. */
const ONLY_IF: Readonly<Record<NonNullable<Scenario['onlyIf']>, { readonly kind: string; readonly notApplicable: string }>> = {
  'sp-calls-userinfo': {
    kind: 'oidc.userinfo',
    notApplicable: "the SP never called the IdP's userinfo endpoint, so a forged userinfo answer cannot reach it",
  },
  'sp-refreshes-tokens': {
    kind: 'oidc.token.refresh',
    notApplicable: 'the SP never redeemed a refresh token, so a refused refresh cannot reach it',
  },
};

export async function certifyScenario(
  scenario: Scenario,
  matrix: MatrixAccounts,
  browsers: ScenarioBrowsers,
  suite = 'Conformance matrix',
): Promise<void> {
  const info = test.info();
  info.annotations.push(
    scenario.source === 'security-check'
      ? { type: 'security-check', description: scenario.fault }
      : { type: 'fault', description: scenario.fault },
    ...(scenario.source === 'combination' ? [{ type: 'combination', description: scenario.title }] : []),
    { type: 'persona', description: scenario.persona },
    { type: 'vendor', description: scenario.vendor },
    { type: 'protocol', description: scenario.protocol },
    { type: 'category', description: scenario.category },
    { type: 'expected', description: scenario.expected },
    { type: 'expected-outcome', description: expectationSummary(scenario.expectation) },
    // Allure: feature / story are the vendor and protocol (reporting/); the category is the epic.
    { type: 'allure.label.epic', description: `${suite}: ${scenario.category}` },
    { type: 'allure.label.category', description: scenario.category },
  );
  const target = matrix.target;
  // The ledger names catalog scenarios; combinations and security checks have no accepted deviations.
  const deviation = scenario.source === 'catalog' ? knownDeviation(LEDGER, scenario.fault, scenario.persona, target.name) : undefined;
  if (deviation) {
    info.annotations.push({ type: 'known-deviation', description: `${deviation.reason} (${deviation.reference})` });
    test.fail(
      true,
      `Ledgered known deviation of ${target.name}: if this passes, remove the entry from suites/conformance/ledger/expected-failures.json.`,
    );
  }
  const account: MatrixAccount = await matrix.account(scenario.persona, scenario.profile).catch(reportCouldNotRun);
  if (scenario.returnPath !== undefined && account.provisioned.returnTo === undefined) {
    info.annotations.push({
      type: NOT_APPLICABLE_ANNOTATION,
      description: 'the target names no return parameter (returnTo in the provisioning answer), so a login cannot start with a return path',
    });
    test.skip(true, `Not applicable to ${target.name}: no return parameter.`);
  }
  const ctx = {
    target,
    account,
    newBrowser: () => browsers.open(),
    adminDriver: () => matrix.adminDriver(account).catch(reportCouldNotRunAs('signing the admin in with SSO in a browser')),
  };
  let failed = true;
  try {
    const observation = await runScenario(scenario, ctx);
    const judgement = await judgeScenario(scenario, observation, target);
    info.annotations.push({ type: 'observed', description: judgement.observed });
    if (!(await applies(scenario, observation))) {
      const why = ONLY_IF[scenario.onlyIf ?? 'sp-calls-userinfo'].notApplicable;
      info.annotations.push({ type: NOT_APPLICABLE_ANNOTATION, description: why });
      failed = false;
      test.skip(true, `Not applicable to ${target.name}: ${why}.`);
    }
    if (judgement.reason) info.annotations.push({ type: REASON_CHECK_ANNOTATION, description: describeReasonVerdict(judgement.reason) });
    if (judgement.problems.length > 0) {
      await attachFailureEvidence(info, browsers);
      throw new Error(
        `${scenario.id}: expected ${expectationSummary(scenario.expectation)}; what the target did wrong:\n  - ${judgement.problems.join('\n  - ')}`,
      );
    }
    failed = false;
  } finally {
    // After a failure the worker is replaced anyway; do not let a clean-up error hide the verdict.
    const cleaned = cleanUp(account, browsers.browsers);
    if (failed) await cleaned.catch(() => undefined);
    else await cleaned;
  }
}

/**
 * What a failed scenario leaves for whoever must fix it: the HTTP hops, each SAMLResponse posted
 * (decoded, signature values removed) and the page each browser ended on.
 */
async function attachFailureEvidence(info: TestInfo, browsers: ScenarioBrowsers): Promise<void> {
  await info.attach('hops.txt', { body: hopsEvidence(browsers), contentType: 'text/plain' });
  for (const [index, browser] of browsers.browsers.entries()) {
    for (const [posted, samlResponse] of browser.samlResponsesPosted.entries()) {
      const decoded = (() => {
        try {
          return decodeSamlResponse(samlResponse).xml;
        } catch (error) {
          return `(not decodable: ${(error as Error).message})`;
        }
      })();
      await info.attach(`browser ${index + 1} SAMLResponse ${posted + 1} (decoded, signatures removed).xml`, {
        body: decoded,
        contentType: 'application/xml',
      });
    }
    if (browser.lastPage)
      await info.attach(`browser ${index + 1} final page (HTTP ${browser.lastPage.status}).html`, {
        body: `<!-- ${browser.lastPage.url.replace(/--/g, '- -')} -->\n${browser.lastPage.html}`,
        contentType: 'text/html',
      });
  }
}

/** Every request of the scenario's browsers, for a failure's evidence. Codes and states are redacted. */
function hopsEvidence(browsers: ScenarioBrowsers): string {
  const redact = (url: string): string => url.replace(/([?&](?:code|state|SAMLRequest|RelayState|request)=)[^&#]*/g, '$1…');
  return browsers.browsers
    .map((browser, index) =>
      [
        `browser ${index + 1}:`,
        ...browser.hops.map(
          (hop) => `  ${hop.method} ${redact(hop.url)} → ${hop.status}${hop.location ? ` → ${redact(hop.location)}` : ''}`,
        ),
        ...browser.offSite.map((url) => `  (not followed, off-site) ${redact(url)}`),
      ].join('\n'),
    )
    .join('\n');
}
