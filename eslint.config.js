// Lint keeps the layers apart (see ../shared/ARCHITECTURE.md): shared imports nothing of ours and nothing
// runtime-specific; renderer imports only shared; electron and network import shared but never renderer.
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'http', 'https', 'crypto', 'child_process', 'worker_threads', 'net', 'stream', 'url', 'util', 'zlib', 'events', 'buffer'];
const nodeOnly = [...nodeBuiltins.flatMap((m) => [m, `node:${m}`, `node:${m}/*`]), 'better-sqlite3', 'electron', 'sharp', 'keccak', 'secp256k1'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'test-results/**', 'playwright-report/**', 'resources/demo/**/*.js'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeOnly.map((name) => ({ name, message: 'Bad layering: shared/ must not use Node-only or Electron modules.' })),
        patterns: [{ group: ['**/electron/**', '**/renderer/**', '**/network/**'], message: 'Bad layering: shared/ imports nothing of ours.' }],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeOnly.map((name) => ({ name, message: 'Bad layering: the renderer talks only to window.tagger.' })),
        patterns: [{ group: ['**/electron/**', '**/network/**'], message: 'Bad layering: renderer imports only shared/.' }],
      }],
    },
  },
  {
    files: ['electron/**/*.ts', 'network/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/renderer/**'], message: 'Bad layering: nothing imports renderer/.' }],
      }],
    },
  },
);
