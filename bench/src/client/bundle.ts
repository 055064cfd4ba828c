/**
 * The production bundle's weight per route, as a browser downloads it: the files a route
 * needs (the entry, its static imports, its stylesheets, plus the route's lazy chunk and its
 * imports), each gzipped on its own. Reads Vite's manifest when the build wrote one, else the
 * built files themselves (index.html, static and dynamic imports, __vite__mapDeps).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface RouteSize {
  /** "initial" for the entry (the first page), else the lazy chunk's name, e.g. EditorPage. */
  route: string;
  files: number;
  rawBytes: number;
  gzipBytes: number;
}

export type BundleReport = { measured: true; dist: string; routes: RouteSize[]; totalGzipBytes: number } | { measured: false; reason: string };

const gzipCache = new Map<string, number>();
function gzipSize(path: string): number {
  let n = gzipCache.get(path);
  if (n === undefined) {
    n = gzipSync(readFileSync(path), { level: 9 }).byteLength;
    gzipCache.set(path, n);
  }
  return n;
}

const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*(["'`])\.\/([^"'`]+\.js)\1/g;
const DYNAMIC_IMPORT = /\bimport\(\s*(["'`])\.\/([^"'`]+\.js)\1\s*\)(?:\s*,\s*__vite__mapDeps\(\[([\d,\s]*)\]\))?/g;
const MAP_DEPS = /m\.f=\[([^\]]*)\]/;

interface Chunk {
  file: string;
  imports: string[];
  dynamic: { file: string; deps: string[] }[];
}

function readChunk(assets: string, file: string, mapDeps: string[]): Chunk {
  const code = readFileSync(join(assets, file), 'utf8');
  const imports = [...code.matchAll(STATIC_IMPORT)].map((m) => m[2]!);
  const dynamic = [...code.matchAll(DYNAMIC_IMPORT)].map((m) => ({
    file: m[2]!,
    deps: (m[3] ?? '')
      .split(',')
      .filter((s) => s.trim() !== '')
      .map((i) => mapDeps[Number(i)])
      .filter((d): d is string => d !== undefined)
      .map((d) => basename(d)),
  }));
  return { file, imports, dynamic };
}

function closure(assets: string, start: string[], mapDeps: string[], seen = new Set<string>()): Set<string> {
  const stack = [...start];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file) || !existsSync(join(assets, file))) continue;
    seen.add(file);
    if (file.endsWith('.js')) stack.push(...readChunk(assets, file, mapDeps).imports);
  }
  return seen;
}

function sizeOf(route: string, assets: string, files: Set<string>): RouteSize {
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const f of files) {
    const path = join(assets, f);
    rawBytes += readFileSync(path).byteLength;
    gzipBytes += gzipSize(path);
  }
  return { route, files: files.size, rawBytes, gzipBytes };
}

/**
 * Chunk name without Vite's content hash (8 characters of base64url, so it may hold "-" and
 * "_"): EditorPage-mEnFPeo5.js -> EditorPage, SetupPage-DA-N_nCN.js -> SetupPage.
 */
export function chunkName(file: string): string {
  return basename(file).replace(/\.(js|css)$/, '').replace(/-[\w-]{8}$/, '');
}

export function measureBundle(dist: string): BundleReport {
  const indexHtml = join(dist, 'index.html');
  if (!existsSync(indexHtml)) return { measured: false, reason: 'client not built' };
  const assets = join(dist, 'assets');
  const html = readFileSync(indexHtml, 'utf8');
  const referenced = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1]!);
  const entryJs = referenced.filter((f) => f.endsWith('.js'));
  const entryCode = entryJs.map((f) => readFileSync(join(assets, f), 'utf8')).join('\n');
  const mapDeps = (MAP_DEPS.exec(entryCode)?.[1] ?? '')
    .split(',')
    .map((s) => s.trim().replace(/^["'`]|["'`]$/g, ''))
    .filter(Boolean);
  const initial = closure(assets, referenced, mapDeps);
  const routes: RouteSize[] = [sizeOf('initial', assets, initial)];
  const lazy = new Map<string, string[]>();
  for (const file of initial) {
    if (!file.endsWith('.js')) continue;
    for (const d of readChunk(assets, file, mapDeps).dynamic) lazy.set(d.file, d.deps);
  }
  for (const [file, deps] of lazy) {
    const css = deps.length ? deps : readdirSync(assets).filter((f) => f.endsWith('.css') && chunkName(f) === chunkName(file));
    const files = closure(assets, [file, ...css], mapDeps, new Set(initial));
    routes.push(sizeOf(chunkName(file), assets, files));
  }
  const all = readdirSync(assets).filter((f) => /\.(js|css)$/.test(f));
  const totalGzipBytes = all.reduce((n, f) => n + gzipSize(join(assets, f)), 0);
  return { measured: true, dist, routes, totalGzipBytes };
}
