// Lint: typescript-eslint's recommended rules plus the project's conventions.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const browserOnlyGlobals = ['window', 'document', 'localStorage', 'sessionStorage', 'navigator', 'HTMLElement', 'customElements', 'location'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'docs/api/**', '.bench/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only (see DESIGN.md conventions).' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.test.ts', 'tests/**/*.ts'],
    rules: {
      // chai's `expect(x).to.be.ok` style assertions are expressions.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', ...browserOnlyGlobals.map((name) => ({ name, message: 'Core has no DOM: it must run in Node too.' }))],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly', performance: 'readonly' },
    },
  },
);
