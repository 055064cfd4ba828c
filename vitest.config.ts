import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['shared', 'server', 'client', 'server/vitest.multinode.config.ts', 'bench'],
  },
});
