import { configDefaults, defineConfig } from 'vitest/config';

/** Tests that measure the event loop's gaps or kill processes: each in a fresh module graph and heap of its own. */
const isolated = ['test/integration/stall*.test.ts', 'test/integration/local-kill.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...isolated],
          // the files of a worker share one module graph: the app, its route modules and zod schemas are built once per
          // worker, not once per file (each file still gets its own database; nothing a test relies on lives in module state)
          isolate: false,
        },
      },
      { extends: true, test: { name: 'isolated', include: isolated, isolate: true } },
    ],
  },
});
