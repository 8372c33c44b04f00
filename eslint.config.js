// ESLint flat config for the whole repo (`npm run lint`). Type-aware: every file is linted with the
// types of the workspace tsconfig that owns it (typescript-eslint's project service), so the rules
// that catch real bugs — a promise nobody awaits, an async function where a void callback is
// expected, `await` on something that is not a promise — see what TypeScript sees.
// Kept focused: bug-catching rules only; formatting is Prettier's job (`npm run format:check`).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import keyhold from './scripts/eslint-rules.mjs';

const root = import.meta.dirname;

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/.output/**',
      '**/.wxt/**',
      '**/dist/**',
      '**/coverage/**',
      '**/.cache/**',
      'bench/results/**',
      'e2e/test-results/**',
      'e2e/playwright-report/**',
      // The type of the local rules module for the rule's unit test; nothing to lint in it.
      'scripts/eslint-rules.d.mts',
    ],
  },
  {
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: {
          // Small scripts and config files that no workspace tsconfig includes get a default
          // project with the base compiler options (the root package is "type": "module").
          allowDefaultProject: [
            '*.js',
            'scripts/*.mjs',
            'shared/scripts/*.mjs',
            'shared/scripts/*.ts',
            'shared/vitest.config.ts',
            'store-assets/*.ts',
            'sync-server/bin/*.mjs',
            'sync-server/build.mjs',
            'sync-server/vitest.config.ts',
          ],
          defaultProject: 'tsconfig.base.json',
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 12,
        },
        tsconfigRootDir: root,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.cts', '.mts', '.js', '.jsx', '.cjs', '.mjs'],
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.cts', '.mts'] },
      // Follow imports the way TypeScript does (workspace `@keyhold/shared/*` exports, `.ts`
      // extensions, WXT path aliases), so no-cycle sees the real import graph.
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          alwaysTryTypes: true,
          noWarnOnMultipleProjects: true,
          project: ['shared/tsconfig.json', 'extension/tsconfig.json', 'sync-server/tsconfig.json', 'e2e/tsconfig.json', 'bench/tsconfig.json'],
        }),
      ],
    },
    rules: {
      // The bugs this config is here for.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',

      // Noise for this codebase (turned off on purpose):
      // - Async functions without `await` are how our services implement Promise-returning
      //   interfaces (storage shims, test doubles); `async` also turns a throw into a rejection.
      '@typescript-eslint/require-await': 'off',
      // - Redundant casts (mostly `event.currentTarget as HTMLInputElement` in JSX handlers) are
      //   harmless and document the element; removing them is churn, not a bug fix.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // - We build objects of closures (`createX()` factories, hooks returning `{ setQuery() {} }`),
      //   not classes that use `this`; passing `list.setQuery` around is safe, the rule can't tell.
      '@typescript-eslint/unbound-method': 'off',
      // - Dead stores it finds here are initial values overwritten before use and the final `o++`
      //   of byte-encoding loops (shared/src/crypto/bytes.ts); harmless, and reshaping crypto loops
      //   to please a linter is risk without a bug to fix.
      'no-useless-assignment': 'off',
      // - TypeScript already reports undefined names (and knows DOM/Node/WebExtension globals per
      //   workspace); no-undef only produces false positives on type-only globals.
      'no-undef': 'off',
      // - Unused names: tsc's checks and review cover them; `_`-prefixed names are intentional.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests, e2e, benchmarks and scripts read untyped JSON (HTTP replies, CLI output, reports) and
    // check it with expect(); typing every reply is ceremony without a bug to catch. The source
    // code keeps the no-unsafe-* rules: there an `any` hides a real gap in a type.
    files: ['**/test/**', 'e2e/**', 'bench/**', 'scripts/**', '**/scripts/**', '**/*.mjs', '**/*.config.*'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The Preact UI: the hooks rules work on Preact's hooks (they go by the `use…` names).
    files: ['extension/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Every word the user reads comes from the i18n catalogue (docs/architecture.md, "Strings and locales").
    files: ['extension/src/**/*.{ts,tsx}'],
    plugins: { keyhold },
    rules: { 'keyhold/no-hardcoded-ui-text': 'error' },
  },
  {
    files: ['extension/src/**', 'e2e/pages/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.webextensions } },
  },
);
