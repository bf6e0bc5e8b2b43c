// Lint: typescript-eslint's type-aware recommended rules, zero warnings allowed (npm test runs it with --max-warnings 0).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { folderDirections } from './scripts/structure/folderRule.ts';

/** The one wire: portal/ and mock-idps/ meet only over HTTP, in tests too. */
const WIRE = {
  portal: [{ group: ['**/mock-idps/**'], message: 'portal/ and mock-idps/ meet only over HTTP.' }],
  'mock-idps': [{ group: ['**/portal/**'], message: 'portal/ and mock-idps/ meet only over HTTP.' }],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'reports/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'bin/*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name=/^(test|it|describe)$/][callee.property.name='only']",
          message: 'Focused tests skip the rest of the suite.',
        },
        {
          selector: "CallExpression[callee.property.name='waitForTimeout']",
          message: 'No sleeps: wait for an event or use a web-first assertion.',
        },
      ],
    },
  },
  // Which folder may import which: scripts/structure/folders.ts (the README's "Architecture" shows it).
  { plugins: { structure: { rules: { 'folder-directions': folderDirections } } }, rules: { 'structure/folder-directions': 'error' } },
  { files: ['portal/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: WIRE.portal }] } },
  { files: ['mock-idps/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: WIRE['mock-idps'] }] } },
  {
    // Suites reach the portal only through the PortalDriver, and the IdPs only through the
    // control client and the catalog/persona data; suites/target/ is the one place that starts them.
    files: ['suites/**/*.ts'],
    ignores: ['suites/target/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)portal/', message: 'Suites reach the portal only through the PortalDriver (suites/driver).' },
            {
              regex: '(^|/)mock-idps/(?!control/client\\.ts$|personas/|faults/|types\\.ts$|nearMissValues\\.ts$)',
              message: 'Suites reach the IdPs only through the control client and the persona/fault/near-miss data.',
            },
          ],
        },
      ],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } } },
);
