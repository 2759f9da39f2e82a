import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Test files share a worker's loaded modules (no file mutates module state without restoring it): the suite's
    // time was a third module loading when every file imported src/ afresh.
    isolate: false,
    // Both cores: much of a browser test is waiting on Chromium's processes, and vitest's default leaves one core idle.
    maxWorkers: 2,
    reporters: ['default', './test/helpers/summaryReporter.ts'],
  },
});
