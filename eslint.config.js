// Lint, including the layer rules of DESIGN.md: a layer that imports what it must not fails the build.
import { builtinModules } from 'node:module';

import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = (allowed = []) =>
  builtinModules
    .filter((name) => !name.startsWith('_'))
    .flatMap((name) => [name, `node:${name}`])
    .filter((name) => !allowed.includes(name));

const electronOnly = {
  name: 'electron',
  message: "Only src/main/electron and src/preload may import 'electron' (DESIGN.md, layers).",
};
const nodeOnlyPackages = ['better-sqlite3', '@azure/msal-node', '@microsoft/microsoft-graph-client'];

const restrict = ({ paths = [], patterns = [] }) => ['error', { paths, patterns }];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'reports/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-restricted-imports': restrict({ paths: [electronOnly] }),
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests build stand-ins for Electron objects, so they may use its types (never its code).
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict({ paths: [{ ...electronOnly, allowTypeImports: true }] }),
    },
  },
  {
    files: ['src/main/electron/**', 'src/preload/**'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    // shared: pure TypeScript used everywhere – no Node, no Electron, no UI, no native modules.
    files: ['src/shared/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict({
        paths: [electronOnly, ...nodeBuiltins(), ...nodeOnlyPackages, 'react', 'react-dom'],
        patterns: [{ group: ['**/core/*', '**/main/*', '**/sim/*', '**/preload/*', '**/renderer/*'], message: 'src/shared imports nothing of the other layers.' }],
      }),
    },
  },
  {
    // core: pure domain logic – no I/O; the only Node API is crypto hashing.
    files: ['src/core/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict({
        paths: [electronOnly, ...nodeBuiltins(['crypto', 'node:crypto']), ...nodeOnlyPackages, 'react', 'react-dom'],
        patterns: [{ group: ['**/main/*', '**/sim/*', '**/preload/*', '**/renderer/*'], message: 'src/core imports only src/shared and itself.' }],
      }),
    },
  },
  {
    files: ['src/sim/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict({
        paths: [electronOnly],
        patterns: [{ group: ['**/main/*', '**/preload/*', '**/renderer/*'], message: 'src/sim never imports main (DESIGN.md).' }],
      }),
    },
  },
  {
    // renderer: React, its own files and src/shared – nothing else.
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict({
        paths: [electronOnly, ...nodeBuiltins(), ...nodeOnlyPackages],
        patterns: [{ group: ['**/core/*', '**/main/*', '**/sim/*', '**/preload/*'], message: 'The renderer imports only src/shared and its own files; it reaches main through the IPC client.' }],
      }),
    },
  },
);
