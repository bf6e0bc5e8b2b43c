// Lint: typescript-eslint's type-aware recommended rules, zero warnings allowed (npm test runs it with --max-warnings 0).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { folderDirections, folderDoors } from './scripts/structure/folderRule.ts';

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
  // Which folder may import which: scripts/structure/folders.ts (the README's "Architecture" shows it);
  // and each folder is entered only through its door, its index.ts (tests, bench, scripts: or testing/index.ts).
  {
    plugins: { structure: { rules: { 'folder-directions': folderDirections, 'folder-doors': folderDoors } } },
    rules: { 'structure/folder-directions': 'error', 'structure/folder-doors': 'error' },
  },
  { files: ['portal/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: WIRE.portal }] } },
  { files: ['mock-idps/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: WIRE['mock-idps'] }] } },
  {
    // What the suites may take of the portal and the IdPs is what their doors export; starting them is
    // suites/target/'s alone: the suites reach the portal only through the PortalDriver, the IdPs through
    // the control client and the persona/fault data.
    files: ['suites/**/*.ts'],
    ignores: ['suites/target/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)portal/',
              message: 'Suites reach the portal only through the PortalDriver (suites/driver); suites/target/ starts it.',
            },
            {
              regex: '(^|/)mock-idps/index\\.ts$',
              importNames: ['startIdpServer', 'DEMO_TENANT_KEY', 'mintSamlResponse', 'mintIdToken'],
              message: 'Suites reach the IdPs through the control client; suites/target/ starts them.',
            },
            {
              regex: '(^|/)mock-idps/testing/index\\.ts$',
              allowImportNames: [
                'lockoutCauseFor',
                'OFF_SITE_RETURN_PATHS',
                'ReturnPathSlug',
                'NEAR_MISS_VARIANTS',
                'nearMiss',
                'NearMissVariant',
              ],
              message:
                "Suites take only the fault and near-miss data of mock-idps/testing/ (its test browsers and servers are the IdPs' own tests').",
            },
          ],
        },
      ],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } } },
);
