import { defineConfig } from 'vitest/config';

// Integration tests share one real Redis but each uses its own key prefix, so files may run in parallel.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
