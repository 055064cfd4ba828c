import { configDefaults, defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'server',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Needs several processes, PostgreSQL and Redis: its own project (vitest.multinode.config.ts).
    exclude: [...configDefaults.exclude, 'test/multinode/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
