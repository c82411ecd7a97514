import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql ships both .mjs and .js; Pothos loads the CommonJS build, so tests must too, or
  // graphql sees two copies of its own classes ("from another module or realm").
  // `@test/support/…` and `@test/gql/…`: one name for the test harness from any test, wherever it lives
  // (tsconfig `paths` in test/ and packages/server say the same to the type-checker).
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }, { find: /^@test\//, replacement: fileURLToPath(new URL('./test/', import.meta.url)) }] },
  test: {
    include: ['test/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores here: more workers only contend for the same PostgreSQL.
    maxWorkers: 2,
    // Every test file's servers share 127.0.0.1's count on the shared database: the rate-limit
    // tests turn limits on for servers of their own (test/partners/rate-limits.test.ts).
    env: { INSYN_RATE_LIMIT: 'off' },
  },
});
