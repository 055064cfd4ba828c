import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVERS, launch } from './servers/launch.js';
import { buildHistory, coldLoad } from './cold-load.js';
const dataDir = mkdtempSync(join(tmpdir(), 'bench-'));
const h = buildHistory(Number(process.env.EDITS ?? 1000));
const server = await launch(SERVERS.find((s) => s.name === (process.argv[2] ?? 'hocuspocus'))!, { cpus: undefined, dataDir });
try { console.log(JSON.stringify(await coldLoad(server, h, 1))); } finally { await server.stop(); }
