// Bundles the server, the shared package (TypeScript source) and their pure-JS dependencies
// into dist/main.js (or the path given as the first argument), so the built server does not
// depend on pnpm's per-package node_modules layout. Native and optional modules stay external
// and load from server/node_modules: @node-rs/argon2 picks a per-platform `.node` binary at
// run time, which esbuild cannot bundle.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  outfile: process.argv[2] ?? 'dist/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3', '@node-rs/argon2', 'pg', 'pg-native', 'bufferutil', 'utf-8-validate'],
  // CommonJS dependencies call require(); give the ESM bundle a real one.
  banner: { js: "import { createRequire as __cdRequire } from 'node:module'; const require = __cdRequire(import.meta.url);" },
  logLevel: 'warning',
});
