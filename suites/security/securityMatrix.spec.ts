// The SAML signature matrix (every signed-parts × SP-requirement × algorithm × key combination)
// and the SP checks no catalog fault produces, through the conformance scenario machinery.
import { test } from '../conformance/fixtures.ts';
import { certifyScenario, scenarioTags, scenarioTitle } from '../conformance/run/certifyScenario.ts';
import { groupByPersona } from '../conformance/run/grouping.ts';
import { securityCheckScenarios } from './securityChecks.ts';
import { signatureScenarios } from './signatureMatrix.ts';

for (const [persona, scenarios] of groupByPersona([...signatureScenarios(), ...securityCheckScenarios()])) {
  test.describe(persona, () => {
    test.describe.configure({ mode: 'default' });
    for (const scenario of scenarios) {
      test(scenarioTitle(scenario), { tag: scenarioTags(scenario) }, async ({ matrix, browsers }) => {
        await certifyScenario(scenario, matrix, browsers, scenario.source === 'combination' ? 'SAML signature matrix' : 'Security checks');
      });
    }
  });
}
