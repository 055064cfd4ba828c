/**
 * The reference y-websocket server (@y/websocket-server 0.1.1, the last release that works
 * with yjs 13) exactly as its own bin/server.js wires it: in memory, no auth, one Y.Doc per
 * room name kept for the life of the process.
 */
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';
import type { PeerHandle } from './peer.js';

export async function startReference(port: number): Promise<PeerHandle> {
  const wss = new WebSocketServer({ noServer: true });
  const http = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('okay');
  });
  wss.on('connection', (ws, req) => setupWSConnection(ws, req));
  http.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  return {
    metrics: () => ({ commitMs: [], waitingMs: [] }),
    async stop() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise((r) => http.close(r));
    },
  };
}
