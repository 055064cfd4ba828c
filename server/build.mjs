// Bundles the server, the shared package (TypeScript source) and their pure-JS dependencies
// into dist/main.js, so the built server does not depend on pnpm's per-package node_modules
// layout. Native and optional modules stay external and load from server/node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3', 'pg', 'pg-native', 'bufferutil', 'utf-8-validate'],
  // CommonJS dependencies call require(); give the ESM bundle a real one.
  banner: { js: "import { createRequire as __cdRequire } from 'node:module'; const require = __cdRequire(import.meta.url);" },
  logLevel: 'warning',
});
