import { defineConfig } from 'vitest/config';

// One `vitest run` for everything; projects split unit, API and browser tests so each can be run alone
// (`vitest run --project api`). API and browser tests run on PGlite, or on TEST_DATABASE_URL when set.
export default defineConfig({
  test: {
    reporters: process.env.VITEST_JSON ? ['default', ['json', { outputFile: process.env.VITEST_JSON }]] : ['default'],
    projects: [
      { test: { name: 'shared', include: ['packages/*/src/**/*.test.ts'], environment: 'node' } },
      // The web app's pure functions (parsers, formatters, the lead-edit diff) and its import rules; no DOM needed.
      { test: { name: 'web', include: ['apps/web/src/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'api',
          include: ['apps/api/src/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/setup/migrate-server-db.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/setup/migrate-server-db.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Browser tests share the 2 cores with Chromium: one file at a time, and only after the unit and API
          // tests have finished (a later group), so a loaded machine does not make clicks race the page.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          // A page under CI load may take seconds to settle; polls wait for it rather than the 1 s default.
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
    ],
  },
});
