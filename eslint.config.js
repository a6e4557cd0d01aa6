// ESLint flat config: typescript-eslint's recommended rules for every TypeScript file; formatting is Prettier's.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
          paths: [{ name: '@ory/client-fetch', message: 'Import Kratos shapes from shared/kratos-wire.ts.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
