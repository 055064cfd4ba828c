/**
 * The floor: a WebSocket relay that forwards every frame to the other sockets of the same
 * room, bytes untouched, with no Yjs at all. Anything a collaboration server spends above
 * this is the price of understanding the document.
 */
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { PeerHandle } from './peer.js';

export async function startRelay(port: number): Promise<PeerHandle> {
  const rooms = new Map<string, Set<WebSocket>>();
  const wss = new WebSocketServer({ noServer: true });
  const http = createServer((_req, res) => res.end('relay'));
  wss.on('connection', (ws, req) => {
    const name = req.url ?? '/';
    let room = rooms.get(name);
    if (!room) rooms.set(name, (room = new Set()));
    room.add(ws);
    ws.on('message', (data: Buffer) => {
      for (const peer of room) if (peer !== ws && peer.readyState === peer.OPEN) peer.send(data);
    });
    ws.on('close', () => {
      room.delete(ws);
      if (room.size === 0) rooms.delete(name);
    });
    ws.on('error', () => ws.terminate());
  });
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
