import { defineProject } from 'vitest/config';

// The client's unit tests: pure logic and headless ProseMirror/Yjs (no DOM needed).
export default defineProject({
  test: { name: 'client', include: ['src/**/*.test.ts'] },
});
