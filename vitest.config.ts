import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // the files of a worker share one module graph: the app, its route modules and zod schemas are built once per
    // worker, not once per file (each file still gets its own database; nothing a test relies on lives in module state)
    isolate: false,
    maxWorkers: 2,
    reporters: ['default'],
  },
});
