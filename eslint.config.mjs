// Lint: typescript-eslint's recommended rules plus the project's conventions.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { readdirSync } from 'node:fs';

/** Every workspace package folder (`packages/core`, `plugins/channels`, …). */
const workspacePackages = ['packages', 'plugins'].flatMap((dir) =>
  readdirSync(new URL(`./${dir}/`, import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${dir}/${entry.name}`),
);

/**
 * No package reaches into another's `src/`: what a package offers others is in
 * its package.json `exports` (`@crmkit/core`, `@crmkit/core/intake`, …).
 * Files inside a package may import their own `src/` freely.
 */
const noForeignSrc = workspacePackages.map((pkg) => {
  const others = workspacePackages.filter((other) => other !== pkg).map((other) => other.split('/')[1]);
  return {
    files: [`${pkg}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', foreignSrcRule(others)] },
  };
});

function foreignSrcRule(names) {
  return {
    patterns: [
      {
        group: [...names.flatMap((name) => [`**/${name}/src`, `**/${name}/src/**`]), '@crmkit/*/src', '@crmkit/*/src/**'],
        message: "Import another package through its entry points (its package.json `exports`, e.g. '@crmkit/core/intake'), never its src/.",
      },
    ],
  };
}

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
  ...noForeignSrc,
  {
    // Cross-package tests and examples are users of the packages too.
    files: ['tests/**/*.ts', 'examples/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', foreignSrcRule(workspacePackages.map((pkg) => pkg.split('/')[1]))] },
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
    // Widgets work through the services (roles, validation, history, the error contract); `crm.store` is the raw layer for plugins.
    files: ['packages/widgets/src/**/*.ts'],
    ignores: ['packages/widgets/src/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only (see DESIGN.md conventions).' },
        { selector: "MemberExpression[property.name='store']", message: 'Widgets use the CRM services, not the raw store (crm.store bypasses roles and the error contract).' },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly', performance: 'readonly' },
    },
  },
);
