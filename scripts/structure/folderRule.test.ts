import { join } from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, it } from 'vitest';
import { folderDirections } from './folderRule.ts';

// RuleTester reports through the test runner's describe/it (and afterAll, which its types do not declare).
Object.assign(RuleTester, { afterAll, describe, it });

const ROOT = join(import.meta.dirname, '..', '..');
const at = (path: string): string => join(ROOT, path);
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });

tester.run('folder-directions', folderDirections, {
  valid: [
    { code: "import { x } from '../lib/net.ts';", filename: at('mock-idps/a.ts') },
    { code: "import { x } from '../../mock-idps/types.ts';", filename: at('reporting/report/a.ts') },
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
