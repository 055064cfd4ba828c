import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['shared', 'server', 'server/vitest.multinode.config.ts'],
  },
});
