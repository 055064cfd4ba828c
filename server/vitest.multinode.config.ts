import { defineProject } from 'vitest/config';

// Several server processes, one PostgreSQL, one Redis: kept apart from the `server` project so
// that its second pass (on PostgreSQL) does not repeat these, and so they can be run alone.
export default defineProject({
  test: {
    name: 'multinode',
    include: ['test/multinode/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
