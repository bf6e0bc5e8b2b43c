// Lint: typescript-eslint's type-aware recommended rules, zero warnings allowed (npm test runs it with --max-warnings 0).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name=/^(test|it|describe)$/][callee.property.name='only']", message: 'Focused tests skip the rest of the suite.' },
        { selector: "CallExpression[callee.property.name='waitForTimeout']", message: 'No sleeps: wait for an event or use a web-first assertion.' },
      ],
    },
  },
  {
    files: ['portal/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/mock-idps/**'], message: 'portal/ and mock-idps/ meet only over HTTP.' }] }] },
  },
  {
    files: ['mock-idps/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/portal/**'], message: 'portal/ and mock-idps/ meet only over HTTP.' }] }] },
  },
  {
    // Suites reach the portal only through the PortalDriver, and the IdPs only through the
    // control client and the catalog/persona data; suites/target/ is the one place that starts them.
    files: ['suites/**/*.ts'],
    ignores: ['suites/target/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '(^|/)portal/', message: 'Suites reach the portal only through the PortalDriver (suites/driver).' },
        { regex: '(^|/)mock-idps/(?!control/client\\.ts$|personas/|faults/|types\\.ts$|nearMissValues\\.ts$)', message: 'Suites reach the IdPs only through the control client and the persona/fault/near-miss data.' },
      ] }],
    },
  },
  {
    // The one reporting home judges runs; it never reaches into the portal it reports on, nor the suites that feed it.
    files: ['reporting/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '(^|/)portal/', message: 'Reporting reads test results, never the portal under test.' },
        { regex: '(^|/)suites/', message: 'Suites feed reporting (attachments, annotations), not the other way round.' },
      ] }],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } } },
);
