import { join } from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, it } from 'vitest';
import { folderDirections, folderDoors } from './folderRule.ts';

// RuleTester reports through the test runner's describe/it (and afterAll, which its types do not declare).
Object.assign(RuleTester, { afterAll, describe, it });

const ROOT = join(import.meta.dirname, '..', '..');
const at = (path: string): string => join(ROOT, path);
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });

tester.run('folder-directions', folderDirections, {
  valid: [
    { code: "import { x } from '../lib/index.ts';", filename: at('mock-idps/a.ts') },
    { code: "import { x } from '../../mock-idps/index.ts';", filename: at('reporting/report/a.ts') },
    // portal/support/ is the portal's own subfolder, not the support/ folder.
    { code: "import { x } from '../../support/views.ts';", filename: at('portal/skin/reference/index.ts') },
    // Tests may cross-check other folders.
    { code: "import { x } from '../../suites/driver/reference/names.ts';", filename: at('portal/foreign/a.test.ts') },
    { code: "import ts from 'typescript';", filename: at('lib/a.ts') },
  ],
  invalid: [
    { code: "import { x } from '../portal/app.ts';", filename: at('lib/a.ts'), errors: 1 },
    { code: "export { x } from '../../suites/fixtures.ts';", filename: at('reporting/report/a.ts'), errors: 1 },
    { code: "const m = await import('../../cli/main.ts');", filename: at('support/repro/a.ts'), errors: 1 },
    { code: "import type { X } from '../support/x.ts';", filename: at('mock-idps/a.ts'), errors: 1 },
  ],
});

tester.run('folder-doors', folderDoors, {
  valid: [
    { code: "import { x } from '../../lib/index.ts';", filename: at('portal/web/a.ts') },
    { code: "export { x } from '../mock-idps/index.ts';", filename: at('reporting/a.ts') },
    { code: "const m = await import('../../support/index.ts');", filename: at('cli/commands/a.ts') },
    // Inside its own folder a module imports modules, and the door imports them.
    { code: "import { x } from '../saml/mint.ts';", filename: at('mock-idps/oidc/a.ts') },
    { code: "export { x } from './faults/catalog.ts';", filename: at('mock-idps/index.ts') },
    // Tests, bench and scripts may also use a folder's testing entry.
    { code: "import { x } from '../../mock-idps/testing/index.ts';", filename: at('suites/login/a.spec.ts') },
    { code: "import { x } from '../lib/testing/index.ts';", filename: at('bench/a.ts') },
    { code: "import { x } from '../../cli/testing/index.ts';", filename: at('scripts/structure/a.ts') },
    { code: "import { x } from './reporting/index.ts';", filename: at('playwright.config.ts') },
    // portal/support/ is the portal's own subfolder; leaves (scripts/) have no door.
    { code: "import { x } from '../../support/views.ts';", filename: at('portal/skin/reference/index.ts') },
    { code: "import { x } from './scripts/structure/folderRule.ts';", filename: at('eslint.config.js') },
  ],
  invalid: [
    {
      code: "import { x } from '../../mock-idps/personas/index.ts';",
      filename: at('suites/login/a.ts'),
      errors: [
        {
          message:
            'mock-idps/personas/index.ts is inside mock-idps/: import its door mock-idps/index.ts, which exports what other folders use.',
        },
      ],
    },
    { code: "import type { X } from '../lib/net.ts';", filename: at('portal/a.ts'), errors: 1 },
    { code: "const m = await import('../../portal/app.ts');", filename: at('support/demo/a.ts'), errors: 1 },
    // Production code does not reach test helpers.
    { code: "import { x } from '../../mock-idps/testing/index.ts';", filename: at('support/repro/a.ts'), errors: 1 },
    // Tests too go through a door or the testing entry.
    {
      code: "import { x } from '../../lib/http/cookieJar.ts';",
      filename: at('suites/fuzz/a.spec.ts'),
      errors: [
        { message: 'lib/http/cookieJar.ts is inside lib/: import its door lib/index.ts (or, for test helpers, lib/testing/index.ts).' },
      ],
    },
    { code: "import { x } from './suites/target/runSettings.ts';", filename: at('playwright.config.ts'), errors: 1 },
    // A folder's own module never imports its door (the door would import it back).
    { code: "import { x } from '../index.ts';", filename: at('mock-idps/faults/a.ts'), errors: 1 },
  ],
});
