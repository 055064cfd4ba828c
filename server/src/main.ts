/** Process entry: read config, start, stop cleanly on SIGTERM/SIGINT. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './env.js';
import { createLogger } from './logger.js';
import { serveMetricsOverIpc } from './metrics.js';
import { startServer } from './server.js';

const result = loadConfig();
if (!result.ok) {
  console.error('Copydesk cannot start; fix these settings:');
  for (const p of result.problems) console.error(`  - ${p}`);
  process.exit(1);
}
const config = result.config;
// server/dist/main.js and server/src/main.ts both sit two levels below the repository root.
config.clientDist ??= resolve(dirname(fileURLToPath(import.meta.url)), '../../client/dist');
const log = createLogger(config.logLevel);
// Last net under every timer and callback: a promise nobody awaited that rejects is logged
// (the newsroom keeps its server); the timers themselves catch and log their errors (guarded()).
process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled promise rejection'));

try {
  const server = await startServer(config, log);
  if (server.commitLatency) serveMetricsOverIpc(server.commitLatency);
  log.info({ port: server.port, database: config.database.kind }, `Copydesk is running at ${config.publicUrl}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} catch (err) {
  log.fatal({ err }, 'Copydesk failed to start');
  process.exit(1);
}
