/**
 * ESLint: the recommended rules, the layering of the code (which folder may import which), a few cheap type-aware
 * rules on the code that ships, and React's rules of hooks on the Custom UI.
 *
 * Layers (docs: README "Layout"):
 *   src/core    pure rules: no I/O (node:*, fs, http…), no @forge/*, nothing from src/jira|app|forge|cli or dev/
 *   src/**      ships: nothing from dev/ (the fake Jira, the demo organisation) except src/cli/connect.ts (demo mode)
 *   static/src  the Custom UI: from src/ only src/core (bundled by Vite); the resolver contract's TYPES are allowed
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

import reactHooksPlugin from 'eslint-plugin-react-hooks';

/** React's rules of hooks on the Custom UI (a dev dependency). */
const reactHooks = reactHooksPlugin;

const NODE_IO = [
  'fs',
  'fs/promises',
  'http',
  'https',
  'http2',
  'net',
  'tls',
  'dns',
  'dgram',
  'child_process',
  'cluster',
  'worker_threads',
  'os',
  'path',
  'readline',
  'stream',
  'process',
  'inspector',
  'v8',
  'vm',
  'zlib',
];

/** Imports of dev/ (the fake Jira, the demo organisation, the bench data, the preview) from src/. */
const DEV_IMPORT = {
  regex: '^(\\.\\./)+dev(/|$)',
  message:
    'src/ ships; dev/ (fake Jira, demo organisation, preview) is for development only (demo mode: src/cli/connect.ts).',
};
const DEV_IMPORT_SYNTAX = [
  {
    selector: 'ImportExpression[source.value=/^(\\.\\.\\/)+dev(\\/|$)/]',
    message: DEV_IMPORT.message,
  },
  {
    selector: "CallExpression[callee.name='require'][arguments.0.value=/^(\\.\\.\\/)+dev(\\/|$)/]",
    message: DEV_IMPORT.message,
  },
];

const CORE_MESSAGE =
  'src/core is pure: no I/O, no Forge, nothing from the Jira, app, Forge, CLI or dev layers.';
const CORE_PATTERNS = [
  { regex: '^node:', message: CORE_MESSAGE },
  { regex: '^@forge/', message: CORE_MESSAGE },
  { regex: '^\\.\\./(jira|app|forge|cli|dev)(/|$)', message: CORE_MESSAGE },
  { regex: '^\\.\\./\\.\\./', message: `${CORE_MESSAGE} (it imports only from src/core and its packages)` },
];
const CORE_SYNTAX = [
  {
    selector: 'ImportExpression[source.value=/^(node:|@forge\\/|\\.\\.\\/)/]',
    message: CORE_MESSAGE,
  },
  {
    selector: "CallExpression[callee.name='require']",
    message: CORE_MESSAGE,
  },
];

const STATIC_MESSAGE =
  'The Custom UI imports from src/ only src/core (bundled by Vite), and the resolver contract as types.';
const STATIC_PATTERNS = [
  {
    regex: '^(\\.\\./)+src/forge/contract$',
    allowTypeImports: true,
    message: `${STATIC_MESSAGE} Use "import type".`,
  },
  { regex: '^(\\.\\./)+src/(?!core/|forge/contract$)', message: STATIC_MESSAGE },
  { regex: '^(\\.\\./)+dev(/|$)', message: STATIC_MESSAGE },
  { regex: '^node:', message: 'The Custom UI runs in the browser: no Node modules.' },
];

const typeAware = {
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
  '@typescript-eslint/await-thenable': 'error',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'static/build/**', 'coverage/**', 'artifacts/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  // The code that ships: promises are awaited or handled (type-aware, on the two TypeScript projects).
  {
    files: ['src/**/*.ts', 'static/src/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: typeAware,
  },
  // Layering.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/core/**', 'src/cli/connect.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [DEV_IMPORT] }],
      'no-restricted-syntax': ['error', ...DEV_IMPORT_SYNTAX],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: NODE_IO, patterns: CORE_PATTERNS }],
      'no-restricted-syntax': ['error', ...CORE_SYNTAX],
    },
  },
  {
    files: ['static/src/**/*.{ts,tsx}'],
    languageOptions: {
      globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', HTMLElement: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: STATIC_PATTERNS }],
    },
  },
  ...(reactHooks
    ? [
        {
          files: ['static/src/**/*.tsx'],
          plugins: { 'react-hooks': reactHooks },
          rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
        },
      ]
    : []),
);
