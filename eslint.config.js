// Type-aware lint for the server, benches, tests, scripts and the SPA (web/).
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const shared = {
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
  // Fastify handlers and driver interfaces are async by contract even when they do not await.
  '@typescript-eslint/require-await': 'off',
  '@typescript-eslint/no-explicit-any': 'error',
  '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
  'no-console': ['error'],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'bench/.build/**',
      'scripts/**/*.mjs',
      'scripts/**/*.d.mts',
      'web/dist/**',
      'web/src/api/schema.d.ts',
      'node_modules/**',
      'data/**',
      '.cache/**',
      'eslint.config.js',
      '.dependency-cruiser.cjs',
      // Import-rule violations on purpose, for scripts/check-boundaries.mjs.
      'test/boundaries-fixture/**',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['web/**'],
    languageOptions: {
      parserOptions: { project: './tsconfig.check.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: shared,
  },
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: {
      parserOptions: { project: './web/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      ...shared,
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // Components reach the API only through api/ (the generated client and its query hooks).
      'no-restricted-globals': ['error', { name: 'fetch', message: 'use the typed client in web/src/api/' }],
    },
  },
  {
    // The chat widget: plain DOM for other sites, its own tsconfig, and fetch (no SPA client there).
    files: ['web/widget/**/*.ts'],
    languageOptions: {
      parserOptions: { project: './web/widget/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: { ...shared, 'no-restricted-globals': 'off' },
  },
  {
    files: ['web/src/api/**'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['src/cli.ts', 'src/cli/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
