// Lint keeps the layers apart (the picture and table are in docs/architecture.md): shared imports nothing of ours
// and nothing runtime-specific; renderer imports only shared, and inside it the shell sits above the features,
// which sit above ui/actions/stores/api; electron and network import shared but never renderer; the node never
// imports the workstation; the store never imports the services above it. A violation fails as "Bad layering".
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'http', 'https', 'crypto', 'child_process', 'worker_threads', 'net', 'stream', 'url', 'util', 'zlib', 'events', 'buffer'];
const nodeOnly = [...nodeBuiltins.flatMap((m) => [m, `node:${m}`, `node:${m}/*`]), 'better-sqlite3', 'electron', 'sharp', 'keccak', 'secp256k1'];

const rendererPaths = nodeOnly.map((name) => ({ name, message: 'Bad layering: the renderer talks only to window.tagger.' }));
const rendererPatterns = [{ group: ['**/electron/**', '**/network/**'], message: 'Bad layering: renderer imports only shared/.' }];

/** One no-restricted-imports rule (a later block for the same files replaces it, so each block lists all its limits). */
function restrict(paths, patterns) {
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

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
    rules: restrict(
      nodeOnly.map((name) => ({ name, message: 'Bad layering: shared/ must not use Node-only or Electron modules.' })),
      [{ group: ['**/electron/**', '**/renderer/**', '**/network/**'], message: 'Bad layering: shared/ imports nothing of ours.' }],
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: restrict(rendererPaths, rendererPatterns),
  },
  // Inside the renderer: the shell composes the features, features build on ui/actions/stores/api, never upward.
  {
    files: ['renderer/features/**/*.ts', 'renderer/features/**/*.tsx'],
    rules: restrict(rendererPaths, [...rendererPatterns, { group: ['**/shell/**'], message: 'Bad layering: features do not import the shell; shared UI goes in renderer/ui or features/workspace.' }]),
  },
  {
    files: ['renderer/{ui,actions,stores,api}/**/*.ts', 'renderer/{ui,actions,stores,api}/**/*.tsx'],
    rules: restrict(rendererPaths, [...rendererPatterns, { group: ['**/shell/**', '**/features/**'], message: 'Bad layering: ui/, actions/, stores/ and api/ sit below the features and the shell.' }]),
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/cli/**', '**/*.test.ts', '**/testing/**'],
    rules: restrict([], [
      { group: ['**/renderer/**'], message: 'Bad layering: nothing imports renderer/.' },
      // The verification of signed items is one piece of code for the node and `tagger verify` (network/verify).
      { regex: '(^|/)network/(?!verify/)', message: 'Bad layering: the core talks to a node over HTTP; only the CLI (tagger node) starts one.' },
    ]),
  },
  {
    files: ['electron/store/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict([], [
      { group: ['**/renderer/**', '**/network/**'], message: 'Bad layering: nothing imports renderer/.' },
      { regex: '^(\\.\\./)+(core|audio|image|import|formats|sync|wallet|media|server|cli|review)/', message: 'Bad layering: the store sits below the services and the core; it imports only store/ and shared/.' },
    ]),
  },
  {
    files: ['electron/cli/**/*.ts', 'electron/**/*.test.ts', 'electron/**/testing/**/*.ts'],
    rules: restrict([], [{ group: ['**/renderer/**'], message: 'Bad layering: nothing imports renderer/.' }]),
  },
  {
    files: ['network/**/*.ts'],
    rules: restrict([], [{ group: ['**/renderer/**', '**/electron/**'], message: 'Bad layering: the node imports only network/ and shared/; it runs without the workstation.' }]),
  },
);
