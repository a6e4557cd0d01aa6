// ESLint flat config: typescript-eslint's recommended rules for every TypeScript file; formatting is Prettier's.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const sdkImports = { name: '@ory/client-fetch', message: 'Import Kratos shapes from shared/kratos-wire.ts.' };

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'release/',
      'node_modules/',
      'test-results/',
      'test-results-keychain/',
      'playwright-report/',
      'coverage/',
      '.cache/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
    },
  },
  {
    // Kratos shapes come from one module (shared/kratos-wire.ts), which adapts the SDK's models to the JSON on
    // the wire; the whoami bench runs the SDK itself to measure against it.
    files: ['**/*.{ts,tsx}'],
    ignores: ['shared/kratos-wire.ts', 'bench/whoami.bench.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [sdkImports],
        },
      ],
    },
  },
  {
    // The window's bundle carries its own sentences only: Kratos's English (the message table's `kratos`
    // column) and the emulator stay out of it (docs/adr/0011-one-table-of-kratos-messages.md).
    // shared/flow and shared/strings are bundled into the window too (the terminal shares them).
    files: ['renderer/**/*.{ts,tsx}', 'shared/flow/**/*.ts', 'shared/strings/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [sdkImports],
          patterns: [
            {
              group: ['**/shared/kratos-messages'],
              allowTypeImports: true,
              message: "Import only types from the message table: Kratos's English stays out of the window.",
            },
            { group: ['**/emulator/**'], message: 'The window never bundles emulator code.' },
          ],
        },
      ],
    },
  },
  {
    // Issue 22: no function in main/ grows past what a reader holds at once; split it by job instead.
    files: ['main/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 150 }] },
  },
);
