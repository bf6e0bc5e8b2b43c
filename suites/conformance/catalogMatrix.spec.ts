// The conformance matrix: every fault catalog entry × every persona it applies to, driven at the
// HTTP level against the target (see suites/conformance/README.md). Scenarios are grouped per
// persona: a group runs in one worker, in order, so each persona's matrix accounts are set up once.
import { catalogScenarios } from './catalogScenarios.ts';
import { test } from './fixtures.ts';
import { certifyScenario, scenarioTags, scenarioTitle } from './run/certifyScenario.ts';
import { groupByPersona } from './run/grouping.ts';

for (const [persona, scenarios] of groupByPersona(catalogScenarios())) {
  test.describe(persona, () => {
    test.describe.configure({ mode: 'default' });
    for (const scenario of scenarios) {
      test(scenarioTitle(scenario), { tag: scenarioTags(scenario) }, async ({ matrix, browsers }) => {
        await certifyScenario(scenario, matrix, browsers);
      });
    }
  });
}
