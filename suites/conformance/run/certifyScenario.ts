// One scenario as one Playwright test: annotations for the reports (fault, persona, vendor,
// protocol, expected, observed; Allure epic = suite and category), the ledger (a known deviation runs as
// an expected failure), the run, the verdict, and the clean-up that keeps the worker's accounts
// ready for the next scenario (faults off, every browser logged out).
import { test } from '@playwright/test';
import type { ScenarioBrowsers } from '../fixtures.ts';
import { knownDeviation, loadLedger } from '../ledger/ledger.ts';
import { expectationSummary, type Scenario } from '../scenario.ts';
import type { MatrixAccounts } from '../setup/matrixAccounts.ts';
import { cleanUp, runScenario } from './runScenario.ts';
import { describeObserved, expectVerdict } from './verdict.ts';

const LEDGER = loadLedger();

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
  return [`@${scenario.protocol}`, `@${scenario.vendor}`, `@${scenario.category}`, ...expectedReasons(scenario).map((reason) => `@${reason}`)];
}

export async function certifyScenario(scenario: Scenario, matrix: MatrixAccounts, browsers: ScenarioBrowsers, suite = 'Conformance matrix'): Promise<void> {
  const info = test.info();
  info.annotations.push(
    scenario.source === 'security-check' ? { type: 'security-check', description: scenario.fault } : { type: 'fault', description: scenario.fault },
    ...(scenario.source === 'combination' ? [{ type: 'combination', description: scenario.title }] : []),
    { type: 'persona', description: scenario.persona },
    { type: 'vendor', description: scenario.vendor },
    { type: 'protocol', description: scenario.protocol },
    { type: 'category', description: scenario.category },
    { type: 'expected', description: scenario.expected },
    { type: 'expected-outcome', description: expectationSummary(scenario.expectation) },
    // Allure: feature / story are the vendor and protocol (suites/reporting); the category is the epic.
    { type: 'allure.label.epic', description: `${suite}: ${scenario.category}` },
    { type: 'allure.label.category', description: scenario.category },
  );
  const target = matrix.target;
  // The ledger names catalog scenarios; combinations and security checks have no accepted deviations.
  const deviation = scenario.source === 'catalog' ? knownDeviation(LEDGER, scenario.fault, scenario.persona, target.name) : undefined;
  if (deviation) {
    info.annotations.push({ type: 'known-deviation', description: `${deviation.reason} (${deviation.reference})` });
    test.fail(true, `Ledgered known deviation of ${target.name}: if this passes, remove the entry from suites/conformance/ledger/expected-failures.json.`);
  }
  const account = await matrix.account(scenario.persona, scenario.profile);
  const ctx = { target, account, newBrowser: () => browsers.open() };
  let failed = true;
  try {
    const observation = await runScenario(scenario, ctx);
    info.annotations.push({ type: 'observed', description: describeObserved(observation, target.portalUrl) });
    try {
      await expectVerdict(scenario, observation, target);
    } catch (error) {
      await info.attach('hops.txt', { body: hopsEvidence(browsers), contentType: 'text/plain' });
      throw error;
    }
    failed = false;
  } finally {
    // After a failure the worker is replaced anyway; do not let a clean-up error hide the verdict.
    const cleaned = cleanUp(target, account, browsers.browsers);
    if (failed) await cleaned.catch(() => undefined);
    else await cleaned;
  }
}

/** Every request of the scenario's browsers, for a failure's evidence. Codes and states are redacted. */
function hopsEvidence(browsers: ScenarioBrowsers): string {
  const redact = (url: string): string => url.replace(/([?&](?:code|state|SAMLRequest|RelayState|request)=)[^&#]*/g, '$1…');
  return browsers.browsers
    .map((browser, index) => [`browser ${index + 1}:`, ...browser.hops.map((hop) => `  ${hop.method} ${redact(hop.url)} → ${hop.status}${hop.location ? ` → ${redact(hop.location)}` : ''}`), ...browser.offSite.map((url) => `  (not followed, off-site) ${redact(url)}`)].join('\n'))
    .join('\n');
}
