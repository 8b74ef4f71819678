import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['contracts/**/*.test.ts', 'shared/**/*.test.ts', 'electron/**/*.test.ts', 'network/**/*.test.ts', 'renderer/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    testTimeout: 30000,
    pool: 'forks',
  },
});
