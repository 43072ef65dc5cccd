import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string): string => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

// Tests run against the TypeScript sources (no build needed for unit tests);
// browser tests under e2e/ start the built server, so `npm test` builds first.
export default defineConfig({
  resolve: {
    alias: {
      '@rapport/storage/testing': fileURLToPath(new URL('./packages/storage/src/testing/index.ts', import.meta.url)),
      '@rapport/core/analytics': fileURLToPath(new URL('./packages/core/src/analytics/index.ts', import.meta.url)),
      '@rapport/core': src('core'),
      '@rapport/storage': src('storage'),
      '@rapport/web': src('web'),
      '@rapport/server': src('server'),
    },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } },
  test: {
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'content/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['./vitest.global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
