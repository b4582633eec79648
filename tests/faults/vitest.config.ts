import { defineConfig } from 'vitest/config';

// The fault tests (`pnpm test:faults`): each file starts its own Postgres cluster and app processes and breaks them
// on purpose, so files run one at a time and apart from `pnpm test`. Loopback only; every load loop is bounded.
export default defineConfig({
  test: {
    name: 'faults',
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/faults/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 180_000,
    reporters: process.env.VITEST_JSON ? ['default', ['json', { outputFile: process.env.VITEST_JSON }]] : ['default'],
  },
});
